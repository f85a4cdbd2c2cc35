// The model cache: a start loads the artefact of the intents as they are, and trains (and writes it)
// only when it is missing, of other intents, damaged or of another format; never a failed start.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineDialog } from '../../src/engine/define-dialog.js';
import { createBot } from '../../src/runtime/create-bot.js';
import { defineBot } from '../../src/runtime/define-bot.js';
import { configureRecognizer } from '../../src/runtime/configured-recognizer.js';
import { modelArtefactFile, modelArtefactKey } from '../../src/runtime/model-artefact.js';
import { loadOrTrainModel, type ModelCacheEvent } from '../../src/runtime/model-cache.js';
import { model as pizzaModel } from '../fixtures-small-bot.js';

const scratch = await mkdtemp(join(tmpdir(), 'parley-model-cache-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const intentsYaml = `intents:
  - name: Greeting
    utterances: [hi, hello, hey there, good morning, hiya]
  - name: CheckOrder
    utterances: [where is my order, track my order, has my order shipped, order status please, when does my package arrive]
  - name: Refund
    utterances: [I want a refund, give me my money back, refund my order, can I get a refund]
`;

let run = 0;
let intents: string;
let directory: string;

/** A fresh intents folder and cache folder per test. */
beforeEach(async () => {
  const root = join(scratch, `case-${++run}`);
  intents = join(root, 'intents');
  directory = join(root, 'model');
  await mkdir(join(intents, 'en-US'), { recursive: true });
  await writeFile(join(intents, 'en-US', 'intents.yaml'), intentsYaml);
});

/** The cache's events, to tell a load from a training without timing anything. */
function recorder() {
  const events: ModelCacheEvent[] = [];
  return { events, report: (event: ModelCacheEvent) => void events.push(event), kinds: () => events.map((event) => event.kind) };
}

describe('the model cache', () => {
  it('trains and writes the artefact at the first start, then loads it: same model, same training', async () => {
    const first = recorder();
    const trained = await loadOrTrainModel(intents, { directory, report: first.report });
    const file = modelArtefactFile(directory, await modelArtefactKey(intents));
    expect(first.events).toEqual([{ kind: 'trained', ms: expect.any(Number), file }]);

    const second = recorder();
    const loaded = await loadOrTrainModel(intents, { directory, report: second.report });
    expect(second.events).toEqual([{ kind: 'loaded', file, ms: expect.any(Number) }]);
    expect(loaded.trained).toEqual(trained.trained);
    expect(JSON.parse(JSON.stringify(loaded.model))).toEqual(JSON.parse(JSON.stringify(trained.model)));
  });

  it('lets a second createBot load instead of train: the artefact is not written again', async () => {
    const definition = defineBot({ name: 'cached', intents, dialogs: [defineDialog({ intent: 'Refund', fulfil: () => 'Your refund is on its way.' })] });
    const first = recorder();
    await createBot(definition, { modelCache: { directory, report: first.report } });
    expect(first.kinds()).toEqual(['trained']);
    const file = modelArtefactFile(directory, await modelArtefactKey(intents));
    const written = await stat(file);

    const second = recorder();
    const bot = await createBot(definition, { modelCache: { directory, report: second.report } });
    expect(second.kinds()).toEqual(['loaded']);
    expect((await stat(file)).mtimeMs).toBe(written.mtimeMs);
    const { messages } = await bot.handle({ conversationId: 'c1', channel: 'web', content: { kind: 'text', text: 'I want a refund' } });
    expect(messages.map((message) => message.text)).toEqual(['Your refund is on its way.']);
  });

  it('trains again when an intent file changes, keeping the two newest older artefacts and removing the rest', async () => {
    const stale = ['0000000000000001', '0000000000000002', '0000000000000003'].map((prefix) => join(directory, `model-${prefix}.json`));
    await mkdir(directory, { recursive: true });
    for (const [age, file] of stale.entries()) {
      await writeFile(file, '{}');
      await utimes(file, new Date(2020, 0, 1 + age), new Date(2020, 0, 1 + age));
    }
    await writeFile(join(directory, 'notes.txt'), 'not an artefact');
    await loadOrTrainModel(intents, { directory, report: () => {} });
    await writeFile(join(intents, 'en-US', 'intents.yaml'), `${intentsYaml}  - name: Goodbye\n    utterances: [bye, goodbye, see you, that is all]\n`);
    const again = recorder();
    const { model } = await loadOrTrainModel(intents, { directory, report: again.report });
    expect(again.kinds()).toEqual(['trained']);
    expect(model.locales['en-US']!.intents.map((intent) => intent.name)).toContain('Goodbye');
    // The new artefact, the previous one and the newest stale one; not the older stale ones.
    const names = (await readdir(directory)).sort();
    expect(names).toHaveLength(4);
    expect(names).toContain('model-0000000000000003.json');
    expect(names).toContain('notes.txt');
  });

  it('ignores a damaged artefact with a warning, trains, and writes a sound one in its place', async () => {
    await loadOrTrainModel(intents, { directory, report: () => {} });
    const file = modelArtefactFile(directory, await modelArtefactKey(intents));
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, text.length / 2));
    const damaged = recorder();
    await loadOrTrainModel(intents, { directory, report: damaged.report });
    expect(damaged.kinds()).toEqual(['warning', 'trained']);
    expect(damaged.events[0]).toEqual({ kind: 'warning', message: `the model artefact ${file} is damaged or of another version: it is not JSON (cut short?); training again` });
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('trains again, with a warning, for an artefact of another format or of other intents under the same name', async () => {
    await loadOrTrainModel(intents, { directory, report: () => {} });
    const file = modelArtefactFile(directory, await modelArtefactKey(intents));
    const artefact = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown> & { trained: Record<string, unknown> };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...artefact, format: 2 }, /damaged or of another version: format: /],
      [{ ...artefact, trained: { ...artefact.trained, format: 99 } }, /damaged or of another version: not a trained model of format 1: format: /],
      [{ ...artefact, key: 'f'.repeat(64) }, /was made from other intents \(its key differs\); training again/],
    ];
    for (const [changed, warning] of cases) {
      await writeFile(file, JSON.stringify(changed));
      const events = recorder();
      await loadOrTrainModel(intents, { directory, report: events.report });
      expect(events.kinds()).toEqual(['warning', 'trained']);
      expect(events.events[0]).toEqual({ kind: 'warning', message: expect.stringMatching(warning) });
    }
  });

  it('when read-only, loads an artefact but never writes one, nor replaces a damaged one', async () => {
    const missing = recorder();
    await loadOrTrainModel(intents, { directory, readOnly: true, report: missing.report });
    expect(missing.events).toEqual([{ kind: 'trained', ms: expect.any(Number) }]);
    await expect(stat(directory)).rejects.toThrow(/ENOENT/);

    await loadOrTrainModel(intents, { directory, report: () => {} });
    const file = modelArtefactFile(directory, await modelArtefactKey(intents));
    const loaded = recorder();
    await loadOrTrainModel(intents, { directory, readOnly: true, report: loaded.report });
    expect(loaded.kinds()).toEqual(['loaded']);

    await writeFile(file, 'damaged');
    const damaged = recorder();
    await loadOrTrainModel(intents, { directory, readOnly: true, report: damaged.report });
    expect(damaged.kinds()).toEqual(['warning', 'trained']);
    expect(await readFile(file, 'utf8')).toBe('damaged');
  });

  it('starts all the same when the artefact cannot be written, saying why on standard error by default', async () => {
    const blocked = join(scratch, `blocked-${run}`);
    await writeFile(blocked, 'a file where the folder would be');
    const events = recorder();
    const { trained } = await loadOrTrainModel(intents, { directory: blocked, report: events.report });
    expect(trained.locales['en-US']).toBeDefined();
    expect(events.kinds()).toEqual(['warning', 'trained']);
    expect(events.events[0]).toEqual({ kind: 'warning', message: expect.stringMatching(new RegExp(`^could not keep the trained model in ${blocked} \\(.*\\); the next start trains again$`)) });

    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await loadOrTrainModel(intents, { directory: blocked });
      expect(errors.mock.calls).toEqual([[expect.stringMatching(/^parley: could not keep the trained model in /)]]);
    } finally {
      errors.mockRestore();
    }
  });

  it('keeps a model given as data too, keyed by its content', async () => {
    const first = recorder();
    await loadOrTrainModel(pizzaModel, { directory, report: first.report });
    const second = recorder();
    await loadOrTrainModel(pizzaModel, { directory, report: second.report });
    expect([first.kinds(), second.kinds()]).toEqual([['trained'], ['loaded']]);
    expect(await modelArtefactKey(pizzaModel)).not.toBe(await modelArtefactKey(intents));
  });

  it('still reports broken intent files, as loading them would', async () => {
    await writeFile(join(intents, 'en-US', 'broken.yaml'), 'intents:\n  - name: Broken\n    utterances: 7\n');
    await expect(loadOrTrainModel(intents, { directory, report: () => {} })).rejects.toThrow(/problem.* in intent files:\n.*broken\.yaml:3:/);
    await expect(readdir(directory)).rejects.toThrow(/ENOENT/);
  });

  it('serves a routed recognizer whose local provider uses the cache', async () => {
    const definition = defineBot({ name: 'routed', intents, dialogs: [] });
    const nlu = { providers: { local: { kind: 'local' as const } } };
    const first = recorder();
    await configureRecognizer(definition, nlu, { modelCache: { directory, report: first.report } });
    const second = recorder();
    const { recognizer, definition: configured } = await configureRecognizer(definition, nlu, { modelCache: { directory, report: second.report } });
    expect([first.kinds(), second.kinds()]).toEqual([['trained'], ['loaded']]);
    expect(typeof configured.intents === 'object' && 'locales' in configured.intents).toBe(true);
    const reading = await recognizer.recognize({ text: 'where is my order', locale: 'en-US', now: new Date(), timeZone: 'UTC' });
    expect(reading.topIntent).toBe('CheckOrder');
  });
});
