/**
 * A Lex V2 bot export -> the intent model, the bot's settings, and a report of everything intent
 * files cannot hold. The intents go through the same loader as intent files, so the model is exactly
 * what `readIntents` gives for the files `writeIntentFiles` makes of it, and the loader's objections
 * (an utterance Parley's Help intent already has, a synonym listed twice) are in the report too.
 */
import type { IntentModel, LexPassthroughIntent, LocaleModel } from '../../src/content/intent-model.js';
import type { IntentDefinition, SlotTypeDefinition } from '../../src/content/intent-schema.js';
import { isLexOnlyBuiltIn, lexFallbackSignature } from '../../src/content/builtin-intents.js';
import { localeProblem } from '../../src/content/locale-folder.js';
import { compareText } from '../../src/content/locate.js';
import { assemble } from './import-lex-assemble.js';
import type { CompileLexBotOptions, LexLocaleSettings } from './compile-lex-bot.js';
import { reportUnknownKeys } from './import-lex-keys.js';
import { importIntent, type ImportedIntent } from './import-lex-intent.js';
import { fileReport } from './import-lex-messages.js';
import { importSlotType, slotTypeRenamer, type ImportedSlotType } from './import-lex-slot-type.js';
import { botLocalePath, botPath, intentPath, slotTypePath } from './lex-archive-paths.js';
import type { ReadLexArchive, ReadLexIntentFiles } from './lex-archive-schemas.js';
import type { LexArchive, LexLocaleFiles, LexVoiceEngine, LossItem } from './lex-archive-types.js';
import { sameJson } from './compare-lex-archives.js';
import { fallbackIntentName, parleyLocale } from './lex-names.js';

export interface ImportLexResult {
  model: IntentModel;
  /** Bot-wide and per-locale settings, as `compileLexBot` options: a rebuild gives the same settings. */
  botSettings: CompileLexBotOptions;
  /** Everything of the export the model and settings do not hold, by file inside the archive. */
  report: LossItem[];
}

/**
 * Imports a Lex V2 bot export (from `readLexArchive`, or `compileLexBot`). Never drops anything
 * silently: what the model cannot hold is in `report`.
 *
 * @example
 * const { model, botSettings, report } = importLexArchive(await readLexArchive('BlogBot-LexJson.zip'))
 * await writeIntentFiles(model, 'intents')
 */
export function importLexArchive(archive: ReadLexArchive | LexArchive): ImportLexResult {
  const report: LossItem[] = [];
  const bot = archive.bot;
  const botFile = fileReport(report, botPath(bot.name));
  reportUnknownKeys(bot, ['name', 'version', 'description', 'identifier', 'dataPrivacy', 'idleSessionTTLInSeconds'], botFile, '', {
    errorLogSettings: ['logging', 'error log settings are not imported'],
  });
  reportUnknownKeys(bot.dataPrivacy, ['childDirected'], botFile, 'dataPrivacy');
  if (bot.identifier) botFile.add('identifier', 'identifiers', 'Lex identifiers are not kept: a rebuilt archive derives its own from names, and an import assigns new ones anyway');
  if (bot.version !== undefined && bot.version !== null && bot.version !== 'DRAFT') botFile.add('version', 'version', `this is version ${bot.version}; a rebuilt archive is the DRAFT version`);
  const botSettings: CompileLexBotOptions = {
    botName: bot.name,
    idleSessionTTLInSeconds: bot.idleSessionTTLInSeconds,
    childDirected: bot.dataPrivacy.childDirected,
    locales: {},
  };
  if (bot.description) botSettings.description = bot.description;
  const model: IntentModel = { locales: {} };
  for (const locale of archive.locales) {
    const localeFile = fileReport(report, botLocalePath(bot.name, locale.localeId));
    const tag = parleyLocale(locale.localeId);
    const invalid = localeProblem(tag);
    if (invalid) {
      localeFile.add('', 'locale', `locale ${locale.localeId} is not imported: ${invalid.message}`);
      continue;
    }
    reportUnknownKeys(locale.botLocale, ['name', 'identifier', 'version', 'description', 'voiceSettings', 'nluConfidenceThreshold'], localeFile, '');
    if (locale.botLocale.voiceSettings) reportUnknownKeys(locale.botLocale.voiceSettings, ['voiceId', 'engine'], localeFile, 'voiceSettings');
    botSettings.locales![tag] = localeSettings(locale.botLocale);
    model.locales[tag] = importLocale(tag, locale, bot.name, report);
  }
  for (const file of (archive as ReadLexArchive).ignoredFiles ?? []) {
    const what = /ConversationFlow\.json$/i.test(file) ? 'the visual conversation flow layout' : /CustomVocabulary/i.test(file) ? 'the custom vocabulary' : 'a file Lex exports do not usually hold';
    report.push({ file, path: '', kind: 'ignored-file', message: `${what} is not imported` });
  }
  return { model, botSettings, report };
}

function localeSettings(botLocale: ReadLexArchive['locales'][number]['botLocale']): LexLocaleSettings {
  const settings: LexLocaleSettings = { nluConfidenceThreshold: botLocale.nluConfidenceThreshold };
  if (botLocale.name) settings.name = botLocale.name;
  if (botLocale.description) settings.description = botLocale.description;
  if (botLocale.voiceSettings) {
    settings.voiceId = botLocale.voiceSettings.voiceId;
    if (botLocale.voiceSettings.engine) settings.voiceEngine = botLocale.voiceSettings.engine as LexVoiceEngine;
  }
  return settings;
}

type ReadLocale = ReadLexArchive['locales'][number];

