// `parley build` as a process (the CLI built to dist/ by `npm test`): it writes the model artefact of
// the intents, which `parley serve` then loads instead of training.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IntentModel } from '../../src/content/intent-model.js';
import { modelArtefactKey, readModelArtefact } from '../../src/runtime/model-artefact.js';
import { runParley as parley, processTestTimeoutMs, repositoryRoot, stopCommand } from '../support/run-parley.js';

const scratch = await mkdtemp(join(tmpdir(), 'parley-build-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('parley build', { timeout: processTestTimeoutMs }, () => {
  it("writes the reference assistant's model artefact, which parley serve and parley chat load instead of training", async () => {
    const out = join(scratch, 'model');
    const build = parley(['build', '--out', out]);
    expect(await build.exited).toBe(0);
    const { stdout, stderr } = build.output();
    expect(stderr).toBe('');
    const key = await modelArtefactKey(join(repositoryRoot, 'intents'));
    const file = join(out, `model-${key.slice(0, 16)}.json`);
    const said = `wrote ${file}: key ${key.slice(0, 16)}, `;
    expect(stdout.slice(0, said.length)).toBe(said);
    expect(stdout).toMatch(/: key [0-9a-f]{16}, \d+ KB, trained in \d+ ms\n$/);
    const artefact = await readModelArtefact(file);
    expect(artefact.key).toBe(key);
    expect(Object.keys(artefact.intents.locales)).toEqual(['en-US']);

    const serve = parley(['serve', '--port', '0'], { PARLEY_STORE: 'memory', PARLEY_MODEL_CACHE: out });
    try {
      await serve.waitFor(/is ready in/);
      expect(serve.output().stdout).toMatch(/"msg":"recognizer loaded from its model artefact"/);
      expect(serve.output().stdout).not.toMatch(/"msg":"recognizer trained/);
    } finally {
      await stopCommand(serve);
    }
    expect(await readdir(out)).toEqual([`model-${key.slice(0, 16)}.json`]);

    // parley chat loads it too: it asks the artefact's question, not the intent file's (an artefact
    // is trusted by its key), and does not write it again.
    const stored = JSON.parse(await readFile(file, 'utf8')) as { intents: IntentModel };
    const orderNumber = stored.intents.locales['en-US']!.intents.find((intent) => intent.name === 'CheckOrderStatus')!.slots[0]!;
    orderNumber.prompt = { variations: ['Which order, as the artefact asks?'] };
    await writeFile(file, JSON.stringify(stored));
    const written = (await stat(file)).mtimeMs;
    const chat = parley(['chat', '--store', join(scratch, 'chat')], { PARLEY_MODEL_CACHE: out });
    chat.child.stdin.end('where is my order\n');
    expect(await chat.exited).toBe(0);
    expect(chat.output().stdout).toContain('bot › Which order, as the artefact asks?');
    expect((await stat(file)).mtimeMs).toBe(written);
  });

  it('exits 1 with the problem for broken intent files, and writes nothing', async () => {
    const project = join(scratch, 'broken');
    await mkdir(join(project, 'intents', 'en-US'), { recursive: true });
    await writeFile(join(project, 'intents', 'en-US', 'intents.yaml'), 'intents:\n  - name: Broken\n    utterances: 7\n');
    // A bot module needs no import of parley-sdk to be found and loaded.
    await writeFile(join(project, 'bot.mjs'), "export default { name: 'broken', intents: new URL('./intents/', import.meta.url), dialogs: [] };\n");
    const out = join(project, 'model');
    const build = parley(['build', '--out', out], {}, project);
    expect(await build.exited).toBe(1);
    const { stdout, stderr } = build.output();
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^parley: 1 problem in intent files:\n.*intents\.yaml:3:\d+: /);
    expect(stderr).not.toMatch(/\n\s+at /);
    await expect(readdir(out)).rejects.toThrow(/ENOENT/);
  });
});
