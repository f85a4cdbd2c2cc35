// An imported Connect bot deploys with its built-in intents under their own names, and stays put.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeIntentFiles } from '../../../../src/content/write-intent-files.js';
import { importLexArchive, readLexArchive, writeLexBotSettings } from '../../../../bot-deploy/lex-v2/index.js';
import { startDeployFixture } from './lex-deploy-fixture.js';

const fixture = await startDeployFixture();
const folder = await mkdtemp(join(tmpdir(), 'parley-connect-bot-'));
afterAll(async () => {
  await fixture.close();
  await rm(folder, { recursive: true, force: true });
});

describe('parley lex deploy of an imported Connect bot', () => {
  it('creates RepeatIntent & co. as Lex built-ins without utterances; a second deploy changes nothing', async () => {
    const imported = importLexArchive(await readLexArchive(fileURLToPath(new URL('../fixtures/ConnectBot-LexJson/', import.meta.url))));
    await writeIntentFiles(imported.model, folder);
    await writeLexBotSettings(folder, imported.botSettings);
    const { plan } = await fixture.deploy({ intentsDir: folder, botName: 'ConnectBot' });
    expect(plan.steps.map((step) => step.description)).toEqual(expect.arrayContaining(['create intent RepeatIntent (0 utterances)', 'create intent StopIntent (0 utterances)', 'create intent CancelIntent (0 utterances)']));
    const draft = fixture.emulator.findBot('ConnectBot')!.locales[0]!;
    const repeat = draft.intents.find((intent) => intent.intentName === 'RepeatIntent')!;
    expect(repeat.parentIntentSignature).toBe('AMAZON.RepeatIntent');
    expect(repeat.sampleUtterances ?? []).toEqual([]);
    expect((await fixture.deploy({ intentsDir: folder, botName: 'ConnectBot', plan: true })).plan.steps).toEqual([]);
  });
});
