/** Loads `intents/<locale>/**\/*.yaml` into the intent model. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntentFileError } from '../core/errors.js';
import type { IntentFileProblem } from '../core/errors.js';
import { assembleLocale } from './assemble-locale.js';
import { displayPath } from './display-path.js';
import type { IntentEntry } from './intent-entry.js';
import type { IntentModel } from './intent-model.js';
import { lexPassthroughFolder, readLexPassthrough } from './lex-passthrough.js';
import { localeProblem } from './locale-folder.js';
import { compareText, sortProblems } from './locate.js';
import { readIntentFileEntries } from './parse-intent-file.js';
import type { SlotTypeEntry } from './slot-type-entry.js';

/**
 * Loads every intent file under `dir`, one folder per locale. Throws `IntentFileError` listing every
 * problem found, each with file, line and column.
 *
 * @example
 * const model = await loadIntents(new URL('../intents/', import.meta.url))
 */
export async function loadIntents(dir: string | URL): Promise<IntentModel> {
  const { model, problems } = await readIntents(dir);
  if (problems.length > 0) throw new IntentFileError(problems);
  return model;
}

/**
 * Like `loadIntents`, but returns the problems instead of throwing; the model holds what could be
 * loaded. For tools such as a linter.
 *
 * @example
 * const { problems } = await readIntents('intents')
 */
export async function readIntents(dir: string | URL): Promise<{ model: IntentModel; problems: IntentFileProblem[] }> {
  const root = intentsFolderPath(dir);
  const model: IntentModel = { locales: {} };
  const problems: IntentFileProblem[] = [];
  const at = (path: string) => ({ file: displayPath(path), line: 1, column: 1 });
  if (!(await isDirectory(root))) {
    const exists = await stat(root).then(() => true, () => false);
    const message = exists ? `${displayPath(root)} is a file, not an intents folder` : `intents folder ${displayPath(root)} does not exist`;
    problems.push({ ...at(root), message, hint: `give the folder that holds one folder per locale, e.g. intents/ with intents/en-US/*.yaml` });
    return { model, problems };
  }
  const seen = new Map<string, string>();
  for (const name of await sortedNames(root)) {
    const path = join(root, name);
    if (isYamlFile(name) && !(await isDirectory(path))) {
      problems.push({ ...at(path), message: `intent file ${name} is not in a locale folder`, hint: `move it into a folder named for its locale, e.g. ${displayPath(join(root, 'en-US', name))}` });
      continue;
    }
    if (!(await isDirectory(path))) continue;
    const files = await yamlFilesUnder(path);
    // A locale may hold only Lex intents Parley does not run (a Connect bot's Q in Connect intent).
    if (files.length === 0 && !(await isDirectory(join(path, lexPassthroughFolder)))) continue;
    const invalid = localeProblem(name);
    const canonical = invalid ? undefined : Intl.getCanonicalLocales(name)[0]!;
    const twin = canonical === undefined ? undefined : seen.get(canonical);
    if (invalid || twin !== undefined) {
      const message = invalid?.message ?? `folders ${twin} and ${name} are the same locale`;
      problems.push({ ...at(path), message, hint: invalid?.hint ?? `put all ${canonical} files in one folder` });
      continue;
    }
    seen.set(canonical!, name);
    const intents: IntentEntry[] = [];
    const slotTypes: SlotTypeEntry[] = [];
    for (const file of files) {
      const text = await readFile(file, 'utf8').catch((error: unknown) => {
        problems.push({ ...at(file), message: `cannot read ${displayPath(file)}: ${error instanceof Error ? error.message : String(error)}` });
        return '';
      });
      const entries = readIntentFileEntries(text, displayPath(file), name);
      intents.push(...entries.intents);
      slotTypes.push(...entries.slotTypes);
      problems.push(...entries.problems);
    }
    const locale = assembleLocale(name, intents, slotTypes, problems);
    const passthrough = await readLexPassthrough(path);
    problems.push(...passthrough.problems);
    if (passthrough.intents.length > 0) locale.lexPassthrough = passthrough.intents;
    model.locales[name] = locale;
  }
  return { model, problems: sortProblems(problems) };
}

/**
 * The intents folder as an absolute path: a path from the working directory, or a file URL.
 *
 * @example
 * intentsFolderPath(new URL('./intents/', import.meta.url)) // '/app/intents'
 */
export function intentsFolderPath(dir: string | URL): string {
  return typeof dir === 'string' ? resolve(dir) : fileURLToPath(dir);
}

/**
 * Every file `readIntents(dir)` reads, sorted by path: the YAML files under the folder and the files
 * of each locale's `lex-passthrough/`, hidden entries skipped. Reading their bytes tells whether the
 * intents changed, without parsing them.
 *
 * @example
 * const files = await intentFilePaths('intents') // ['/app/intents/en-US/orders.yaml', …]
 */
export async function intentFilePaths(dir: string | URL): Promise<string[]> {
  const root = intentsFolderPath(dir);
  const passthrough: string[] = [];
  for (const name of await sortedNames(root)) passthrough.push(...(await filesUnder(join(root, name, lexPassthroughFolder), () => true)));
  return [...(await yamlFilesUnder(root)), ...passthrough].sort(compareText);
}

function isYamlFile(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then((stats) => stats.isDirectory(), () => false);
}

// Hidden entries (.git, editor backups) are skipped.
async function sortedNames(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names.filter((name) => !name.startsWith('.')).sort(compareText);
}

/** Every YAML file under `dir`, sorted by path, so the same tree always loads the same way. */
function yamlFilesUnder(dir: string): Promise<string[]> {
  return filesUnder(dir, isYamlFile);
}

/** The files under `dir` (none when it is not a folder) whose names `keep` takes, sorted by path. */
async function filesUnder(dir: string, keep: (name: string) => boolean): Promise<string[]> {
  if (!(await isDirectory(dir))) return [];
  const files: string[] = [];
  for (const name of await sortedNames(dir)) {
    const path = join(dir, name);
    if (await isDirectory(path)) files.push(...(await filesUnder(path, keep)));
    else if (keep(name)) files.push(path);
  }
  return files.sort(compareText);
}