/** The intents of a read export, or of an archive Parley compiled (its passthrough intents apart). */
function intentFiles(locale: ReadLocale | LexLocaleFiles): ReadLexIntentFiles[] {
  const passthrough = 'passthroughIntents' in locale ? (locale.passthroughIntents ?? []) : [];
  return [...locale.intents, ...passthrough.map((files) => ({ intent: files.intent as ReadLexIntentFiles['intent'], slots: files.slots as ReadLexIntentFiles['slots'], exported: files }))];
}

function importLocale(tag: string, locale: ReadLocale | LexLocaleFiles, botName: string, report: LossItem[]): LocaleModel {
  const { localeId } = locale;
  const entries = intentFiles(locale);
  const renamed = slotTypeRenamer(locale.slotTypes.map((slotType) => slotType.name));
  const slotTypes: ImportedSlotType[] = locale.slotTypes
    .map((slotType) => importSlotType(slotType, fileReport(report, slotTypePath(botName, localeId, slotType.name)), renamed))
    .sort((a, b) => compareText(a.name, b.name));
  for (const slotType of slotTypes) {
    if (slotType.name !== slotType.lexName) report.push({ file: slotTypePath(botName, localeId, slotType.name), path: '', kind: 'renamed', message: `written from slot type ${slotType.lexName}` });
  }
  if (!entries.some((entry) => entry.intent.parentIntentSignature === lexFallbackSignature)) {
    report.push({ file: intentPath(botName, localeId, fallbackIntentName), path: '', kind: 'fallback', message: `${localeId} has no FallbackIntent; a rebuilt bot has the standard one, which calls Parley as its code hook` });
  }
  const customSlotType = (lexName: string) => slotTypes.find((slotType) => slotType.lexName === lexName && slotType.definition)?.name;
  const context = { botName, localeId, report, customSlotType };
  // Lex built-ins Parley does not run are kept as they are, for the Lex build (lex-passthrough/).
  const passthrough = entries.filter((entry) => isLexOnlyBuiltIn(entry.intent.parentIntentSignature)).map(passthroughIntent);
  const imported = entries
    .filter((entry) => !isLexOnlyBuiltIn(entry.intent.parentIntentSignature))
    .map((entry) => importIntent(entry, context))
    .filter((entry): entry is ImportedIntent => entry !== undefined)
    .sort((a, b) => compareText(a.definition.name, b.definition.name));
  const intents = mergeBuiltIns(imported, report);
  const typed = slotTypes.filter((slotType): slotType is ImportedSlotType & { definition: SlotTypeDefinition } => slotType.definition !== undefined);
  const assembled = assemble(tag, intents, typed, report, (name) => slotTypePath(botName, localeId, name));
  for (const intent of assembled.intents) {
    const from = intents.find((entry) => entry.definition.name === intent.name);
    // A Lex built-in builds back as the built-in, without utterances: Parley's only train the local recognizer.
    const builtInInLex = intent.lex?.some((binding) => binding.parentIntentSignature !== undefined) ?? false;
    if (intent.builtIn && !from) {
      report.push({ file: intentPath(botName, localeId, intent.name), path: '', kind: 'repair-intent', message: `Parley adds its repair intent ${intent.name} (${intent.utterances.length} utterances) to ${tag}; a rebuilt bot has it` });
    } else if (intent.builtIn && from && !builtInInLex && intent.utterances.length > (from.definition.utterances?.length ?? 0)) {
      report.push({ file: from.file, path: 'sampleUtterances', kind: 'repair-utterances', message: `Parley's built-in utterances of ${intent.name} are added to it` });
    } else if (!intent.builtIn && intent.utterances.length === 0 && from) {
      report.push({ file: from.file, path: 'sampleUtterances', kind: 'no-utterances', message: `${intent.name} has no sample utterances left; intent files need at least one: add some before using these files` });
    }
  }
  if (passthrough.length > 0) assembled.lexPassthrough = passthrough;
  return assembled;
}

/** Kept as exported, key order and all: the build writes it back unchanged. */
function passthroughIntent(entry: ReadLexIntentFiles): LexPassthroughIntent {
  const files = entry.exported ?? { intent: entry.intent, slots: entry.slots };
  return { name: entry.intent.name, intent: structuredClone(files.intent), slots: structuredClone(files.slots) };
}

/**
 * Lex built-ins that are one repair intent (AMAZON.CancelIntent and AMAZON.StopIntent are both
 * `Cancel`) become one intent whose `lex:` block lists them all, so each builds back. What the later
 * ones say differently from the first (a closing response of their own) is not kept, and reported.
 */
function mergeBuiltIns(intents: ImportedIntent[], report: LossItem[]): ImportedIntent[] {
  const merged: ImportedIntent[] = [];
  for (const intent of intents) {
    const first = merged.find((other) => other.definition.name === intent.definition.name);
    if (!first || ![first, intent].every((entry) => isBuiltIn(entry.definition.lex))) {
      merged.push(intent);
      continue;
    }
    const { lex: _lex, ...own } = intent.definition;
    const { lex: kept, ...firsts } = first.definition;
    first.definition.lex = [kept!, intent.definition.lex!].flat();
    if (!sameJson(own, firsts)) {
      report.push({ file: intent.file, path: '', kind: 'merged-built-in', message: `${intent.lexName} is Parley's ${intent.definition.name} intent, as is ${first.lexName}: a rebuilt ${intent.lexName} says what ${first.lexName} says` });
    }
  }
  return merged;
}

function isBuiltIn(lex: IntentDefinition['lex']): boolean {
  return lex !== undefined && [lex].flat().every((binding) => binding.parentIntentSignature !== undefined);
}
