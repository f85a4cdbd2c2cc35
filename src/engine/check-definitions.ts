/**
 * Checks what a bot author passes to `defineDialog`, `dialogFromMachine` and `defineBot`, when they
 * call it: an option of the wrong type (`fulfil: 'done'`, `maxAttempts: 0`, a `null` dialog, a
 * misspelt `fulfill`) is a DialogDefinitionError naming the option, not a failure mid-conversation.
 */
import * as z from 'zod';
import { DialogDefinitionError } from '../core/errors.js';
import { isTimeZone } from '../core/clock.js';
import { parseOnce } from '../core/parse-once.js';
import { valueAt } from '../core/value-at.js';
import { closest } from '../content/suggest.js';
import { checkBotTemplates, checkDialogTemplates } from './check-templates.js';
import { describeKind } from './describe-kind.js';

/** The longest delay a Node.js timer takes (about 24.8 days). */
const maxTimerMs = 2 ** 31 - 1;

const fn = z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', 'a function');
const text = z.string().min(1, 'a non-empty string');
const texts = z.union([text, z.array(text).min(1)], 'text or a non-empty list of texts');
const timeoutMs = z.number().int().min(1).max(maxTimerMs);
/** Titles go mid-sentence ("I can {title}. Just tell me…", "Back to {resumeTitle}."): a final stop would double up. */
const title = text.refine((value) => !/[.!?。]\s*$/.test(value), 'a phrase that fits mid-sentence, without a final "." ("book a technician visit")');

/** An xstate machine, recognised by the methods the engine calls on it. */
export function isMachine(value: unknown): boolean {
  const machine = value as { transition?: unknown; getInitialSnapshot?: unknown; id?: unknown } | null;
  return typeof machine === 'object' && machine !== null && typeof machine.transition === 'function' && typeof machine.getInitialSnapshot === 'function' && typeof machine.id === 'string';
}

const slotOptions = z.strictObject({
  type: text.optional(),
  prompt: texts.optional(),
  reprompt: texts.optional(),
  help: text.optional(),
  maxAttempts: z.number().int().min(1).max(100).optional(),
  required: z.boolean().optional(),
  multiple: z.boolean().optional(),
  label: text.optional(),
  validate: fn.optional(),
});

const dialogSpec = z.strictObject({
  intent: text,
  title: title.optional(),
  resumeTitle: title.optional(),
  slots: z.record(z.string(), slotOptions.optional()).optional(),
  confirm: z.union([z.boolean(), text]).optional(),
  changeable: z.union([z.boolean(), text], 'true, false or the text of the offer').optional(),
  fulfil: fn.optional(),
  queue: z.union([text, fn]).optional(),
  timeoutMs: timeoutMs.optional(),
});

const machineOptions = z.strictObject({
  intent: text.optional(),
  title: title.optional(),
  resumeTitle: title.optional(),
  queue: text.optional(),
  timeoutMs: timeoutMs.optional(),
});

/** A chip is one click to send, as many as a reply's quick replies. */
const maxSuggestions = 6;

const welcomeOptions = z.strictObject({
  say: texts.optional(),
  suggestions: z.array(text).max(maxSuggestions, `at most ${maxSuggestions} suggestions`).optional(),
});

const dialogLike = z.custom((value) => {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return kind === 'spec' || kind === 'machine' || isMachine(value);
}, 'a dialog from defineDialog or dialogFromMachine, or an xstate machine');

const botDefinition = z.strictObject({
  name: text,
  intents: z.union([text, z.instanceof(URL), z.custom((value) => typeof value === 'object' && value !== null && 'locales' in value)], 'a folder path, a file URL or an intent model'),
  dialogs: z.array(dialogLike),
  defaultLocale: text.optional(),
  timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as "America/New_York"').optional(),
  defaultQueue: text.optional(),
  messages: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  maxMessageLength: z.number().int().min(1).max(100_000).optional(),
  // Up to a year: beyond that nothing keeps the conversation anyway.
  idleTimeoutMinutes: z.number().positive().max(366 * 24 * 60).optional(),
  welcome: welcomeOptions.optional(),
});

