import type { FeatureSequence, SequenceModel } from './structured-perceptron.js';

/**
 * The feature ids of each word. While training (`grow`), unseen names get new ids; at recognition
 * they are skipped: a feature never trained on has no weight.
 */
export function toFeatureIds(names: readonly string[][], index: Map<string, number>, grow: boolean): Omit<FeatureSequence, 'labels'> {
  const ids: number[] = [];
  const offsets = new Int32Array(names.length + 1);
  names.forEach((wordNames, word) => {
    for (const name of wordNames) {
      let id = index.get(name);
      if (id === undefined && grow) index.set(name, (id = index.size));
      if (id !== undefined) ids.push(id);
    }
    offsets[word + 1] = ids.length;
  });
  return { features: Int32Array.from(ids), offsets };
}

/** Drops the features whose averaged weights are all zero (never in a wrong decision): most of them, on a large set. */
export function withoutSilentFeatures(index: ReadonlyMap<string, number>, model: SequenceModel): { index: Map<string, number>; model: SequenceModel } {
  const width = model.labelCount;
  const kept = new Map<string, number>();
  const rows: number[] = [];
  for (const [name, id] of index) {
    let silent = true;
    for (let label = 0; label < width && silent; label++) silent = model.emission[id * width + label] === 0;
    if (silent) continue;
    kept.set(name, rows.length);
    rows.push(id);
  }
  const emission = new Float32Array(rows.length * width);
  rows.forEach((id, row) => emission.set(model.emission.subarray(id * width, (id + 1) * width), row * width));
  return { index: kept, model: { ...model, emission } };
}
