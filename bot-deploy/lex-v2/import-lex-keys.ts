/** Reports the keys of an export file the importer does not read, so nothing is dropped unsaid. */
import { normaliseLexJson } from './compare-lex-archives.js';
import type { FileReport } from './import-lex-messages.js';

/** What a known key means when it is set: its kind and a sentence. */
export type KnownKeys = Record<string, [kind: string, message: string]>;

/** True for `null`, empty lists and objects, and objects holding only Lex defaults. */
export function isUnset(value: unknown): boolean {
  const normalised = normaliseLexJson(value);
  return typeof normalised === 'object' && normalised !== null && !Array.isArray(normalised) && Object.keys(normalised).length === 0;
}

/** Each key of `object` outside `handled` that holds something is reported, known ones with their own words. */
export function reportUnknownKeys(object: Record<string, unknown>, handled: readonly string[], at: FileReport, base: string, known: KnownKeys = {}): void {
  for (const [key, value] of Object.entries(object)) {
    if (handled.includes(key) || isUnset(value)) continue;
    const path = base === '' ? key : `${base}.${key}`;
    const [kind, message] = known[key] ?? describeKey(key, value);
    at.add(path, kind, message);
  }
}

/** Words for the settings Lex keeps around prompts and intents, by the shape of their names. */
export function describeKey(key: string, value: unknown): [kind: string, message: string] {
  if (/^nextStep$|NextStep$/.test(key)) return ['next-step', `\`${key}\` (what Lex does next) is not imported: Parley's dialog decides what follows`];
  if (/^conditional$|Conditional$/.test(key)) return ['conditional', `\`${key}\` (conditional branching) is not imported: write such branches in the dialog`];
  if (/codeHook$/i.test(key)) return ['code-hook', `\`${key}\` (code hook settings) is not imported: Parley is the code hook`];
  if (/Response$/.test(key)) {
    const text = firstText(value);
    return ['response', `\`${key}\`${text === undefined ? '' : ` ("${text}")`} is not imported: intent files have no such message`];
  }
  return ['unknown-setting', `\`${key}\` is a Lex setting intent files do not have`];
}

/** The first plain-text message inside a setting, to name it in a report. */
export function firstText(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.map(firstText).find((text) => text !== undefined);
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const plain = record.plainTextMessage as { value?: unknown } | null | undefined;
  if (plain && typeof plain.value === 'string') return plain.value.length > 60 ? `${plain.value.slice(0, 59)}…` : plain.value;
  return Object.values(record).map(firstText).find((text) => text !== undefined);
}
