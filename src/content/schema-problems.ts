/** Turns zod issues into problems a content designer can act on, placed at the YAML node at fault. */
import type * as z from 'zod';
import type { IntentFileProblem } from '../core/errors.js';
import { valueAt } from '../core/value-at.js';
import { describePath, describeValue, mappingKind } from './describe-path.js';
import { allowedKeys } from './intent-schema.js';
import type { ContentPath, Locate } from './locate.js';
import { problemAt } from './locate.js';
import { closest, listWords } from './suggest.js';

const promptText = 'text or a list of texts';
const texts = 'a list of texts';
const expectations: Record<string, string> = {
  name: 'a name',
  type: 'a slot type name (date, time, number… or one of your slot types)',
  required: 'true or false',
  multiple: 'true or false',
  restrict: 'true or false',
  caseInsensitive: 'true or false',
  prompt: promptText,
  reprompt: promptText,
  fulfilled: promptText,
  declined: promptText,
  confirmation: 'text, or a mapping with `prompt` and optionally `declined`',
  maxAttempts: 'a whole number of 1 or more',
  aliases: texts,
  synonyms: texts,
  examples: texts,
  utterances: 'a list of utterances',
  slots: 'a list of slots',
  values: 'a list of values',
  intents: 'a list of intents',
  slotTypes: 'a list of slot types',
  transform: 'none, upper or lower',
  lex: 'a mapping of Lex settings',
  'lex[]': 'a mapping with `name` and optionally `parentIntentSignature`',
  parentIntentSignature: 'a Lex built-in intent, such as AMAZON.RepeatIntent',
  allowInterrupt: 'true or false',
  allowAudioInput: 'true or false',
  allowDTMFInput: 'true or false',
  attempts: 'a mapping from Initial, Retry1… Retry5 to input settings',
  startTimeoutMs: 'a whole number of milliseconds',
  maxLengthMs: 'a whole number of milliseconds',
  endTimeoutMs: 'a whole number of milliseconds',
  maxLength: 'a whole number of keys, 1 to 1024',
  'utterances[]': 'text',
  'slots[]': 'a mapping with `name` and `type`',
  'values[]': 'text, or a mapping with `value` and `synonyms`',
  'intents[]': 'a mapping with `name` and `utterances`',
  'slotTypes[]': 'a mapping with `name` and `values` or `pattern`',
};

const quoteHint = 'quote text with slot markup when it starts with `{` or sits in [ ]: - "{date} works for me"';

export interface IssueContext {
  root: unknown;
  locate: Locate;
}

/** Checks the value at `path` against `schema`, adding a problem for each issue. */
export function parseAt<Schema extends z.ZodType>(
  schema: Schema,
  path: ContentPath,
  context: IssueContext,
  problems: IntentFileProblem[],
  lenient?: z.ZodObject,
): z.output<Schema> | undefined {
  const value = valueAt(context.root, path);
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    problems.push(...issueProblems({ ...issue, path: [...path, ...issue.path] }, context));
  }
  // Keep what is valid: drop each key that has an issue and check the rest again. `lenient` keeps a
  // badly spelt name, so the rest of the entry is still checked (the caller then leaves it out).
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const stripped: Record<PropertyKey, unknown> = { ...value };
  for (const issue of result.error.issues) {
    const keys = issue.path.length > 0 ? [issue.path[0]!] : issue.code === 'unrecognized_keys' ? issue.keys : [];
    for (const key of keys) {
      const field = lenient?.shape[String(key)];
      if (!field?.safeParse(stripped[key]).success) delete stripped[key];
    }
  }
  const second = (lenient ?? schema).safeParse(stripped);
  return second.success ? (second.data as z.output<Schema>) : undefined;
}

