// A model artefact is found by a key of the intent files and Parley's version: within one version
// (while Parley itself is being changed), only the trained model's format tells an artefact of older
// code from a current one. This pins what loading and training make of some fixed content, so that
// a change to them cannot land without raising the format, and no start loads a stale artefact.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadIntents } from '../../../src/content/index.js';
import { encodeTrainedModel, trainedModelFormat, trainLocalModel } from '../../../src/nlu/local/index.js';

/** Set both when the test says so. */
const pinned = { format: 1, fingerprint: 'e805e1e7d67a0063244f3c937bba715da025dd8af4f3a9ac092ed7ec62d24330' };

describe('trained model format', () => {
  it('is raised whenever loading or training make another model of the same content', async () => {
    const model = await loadIntents(new URL('./fixtures/pinned-intents/', import.meta.url));
    expect(model.locales['en-US']!.intents.length).toBeGreaterThan(3);
    const trained = trainLocalModel(model);
    // Source positions say where a file was read from, which depends on the working directory, not on the code.
    const json = JSON.stringify({ model, trained: encodeTrainedModel(trained) }, (key, value: unknown) => (key === 'source' ? undefined : value));
    const fingerprint = createHash('sha256').update(json).digest('hex');
    const advice =
      fingerprint === pinned.fingerprint
        ? `trainedModelFormat is ${trainedModelFormat}, pinned ${pinned.format}: set pinned.format here to ${trainedModelFormat}`
        : `loading or training now make another model of the pinned intents: raise trainedModelFormat in src/nlu/local/trained-model.ts to ${pinned.format + 1}, and set pinned here to { format: ${pinned.format + 1}, fingerprint: '${fingerprint}' }`;
    expect({ format: trainedModelFormat, fingerprint }, advice).toEqual(pinned);
  });
});
