import type { LexAttemptName } from '../../src/content/lex-schema.js';

/**
 * The files of a Lex V2 bot export (the "LexJson" zip), in the spelling the exports use — which is
 * not the spelling of the model-building API (`messageGroupsList`, `isActive`, `TOP_RESOLUTION`,
 * `slotName`, `nluConfidenceThreshold`). These are what the compiler writes: every key present,
 * unused ones `null`, like the bots the Lex V2 console exported from 2021 to 2023.
 *
 * What the reader accepts is looser (unknown keys, missing ones): see lex-archive-schemas.ts.
 */

/** `Manifest.json`. Real exports write `metaData`, `"1"` and `BOT`, not the documentation's spelling. */
export type LexManifest = {
  metaData: { schemaVersion: '1'; fileFormat: 'LexJson'; resourceType: 'BOT' };
};

/** `<BotName>/Bot.json`. */
export type LexBot = {
  name: string;
  version: string;
  description: string | null;
  identifier: string;
  dataPrivacy: { childDirected: boolean };
  idleSessionTTLInSeconds: number;
};

export type LexVoiceEngine = 'standard' | 'neural' | 'long-form' | 'generative';

/** `<BotName>/BotLocales/<localeId>/BotLocale.json`. */
export type LexBotLocale = {
  /** The display name, `English (US)`. */
  name: string;
  /** The locale id, `en_US`. */
  identifier: string;
  version: null;
  description: string | null;
  voiceSettings: { engine: LexVoiceEngine; voiceId: string } | null;
  /** The API calls it `nluIntentConfidenceThreshold`. */
  nluConfidenceThreshold: number;
};

/** Exactly one member is set; the others are `null`. */
export type LexMessage = {
  ssmlMessage: { value: string } | null;
  customPayload: { value: string } | null;
  plainTextMessage: { value: string } | null;
  imageResponseCard: null;
};

/** Lex says one message of each group: the message or one of its (at most 2) variations. */
export type LexMessageGroup = {
  message: LexMessage;
  variations: LexMessage[] | null;
};

/**
 * One attempt's input settings. The console writes every key (`defaultPromptAttempt`); an intent
 * file's `lex:` block may leave some unset, as some exports do.
 */
export type LexPromptAttempt = {
  allowedInputTypes?: { allowAudioInput?: boolean; allowDTMFInput?: boolean };
  audioAndDTMFInputSpecification?: {
    startTimeoutMs?: number;
    audioSpecification?: { maxLengthMs?: number; endTimeoutMs?: number };
    dtmfSpecification?: { maxLength?: number; endTimeoutMs?: number; deletionCharacter?: string; endCharacter?: string };
  };
  allowInterrupt?: boolean;
  textInputSpecification?: { startTimeoutMs?: number };
};

/** `Initial`, `Retry1` … `Retry5`. */
export type LexPromptAttemptName = LexAttemptName;

export type LexPromptSpecification = {
  allowInterrupt: boolean;
  messageGroupsList: LexMessageGroup[];
  /** 0–5. */
  maxRetries: number;
  /** `Ordered`: the first attempt says the message, the retries its variations in turn. */
  messageSelectionStrategy: 'Random' | 'Ordered';
  /** Input settings per attempt (no messages): `Initial` and one `RetryN` per retry. */
  promptAttemptsSpecification: Partial<Record<LexPromptAttemptName, LexPromptAttempt>>;
};

export type LexResponseSpecification = {
  allowInterrupt: boolean;
  messageGroupsList: LexMessageGroup[];
};

export type LexIntentConfirmationSetting = {
  promptSpecification: LexPromptSpecification;
  declinationResponse: LexResponseSpecification | null;
  isActive: boolean;
};

export type LexIntentClosingSetting = {
  closingResponse: LexResponseSpecification;
  isActive: boolean;
};

/** `…/Intents/<IntentName>/Intent.json`. */
export type LexIntent = {
  name: string;
  identifier: string;
  description: string | null;
  parentIntentSignature: string | null;
  sampleUtterances: { utterance: string }[] | null;
  intentConfirmationSetting: LexIntentConfirmationSetting | null;
  intentClosingSetting: LexIntentClosingSetting | null;
  initialResponseSetting: null;
  inputContexts: null;
  outputContexts: null;
  kendraConfiguration: null;
  dialogCodeHook: { enabled: boolean } | null;
  fulfillmentCodeHook: {
    fulfillmentUpdatesSpecification: null;
    postFulfillmentStatusSpecification: null;
    enabled: boolean;
    isActive: boolean;
  } | null;
  /** The order slots are asked in, from 1. */
  slotPriorities: { priority: number; slotName: string }[];
};

/** `…/Intents/<IntentName>/Slots/<SlotName>/Slot.json`. */
export type LexSlot = {
  name: string;
  identifier: string;
  description: string | null;
  /** A slot type's name (not its id), or `AMAZON.Date` and the like. */
  slotTypeName: string;
  obfuscationSetting: null;
  valueElicitationSetting: {
    promptSpecification: LexPromptSpecification | null;
    slotConstraint: 'Required' | 'Optional';
    defaultValueSpecification: null;
    sampleUtterances: null;
    waitAndContinueSpecification: null;
  };
  /** Set for a `multiple` slot where Lex allows one (see lex-multiple-values.ts). */
  multipleValuesSetting: { allowMultipleValues: true } | null;
};

/** `…/SlotTypes/<SlotTypeName>/SlotType.json`. */
export type LexSlotType = {
  name: string;
  identifier: string;
  description: string | null;
  slotTypeValues: { sampleValue: { value: string }; synonyms: { value: string }[] | null }[] | null;
  /** Only `AMAZON.AlphaNumeric`, for a regex type. */
  parentSlotTypeSignature: 'AMAZON.AlphaNumeric' | null;
  valueSelectionSetting: {
    resolutionStrategy: 'ORIGINAL_VALUE' | 'TOP_RESOLUTION';
    regexFilter: { pattern: string } | null;
  };
};

export type LexIntentFiles = {
  intent: LexIntent;
  slots: LexSlot[];
};

/**
 * A Lex intent Parley does not run (Q in Connect, Kendra, QnA…), as it was imported: its files' JSON,
 * whatever keys they hold (the intent files' `lex-passthrough/`).
 */
export type LexPassthroughFiles = {
  intent: Record<string, unknown>;
  slots: Record<string, unknown>[];
};

export type LexLocaleFiles = {
  /** `en_US`. */
  localeId: string;
  botLocale: LexBotLocale;
  intents: LexIntentFiles[];
  /** Written as they came; absent when there are none. */
  passthroughIntents?: LexPassthroughFiles[];
  slotTypes: LexSlotType[];
};

/**
 * A Lex V2 bot export held in memory: what `compileLexBot` makes and `writeLexArchive` writes.
 *
 * @example
 * const archive = compileLexBot(model, { botName: 'AcmeTelecom' })
 * archive.locales[0]?.intents.map((entry) => entry.intent.name)
 */
export type LexArchive = {
  manifest: LexManifest;
  bot: LexBot;
  locales: LexLocaleFiles[];
};

/**
 * Something one side has that the other cannot hold, named by the file inside the archive and the
 * key path inside that file (dot-separated, array indexes as numbers; `''` for the whole file).
 */
export type LossItem = {
  /** `BlogBot/BotLocales/en_US/Intents/BookHotel/Intent.json`. */
  file: string;
  /** `intentConfirmationSetting.confirmationNextStep`; `''` for the whole file. */
  path: string;
  /** A stable code to group items by: `next-step`, `slot-help`, `voice`… */
  kind: string;
  message: string;
};
