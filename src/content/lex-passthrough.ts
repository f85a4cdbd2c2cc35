/**
 * `<locale>/lex-passthrough/`: Lex intents Parley does not run (Q in Connect, Kendra, QnA, a Bedrock
 * agent, other `AMAZON.*` built-ins), kept as their folder of a Lex export — `<Name>/Intent.json` and
 * `<Name>/Slots/<slot>/Slot.json` — so that `parley lex build` writes them back as they were imported.
 * The loader checks only that they are such files; recognizers and the CLU build never use them.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { IntentFileProblem } from '../core/errors.js';
import { isLexOnlyBuiltIn, lexFallbackSignature, repairIntentOfLexSignature } from './builtin-intents.js';
import { displayPath } from './display-path.js';
import type { LexPassthroughIntent } from './intent-model.js';
import { namePattern } from './lex-schema.js';
import { compareText, problemAt } from './locate.js';
import { readYaml } from './yaml-source.js';

/** The folder of a locale that holds them: `intents/en-US/lex-passthrough/`. */
export const lexPassthroughFolder = 'lex-passthrough';

/**
 * The passthrough intents of one locale folder, in name order; none when it has no `lex-passthrough/`.
 *
 * @example
 * const { intents, problems } = await readLexPassthrough('intents/en-US')
 */
export async function readLexPassthrough(localeFolder: string): Promise<{ intents: LexPassthroughIntent[]; problems: IntentFileProblem[] }> {
  const root = join(localeFolder, lexPassthroughFolder);
  const intents: LexPassthroughIntent[] = [];
  const problems: IntentFileProblem[] = [];
  for (const name of await visibleNames(root)) {
    const folder = join(root, name);
    if (!(await isDirectory(folder))) {
      const stem = name.replace(/\.json$/i, '');
      problems.push(problemAt(at(folder), `${name} is not a passthrough intent`, `a passthrough intent is a folder as in a Lex export: ${lexPassthroughFolder}/${stem}/Intent.json`));
      continue;
    }
    const intent = await readObject(join(folder, 'Intent.json'), name, problems, checkIntent);
    const slots: Record<string, unknown>[] = [];
    for (const entry of await visibleNames(folder)) {
      if (entry === 'Intent.json') continue;
      if (entry !== 'Slots') {
        problems.push(problemAt(at(join(folder, entry)), `${entry} is not read`, 'a passthrough intent holds Intent.json and Slots/<slot>/Slot.json only'));
        continue;
      }
      for (const slot of await visibleNames(join(folder, 'Slots'))) {
        const read = await readObject(join(folder, 'Slots', slot, 'Slot.json'), slot, problems);
        if (read) slots.push(read);
      }
    }
    if (intent) intents.push({ name, intent, slots, source: at(join(folder, 'Intent.json')) });
  }
  return { intents, problems };
}

/**
 * The files of passthrough intents, by path under the locale folder, as the Lex export writes them.
 *
 * @example
 * [...lexPassthroughFiles(locale.lexPassthrough ?? []).keys()] // ['lex-passthrough/AmazonQinConnect/Intent.json']
 */
export function lexPassthroughFiles(intents: readonly LexPassthroughIntent[]): Map<string, string> {
  const files = new Map<string, string>();
  const json = (value: unknown) => `${JSON.stringify(value, null, 4)}\n`;
  for (const intent of intents) {
    const folder = `${lexPassthroughFolder}/${intent.name}`;
    files.set(`${folder}/Intent.json`, json(intent.intent));
    for (const slot of intent.slots) files.set(`${folder}/Slots/${String(slot.name)}/Slot.json`, json(slot));
  }
  return files;
}

type Check = (value: Record<string, unknown>, problem: (key: string, message: string, hint?: string) => void) => void;

/** Built-ins Parley runs are repair intents (the intent file's `lex:` block), the fallback is always built. */
const checkIntent: Check = (intent, problem) => {
  const signature = intent.parentIntentSignature;
  if (isLexOnlyBuiltIn(typeof signature === 'string' ? signature : undefined)) return;
  const repair = typeof signature === 'string' ? repairIntentOfLexSignature(signature) : undefined;
  if (repair) {
    problem('parentIntentSignature', `${String(signature)} is Parley's ${repair} intent`, `give ${repair} a lex: block instead (name and parentIntentSignature), in an intent file`);
  } else if (signature === lexFallbackSignature) {
    problem('parentIntentSignature', 'FallbackIntent is not kept here: every Lex build has the standard one, which calls Parley');
  } else {
    problem('parentIntentSignature', 'a passthrough intent is a Lex built-in intent (parentIntentSignature AMAZON.…)', 'write an intent of your own as an intent file');
  }
};

async function readObject(file: string, folderName: string, problems: IntentFileProblem[], check?: Check): Promise<Record<string, unknown> | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) {
    problems.push(problemAt(at(file), `${displayPath(file)} is missing`, 'copy the file from the Lex export'));
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    problems.push(problemAt(at(file), `not JSON: ${error instanceof Error ? error.message : String(error)}`));
    return undefined;
  }
  const { locate } = readYaml(text, displayPath(file));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(problemAt(at(file), 'a Lex export file holds one JSON object'));
    return undefined;
  }
  const record = value as Record<string, unknown>;
  const before = problems.length;
  const problem = (key: string, message: string, hint?: string) => problems.push(problemAt(locate([key]), message, hint));
  if (!namePattern.test(folderName)) {
    problem('name', `folder ${folderName} is not a Lex name`, 'Lex names use letters and digits, joined by at most one `_` or `-`');
  } else if (record.name !== folderName) {
    problem('name', `name is ${JSON.stringify(record.name)}, not that of its folder ${folderName}`, 'a Lex export names each folder after what it holds; rename one of them');
  }
  check?.(record, problem);
  return problems.length === before ? record : undefined;
}

function at(path: string) {
  return { file: displayPath(path), line: 1, column: 1 };
}

async function visibleNames(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((name) => !name.startsWith('.')).sort(compareText);
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then((stats) => stats.isDirectory(), () => false);
}
