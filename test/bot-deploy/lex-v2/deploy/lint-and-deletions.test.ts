// Files with lint errors never start a deploy; what the files no longer have is deleted, FallbackIntent never.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateIntentCommand } from '@aws-sdk/client-lex-models-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { loadIntents } from '../../../../src/content/read-intents.js';
import { IntentFileError } from '../../../../src/core/errors.js';
import { botName, intentsFolder, startDeployFixture, type DeployFixture } from './lex-deploy-fixture.js';

let fixture: DeployFixture;
afterEach(() => fixture.close());

describe('parley lex deploy refuses files with lint errors before any call', () => {
  it('an utterance over 500 characters', async () => {
    fixture = await startDeployFixture();
    const long = `I need help with ${'my bill and '.repeat(45)}my account`;
    const folder = await fixture.editedIntents('greeting-and-goodbye.yaml', (text) => text.replace('      - howdy\n', `      - ${long}\n`));
    const error = await fixture.deploy({ intentsDir: folder }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(IntentFileError);
    expect((error as IntentFileError).problems.map((problem) => problem.message)).toEqual([expect.stringMatching(/an utterance of Greeting is \d+ characters long; Lex V2 takes at most 500/)]);
    expect(fixture.emulator.calls).toEqual([]);
  });

  it('a file that does not load, even with --plan', async () => {
    fixture = await startDeployFixture();
    const folder = await fixture.editedIntents('orders.yaml', (text) => `${text}\n  - name: [unclosed\n`);
    const error = await fixture.deploy({ intentsDir: folder, plan: true }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(IntentFileError);
    expect((error as IntentFileError).problems[0]?.file).toMatch(/orders\.yaml$/);
    expect(fixture.emulator.calls).toEqual([]);
  });

  it('a model over the Lex limits, given as a model', async () => {
    fixture = await startDeployFixture();
    const model = await loadIntents(intentsFolder);
    const greeting = model.locales['en-US']!.intents.find((intent) => intent.name === 'Greeting')!;
    greeting.utterances.push({ parts: [{ kind: 'text', text: 'x'.repeat(501) }] });
    await expect(fixture.deploy({ intentsDir: undefined, model })).rejects.toBeInstanceOf(IntentFileError);
    expect(fixture.emulator.calls).toEqual([]);
  });
});

describe('what the files no longer have', () => {
  it('deletes a removed intent, then the slot type only it used; FallbackIntent stays', async () => {
    fixture = await startDeployFixture();
    await fixture.deploy();
    const folder = await fixture.editedIntents('slot-types.yaml', (text) => text.slice(0, text.indexOf('  - name: ZipCode')));
    await rm(join(folder, 'en-US', 'outages.yaml'));
    const from = fixture.emulator.calls.length;
    const { plan } = await fixture.deploy({ intentsDir: folder });
    expect(plan.steps.map((step) => step.description)).toEqual(['delete intent ReportOutage', 'delete slot type ZipCode', 'build locale en_US', 'create version', 'move alias live to the new version']);
    expect(fixture.writesSince(from).map((call) => call.operation)).toEqual(['DeleteIntent', 'DeleteSlotType', 'BuildBotLocale', 'CreateBotVersion', 'UpdateBotAlias']);
    const draft = fixture.emulator.findBot(botName)!.locales[0]!;
    expect(draft.botLocaleStatus).toBe('Built');
    expect(draft.intents.map((intent) => intent.intentName)).toContain('FallbackIntent');
    expect(draft.intents.map((intent) => intent.intentName)).not.toContain('ReportOutage');
    expect(draft.slotTypes.map((slotType) => slotType.slotTypeName).sort()).toEqual(['OrderNumber', 'ServiceType']);
    expect((await fixture.deploy({ intentsDir: folder })).plan.steps).toEqual([]);
  });

  it('leaves a Lex-only intent of the files (lex-passthrough/) as the bot has it, and deletes it once the files drop it', async () => {
    fixture = await startDeployFixture();
    await fixture.deploy();
    const bot = fixture.emulator.findBot(botName)!;
    const qInConnect = { qInConnectAssistantConfiguration: { assistantArn: 'arn:aws:wisdom:us-east-1:123456789012:assistant/00000000-0000-4000-8000-000000000000' } };
    await fixture.client.send(new CreateIntentCommand({ botId: bot.botId, botVersion: 'DRAFT', localeId: 'en_US', intentName: 'AmazonQinConnect', parentIntentSignature: 'AMAZON.QInConnectIntent', qInConnectIntentConfiguration: qInConnect }));
    const folder = await fixture.editedIntents('orders.yaml', (text) => text);
    await mkdir(join(folder, 'en-US', 'lex-passthrough', 'AmazonQinConnect'), { recursive: true });
    await writeFile(join(folder, 'en-US', 'lex-passthrough', 'AmazonQinConnect', 'Intent.json'), JSON.stringify({ name: 'AmazonQinConnect', parentIntentSignature: 'AMAZON.QInConnectIntent', qInConnectIntentConfiguration: qInConnect }));
    const kept = await fixture.deploy({ intentsDir: folder, plan: true });
    expect(kept.plan.steps.map((step) => step.description)).not.toContain('delete intent AmazonQinConnect');
    await rm(join(folder, 'en-US', 'lex-passthrough'), { recursive: true });
    const dropped = await fixture.deploy({ intentsDir: folder, plan: true });
    expect(dropped.plan.steps.map((step) => step.description)).toContain('delete intent AmazonQinConnect');
  });
});
