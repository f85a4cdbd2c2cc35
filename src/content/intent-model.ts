/**
 * The neutral intent model: what intent files (or defineIntent calls) mean, independent of any
 * recognizer or vendor. The local recognizer trains from it; the Lex V2 and CLU compilers read only it,
 * so it carries everything they need: prompts, slot order, synonyms, value restriction, locale.
 */
import type { SourcePosition } from '../core/errors.js';
import type { LexAttemptName, LexAttemptSettings } from './lex-schema.js';

/** The types every locale knows without a slot-type definition. */
export const builtInSlotTypes = ['date', 'time', 'number', 'phone', 'email', 'alphanumeric', 'text'] as const;
export type BuiltInSlotType = (typeof builtInSlotTypes)[number];

export function isBuiltInSlotType(type: string): type is BuiltInSlotType {
  return (builtInSlotTypes as readonly string[]).includes(type);
}

/** Several wordings of one prompt; one is picked per turn. */
export interface Prompt {
  variations: string[];
}

/** A piece of a sample utterance: literal text, or a slot with an optional example value. */
export type UtterancePart =
  | { kind: 'text'; text: string }
  | { kind: 'slot'; slot: string; example?: string };

export interface Utterance {
  parts: UtterancePart[];
  source?: SourcePosition;
}

export interface Slot {
  name: string;
  /** A built-in type (`date`, `time`, …) or the name of a slot type of the same locale. */
  type: string;
  /** Required slots are asked for; optional ones are only taken when offered. Default true. */
  required: boolean;
  /**
   * The slot holds a list of values ("pepperoni and mushroom" keeps both), in the order given; absent
   * or false: one value, the last one said.
   */
  multiple?: boolean;
  prompt?: Prompt;
  /** Said when an answer was not understood; the prompt again when absent. */
  reprompt?: Prompt;
  /** Explains what is asked, for the Help intent. */
  help?: string;
  /** How many failed answers before the dialog offers a person. */
  maxAttempts?: number;
  /** Other words a customer may use for this slot ("day" for `date`), for "change the day". */
  aliases: string[];
  description?: string;
  /** The question's input settings in Lex (the slot's `lex:` block); only the Lex build uses them. */
  lex?: LexPromptSettings;
  source?: SourcePosition;
}

/**
 * A question's input settings in Lex V2, in Lex's own words: whether the customer may interrupt it,
 * and per attempt (`Initial`, `Retry1`…) what Lex listens for (audio, DTMF keys, text) and for how long.
 * Each attempt's keys lie over the Lex console's defaults; `null` leaves a default unset.
 */
export interface LexPromptSettings {
  /** false: the prompt cannot be interrupted (barge-in off). Default true. */
  allowInterrupt?: boolean;
  attempts?: Partial<Record<LexAttemptName, LexAttemptSettings | null>>;
}

/** A Lex intent a Parley intent compiles to (the intent's `lex:` block). */
export interface LexIntentBinding {
  /** The intent's name in Lex; the Parley intent's name when absent. */
  name?: string;
  /** For a repair intent, the Lex built-in it is: `AMAZON.RepeatIntent` for `Repeat`. */
  parentIntentSignature?: string;
}

/**
 * A Lex intent Parley does not run (Q in Connect, Kendra, QnA, a Bedrock agent…), kept as its export
 * files (`<locale>/lex-passthrough/<Name>/Intent.json` and `Slots/<slot>/Slot.json`) for the Lex build
 * to write back unchanged. Recognizers never see it.
 */
export interface LexPassthroughIntent {
  name: string;
  /** Intent.json as exported. */
  intent: Record<string, unknown>;
  /** Its Slot.json files as exported. */
  slots: Record<string, unknown>[];
  source?: SourcePosition;
}

