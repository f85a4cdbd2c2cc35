/**
 * The intent model -> a Lex V2 bot export (the archive the Lex console and `StartImport` take).
 * Parley stays the dialog and fulfilment code hook: the bot understands, Parley answers.
 */
import { ConfigurationError, IntentFileError, type SourcePosition } from '../../src/core/errors.js';
import { lexNamesOf, type IntentModel, type LocaleModel } from '../../src/content/intent-model.js';
import type { CompileContext } from './compile-context.js';
import { refuse } from './compile-context.js';
import { compileIntent, parleyCodeHooks } from './compile-lex-intent.js';
import { compileSlotType } from './compile-lex-slot-type.js';
import type { LexArchive, LexIntentFiles, LexLocaleFiles, LexVoiceEngine, LossItem } from './lex-archive-types.js';
import { fallbackIntentDescription, fallbackIntentIdentifier, fallbackIntentName, lexIdentifier, lexLocaleId, lexLocaleName, lexNamePattern } from './lex-names.js';

/** Settings of one locale; unset ones come from the bot-wide options. */
export interface LexLocaleSettings {
  /** The display name in BotLocale.json; default from the locale (`English (US)`). */
  name?: string;
  description?: string;
  nluConfidenceThreshold?: number;
  voiceId?: string;
  voiceEngine?: LexVoiceEngine;
}

export interface CompileLexBotOptions {
  /** The Lex bot's name (`^([0-9a-zA-Z][_-]?){1,100}$`). */
  botName: string;
  description?: string;
  /** 60–86400; default 300. */
  idleSessionTTLInSeconds?: number;
  /** Default false. */
  childDirected?: boolean;
  /** 0–1; default 0.40. */
  nluConfidenceThreshold?: number;
  /** A Polly voice for every locale (`Joanna`); no voice when absent. */
  voiceId?: string;
  /** Default `neural`. */
  voiceEngine?: LexVoiceEngine;
  /** Per locale, keyed by BCP 47 (`en-US`): what `importLexArchive` returns in `botSettings`. */
  locales?: Record<string, LexLocaleSettings>;
}

/**
 * Compiles the intent model into a Lex V2 bot export, held in memory. Deterministic: the same model
 * and options give the same archive (identifiers are hashes of names). Throws `IntentFileError` when
 * the model holds something Lex cannot take (a pattern with `+`, a required slot without a prompt),
 * `ConfigurationError` for bad options.
 *
 * @example
 * const archive = compileLexBot(await loadIntents('intents'), { botName: 'AcmeTelecom' })
 * await writeLexArchive(archive, 'dist/lex/AcmeTelecom-LexJson.zip')
 */
export function compileLexBot(model: IntentModel, options: CompileLexBotOptions): LexArchive {
  return compileWithLosses(model, options).archive;
}

/**
 * What the archive `compileLexBot` makes does not carry (help texts, aliases, example values, prompt
 * wordings past Lex's limits, regex options): Parley, as the code hook, still has all of it.
 *
 * @example
 * for (const item of lexCompileLosses(model, { botName: 'AcmeTelecom' })) console.log(item.message)
 */
export function lexCompileLosses(model: IntentModel, options: CompileLexBotOptions): LossItem[] {
  return compileWithLosses(model, options).losses;
}

export function compileWithLosses(model: IntentModel, options: CompileLexBotOptions): { archive: LexArchive; losses: LossItem[] } {
  checkOptions(options);
  const context: CompileContext = { problems: [], losses: [] };
  const locales = Object.values(model.locales).map((locale) => compileLocale(locale, options, context));
  if (context.problems.length > 0) throw new IntentFileError(context.problems);
  const archive: LexArchive = {
    manifest: { metaData: { schemaVersion: '1', fileFormat: 'LexJson', resourceType: 'BOT' } },
    bot: {
      name: options.botName,
      version: 'DRAFT',
      description: options.description ?? null,
      identifier: lexIdentifier('bot', options.botName),
      dataPrivacy: { childDirected: options.childDirected ?? false },
      idleSessionTTLInSeconds: options.idleSessionTTLInSeconds ?? 300,
    },
    locales,
  };
  return { archive, losses: context.losses };
}

