/**
 * What a deploy compares: the fields Parley sets, nothing else. The service fills in much that was
 * not sent (timestamps, `slotCaptureSetting`, `obfuscationSetting`, next steps, default attempt
 * settings); comparing those would make every deploy look changed. Both sides (the compiled bot and
 * the Describe answers) go through the same projection, so a field outside it is never a difference,
 * and one inside it that Parley no longer sets (a removed confirmation) is.
 */
import { createHash } from 'node:crypto';
import type { LexBotState, LexIntentState, LexLocaleState } from './lex-api-shapes.js';

/** `true`: the value as it is; `[shape]`: a list of such; `{ '*': shape }`: a map of such; else these keys. */
export type FieldShape = true | readonly [FieldShape] | { readonly [key: string]: FieldShape };

const text = { value: true } as const;
const message = { plainTextMessage: text, ssmlMessage: text, customPayload: text } as const;
const messageGroups = [{ message, variations: [message] }] as const;
const attempt = {
  allowInterrupt: true,
  allowedInputTypes: { allowAudioInput: true, allowDTMFInput: true },
  audioAndDTMFInputSpecification: {
    startTimeoutMs: true,
    audioSpecification: { maxLengthMs: true, endTimeoutMs: true },
    dtmfSpecification: { maxLength: true, endTimeoutMs: true, deletionCharacter: true, endCharacter: true },
  },
  textInputSpecification: { startTimeoutMs: true },
} as const;
const prompt = { messageGroups, maxRetries: true, allowInterrupt: true, messageSelectionStrategy: true, promptAttemptsSpecification: { '*': attempt } } as const;
const response = { messageGroups, allowInterrupt: true } as const;

export const botFields = { botName: true, description: true, dataPrivacy: { childDirected: true }, idleSessionTTLInSeconds: true } as const;
export const localeFields = { localeId: true, description: true, nluIntentConfidenceThreshold: true, voiceSettings: { voiceId: true, engine: true } } as const;
export const slotTypeFields = {
  slotTypeName: true,
  description: true,
  slotTypeValues: [{ sampleValue: text, synonyms: [text] }],
  parentSlotTypeSignature: true,
  valueSelectionSetting: { resolutionStrategy: true, regexFilter: { pattern: true } },
} as const;
export const intentFields = {
  intentName: true,
  description: true,
  parentIntentSignature: true,
  sampleUtterances: [{ utterance: true }],
  dialogCodeHook: { enabled: true },
  fulfillmentCodeHook: { enabled: true, active: true },
  intentConfirmationSetting: { promptSpecification: prompt, declinationResponse: response, active: true },
  intentClosingSetting: { closingResponse: response, active: true },
} as const;
export const slotFields = {
  slotName: true,
  description: true,
  slotTypeName: true,
  valueElicitationSetting: { slotConstraint: true, promptSpecification: prompt },
  multipleValuesSetting: { allowMultipleValues: true },
} as const;

/**
 * The value cut down to `shape`, with `null`, `undefined`, `''`, empty lists and empty objects left
 * out (the service writes "none" in all those ways).
 *
 * @example
 * managedFields({ intentName: 'Hi', botId: 'ABC', sampleUtterances: [] }, intentFields) // { intentName: 'Hi' }
 */
export function managedFields(value: unknown, shape: FieldShape): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  if (shape === true) return value;
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return undefined;
    const items = value.map((item) => managedFields(item, shape[0] as FieldShape)).filter((item) => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  const fields = shape as Record<string, FieldShape>;
  const keys = '*' in fields ? Object.keys(record) : Object.keys(fields);
  const picked: Record<string, unknown> = {};
  for (const key of keys.sort()) {
    const kept = managedFields(record[key], fields['*'] ?? fields[key]!);
    if (kept !== undefined) picked[key] = kept;
  }
  return Object.keys(picked).length > 0 ? picked : undefined;
}

/** JSON with keys in a fixed order, for comparing and hashing. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).sort(([one], [other]) => (one < other ? -1 : one > other ? 1 : 0))) : item,
  );
}

const byText = (one: string, other: string) => (one < other ? -1 : one > other ? 1 : 0);

/** Utterances and slot values mean the same in any order; messages and slot priorities do not. */
export function comparableIntent(state: LexIntentState): unknown {
  const intent = managedFields(state.intent, intentFields) as { sampleUtterances?: { utterance: string }[] } | undefined;
  intent?.sampleUtterances?.sort((one, other) => byText(one.utterance, other.utterance));
  const slots = [...state.slots].sort((one, other) => byText(one.slotName, other.slotName)).map(managedSlotFields);
  return { intent, slots, slotPriorities: state.slotPriorities };
}

/**
 * A slot's managed fields. `allowMultipleValues: false` is Lex's default, so a slot described with it
 * is the slot compiled without any multipleValuesSetting.
 *
 * @example
 * managedSlotFields({ slotName: 'size', multipleValuesSetting: { allowMultipleValues: false } }) // { slotName: 'size' }
 */
export function managedSlotFields(slot: unknown): unknown {
  const fields = managedFields(slot, slotFields) as { multipleValuesSetting?: { allowMultipleValues?: unknown } } | undefined;
  if (fields?.multipleValuesSetting?.allowMultipleValues === false) delete fields.multipleValuesSetting;
  return fields;
}

export function comparableSlotType(slotType: unknown): unknown {
  const kept = managedFields(slotType, slotTypeFields) as { slotTypeValues?: { sampleValue?: { value: string }; synonyms?: { value: string }[] }[] } | undefined;
  for (const value of kept?.slotTypeValues ?? []) value.synonyms?.sort((one, other) => byText(one.value, other.value));
  kept?.slotTypeValues?.sort((one, other) => byText(one.sampleValue?.value ?? '', other.sampleValue?.value ?? ''));
  return kept;
}

/** True when the two mean the same to the service, as far as Parley sets them. */
export function sameFields(one: unknown, other: unknown): boolean {
  return canonicalJson(one) === canonicalJson(other);
}

function comparableLocale(state: LexLocaleState): unknown {
  return {
    locale: managedFields(state.locale, localeFields),
    slotTypes: [...state.slotTypes].sort((one, other) => byText(one.slotTypeName, other.slotTypeName)).map(comparableSlotType),
    intents: [...state.intents].sort((one, other) => byText(one.intent.intentName, other.intent.intentName)).map(comparableIntent),
  };
}

/**
 * The sha256 of what a bot version holds: the locales' contents and the bot settings a version keeps
 * (not the bot's name or description). Stored in each version's description, it tells which version
 * already serves the intent files.
 *
 * @example
 * lexContentHash(lexApiState(archive)) // '3f1c…' (64 hex digits)
 */
export function lexContentHash(state: LexBotState): string {
  const content = {
    dataPrivacy: state.bot.dataPrivacy,
    idleSessionTTLInSeconds: state.bot.idleSessionTTLInSeconds,
    locales: [...state.locales].sort((one, other) => byText(one.locale.localeId, other.locale.localeId)).map(comparableLocale),
  };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** The description of a bot version made from content with this hash. */
export function versionDescription(hash: string): string {
  return `parley content sha256:${hash}`;
}
