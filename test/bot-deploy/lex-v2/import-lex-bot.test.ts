import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { loadIntents, readIntents } from '../../../src/content/index.js';
import type { IntentModel } from '../../../src/content/intent-model.js';
import { writeIntentFiles } from '../../../src/content/write-intent-files.js';
import { IntentFileError } from '../../../src/core/errors.js';
import {
  compareLexArchives,
  compileLexBot,
  importLexArchive,
  parseLexArchiveFiles,
  readLexArchive,
  unaccountedDifferences,
  unzipLexArchive,
  zipLexArchive,
} from '../../../bot-deploy/lex-v2/index.js';
import { withoutSources } from '../../content/helpers.js';
import { corpusExports, lexCorpusAvailable } from './lex-corpus.js';

const scratch = await mkdtemp(join(tmpdir(), 'parley-lex-import-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** The model as content, intents in name order (files come back in file-name order). */
function comparable(model: IntentModel): unknown {
  const plain = withoutSources(model) as IntentModel;
  for (const locale of Object.values(plain.locales)) locale.intents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return plain;
}

describe.runIf(lexCorpusAvailable)('every real export in the corpus', () => {
  const exports = corpusExports();

  it('is found: zips, their extracted trees, and the folder export', () => {
    expect(exports.filter((entry) => entry.name.endsWith('.zip'))).toHaveLength(3);
    expect(exports.filter((entry) => entry.name.endsWith('.extracted'))).toHaveLength(3);
    expect(exports.map((entry) => entry.name)).toContain('aws-samples_amazon-lex-v2-lambda-integration-examples/ReminderBotFiles');
  });

  describe.each(exports)('$name', ({ path }) => {
    it('imports, and rebuilds to an equivalent archive: every difference is in the report', async () => {
      const original = await readLexArchive(path);
      const imported = importLexArchive(original);
      expect(Object.keys(imported.model.locales).length).toBe(original.locales.length);
      const rebuilt = compileLexBot(imported.model, imported.botSettings);
      const differences = compareLexArchives(original, rebuilt);
      expect(unaccountedDifferences(differences, imported.report)).toEqual([]);
      // The rebuilt bot has the same settings.
      expect(rebuilt.bot).toMatchObject({ name: original.bot.name, idleSessionTTLInSeconds: original.bot.idleSessionTTLInSeconds, dataPrivacy: original.bot.dataPrivacy });
      for (const locale of original.locales) {
        const again = rebuilt.locales.find((each) => each.localeId === locale.localeId)!;
        expect(again.botLocale).toMatchObject({ name: locale.botLocale.name, nluConfidenceThreshold: locale.botLocale.nluConfidenceThreshold, voiceSettings: locale.botLocale.voiceSettings });
      }
    });

    it('writes intent files that readIntents loads back to the same model', async () => {
      const { model } = importLexArchive(await readLexArchive(path));
      const dir = await mkdtemp(join(scratch, 'files-'));
      await writeIntentFiles(model, dir, { overwrite: true });
      const reread = await readIntents(dir);
      expect(comparable(reread.model)).toEqual(comparable(model));
    });
  });

  it('catches a difference the report does not account for', async () => {
    const travel = exports.find((entry) => entry.name.includes('TravelBuddy') && entry.name.endsWith('.zip'))!;
    const original = await readLexArchive(travel.path);
    const imported = importLexArchive(original);
    const rebuilt = compileLexBot(imported.model, imported.botSettings);
    const differences = compareLexArchives(original, rebuilt);
    const withoutCity = imported.report.filter((item) => item.kind !== 'built-in-slot-type');
    expect(unaccountedDifferences(differences, withoutCity).map((difference) => [difference.file.split('/').slice(-4).join('/'), difference.path, difference.original, difference.rebuilt])).toEqual([
      ['BookCar/Slots/PickUpCity/Slot.json', 'slotTypeName', 'AMAZON.City', 'AMAZON.FreeFormInput'],
      ['BookFlight/Slots/LocationFrom/Slot.json', 'slotTypeName', 'AMAZON.City', 'AMAZON.AlphaNumeric'],
      ['BookFlight/Slots/LocationTo/Slot.json', 'slotTypeName', 'AMAZON.City', 'AMAZON.AlphaNumeric'],
      ['BookHotel/Slots/Location/Slot.json', 'slotTypeName', 'AMAZON.City', 'AMAZON.AlphaNumeric'],
    ]);
    const prompt = rebuilt.locales[0]!.intents.find((entry) => entry.intent.name === 'BookCar')!.slots[0]!.valueElicitationSetting.promptSpecification!;
    prompt.messageGroupsList[0]!.message.plainTextMessage!.value = 'Changed?';
    expect(unaccountedDifferences(compareLexArchives(original, rebuilt), imported.report)).toHaveLength(1);
  });

  it('reads a zip and its extracted tree to the same archive', async () => {
    for (const zip of exports.filter((entry) => entry.name.endsWith('.zip'))) {
      const tree = exports.find((entry) => entry.name === zip.name.replace(/\.zip$/, '.extracted'))!;
      const [fromZip, fromTree] = [await readLexArchive(zip.path), await readLexArchive(tree.path)];
      expect(fromTree.bot).toEqual(fromZip.bot);
      const names = (archive: typeof fromZip) => archive.locales.map((locale) => [locale.localeId, locale.intents.map((entry) => entry.intent.name).sort()]).sort();
      expect(names(fromTree)).toEqual(names(fromZip));
    }
  });

  it('says what TravelBuddy loses: the visual flow, conditional next steps, AMAZON.City, the fallback responses', async () => {
    const travel = exports.find((entry) => entry.name.includes('TravelBuddy') && entry.name.endsWith('.zip'))!;
    const { report, model } = importLexArchive(await readLexArchive(travel.path));
    const kinds = new Set(report.map((item) => item.kind));
    for (const kind of ['ignored-file', 'next-step', 'capture-setting', 'built-in-slot-type', 'fallback', 'initial-response', 'repair-intent']) expect(kinds, kind).toContain(kind);
    expect(report.find((item) => item.kind === 'ignored-file')?.file).toBe('TravelBuddy/BotLocales/en_US/Intents/BookFlight/ConversationFlow.json');
    const hotel = model.locales['en-US']!.intents.find((intent) => intent.name === 'BookHotel')!;
    expect(hotel.slots.map((slot) => [slot.name, slot.type])).toEqual([
      ['Location', 'text'],
      ['CheckInDate', 'date'],
      ['Nights', 'number'],
      ['RoomType', 'RoomTypeValues'],
      ['BreakfastIncluded', 'YesNoValues'],
    ]);
    expect(hotel.confirmation?.declined?.variations).toEqual(['OK, I have cancelled your reservation in progress.']);
    const yesNo = model.locales['en-US']!.slotTypes.find((slotType) => slotType.name === 'YesNoValues');
    expect(yesNo).toMatchObject({ kind: 'list', restrict: true, values: [{ value: 'Yes', synonyms: ['sure', 'correct', 'indeed'] }, { value: 'No', synonyms: ['nope', 'nay', 'negative', 'never'] }] });
  });

  it('keeps BlogBot\'s two locales and their voices, and maps AMAZON.Number and AMAZON.Date back', async () => {
    const blog = exports.find((entry) => entry.name.includes('BlogBot') && entry.name.endsWith('.zip'))!;
    const { model, botSettings } = importLexArchive(await readLexArchive(blog.path));
    expect(Object.keys(model.locales).sort()).toEqual(['en-US', 'ko-KR']);
    expect(botSettings.locales?.['ko-KR']).toMatchObject({ voiceId: 'Seoyeon', voiceEngine: 'neural', name: 'Korean (South Korea)' });
    const search = model.locales['en-US']!.intents.find((intent) => intent.name === 'SearchHotel')!;
    expect(search.slots.map((slot) => [slot.name, slot.type, slot.required])).toEqual([
      ['CustomerName', 'CustomerName', true],
      ['CustomerPhoneNumber', 'number', false],
      ['City', 'text', true],
    ]);
    expect(search.slots[1]!.maxAttempts).toBe(5);
    expect(search.slots[0]!.maxAttempts).toBeUndefined();
  });

  it('reports utterances Parley\'s repair intents already have (InteractiveMessageBot: "help")', async () => {
    const bot = exports.find((entry) => entry.name.includes('InteractiveMessage') && entry.name.endsWith('.zip'))!;
    const { report } = importLexArchive(await readLexArchive(bot.path));
    expect(report.filter((item) => item.kind === 'intent-file-rule').map((item) => item.path)).toEqual(['sampleUtterances.0', 'sampleUtterances.1']);
    expect(report.some((item) => item.kind === 'no-utterances')).toBe(true);
  });
});

describe('a Parley-made archive', () => {
  it('imports and rebuilds to the same bytes (the reference assistant)', async () => {
    const reference = await loadIntents(fileURLToPath(new URL('../../../intents/', import.meta.url)));
    const archive = compileLexBot(reference, { botName: 'AcmeTelecom', voiceId: 'Joanna' });
    const imported = importLexArchive(parseLexArchiveFiles(unzipLexArchive(zipLexArchive(archive))));
    const rebuilt = compileLexBot(imported.model, imported.botSettings);
    expect(Buffer.from(zipLexArchive(rebuilt)).equals(Buffer.from(zipLexArchive(archive)))).toBe(true);
    // Nothing of it is lost but the ids, which are derived again.
    expect(imported.report.map((item) => item.kind)).toEqual(['identifiers']);
  });
});

describe('reading archives', () => {
  const manifest = '{"metaData":{"schemaVersion":"1","fileFormat":"LexJson","resourceType":"BOT"}}';
  const bot = '{"name":"Tiny","version":"DRAFT","description":null,"identifier":"ABCDEFGHIJ","dataPrivacy":{"childDirected":false},"idleSessionTTLInSeconds":300}';
  const locale = '{"name":"English (US)","identifier":"en_US","version":null,"description":null,"voiceSettings":null,"nluConfidenceThreshold":0.4}';
  const intent = (utterances: string) => `{"name":"Greet","identifier":"GREETINGID","description":null,"parentIntentSignature":null,"sampleUtterances":${utterances},"slotPriorities":[]}`;
  const zip = (files: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(files).map(([path, text]) => [path, strToU8(text)])));

  it('names the file inside the archive and the key for each problem, all at once', () => {
    const bytes = zip({ 'Manifest.json': manifest, 'Tiny/Bot.json': bot.replace('300', '"soon"'), 'Tiny/BotLocales/en_US/BotLocale.json': locale, 'Tiny/BotLocales/en_US/Intents/Greet/Intent.json': intent('[{"utterance":42}]') });
    let error: unknown;
    try {
      parseLexArchiveFiles(unzipLexArchive(bytes, 'tiny.zip'), 'tiny.zip');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(IntentFileError);
    const problems = (error as IntentFileError).problems.map((problem) => `${problem.file}: ${problem.message}`);
    expect(problems).toEqual([
      expect.stringMatching(/^tiny\.zip\/Tiny\/Bot\.json: idleSessionTTLInSeconds: /),
      expect.stringMatching(/^tiny\.zip\/Tiny\/BotLocales\/en_US\/Intents\/Greet\/Intent\.json: sampleUtterances\.0\.utterance: /),
    ]);
  });

  it('accepts the documented manifest spelling, a re-zipped export one folder down, and ignores unknown keys', () => {
    const bytes = zip({
      'export/manifest.json': '{"metadata":{"schemaVersion":"1.0","fileFormat":"LexJson","resourceType":"Bot"}}',
      'export/Tiny/Bot.json': bot.replace(/\}$/, ',"botMembers":null,"somethingNew":{"x":1}}').replace('"childDirected":false', '"childDirected":false,"age":13'),
      'export/Tiny/BotLocales/en_US/BotLocale.json': locale,
      'export/Tiny/BotLocales/en_US/Intents/Greet/Intent.json': intent('[{"utterance":"hello there"}]'),
    });
    const archive = parseLexArchiveFiles(unzipLexArchive(bytes));
    expect(archive.locales[0]!.intents[0]!.intent.name).toBe('Greet');
    const { report, model } = importLexArchive(archive);
    expect(report).toContainEqual({ file: 'Tiny/Bot.json', path: 'somethingNew', kind: 'unknown-setting', message: '`somethingNew` is a Lex setting intent files do not have' });
    expect(report).toContainEqual(expect.objectContaining({ file: 'Tiny/Bot.json', path: 'dataPrivacy.age' }));
    expect(report.map((item) => item.path)).not.toContain('botMembers');
    expect(model.locales['en-US']!.intents.map((each) => each.name)).toEqual(['Greet', 'Help', 'Cancel', 'StartOver', 'Repeat']);
  });

  it('maps Lex built-in and lower-case repair intents to Parley\'s keeping their Lex names, keeps a Kendra intent as it is, renames a slot type named like a built-in, and accounts for all of it', () => {
    const slot = (name: string, type: string) => `{"name":"${name}","identifier":"SLOTIDENTI","description":null,"slotTypeName":"${type}","obfuscationSetting":{"obfuscationSettingType":"DefaultObfuscation"},"valueElicitationSetting":{"promptSpecification":{"messageGroupsList":[{"message":{"ssmlMessage":{"value":"<speak>Which <emphasis>day</emphasis>?</speak>"}},"variations":null},{"message":{"plainTextMessage":{"value":"Say a day."}},"variations":null}],"maxRetries":2,"allowInterrupt":false},"slotConstraint":"Required","defaultValueSpecification":{"defaultValueList":[{"defaultValue":"today"}]},"sampleUtterances":null,"waitAndContinueSpecification":null},"multipleValuesSetting":{"allowMultipleValues":true}}`;
    const bytes = zip({
      'Manifest.json': manifest,
      'Tiny/Bot.json': bot,
      'Tiny/BotLocales/en_US/BotLocale.json': locale,
      'Tiny/BotLocales/en_US/Intents/help/Intent.json': '{"name":"help","sampleUtterances":[{"utterance":"what can you do for me"}],"slotPriorities":[]}',
      'Tiny/BotLocales/en_US/Intents/StopIt/Intent.json': '{"name":"StopIt","parentIntentSignature":"AMAZON.CancelIntent","sampleUtterances":null,"slotPriorities":[]}',
      'Tiny/BotLocales/en_US/Intents/Search/Intent.json': '{"name":"Search","parentIntentSignature":"AMAZON.KendraSearchIntent","kendraConfiguration":{"kendraIndex":"arn:x"}}',
      'Tiny/BotLocales/en_US/Intents/Visit/Intent.json': '{"name":"Visit","sampleUtterances":[{"utterance":"visit on {When}"}],"inputContexts":[{"name":"booking"}],"slotPriorities":[{"priority":1,"slotName":"When"}],"dialogCodeHook":{"enabled":true},"fulfillmentCodeHook":{"enabled":true}}',
      'Tiny/BotLocales/en_US/Intents/Visit/Slots/When/Slot.json': slot('When', 'Date'),
      'Tiny/BotLocales/en_US/SlotTypes/Date/SlotType.json': '{"name":"Date","slotTypeValues":[{"sampleValue":{"value":"today"},"synonyms":null}],"valueSelectionSetting":{"resolutionStrategy":"CONCATENATION"}}',
      'Tiny/BotLocales/en_US/CustomVocabulary/CustomVocabulary.json': '{"customVocabularyItems":[]}',
    });
    const original = parseLexArchiveFiles(unzipLexArchive(bytes));
    const { model, botSettings, report } = importLexArchive(original);
    const intents = model.locales['en-US']!.intents;
    expect(intents.map((intent) => intent.name)).toEqual(['Visit', 'Help', 'Cancel', 'StartOver', 'Repeat']);
    const help = intents.find((intent) => intent.name === 'Help')!;
    expect(help.utterances.at(-1)).toEqual(expect.objectContaining({ parts: [{ kind: 'text', text: 'what can you do for me' }] }));
    // The Lex names are kept, so a rebuilt bot has `help` and `StopIt` again.
    expect(help.lex).toEqual([{ name: 'help' }]);
    expect(intents.find((intent) => intent.name === 'Cancel')!.lex).toEqual([{ name: 'StopIt', parentIntentSignature: 'AMAZON.CancelIntent' }]);
    // A Kendra search intent is kept for Lex as it is.
    expect(model.locales['en-US']!.lexPassthrough).toEqual([expect.objectContaining({ name: 'Search', intent: expect.objectContaining({ kendraConfiguration: { kendraIndex: 'arn:x' } }) })]);
    const when = intents[0]!.slots[0]!;
    expect(when).toMatchObject({ type: 'DateType', multiple: true, prompt: { variations: ['Which day? Say a day.'] }, lex: { allowInterrupt: false } });
    expect(model.locales['en-US']!.slotTypes).toEqual([expect.objectContaining({ name: 'DateType', restrict: false })]);
    const kinds = report.map((item) => item.kind);
    for (const kind of ['renamed', 'repair-intent', 'contexts', 'ssml', 'message-groups', 'default-values', 'obfuscation', 'resolution', 'ignored-file']) expect(kinds, kind).toContain(kind);
    for (const kept of ['built-in-intent', 'barge-in', 'input-timing']) expect(kinds, kept).not.toContain(kept);
    // Lex's multi-value slot is a `multiple` slot: nothing lost, and the rebuilt slot allows multiple values again.
    expect(kinds).not.toContain('multiple-values');
    const rebuilt = compileLexBot(model, botSettings);
    expect(unaccountedDifferences(compareLexArchives(original, rebuilt), report)).toEqual([]);
  });

  it('refuses what is not a bot export', () => {
    expect(() => parseLexArchiveFiles(unzipLexArchive(zip({ 'Tiny/Bot.json': bot })), 'a.zip')).toThrow(/a\.zip has no Manifest\.json/);
    const localeExport = zip({ 'Manifest.json': manifest.replace('BOT', 'BOT_LOCALE'), 'Tiny/Bot.json': bot });
    expect(() => parseLexArchiveFiles(unzipLexArchive(localeExport), 'b.zip')).toThrow(/resourceType is BOT_LOCALE; only whole-bot exports/);
    expect(() => unzipLexArchive(strToU8('not a zip'), 'c.zip')).toThrow(/c\.zip is not a zip file/);
  });
});
