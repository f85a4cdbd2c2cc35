/**
 * The compiled archive (export spelling) -> what the model-building API should hold, in the API's
 * spelling (`messageGroups`, `active`, `TopResolution`, `nluIntentConfidenceThreshold`) and typed
 * with the SDK's own request shapes. Ids are not known here: a slot names its slot type and an intent
 * its slot priorities by name; the `…Input` functions below resolve them when the deploy applies.
 */
import type {
  CreateBotLocaleCommandInput,
  CreateIntentCommandInput,
  CreateSlotCommandInput,
  CreateSlotTypeCommandInput,
  Message,
  MessageGroup,
  PromptSpecification,
  ResponseSpecification,
  SlotValueResolutionStrategy,
  UpdateBotCommandInput,
  UpdateIntentCommandInput,
} from '@aws-sdk/client-lex-models-v2';
import type { LexArchive, LexIntentFiles, LexLocaleFiles, LexMessage, LexMessageGroup, LexPromptSpecification, LexResponseSpecification, LexSlot, LexSlotType } from '../lex-archive-types.js';

export type LexBotInput = Pick<UpdateBotCommandInput, 'description' | 'dataPrivacy' | 'idleSessionTTLInSeconds'> & { botName: string };
export type LexLocaleInput = Omit<CreateBotLocaleCommandInput, 'botId' | 'botVersion'> & { localeId: string };
export type LexSlotTypeInput = Omit<CreateSlotTypeCommandInput, 'botId' | 'botVersion' | 'localeId'> & { slotTypeName: string };
export type LexIntentInput = Omit<CreateIntentCommandInput, 'botId' | 'botVersion' | 'localeId'> & { intentName: string };
/** A slot with its type by name (`ServiceType`, `AMAZON.Date`); the API wants the type's id. */
export type LexSlotInput = Omit<CreateSlotCommandInput, 'botId' | 'botVersion' | 'localeId' | 'intentId' | 'slotTypeId'> & { slotName: string; slotTypeName: string };

export interface LexIntentState {
  intent: LexIntentInput;
  slots: LexSlotInput[];
  /** Slot names, the first asked first. */
  slotPriorities: string[];
}

export interface LexLocaleState {
  locale: LexLocaleInput;
  slotTypes: LexSlotTypeInput[];
  intents: LexIntentState[];
  /**
   * Lex-only intents of the files (`lex-passthrough/`: Q in Connect, Kendra…). A deploy leaves them as
   * the bot has them, neither creating nor deleting them: their settings are not mapped to the API.
   */
  lexOnlyIntents?: string[];
}

/** A whole bot's DRAFT as the API would describe it, ids aside. */
export interface LexBotState {
  bot: LexBotInput;
  locales: LexLocaleState[];
}

/** Where a locale's resources live. */
export interface LexLocaleTarget {
  botId: string;
  botVersion: 'DRAFT';
  localeId: string;
}

/**
 * The API state of a compiled archive.
 *
 * @example
 * const desired = lexApiState(compileLexBot(model, { botName: 'AcmeTelecom' }))
 * desired.locales[0]?.intents.map((entry) => entry.intent.intentName)
 */
export function lexApiState(archive: LexArchive): LexBotState {
  const { bot } = archive;
  return {
    bot: { botName: bot.name, ...optional('description', bot.description), dataPrivacy: { childDirected: bot.dataPrivacy.childDirected }, idleSessionTTLInSeconds: bot.idleSessionTTLInSeconds },
    locales: archive.locales.map(localeState),
  };
}

function localeState(files: LexLocaleFiles): LexLocaleState {
  const { botLocale } = files;
  return {
    locale: {
      localeId: files.localeId,
      ...optional('description', botLocale.description),
      nluIntentConfidenceThreshold: botLocale.nluConfidenceThreshold,
      ...(botLocale.voiceSettings ? { voiceSettings: { voiceId: botLocale.voiceSettings.voiceId, engine: botLocale.voiceSettings.engine } } : {}),
    },
    slotTypes: files.slotTypes.map(slotTypeInput),
    intents: files.intents.map(intentState),
    ...(files.passthroughIntents ? { lexOnlyIntents: files.passthroughIntents.map((entry) => String(entry.intent.name)) } : {}),
  };
}

const resolutionStrategies: Record<string, SlotValueResolutionStrategy> = { ORIGINAL_VALUE: 'OriginalValue', TOP_RESOLUTION: 'TopResolution', CONCATENATION: 'Concatenation' };

function slotTypeInput(slotType: LexSlotType): LexSlotTypeInput {
  const { resolutionStrategy, regexFilter } = slotType.valueSelectionSetting;
  return {
    slotTypeName: slotType.name,
    ...optional('description', slotType.description),
    ...(slotType.slotTypeValues
      ? { slotTypeValues: slotType.slotTypeValues.map((value) => ({ sampleValue: { value: value.sampleValue.value }, ...(value.synonyms ? { synonyms: value.synonyms.map((synonym) => ({ value: synonym.value })) } : {}) })) }
      : {}),
    ...optional('parentSlotTypeSignature', slotType.parentSlotTypeSignature),
    valueSelectionSetting: { resolutionStrategy: resolutionStrategies[resolutionStrategy] ?? 'OriginalValue', ...(regexFilter ? { regexFilter: { pattern: regexFilter.pattern } } : {}) },
  };
}

