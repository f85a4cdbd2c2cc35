// Import -> intent files -> build keeps what Amazon Connect bots rely on: the names of built-in intents
// (a flow branches on `RepeatIntent`), the Lex intents Parley does not run (Q in Connect, QnA, Kendra),
// and the barge-in and DTMF settings of prompts. Run on the ConnectBot fixture, a folder export holding
// each of them, and on every real export of the corpus.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIntentModel, readIntents } from '../../../src/content/index.js';
import { IntentFileError } from '../../../src/core/errors.js';
import { writeIntentFiles } from '../../../src/content/write-intent-files.js';
import { lintIntents } from '../../../src/lint/index.js';
import { cluCompileLosses, compileCluProject } from '../../../bot-deploy/azure-clu/index.js';
import {
  compareLexArchives,
  compileLexBot,
  importLexArchive,
  lexArchiveFiles,
  lexCompileLosses,
  parseLexArchiveFiles,
  readLexArchive,
  unaccountedDifferences,
  type LexDifference,
} from '../../../bot-deploy/lex-v2/index.js';
import { corpusExports, lexCorpusAvailable } from './lex-corpus.js';

const fixture = { name: 'fixtures/ConnectBot-LexJson', path: fileURLToPath(new URL('./fixtures/ConnectBot-LexJson/', import.meta.url)) };
const fixtureLocale = join(fixture.path, 'ConnectBot', 'BotLocales', 'en_US');
const scratch = await mkdtemp(join(tmpdir(), 'parley-lex-round-trip-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** The way `parley lex import` and `parley lex build` go: import, write intent files, load them, build. */
async function throughFiles(path: string) {
  const original = await readLexArchive(path);
  const imported = importLexArchive(original);
  const dir = await mkdtemp(join(scratch, 'intents-'));
  await writeIntentFiles(imported.model, dir);
  const { model, problems } = await readIntents(dir);
  const rebuilt = compileLexBot(model, imported.botSettings);
  return { original, imported, dir, model, problems, rebuilt, differences: compareLexArchives(original, rebuilt) };
}

const repairSignatures = ['AMAZON.HelpIntent', 'AMAZON.CancelIntent', 'AMAZON.StopIntent', 'AMAZON.StartOverIntent', 'AMAZON.RepeatIntent'];

/**
 * What the round trip must not lose: an intent or slot file of the export (a renamed or dropped
 * intent), the built-in an intent is, anything of a Lex-only intent, and a prompt's input settings.
 */
function lostOfWhatIsKept(original: Awaited<ReturnType<typeof readLexArchive>>, differences: LexDifference[]): LexDifference[] {
  const lexOnly = original.locales.flatMap((locale) =>
    locale.intents
      .filter(({ intent }) => intent.parentIntentSignature?.startsWith('AMAZON.') && intent.parentIntentSignature !== 'AMAZON.FallbackIntent' && !repairSignatures.includes(intent.parentIntentSignature))
      .map(({ intent }) => `${original.bot.name}/BotLocales/${locale.localeId}/Intents/${intent.name}/`),
  );
  return differences.filter(
    (difference) =>
      (difference.path === '' && difference.rebuilt === undefined) ||
      difference.path === 'parentIntentSignature' ||
      /promptSpecification\.(allowInterrupt|promptAttemptsSpecification)(\.|$)/.test(difference.path) ||
      lexOnly.some((folder) => difference.file.startsWith(folder)),
  );
}

describe.each([fixture, ...corpusExports()])('$name through intent files', ({ path }) => {
  it('keeps built-in intent names, Lex-only intents and prompt input settings; every other difference is reported', async () => {
    const { original, imported, differences } = await throughFiles(path);
    expect(lostOfWhatIsKept(original, differences)).toEqual([]);
    expect(unaccountedDifferences(differences, imported.report)).toEqual([]);
    const kinds = new Set(imported.report.map((item) => item.kind));
    for (const kept of ['built-in-intent', 'barge-in', 'input-timing', 'merged-built-in']) expect(kinds, kept).not.toContain(kept);
    expect(imported.report.filter((item) => item.kind === 'renamed' && item.file.endsWith('/Intent.json'))).toEqual([]);
  });
});

describe('a Connect bot (the ConnectBot fixture)', () => {
  it('round-trips with no difference at all', async () => {
    const { differences, problems, imported } = await throughFiles(fixture.path);
    expect(problems).toEqual([]);
    expect(differences).toEqual([]);
    expect(imported.report.map((item) => item.kind)).toEqual(['identifiers']);
  });

  it('imports AMAZON.RepeatIntent (RepeatIntent) as Parley\'s Repeat, and builds RepeatIntent back, a built-in again', async () => {
    const { model, rebuilt, dir } = await throughFiles(fixture.path);
    const intents = model.locales['en-US']!.intents;
    const repeat = intents.find((intent) => intent.name === 'Repeat')!;
    // Parley's repair intent still: its role, and Parley's utterances for the local recognizer.
    expect(repeat.builtIn).toBe('repeat');
    expect(repeat.utterances.length).toBeGreaterThan(10);
    expect(repeat.lex).toEqual([{ name: 'RepeatIntent', parentIntentSignature: 'AMAZON.RepeatIntent' }]);
    // Both Lex built-ins a customer cancels with are Parley's one Cancel intent.
    expect(intents.find((intent) => intent.name === 'Cancel')!.lex).toEqual([
      { name: 'CancelIntent', parentIntentSignature: 'AMAZON.CancelIntent' },
      { name: 'StopIntent', parentIntentSignature: 'AMAZON.StopIntent' },
    ]);
    expect(await readFile(join(dir, 'en-US', 'repeat.yaml'), 'utf8')).toBe('intents:\n  - name: Repeat\n    lex:\n      name: RepeatIntent\n      parentIntentSignature: AMAZON.RepeatIntent\n');
    const locale = rebuilt.locales[0]!;
    expect(locale.intents.map((entry) => entry.intent.name).sort()).toEqual(['CancelIntent', 'CheckBalance', 'FallbackIntent', 'HelpIntent', 'RepeatIntent', 'StartOverIntent', 'StopIntent']);
    const built = locale.intents.find((entry) => entry.intent.name === 'RepeatIntent')!.intent;
    expect(built).toMatchObject({ parentIntentSignature: 'AMAZON.RepeatIntent', sampleUtterances: null, slotPriorities: [] });
    // What Lex's built-ins do not carry, Parley's utterances, the build says.
    const losses = lexCompileLosses(model, { botName: 'ConnectBot' }).filter((item) => item.kind === 'built-in-utterances');
    expect(losses.map((item) => item.file.split('/').at(-2))).toEqual(['HelpIntent', 'CancelIntent', 'StopIntent', 'StartOverIntent', 'RepeatIntent']);
  });

  it('keeps Q in Connect, QnA and Kendra intents in <locale>/lex-passthrough/ and builds them back unchanged (byte for byte, as the export is indented as the build writes)', async () => {
    const { dir, model, rebuilt } = await throughFiles(fixture.path);
    expect(model.locales['en-US']!.lexPassthrough?.map((entry) => entry.name)).toEqual(['AmazonQinConnect', 'AnswerFromDocuments', 'SearchPolicies']);
    expect(existsSync(join(dir, 'en-US', 'lex-passthrough', 'AmazonQinConnect', 'Intent.json'))).toBe(true);
    const files = lexArchiveFiles(rebuilt);
    for (const name of ['AmazonQinConnect', 'AnswerFromDocuments', 'SearchPolicies']) {
      const exported = await readFile(join(fixtureLocale, 'Intents', name, 'Intent.json'), 'utf8');
      expect(files.get(`ConnectBot/BotLocales/en_US/Intents/${name}/Intent.json`), name).toBe(exported);
    }
    // Parley does not run them: they are no intents of the model, and not in the CLU project, which says so.
    expect(model.locales['en-US']!.intents.map((intent) => intent.name)).not.toContain('AmazonQinConnect');
    const project = compileCluProject(model, { projectName: 'ConnectBot' });
    expect(project.assets.intents.map((intent) => intent.category)).not.toContain('AmazonQinConnect');
    expect(cluCompileLosses(model)).toEqual([
      'en-US: AmazonQinConnect (AMAZON.QInConnectIntent) is a Lex-only intent, not in the project',
      'en-US: AnswerFromDocuments (AMAZON.QnAIntent) is a Lex-only intent, not in the project',
      'en-US: SearchPolicies (AMAZON.KendraSearchIntent) is a Lex-only intent, not in the project',
    ]);
  });

  it('passes `parley intents lint` with its lex: blocks and lex-passthrough/ folder', async () => {
    const { dir } = await throughFiles(fixture.path);
    const report = await lintIntents(dir, { targets: ['lex', 'clu'] });
    expect(report.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
  });

  it('keeps the barge-in and DTMF settings of a slot prompt and of a confirmation', async () => {
    const { model, rebuilt, dir } = await throughFiles(fixture.path);
    const balance = model.locales['en-US']!.intents.find((intent) => intent.name === 'CheckBalance')!;
    const keyed = { allowInterrupt: false, audioAndDTMFInputSpecification: { startTimeoutMs: 6000, dtmfSpecification: { maxLength: 10, endTimeoutMs: 3000 } } };
    // The export leaves the retries' text timeout unset: `null` says so.
    expect(balance.slots[0]!.lex).toEqual({ allowInterrupt: false, attempts: { Initial: keyed, Retry1: { ...keyed, textInputSpecification: null }, Retry2: { ...keyed, textInputSpecification: null } } });
    expect(balance.confirmation!.lex).toEqual({ attempts: { Initial: { allowedInputTypes: { allowDTMFInput: false } } } });
    expect(await readFile(join(dir, 'en-US', 'check-balance.yaml'), 'utf8')).toContain('        lex:\n          allowInterrupt: false\n          attempts:\n            Initial:\n');
    const exportedSlot = JSON.parse(await readFile(join(fixtureLocale, 'Intents', 'CheckBalance', 'Slots', 'AccountNumber', 'Slot.json'), 'utf8'));
    const exportedIntent = JSON.parse(await readFile(join(fixtureLocale, 'Intents', 'CheckBalance', 'Intent.json'), 'utf8'));
    const built = rebuilt.locales[0]!.intents.find((entry) => entry.intent.name === 'CheckBalance')!;
    expect(built.slots[0]!.valueElicitationSetting.promptSpecification).toEqual(exportedSlot.valueElicitationSetting.promptSpecification);
    expect(built.intent.intentConfirmationSetting!.promptSpecification).toEqual(exportedIntent.intentConfirmationSetting.promptSpecification);
  });
});

const qicExports = corpusExports().filter((entry) => /qic-test-bot/i.test(entry.name));
if (lexCorpusAvailable && qicExports.length === 0) {
  console.warn('Skipping the qic-test-bot round trip: the Lex corpus holds no qic-test-bot export (the ConnectBot fixture has a Q in Connect intent of the same shape).');
}

describe.runIf(qicExports.length > 0)('qic-test-bot (a 2025 export with a Q in Connect intent)', () => {
  it('keeps its AMAZON.QInConnectIntent intent as it is', async () => {
    for (const { path } of qicExports) {
      const { model, rebuilt, original } = await throughFiles(path);
      const kept = Object.values(model.locales).flatMap((locale) => locale.lexPassthrough ?? []);
      expect(kept.map((entry) => entry.intent.parentIntentSignature)).toContain('AMAZON.QInConnectIntent');
      const before = lexArchiveFiles(original);
      const after = lexArchiveFiles(rebuilt);
      for (const entry of kept) {
        const file = [...before.keys()].find((name) => name.endsWith(`/Intents/${entry.name}/Intent.json`))!;
        expect(JSON.parse(after.get(file)!)).toEqual(JSON.parse(before.get(file)!));
      }
    }
  });
});

describe('edges', () => {
  const exportOf = (intents: Record<string, object>) =>
    parseLexArchiveFiles(
      new Map<string, string>([
        ['Manifest.json', '{"metaData":{"schemaVersion":"1","fileFormat":"LexJson","resourceType":"BOT"}}'],
        ['Tiny/Bot.json', '{"name":"Tiny","dataPrivacy":{"childDirected":false},"idleSessionTTLInSeconds":300}'],
        ['Tiny/BotLocales/en_US/BotLocale.json', '{"name":"English (US)","identifier":"en_US","version":null,"nluConfidenceThreshold":0.4}'],
        ...Object.entries(intents).map(([name, intent]) => [`Tiny/BotLocales/en_US/Intents/${name}/Intent.json`, JSON.stringify({ name, ...intent })] as [string, string]),
      ]),
    );
  const closing = (text: string) => ({ intentClosingSetting: { closingResponse: { messageGroupsList: [{ message: { plainTextMessage: { value: text } } }] } } });

  it('a built-in named as Parley names it needs no Lex name; two built-ins of one repair intent saying different things are reported', () => {
    const original = exportOf({
      Repeat: { parentIntentSignature: 'AMAZON.RepeatIntent' },
      CancelIntent: { parentIntentSignature: 'AMAZON.CancelIntent', ...closing('Cancelled.') },
      StopIntent: { parentIntentSignature: 'AMAZON.StopIntent', ...closing('Goodbye.') },
    });
    const { model, report, botSettings } = importLexArchive(original);
    const intents = model.locales['en-US']!.intents;
    expect(intents.find((intent) => intent.name === 'Repeat')!.lex).toEqual([{ parentIntentSignature: 'AMAZON.RepeatIntent' }]);
    expect(report.filter((item) => item.kind === 'merged-built-in')).toEqual([
      { file: 'Tiny/BotLocales/en_US/Intents/StopIntent/Intent.json', path: '', kind: 'merged-built-in', message: "StopIntent is Parley's Cancel intent, as is CancelIntent: a rebuilt StopIntent says what CancelIntent says" },
    ]);
    expect(unaccountedDifferences(compareLexArchives(original, compileLexBot(model, botSettings)), report)).toEqual([]);
  });

  it('refuses two intents that would be one Lex intent, naming both', () => {
    const model = buildIntentModel({ locale: 'en-US', intents: [{ name: 'Orders', utterances: ['where is my order'], lex: { name: 'Repeat' } }] });
    let error: unknown;
    try {
      compileLexBot(model, { botName: 'Tiny' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(IntentFileError);
    expect((error as IntentFileError).problems.map((problem) => problem.message)).toEqual([expect.stringMatching(/^intent Repeat is the Lex intent Repeat of en-US, as is intent Orders/)]);
  });

  it('builds a repair intent with slots as a built-in without them, and says so', () => {
    const model = buildIntentModel({ locale: 'en-US', intents: [{ name: 'Help', lex: { name: 'HelpIntent', parentIntentSignature: 'AMAZON.HelpIntent' }, slots: [{ name: 'topic', type: 'text', required: false }] }] });
    const help = compileLexBot(model, { botName: 'Tiny' }).locales[0]!.intents.find((entry) => entry.intent.name === 'HelpIntent')!;
    expect(help.slots).toEqual([]);
    expect(lexCompileLosses(model, { botName: 'Tiny' }).map((item) => item.kind)).toContain('built-in-slots');
  });
});
