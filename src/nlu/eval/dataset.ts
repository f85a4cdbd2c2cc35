/**
 * Labelled NLU datasets (the format is in docs/nlu-eval.md): read once at the boundary, checked with zod,
 * so the evaluator can trust them. Errors name the file and the field at fault.
 */
import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import { ConfigurationError } from '../../core/errors.js';

const slotSpanSchema = z.object({
  name: z.string().trim().min(1, 'a slot needs a name'),
  value: z.string().min(1, 'a slot value cannot be empty'),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});

const exampleSchema = z
  .object({
    text: z.string().trim().min(1, 'text cannot be empty'),
    intent: z.string().trim().min(1, 'an example needs an intent'),
    slots: z.array(slotSpanSchema).optional(),
  })
  .superRefine((example, context) => {
    const spans = [...(example.slots ?? [])].map((slot, index) => ({ slot, index })).sort((a, b) => a.slot.start - b.slot.start);
    let previousEnd = 0;
    for (const { slot, index } of spans) {
      const issue = (message: string) => context.addIssue({ code: 'custom', path: ['slots', index], message });
      if (slot.end <= slot.start || slot.end > example.text.length) {
        issue(`start ${slot.start} and end ${slot.end} are not a span of the text (${example.text.length} characters; end is exclusive)`);
      } else if (example.text.slice(slot.start, slot.end) !== slot.value) {
        issue(`value ${JSON.stringify(slot.value)} is not the text at ${slot.start}–${slot.end}, which is ${JSON.stringify(example.text.slice(slot.start, slot.end))}`);
      } else if (slot.start < previousEnd) {
        issue(`slot ${slot.name} overlaps the slot before it`);
      }
      previousEnd = Math.max(previousEnd, slot.end);
    }
  });

const splitSchema = z.array(exampleSchema);

const datasetSchema = z.object({
  name: z.string().optional(),
  intents: z.array(z.string().trim().min(1)).min(1, 'list at least one intent'),
  train: splitSchema.min(1, 'the train split is empty'),
  test: splitSchema.min(1, 'the test split is empty'),
  val: splitSchema.optional(),
  oos_train: splitSchema.optional(),
  oos_val: splitSchema.optional(),
  oos_test: splitSchema.optional(),
});

export type SlotSpan = z.output<typeof slotSpanSchema>;
export type DatasetExample = z.output<typeof exampleSchema>;

/** A dataset, checked: every span is where it says, every in-scope example has a listed intent. */
export interface Dataset {
  name: string;
  intents: string[];
  train: DatasetExample[];
  test: DatasetExample[];
  /** In-scope examples for choosing thresholds only. */
  val: DatasetExample[];
  /** Out-of-scope examples; their `intent` is not read. */
  outOfScopeTrain: DatasetExample[];
  outOfScopeVal: DatasetExample[];
  outOfScopeTest: DatasetExample[];
}

const mostIssuesShown = 8;
const inScopeSplits = ['train', 'test', 'val'] as const;

/**
 * Reads and checks a dataset file. Throws `ConfigurationError` naming the file and each field at fault.
 *
 * @example
 * const dataset = await readDataset('data/snips2017.json')
 * dataset.train.length // 13784
 */
export async function readDataset(file: string): Promise<Dataset> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    const reason = error.code === 'ENOENT' ? 'no such file' : error.code === 'EISDIR' ? 'a folder, not a file' : error.message;
    throw new ConfigurationError('--data', `cannot read ${file}: ${reason}`);
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError('--data', `${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseDataset(data, file);
}

/**
 * Checks parsed dataset JSON. `file` only names the source in errors.
 *
 * @example
 * parseDataset({ intents: ['greet'], train: [{ text: 'hi', intent: 'greet' }], test: [{ text: 'hello', intent: 'greet' }] }, 'tiny.json')
 */
export function parseDataset(data: unknown, file: string): Dataset {
  const result = datasetSchema.safeParse(data);
  if (!result.success) throw datasetError(file, result.error.issues.map((issue) => ({ path: issue.path, message: issue.message })));
  const parsed = result.data;
  const listed = new Set(parsed.intents);
  const unlisted: { path: PropertyKey[]; message: string }[] = [];
  for (const split of inScopeSplits) {
    (parsed[split] ?? []).forEach((example, index) => {
      if (!listed.has(example.intent)) unlisted.push({ path: [split, index, 'intent'], message: `intent ${JSON.stringify(example.intent)} is not in \`intents\`` });
    });
  }
  if (unlisted.length > 0) throw datasetError(file, unlisted);
  return {
    name: parsed.name ?? file.replace(/^.*[\\/]/, '').replace(/\.json$/i, ''),
    intents: parsed.intents,
    train: parsed.train,
    test: parsed.test,
    val: parsed.val ?? [],
    outOfScopeTrain: parsed.oos_train ?? [],
    outOfScopeVal: parsed.oos_val ?? [],
    outOfScopeTest: parsed.oos_test ?? [],
  };
}

function datasetError(file: string, issues: { path: PropertyKey[]; message: string }[]): ConfigurationError {
  const shown = issues.slice(0, mostIssuesShown).map((issue) => `\n  ${file}: ${formatPath(issue.path)}: ${issue.message}`);
  const more = issues.length > mostIssuesShown ? `\n  …and ${issues.length - mostIssuesShown} more` : '';
  const count = `${issues.length} problem${issues.length === 1 ? '' : 's'}`;
  return new ConfigurationError('--data', `${file} is not a dataset (${count}); see "The dataset format" in docs/nlu-eval.md${shown.join('')}${more}`);
}

/** `train[3].slots[0].end`, or `(top level)`. */
function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('');
}