export interface Intent {
  name: string;
  description?: string;
  utterances: Utterance[];
  /** In the order they are asked for (Lex slot priority). */
  slots: Slot[];
  confirmation?: { prompt: Prompt; declined?: Prompt; lex?: LexPromptSettings };
  /** Said when the intent is fulfilled, if the dialog says nothing itself. */
  fulfilled?: Prompt;
  /** Parley's repair intents (`Help`, `Cancel`, `StartOver`, `Repeat`) carry their role. */
  builtIn?: RepairRole;
  /** The Lex intents it compiles to (the intent's `lex:` block); one of its own name when absent. */
  lex?: LexIntentBinding[];
  source?: SourcePosition;
}

export type RepairRole = 'help' | 'cancel' | 'start-over' | 'repeat';

export interface SlotTypeValue {
  value: string;
  synonyms: string[];
}

export type SlotType =
  | {
      kind: 'list';
      name: string;
      description?: string;
      values: SlotTypeValue[];
      /** true: only listed values (and synonyms) are accepted; false: other values pass through (Lex "expand"). */
      restrict: boolean;
      source?: SourcePosition;
    }
  | {
      kind: 'regex';
      name: string;
      description?: string;
      /** Matched against the whole value, after separators are removed. */
      pattern: string;
      caseInsensitive: boolean;
      /** Characters a customer may put between the characters of a value (`" -"` for `AB 123-456`). */
      separators: string;
      /** How the canonical value is written. */
      transform: 'none' | 'upper' | 'lower';
      /** A few example values, for training and for compilers that need samples. */
      examples: string[];
      source?: SourcePosition;
    };

/** Everything one locale understands. */
export interface LocaleModel {
  /** BCP 47: `en-US`. */
  locale: string;
  intents: Intent[];
  slotTypes: SlotType[];
  /** Lex intents kept for the Lex build only; absent when there are none. */
  lexPassthrough?: LexPassthroughIntent[];
}

export interface IntentModel {
  /** Keyed by BCP 47 locale. */
  locales: Record<string, LocaleModel>;
}

/**
 * An utterance's own words, its slot parts blanked out (a space each): what a request says whatever
 * values fill it.
 */
export function ownWordsOf(utterance: Utterance): string {
  return utterance.parts.map((part) => (part.kind === 'text' ? part.text : ' ')).join('');
}

/** The text of an utterance with example values filled in (placeholders stay `{slot}`). */
export function utteranceText(utterance: Utterance): string {
  return utterance.parts
    .map((part) => (part.kind === 'text' ? part.text : part.example ?? `{${part.slot}}`))
    .join('');
}

/**
 * The names an intent has in Lex: those of its `lex:` block, else its own.
 *
 * @example
 * lexNamesOf(findIntent(localeModel, 'Cancel')!) // ['CancelIntent', 'StopIntent'] for an imported Lex bot
 */
export function lexNamesOf(intent: Intent): string[] {
  return intent.lex ? intent.lex.map((binding) => binding.name ?? intent.name) : [intent.name];
}

/**
 * The intent a Lex intent is in a locale: the one whose `lex:` block names it, else the one of that
 * name. The Lex recognizer reads Lex's answers back with it (`RepeatIntent` is `Repeat`).
 *
 * @example
 * intentOfLexName(localeModel, 'StopIntent')?.name // 'Cancel'
 */
export function intentOfLexName(model: LocaleModel, lexName: string): Intent | undefined {
  return model.intents.find((intent) => lexNamesOf(intent).includes(lexName));
}

/**
 * The intent of that name in a locale, if any.
 *
 * @example
 * findIntent(model.locales['en-US']!, 'BookAppointment')?.slots
 */
export function findIntent(model: LocaleModel, name: string): Intent | undefined {
  return model.intents.find((intent) => intent.name === name);
}

/**
 * The slot type of that name in a locale, if any (built-in types have none).
 *
 * @example
 * findSlotType(model.locales['en-US']!, 'ServiceType')
 */
export function findSlotType(model: LocaleModel, name: string): SlotType | undefined {
  return model.slotTypes.find((slotType) => slotType.name === name);
}