function compileLocale(locale: LocaleModel, options: CompileLexBotOptions, context: CompileContext): LexLocaleFiles {
  const localeId = lexLocaleId(locale.locale);
  const settings = options.locales?.[locale.locale] ?? {};
  const voiceId = settings.voiceId ?? options.voiceId;
  const target = { botName: options.botName, localeId };
  checkUniqueLexNames(locale, context);
  const intents = locale.intents.flatMap((intent) => compileIntent(intent, locale, target, context));
  const passthrough = locale.lexPassthrough ?? [];
  return {
    localeId,
    botLocale: {
      name: settings.name ?? lexLocaleName(localeId),
      identifier: localeId,
      version: null,
      description: settings.description ?? null,
      voiceSettings: voiceId === undefined ? null : { engine: settings.voiceEngine ?? options.voiceEngine ?? 'neural', voiceId },
      nluConfidenceThreshold: settings.nluConfidenceThreshold ?? options.nluConfidenceThreshold ?? 0.4,
    },
    intents: [...intents, fallbackIntent()],
    ...(passthrough.length > 0 ? { passthroughIntents: passthrough.map(({ intent, slots }) => ({ intent, slots })) } : {}),
    slotTypes: locale.slotTypes.map((slotType) => compileSlotType(slotType, target, context)),
  };
}

/** Two intents (a `lex:` name, a passthrough intent) may not be one Lex intent. */
function checkUniqueLexNames(locale: LocaleModel, context: CompileContext): void {
  const seen = new Map<string, { what: string; source?: SourcePosition | undefined }>([[fallbackIntentName.toLowerCase(), { what: `the ${fallbackIntentName}` }]]);
  const claim = (lexName: string, what: string, source: SourcePosition | undefined) => {
    const first = seen.get(lexName.toLowerCase());
    if (!first) {
      seen.set(lexName.toLowerCase(), { what, source });
      return;
    }
    if (first.what === `the ${fallbackIntentName}` && what.startsWith('intent ')) return; // compileIntent says so
    const where = first.source ? ` (${first.source.file}:${first.source.line})` : '';
    refuse(context, { file: '', source }, `${what} is the Lex intent ${lexName} of ${locale.locale}, as is ${first.what}${where}`, 'a Lex locale has one intent of each name: rename one in Lex (its `lex:` name, or the passthrough folder and its name)');
  };
  for (const intent of locale.intents) for (const lexName of lexNamesOf(intent)) claim(lexName, `intent ${intent.name}`, intent.source);
  for (const entry of locale.lexPassthrough ?? []) claim(entry.name, `passthrough intent ${entry.name}`, entry.source);
}

/** Every Lex locale has it, always with this identifier; Parley answers it as the code hook. */
export function fallbackIntent(): LexIntentFiles {
  return {
    intent: {
      name: fallbackIntentName,
      identifier: fallbackIntentIdentifier,
      description: fallbackIntentDescription,
      parentIntentSignature: 'AMAZON.FallbackIntent',
      sampleUtterances: null,
      intentConfirmationSetting: null,
      intentClosingSetting: null,
      initialResponseSetting: null,
      inputContexts: null,
      outputContexts: null,
      kendraConfiguration: null,
      ...parleyCodeHooks(),
      slotPriorities: [],
    },
    slots: [],
  };
}

function checkOptions(options: CompileLexBotOptions): void {
  if (!lexNamePattern.test(options.botName)) {
    throw new ConfigurationError('botName', `"${options.botName}" is not a Lex bot name; use letters and digits with single _ or - between them, at most 100 characters`);
  }
  const ttl = options.idleSessionTTLInSeconds;
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 60 || ttl > 86400)) {
    throw new ConfigurationError('idleSessionTTLInSeconds', `${ttl} is not a whole number of seconds from 60 to 86400`);
  }
  const thresholds = [options.nluConfidenceThreshold, ...Object.values(options.locales ?? {}).map((locale) => locale.nluConfidenceThreshold)];
  for (const threshold of thresholds) {
    if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) {
      throw new ConfigurationError('nluConfidenceThreshold', `${threshold} is not a confidence from 0 to 1`);
    }
  }
}
