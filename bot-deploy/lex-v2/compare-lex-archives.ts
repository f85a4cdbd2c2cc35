/**
 * Compares two Lex archives for what a bot does, not how a file happens to be written: identifiers,
 * key order, `null` versus absent, console defaults (Random selection, interruptible prompts, the
 * default input timings) and slot priority numbers (only their order counts) are set aside.
 */
import { defaultPromptAttempts } from './lex-prompt-defaults.js';
import type { ReadLexArchive } from './lex-archive-schemas.js';
import type { LexArchive, LossItem } from './lex-archive-types.js';
import { lexArchiveFiles } from './write-lex-archive.js';

export interface LexDifference {
  /** The file inside the archive. */
  file: string;
  /** Dot-separated key path inside the file; `''` when the file is only on one side. */
  path: string;
  original: unknown;
  rebuilt: unknown;
}

/**
 * Every difference between two archives, after normalising both.
 *
 * @example
 * const differences = compareLexArchives(original, compileLexBot(imported.model, imported.botSettings))
 */
export function compareLexArchives(original: LexArchive | ReadLexArchive, rebuilt: LexArchive | ReadLexArchive): LexDifference[] {
  const left = normalisedFiles(original);
  const right = normalisedFiles(rebuilt);
  const differences: LexDifference[] = [];
  for (const file of [...new Set([...left.keys(), ...right.keys()])].sort()) {
    const a = left.get(file);
    const b = right.get(file);
    if (a === undefined || b === undefined) differences.push({ file, path: '', original: a, rebuilt: b });
    else diff(a, b, [], (path, original, rebuiltValue) => differences.push({ file, path, original, rebuilt: rebuiltValue }));
  }
  return differences;
}

/**
 * The differences no loss item accounts for: an item covers a difference in its file at its path or
 * below it (`''` covers the whole file).
 *
 * @example
 * expect(unaccountedDifferences(differences, imported.report)).toEqual([])
 */
export function unaccountedDifferences(differences: LexDifference[], report: LossItem[]): LexDifference[] {
  return differences.filter(
    (difference) =>
      !report.some(
        (item) =>
          item.file === difference.file &&
          // A file only on one side is accounted for by anything said about that file.
          (difference.path === '' || item.path === '' || difference.path === item.path || difference.path.startsWith(`${item.path}.`)),
      ),
  );
}

/** An archive's files as normalised JSON values, by path inside the archive. */
export function normalisedFiles(archive: LexArchive | ReadLexArchive): Map<string, unknown> {
  const files = new Map<string, unknown>();
  for (const [path, text] of lexArchiveFiles(archive)) files.set(path, normaliseLexJson(JSON.parse(text) as unknown, path));
  return files;
}

type Json = unknown;

/** One file's JSON with ids, nulls, empties and Lex defaults taken out. */
export function normaliseLexJson(value: Json, file = ''): Json {
  const normalised = strip(value, []);
  if (file.endsWith('/Bot.json') && isRecord(normalised)) delete normalised.version;
  return normalised ?? {};
}

function strip(value: Json, path: string[]): Json {
  if (Array.isArray(value)) {
    const items = value.map((item, index) => strip(item, [...path, String(index)])).filter((item) => item !== undefined);
    if (path.at(-1) === 'slotPriorities') return orderedSlotNames(value);
    return items.length === 0 ? undefined : items;
  }
  if (!isRecord(value)) {
    if (value === null) return undefined;
    if (typeof value === 'string' && path.at(-1) === 'utterance') return value.trim().replace(/\s+/g, ' ');
    return value;
  }
  const out: Record<string, Json> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'identifier') continue;
    const kept = strip(child, [...path, key]);
    if (kept !== undefined) out[key] = kept;
  }
  dropDefaults(out, path);
  return Object.keys(out).length === 0 ? undefined : out;
}

function dropDefaults(object: Record<string, Json>, path: string[]): void {
  const key = path.at(-1);
  if ('messageGroupsList' in object) {
    if (object.allowInterrupt === true) delete object.allowInterrupt;
    const groups = Array.isArray(object.messageGroupsList) ? object.messageGroupsList : [];
    // The strategy picks among a group's variations: without variations it changes nothing.
    const anyVariations = groups.some((group) => isRecord(group) && Array.isArray(group.variations) && group.variations.length > 0);
    if (object.messageSelectionStrategy === 'Random' || !anyVariations) delete object.messageSelectionStrategy;
    if (typeof object.maxRetries === 'number' && sameJson(object.promptAttemptsSpecification, strip(defaultPromptAttempts(object.maxRetries), []))) {
      delete object.promptAttemptsSpecification;
    }
  }
  if ((key === 'intentConfirmationSetting' || key === 'intentClosingSetting' || key === 'fulfillmentCodeHook') && object.isActive === true) delete object.isActive;
  if (key === 'obfuscationSetting' && object.obfuscationSettingType === 'None') delete object.obfuscationSettingType;
  if (key === 'multipleValuesSetting' && object.allowMultipleValues === false) delete object.allowMultipleValues;
}

function orderedSlotNames(priorities: Json[]): Json {
  const names = priorities
    .filter(isRecord)
    .sort((a, b) => Number(a.priority) - Number(b.priority))
    .map((entry) => entry.slotName);
  return names.length === 0 ? undefined : names;
}

function diff(a: Json, b: Json, path: string[], found: (path: string, a: Json, b: Json) => void): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let index = 0; index < Math.max(a.length, b.length); index++) diff(a[index], b[index], [...path, String(index)], found);
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) diff(a[key], b[key], [...path, key], found);
    return;
  }
  if (!sameJson(a, b)) found(path.join('.'), a, b);
}

/** Deep equality of JSON values, whatever the order of keys. */
export function sameJson(a: Json, b: Json): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameJson(a[key], b[key]));
  }
  return a === b;
}

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
