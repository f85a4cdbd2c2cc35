/**
 * Dataset names (`meaning_of_life`, `Play Music`, `timeRange`) to names the intent model accepts, and
 * back. The model's rules: letters and digits, single `_` or `-` between them, unique ignoring case.
 */
import { namePattern } from '../../content/intent-schema.js';

/** A one-to-one mapping between a dataset's names and the model's. */
export interface NameMap {
  toModel(datasetName: string): string;
  toDataset(modelName: string): string;
  readonly size: number;
}

const longestName = 100;

/**
 * Maps each name to a valid, unique model name: unchanged when it already is one, otherwise with
 * other characters turned into `_`; a clash (ignoring case, or with a `reserved` name) gets `_2`, `_3`…
 *
 * @example
 * const names = createNameMap(['meaning of life', 'cancel'], ['Cancel'])
 * names.toModel('meaning of life') // 'meaning_of_life'
 * names.toModel('cancel') // 'cancel_2'
 * names.toDataset('cancel_2') // 'cancel'
 */
export function createNameMap(names: Iterable<string>, reserved: Iterable<string> = []): NameMap {
  const taken = new Set(Array.from(reserved, (name) => name.toLowerCase()));
  const toModel = new Map<string, string>();
  const toDataset = new Map<string, string>();
  for (const name of names) {
    if (toModel.has(name)) continue;
    const base = validBase(name);
    let candidate = base;
    for (let count = 2; taken.has(candidate.toLowerCase()); count++) candidate = `${base.replace(/[_-]$/, '').slice(0, longestName - 8)}_${count}`;
    taken.add(candidate.toLowerCase());
    toModel.set(name, candidate);
    toDataset.set(candidate, name);
  }
  return {
    toModel(datasetName) {
      const modelName = toModel.get(datasetName);
      if (modelName === undefined) throw new Error(`no model name for ${JSON.stringify(datasetName)}`);
      return modelName;
    },
    toDataset(modelName) {
      return toDataset.get(modelName) ?? modelName;
    },
    size: toModel.size,
  };
}

function validBase(name: string): string {
  if (namePattern.test(name)) return name;
  const cleaned = name
    .normalize('NFKD')
    .replace(/[^0-9a-zA-Z_-]+/g, '_')
    .replace(/[_-]{2,}/g, (run) => run[0]!)
    .replace(/^[_-]+/, '')
    .slice(0, longestName);
  return cleaned === '' ? 'x' : cleaned;
}