function intentState({ intent, slots }: LexIntentFiles): LexIntentState {
  const confirmation = intent.intentConfirmationSetting;
  const closing = intent.intentClosingSetting;
  return {
    intent: {
      intentName: intent.name,
      ...optional('description', intent.description),
      ...optional('parentIntentSignature', intent.parentIntentSignature),
      ...(intent.sampleUtterances ? { sampleUtterances: intent.sampleUtterances.map(({ utterance }) => ({ utterance })) } : {}),
      ...(intent.dialogCodeHook ? { dialogCodeHook: { enabled: intent.dialogCodeHook.enabled } } : {}),
      ...(intent.fulfillmentCodeHook ? { fulfillmentCodeHook: { enabled: intent.fulfillmentCodeHook.enabled, active: intent.fulfillmentCodeHook.isActive } } : {}),
      ...(confirmation
        ? {
            intentConfirmationSetting: {
              promptSpecification: promptSpecification(confirmation.promptSpecification),
              ...(confirmation.declinationResponse ? { declinationResponse: responseSpecification(confirmation.declinationResponse) } : {}),
              active: confirmation.isActive,
            },
          }
        : {}),
      ...(closing ? { intentClosingSetting: { closingResponse: responseSpecification(closing.closingResponse), active: closing.isActive } } : {}),
    },
    slots: slots.map(slotState),
    slotPriorities: [...intent.slotPriorities].sort((one, other) => one.priority - other.priority).map((priority) => priority.slotName),
  };
}

function slotState(slot: LexSlot): LexSlotInput {
  const { promptSpecification: prompt, slotConstraint } = slot.valueElicitationSetting;
  return {
    slotName: slot.name,
    ...optional('description', slot.description),
    slotTypeName: slot.slotTypeName,
    valueElicitationSetting: { slotConstraint, ...(prompt ? { promptSpecification: promptSpecification(prompt) } : {}) },
    ...(slot.multipleValuesSetting ? { multipleValuesSetting: { allowMultipleValues: true } } : {}),
  };
}

function promptSpecification(prompt: LexPromptSpecification): PromptSpecification {
  return {
    messageGroups: prompt.messageGroupsList.map(messageGroup),
    maxRetries: prompt.maxRetries,
    allowInterrupt: prompt.allowInterrupt,
    messageSelectionStrategy: prompt.messageSelectionStrategy,
    // The attempts are spelt the same in exports and in the API. A setting an intent file's `lex:`
    // block leaves unset stays unset; Lex says so if the API needs it.
    promptAttemptsSpecification: structuredClone(prompt.promptAttemptsSpecification) as PromptSpecification['promptAttemptsSpecification'],
  };
}

function responseSpecification(response: LexResponseSpecification): ResponseSpecification {
  return { messageGroups: response.messageGroupsList.map(messageGroup), allowInterrupt: response.allowInterrupt };
}

function messageGroup(group: LexMessageGroup): MessageGroup {
  return { message: message(group.message), ...(group.variations ? { variations: group.variations.map(message) } : {}) };
}

function message(written: LexMessage): Message {
  if (written.ssmlMessage) return { ssmlMessage: { value: written.ssmlMessage.value } };
  if (written.customPayload) return { customPayload: { value: written.customPayload.value } };
  return { plainTextMessage: { value: written.plainTextMessage?.value ?? '' } };
}

function optional<Key extends string, Value>(key: Key, value: Value | null | undefined): { [K in Key]?: Value } {
  return (value === null || value === undefined ? {} : { [key]: value }) as { [K in Key]?: Value };
}

/** `AMAZON.*` built-ins go as they are; a custom type by its id in the locale. */
export function slotTypeIdOf(slotTypeName: string, slotTypeIds: ReadonlyMap<string, string>): string | undefined {
  return slotTypeName.startsWith('AMAZON.') ? slotTypeName : slotTypeIds.get(slotTypeName);
}

const slotReference = /\{[^{}]*\}/;

/**
 * CreateIntent's body. It has no slot priorities, and the intent's slots do not exist yet: utterances
 * that name a slot wait for the UpdateIntent that follows the slots.
 */
export function createIntentInput(target: LexLocaleTarget, state: LexIntentState): CreateIntentCommandInput {
  const { sampleUtterances, ...intent } = state.intent;
  const waiting = state.slots.length > 0 ? sampleUtterances?.filter(({ utterance }) => !slotReference.test(utterance ?? '')) : sampleUtterances;
  return { ...target, ...intent, ...(waiting ? { sampleUtterances: waiting } : {}) };
}

/** UpdateIntent's body: the whole intent again, with its slot priorities by slot id. */
export function updateIntentInput(target: LexLocaleTarget, intentId: string, state: LexIntentState, slotIds: ReadonlyMap<string, string>): UpdateIntentCommandInput {
  const known = state.slotPriorities.filter((name) => slotIds.has(name));
  return { ...target, intentId, ...state.intent, slotPriorities: known.map((name, index) => ({ priority: index + 1, slotId: slotIds.get(name)! })) };
}

/** CreateSlot's (and UpdateSlot's) body, the slot type resolved to its id. */
export function slotInput(target: LexLocaleTarget, intentId: string, slot: LexSlotInput, slotTypeIds: ReadonlyMap<string, string>): CreateSlotCommandInput {
  const { slotTypeName, ...rest } = slot;
  return { ...target, intentId, ...rest, slotTypeId: slotTypeIdOf(slotTypeName, slotTypeIds) ?? slotTypeName };
}
