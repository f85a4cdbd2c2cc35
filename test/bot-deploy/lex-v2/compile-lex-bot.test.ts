import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { buildIntentModel, loadIntents } from '../../../src/content/index.js';
import type { IntentModel } from '../../../src/content/intent-model.js';
import { IntentFileError } from '../../../src/core/errors.js';
import {
  compileLexBot,
  lexArchiveFiles,
  lexBotLocaleSchema,
  lexBotSchema,
  lexCompileLosses,
  lexIntentSchema,
  lexSlotSchema,
  lexSlotTypeSchema,
  parseLexArchiveFiles,
  readLexArchive,
  toLexPattern,
  unzipLexArchive,
  zipLexArchive,
} from '../../../bot-deploy/lex-v2/index.js';
import { normalisedFiles } from '../../../bot-deploy/lex-v2/compare-lex-archives.js';
import { corpusExports, fileKind, keyPaths, lexCorpusAvailable, type FileKind } from './lex-corpus.js';

const intentsFolder = fileURLToPath(new URL('../../../intents/', import.meta.url));
const reference = await loadIntents(intentsFolder);
const archive = compileLexBot(reference, { botName: 'AcmeTelecom' });
const files = lexArchiveFiles(archive);
const json = (path: string) => JSON.parse(files.get(path)!) as Record<string, any>;
const localeRoot = 'AcmeTelecom/BotLocales/en_US';