/** Throws a DialogDefinitionError naming the first bad option of a `defineDialog` spec. */
export function checkDialogSpec(spec: unknown): void {
  const intent = typeof (spec as { intent?: unknown } | null)?.intent === 'string' ? (spec as { intent: string }).intent : '(no intent)';
  if (typeof spec !== 'object' || spec === null) throw new DialogDefinitionError(intent, `defineDialog takes an object of options, not ${describeKind(spec, { wholeNumbers: true })}`);
  check(dialogSpec, spec, { name: intent, subject: 'dialog', known: dialogKeys });
  checkDialogTemplates(spec as Record<string, unknown>, { name: intent, subject: 'dialog' });
}

/** Throws a DialogDefinitionError naming the first bad argument of `dialogFromMachine`. */
export function checkMachineDialog(machine: unknown, options: unknown): void {
  const name = typeof (options as { intent?: unknown } | null)?.intent === 'string' ? (options as { intent: string }).intent : String((machine as { id?: unknown } | null)?.id ?? '(no id)');
  if (!isMachine(machine)) throw new DialogDefinitionError(name, `dialogFromMachine takes an xstate machine (createMachine or setup().createMachine), not ${describeKind(machine, { wholeNumbers: true })}`, { option: 'machine' });
  check(machineOptions, options ?? {}, { name, subject: 'dialog', known: Object.keys(machineOptions.shape) });
}

/** Throws a DialogDefinitionError naming the first bad option of a bot definition. */
export function checkBotDefinition(definition: unknown): void {
  const name = typeof (definition as { name?: unknown } | null)?.name === 'string' ? (definition as { name: string }).name : '(no name)';
  if (typeof definition !== 'object' || definition === null) throw new DialogDefinitionError(name, `defineBot takes an object of options, not ${describeKind(definition, { wholeNumbers: true })}`, { subject: 'bot' });
  check(botDefinition, definition, { name, subject: 'bot', known: Object.keys(botDefinition.shape) });
  checkBotTemplates(definition as Record<string, unknown>, { name, subject: 'bot' });
}

const dialogKeys = Object.keys(dialogSpec.shape);
const slotKeys = Object.keys(slotOptions.shape);
const welcomeKeys = Object.keys(welcomeOptions.shape);

function check(schema: z.ZodType, value: unknown, where: { name: string; subject: 'dialog' | 'bot'; known: string[] }): void {
  const result = schema.safeParse(value, parseOnce);
  if (result.success) return;
  const issue = result.error.issues[0]!;
  // An unknown key is the option at fault itself: `fulfill`, `slots.date.validator`.
  const option = optionPath(issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path);
  throw new DialogDefinitionError(where.name, describe(issue, option, value, where.known), { option, subject: where.subject });
}

function describe(issue: z.core.$ZodIssue, option: string, root: unknown, known: string[]): string {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const inSlot = issue.path[0] === 'slots';
    const inWelcome = issue.path[0] === 'welcome';
    const candidates = inSlot ? slotKeys : inWelcome ? welcomeKeys : known;
    const suggestion = closest(key, candidates);
    const where = inSlot ? `slot option ${String(issue.path[1])}.${key}` : `option ${inWelcome ? 'welcome.' : ''}${key}`;
    return `unknown ${where}${suggestion ? `; did you mean ${suggestion}?` : `; the options are ${candidates.join(', ')}`}`;
  }
  const actual = describeKind(valueAt(root, issue.path), { wholeNumbers: true });
  if (option === '') return `${issue.message} (got ${actual})`;
  return `${option} must be ${expected(issue)} (got ${actual})`;
}

/** What the option should be, in words. */
function expected(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small' && issue.origin === 'number') return `a whole number of at least ${String(issue.minimum)}`;
  if (issue.code === 'too_big' && issue.origin === 'number') return `a whole number of at most ${String(issue.maximum)}`;
  if (issue.code === 'too_small') return 'not empty';
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'a whole number';
  if (issue.code === 'invalid_type') return expectedType(issue.expected, issue.message);
  return issue.message.replace(/^Invalid input: expected /, 'a ');
}

function expectedType(type: string, message: string): string {
  const words: Record<string, string> = { string: 'a string', number: 'a number', boolean: 'true or false', array: 'a list', object: 'an object', record: 'an object' };
  if (type === 'custom') return message;
  return words[type] ?? message;
}

function optionPath(path: readonly PropertyKey[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`)).join('');
}