function issueProblems(issue: z.core.$ZodIssue, context: IssueContext): IntentFileProblem[] {
  const { root, locate } = context;
  const path = issue.path;
  const value = valueAt(root, path);
  const subject = describePath(root, path);
  const expected = expectationFor(path);
  const at = locate(path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => unknownKey(key, path, context));
    case 'invalid_union': {
      if (value === null) return [problemAt(locate(path, { key: true }), `${subject} is empty`, `give it ${expected}`)];
      const branch = issue.errors.find((issues) => !issues.some((i) => i.path.length === 0 && i.code === 'invalid_type'));
      if (branch) return branch.flatMap((inner) => issueProblems({ ...inner, path: [...path, ...inner.path] }, context));
      return [wrongType(subject, value, expected, at)];
    }
    case 'invalid_type': {
      if (value === null) return [problemAt(locate(path, { key: true }), `${subject} is empty`, `give it ${expected}`)];
      if (value === undefined) {
        const owner = describePath(root, path.slice(0, -1));
        const key = String(path.at(-1));
        return [problemAt(locate(path.slice(0, -1)), `${owner} needs \`${key}\``, `add \`${key}:\` with ${expected}`)];
      }
      return [wrongType(subject, value, expected, at)];
    }
    case 'invalid_format': {
      if (path.at(-1) !== 'name') return [problemAt(at, `${subject} must be ${issue.message}, not \`${String(value)}\``)];
      const kind = mappingKind(path.slice(0, -1)) ?? 'item';
      return [
        problemAt(at, `\`${String(value)}\` is not a valid ${kind} name`, `${nameRule}, e.g. ${suggestName(String(value))}`),
      ];
    }
    case 'too_small':
      // Whole numbers only here: "positive" is 1 or more.
      if (issue.origin === 'number') return [problemAt(at, `${subject} must be ${issue.inclusive === false ? Number(issue.minimum) + 1 : String(issue.minimum)} or more`)];
      return [problemAt(at, `${subject} is empty`, `give it ${expected}`)];
    case 'too_big':
      if (issue.origin === 'number') return [problemAt(at, `${subject} must be at most ${String(issue.maximum)}`)];
      return [problemAt(at, `${subject} is longer than ${String(issue.maximum)} characters`)];
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const near = closest(String(value), allowed);
      const message = `${subject} must be ${listWords(allowed)}, not \`${String(value)}\``;
      return [problemAt(at, message, near ? `did you mean \`${near}\`?` : undefined)];
    }
    default:
      return [problemAt(at, `${subject}: ${issue.message}`)];
  }
}

const nameRule = 'names use letters and digits, joined by at most one `_` or `-`, up to 100 characters';

function wrongType(subject: string, value: unknown, expected: string, at: ReturnType<Locate>): IntentFileProblem {
  const hint = typeof value === 'object' && value !== null && !Array.isArray(value) && expected.startsWith('text')
    ? quoteHint
    : undefined;
  return problemAt(at, `${subject} should be ${expected}, not ${describeValue(value)}`, hint);
}

function unknownKey(key: string, path: ContentPath, context: IssueContext): IntentFileProblem {
  const kind = mappingKind(path);
  const allowed: readonly string[] = kind ? allowedKeys[kind] : [];
  const near = closest(key, allowed);
  // A key that is right elsewhere (`synonyms` on a slot type rather than a value) is worth saying so.
  const elsewhere = Object.entries(allowedKeys)
    .map(([otherKind, keys]: [string, readonly string[]]) => [otherKind, keys.includes(key) ? key : closest(key, keys)] as const)
    .find(([otherKind, match]) => otherKind !== kind && match !== undefined);
  const hint = near
    ? `did you mean \`${near}\`?`
    : elsewhere
      ? `\`${elsewhere[1]}\` belongs in ${article(elsewhere[0])}, not in ${article(kind ?? 'this mapping')}`
      : `allowed keys: ${allowed.join(', ')}`;
  return problemAt(context.locate([...path, key], { key: true }), `${describePath(context.root, path)} has an unknown key \`${key}\``, hint);
}

function article(kind: string): string {
  return kind === 'file' ? 'the top of the file' : kind === 'intent' ? 'an intent' : `a ${kind}`;
}

function expectationFor(path: ContentPath): string {
  const last = path.at(-1);
  const key = typeof last === 'number' ? `${String(path.at(-2))}[]` : String(last);
  return expectations[key] ?? 'text';
}

/** `Book Appointment!` -> `BookAppointment`, as a starting point for a valid name. */
function suggestName(written: string): string {
  const words = written.split(/[^0-9a-zA-Z]+/).filter(Boolean);
  const joined = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
  return joined === '' ? 'BookAppointment' : joined.slice(0, 100);
}