describe('compileLexBot on the reference assistant', () => {
  it('writes the export layout: manifest, bot, locale, an Intent.json per intent, a Slot.json per slot, a SlotType.json per type', () => {
    const locale = reference.locales['en-US']!;
    const slots = locale.intents.reduce((sum, intent) => sum + intent.slots.length, 0);
    // +1 intent: FallbackIntent. Manifest, Bot.json and BotLocale.json on top.
    expect(files.size).toBe(3 + locale.intents.length + 1 + slots + locale.slotTypes.length);
    expect(json('Manifest.json')).toEqual({ metaData: { schemaVersion: '1', fileFormat: 'LexJson', resourceType: 'BOT' } });
    expect(json('AcmeTelecom/Bot.json')).toMatchObject({ name: 'AcmeTelecom', version: 'DRAFT', dataPrivacy: { childDirected: false }, idleSessionTTLInSeconds: 300 });
    expect(json(`${localeRoot}/BotLocale.json`)).toMatchObject({ name: 'English (US)', identifier: 'en_US', nluConfidenceThreshold: 0.4, voiceSettings: null });
    for (const intent of locale.intents) expect(files.has(`${localeRoot}/Intents/${intent.name}/Intent.json`)).toBe(true);
  });

  it('gives every file the schema the reader checks real exports with', () => {
    const schemas = { Bot: lexBotSchema, BotLocale: lexBotLocaleSchema, Intent: lexIntentSchema, Slot: lexSlotSchema, SlotType: lexSlotTypeSchema };
    for (const [path, text] of files) {
      const kind = fileKind(path);
      if (kind === undefined || kind === 'Manifest') continue;
      expect(schemas[kind].safeParse(JSON.parse(text)).success, path).toBe(true);
    }
    const read = parseLexArchiveFiles(unzipLexArchive(zipLexArchive(archive)));
    expect(read.locales[0]!.intents.map((entry) => entry.intent.name).sort()).toEqual(archive.locales[0]!.intents.map((entry) => entry.intent.name).sort());
  });

  it('is deterministic: two builds from two loads give the same bytes, with stable 10-character ids', async () => {
    const again = compileLexBot(await loadIntents(intentsFolder), { botName: 'AcmeTelecom' });
    expect(Buffer.from(zipLexArchive(again)).equals(Buffer.from(zipLexArchive(archive)))).toBe(true);
    const ids = [...files.values()].map((text) => (JSON.parse(text) as { identifier?: string }).identifier).filter((id) => id !== undefined && id !== 'en_US');
    expect(ids.every((id) => /^[0-9A-Z]{10}$/.test(id!))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes 4-space JSON, entries sorted in the zip', () => {
    expect(files.get('AcmeTelecom/Bot.json')).toMatch(/^\{\n {4}"name": "AcmeTelecom",/);
    const entries = [...unzipLexArchive(zipLexArchive(archive)).keys()];
    expect(entries).toEqual([...entries].sort());
  });

  it('gives slot priorities in the order slots are asked, and maps built-in types to AMAZON.*', () => {
    const book = json(`${localeRoot}/Intents/BookAppointment/Intent.json`);
    expect(book.slotPriorities).toEqual([
      { priority: 1, slotName: 'service' },
      { priority: 2, slotName: 'date' },
      { priority: 3, slotName: 'time' },
    ]);
    expect(json(`${localeRoot}/Intents/BookAppointment/Slots/service/Slot.json`).slotTypeName).toBe('ServiceType');
    expect(json(`${localeRoot}/Intents/BookAppointment/Slots/date/Slot.json`).slotTypeName).toBe('AMAZON.Date');
    expect(json(`${localeRoot}/Intents/BookAppointment/Slots/time/Slot.json`).slotTypeName).toBe('AMAZON.Time');
    expect(json(`${localeRoot}/Intents/ResetPassword/Slots/email/Slot.json`).slotTypeName).toBe('AMAZON.EmailAddress');
    expect(book).toMatchObject({ dialogCodeHook: { enabled: true }, fulfillmentCodeHook: { enabled: true } });
  });

  it('writes utterances with {Slot} placeholders, example values dropped and repeats written once', () => {
    const utterances = (json(`${localeRoot}/Intents/BookAppointment/Intent.json`).sampleUtterances as { utterance: string }[]).map((entry) => entry.utterance);
    expect(utterances).toContain('I need a {service} {date} {time}');
    expect(utterances).toContain('book a visit for {date} at {time}');
    expect(utterances.some((text) => text.includes('='))).toBe(false);
    expect(new Set(utterances.map((text) => text.toLowerCase())).size).toBe(utterances.length);
  });

  it('maps a prompt with a reprompt to one Ordered group: the prompt first, the reprompt on retries; maxAttempts to maxRetries', () => {
    const spec = json(`${localeRoot}/Intents/CheckOrderStatus/Slots/orderNumber/Slot.json`).valueElicitationSetting.promptSpecification;
    expect(spec.messageSelectionStrategy).toBe('Ordered');
    expect(spec.messageGroupsList).toHaveLength(1);
    expect(spec.messageGroupsList[0].message.plainTextMessage.value).toMatch(/^What's your order number\?/);
    expect(spec.messageGroupsList[0].variations.map((variation: any) => variation.plainTextMessage.value)).toEqual([
      'Sorry, I need the order number as two letters followed by six digits, for example AB123456.',
    ]);
    // maxAttempts 2: the first question and one retry.
    expect(spec.maxRetries).toBe(1);
    expect(Object.keys(spec.promptAttemptsSpecification)).toEqual(['Initial', 'Retry1']);
  });

  it('compiles a confirmation with its declined message, and fulfilled as the closing response', () => {
    const book = json(`${localeRoot}/Intents/BookAppointment/Intent.json`);
    expect(book.intentConfirmationSetting.promptSpecification.messageGroupsList[0].message.plainTextMessage.value).toMatch(/Shall I book it\?$/);
    expect(book.intentConfirmationSetting.declinationResponse.messageGroupsList).toHaveLength(1);
    expect(book.intentConfirmationSetting.isActive).toBe(true);
  });

  it('compiles list slot types with synonyms and TOP_RESOLUTION, pattern types on AMAZON.AlphaNumeric', () => {
    const service = json(`${localeRoot}/SlotTypes/ServiceType/SlotType.json`);
    expect(service.valueSelectionSetting).toEqual({ resolutionStrategy: 'TOP_RESOLUTION', regexFilter: null });
    expect(service.slotTypeValues[0]).toMatchObject({ sampleValue: { value: 'installation' }, synonyms: expect.arrayContaining([{ value: 'install' }]) });
    const order = json(`${localeRoot}/SlotTypes/OrderNumber/SlotType.json`);
    expect(order).toMatchObject({ parentSlotTypeSignature: 'AMAZON.AlphaNumeric', slotTypeValues: null, valueSelectionSetting: { resolutionStrategy: 'ORIGINAL_VALUE', regexFilter: { pattern: '[A-Z]{2}[0-9]{6}' } } });
  });

  it('compiles the repair intents as custom intents under their Parley names, with Parley utterances', () => {
    for (const name of ['Help', 'Cancel', 'StartOver', 'Repeat']) {
      const intent = json(`${localeRoot}/Intents/${name}/Intent.json`);
      expect(intent.parentIntentSignature).toBeNull();
      expect(intent.sampleUtterances.length).toBeGreaterThan(10);
    }
  });

  it('adds the FallbackIntent every locale has, shaped as in real exports', () => {
    expect(json(`${localeRoot}/Intents/FallbackIntent/Intent.json`)).toMatchObject({
      name: 'FallbackIntent',
      identifier: 'FALLBCKINT',
      description: 'Default intent when no other intent matches',
      parentIntentSignature: 'AMAZON.FallbackIntent',
      sampleUtterances: null,
      slotPriorities: [],
    });
  });

  it('lists what the archive does not carry: help texts, aliases, example values, wordings, pattern options', () => {
    const kinds = new Set(lexCompileLosses(reference, { botName: 'AcmeTelecom' }).map((item) => item.kind));
    expect([...kinds].sort()).toEqual(['prompt-variations', 'regex-case', 'regex-examples', 'regex-separators', 'regex-transform', 'slot-aliases', 'slot-help', 'utterance-examples']);
  });
});

describe.runIf(lexCorpusAvailable)('the archive next to real exports', () => {
  // Keys real exports have that the compiler does not use are fine; keys they never have are not,
  // except these, documented: a variation is a message, and a pattern's regexFilter (no corpus export has a pattern type).
  const documented = new Set(['valueSelectionSetting.regexFilter.pattern']);

  it('uses only keys real exports use, per file kind, and every key of the compact 2022 BlogBot export', async () => {
    const corpusKeys = new Map<FileKind, Set<string>>();
    for (const { path } of corpusExports()) {
      for (const [file, text] of lexArchiveFiles(await readLexArchive(path))) {
        const kind = fileKind(file)!;
        corpusKeys.set(kind, new Set([...(corpusKeys.get(kind) ?? []), ...keyPaths(JSON.parse(text))]));
      }
    }
    const blogBot = corpusExports().find((entry) => entry.name.includes('BlogBot') && entry.name.endsWith('.zip'))!;
    const compactKeys = new Map<FileKind, Set<string>>();
    for (const [file, text] of lexArchiveFiles(await readLexArchive(blogBot.path))) {
      const kind = fileKind(file)!;
      // The top level only: nested settings are there when the bot uses them.
      compactKeys.set(kind, new Set([...(compactKeys.get(kind) ?? []), ...Object.keys(JSON.parse(text) as object)]));
    }
    for (const [file, text] of files) {
      const kind = fileKind(file)!;
      const ours = keyPaths(JSON.parse(text));
      const unknown = [...ours].filter((path) => !corpusKeys.get(kind)!.has(path) && !documented.has(path));
      expect(unknown, file).toEqual([]);
      const missing = [...compactKeys.get(kind)!].filter((key) => !ours.has(key));
      expect(missing, file).toEqual([]);
    }
  });

  it('normalises the FallbackIntent like the compact exports, but for the code hooks Parley turns on', async () => {
    const blogBot = corpusExports().find((entry) => entry.name.includes('BlogBot') && entry.name.endsWith('.zip'))!;
    const theirs = normalisedFiles(await readLexArchive(blogBot.path)).get('BlogBot/BotLocales/en_US/Intents/FallbackIntent/Intent.json') as Record<string, unknown>;
    const ours = normalisedFiles(archive).get(`${localeRoot}/Intents/FallbackIntent/Intent.json`) as Record<string, unknown>;
    const { dialogCodeHook, fulfillmentCodeHook, ...rest } = ours;
    expect(rest).toEqual(theirs);
    expect([dialogCodeHook, fulfillmentCodeHook]).toEqual([{ enabled: true }, { enabled: true }]);
  });
});

function model(content: Parameters<typeof buildIntentModel>[0]): IntentModel {
  return buildIntentModel(content);
}

describe('compileLexBot refuses what Lex cannot take', () => {
  it('a pattern with an unbounded repeat: names the slot type and where it was written', () => {
    const bad = model({ locale: 'en-US', intents: [{ name: 'Track', utterances: ['track {parcel}'], slots: [{ name: 'parcel', type: 'Parcel', prompt: 'Which parcel?' }] }], slotTypes: [{ name: 'Parcel', pattern: '[0-9]+' }] });
    let error: unknown;
    try {
      compileLexBot(bad, { botName: 'Bot' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(IntentFileError);
    expect((error as IntentFileError).message).toMatch(/compile-lex-bot\.test\.ts:\d+:\d+: the pattern of slot type Parcel cannot be written for Lex: `\+` repeats without end/);
  });

  it('a required slot without a prompt, an intent named FallbackIntent, a bad bot name', () => {
    const noPrompt = model({ locale: 'en-US', intents: [{ name: 'Track', utterances: ['track it'], slots: [{ name: 'parcel', type: 'number' }] }] });
    expect(() => compileLexBot(noPrompt, { botName: 'Bot' })).toThrow(/slot parcel of Track is required but has no prompt/);
    const fallback = model({ locale: 'en-US', intents: [{ name: 'FallbackIntent', utterances: ['whatever'] }] });
    expect(() => compileLexBot(fallback, { botName: 'Bot' })).toThrow(/clashes with the fallback intent/);
    expect(() => compileLexBot(noPrompt, { botName: 'my bot' })).toThrow(/botName: "my bot" is not a Lex bot name/);
  });

  it('a name Lex refuses, in a model built by hand', () => {
    const byHand: IntentModel = { locales: { 'en-US': { locale: 'en-US', slotTypes: [], intents: [{ name: 'Book__It', utterances: [{ parts: [{ kind: 'text', text: 'book' }] }], slots: [] }] } } };
    expect(() => compileLexBot(byHand, { botName: 'Bot' })).toThrow(/intent Book__It: "Book__It" is not a Lex name/);
  });
});

describe('text slots and settings', () => {
  const free = model({
    locale: 'en-US',
    intents: [
      { name: 'Feedback', utterances: ['I have feedback'], slots: [{ name: 'comment', type: 'text', prompt: 'What would you like to tell us?' }] },
      { name: 'Note', utterances: ['note {memo}'], slots: [{ name: 'memo', type: 'text', prompt: 'What should I note?' }] },
    ],
  });

  it('is AMAZON.FreeFormInput, or AMAZON.AlphaNumeric (reported) where utterances name it, as Lex requires', () => {
    const compiled = lexArchiveFiles(compileLexBot(free, { botName: 'Bot' }));
    expect(JSON.parse(compiled.get('Bot/BotLocales/en_US/Intents/Feedback/Slots/comment/Slot.json')!).slotTypeName).toBe('AMAZON.FreeFormInput');
    expect(JSON.parse(compiled.get('Bot/BotLocales/en_US/Intents/Note/Slots/memo/Slot.json')!).slotTypeName).toBe('AMAZON.AlphaNumeric');
    expect(lexCompileLosses(free, { botName: 'Bot' }).map((item) => item.kind)).toContain('free-text');
  });

  it('takes bot and per-locale settings', () => {
    const compiled = compileLexBot(free, { botName: 'Bot', description: 'Feedback bot', idleSessionTTLInSeconds: 600, childDirected: true, voiceId: 'Joanna', locales: { 'en-US': { nluConfidenceThreshold: 0.55, voiceEngine: 'standard' } } });
    expect(compiled.bot).toMatchObject({ description: 'Feedback bot', idleSessionTTLInSeconds: 600, dataPrivacy: { childDirected: true } });
    expect(compiled.locales[0]!.botLocale).toMatchObject({ nluConfidenceThreshold: 0.55, voiceSettings: { engine: 'standard', voiceId: 'Joanna' } });
  });
});

describe('toLexPattern', () => {
  it('keeps what Lex takes, spells out \\d and non-ASCII characters', () => {
    expect(toLexPattern('[A-Z]{2}[0-9]{6}')).toEqual({ pattern: '[A-Z]{2}[0-9]{6}' });
    expect(toLexPattern('\\d{3}-\\d{4}')).toEqual({ pattern: '[0-9]{3}-[0-9]{4}' });
    expect(toLexPattern('[\\dA-F]{4}')).toEqual({ pattern: '[0-9A-F]{4}' });
    expect(toLexPattern('é{1,3}')).toEqual({ pattern: '\\u00E9{1,3}' });
    expect(toLexPattern('[+.*]{2}')).toEqual({ pattern: '[+.*]{2}' });
    expect(toLexPattern('a\\.b')).toEqual({ pattern: 'a\\.b' });
  });

  it('refuses unbounded repeats, the wild card, unknown escapes and long patterns', () => {
    for (const pattern of ['[0-9]+', 'a*', '[0-9]{2,}', 'a.b', '\\w{3}', 'x'.repeat(301)]) expect(toLexPattern(pattern)).toHaveProperty('problem');
  });

  it('writes RE2 character codes as Lex does, and refuses what only RE2 reads', () => {
    expect(toLexPattern('caf\\x{E9}[\\x41-\\x5A]')).toEqual({ pattern: 'caf\\u00E9[\\u0041-\\u005A]' });
    expect(toLexPattern('\\x{1F600}')).toEqual({ pattern: '\\uD83D\\uDE00' });
    for (const pattern of ['(?i)[a-z]{2}', '(?P<code>[0-9]{4})', '[[:alpha:]]{3}', '\\p{L}{2}', '\\x{110000}']) expect(toLexPattern(pattern)).toHaveProperty('problem');
    expect(toLexPattern('(?:ab|cd)(?<code>[0-9]{2})')).toEqual({ pattern: '(?:ab|cd)(?<code>[0-9]{2})' });
  });
});
