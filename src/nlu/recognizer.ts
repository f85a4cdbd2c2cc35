/**
 * The Recognizer seam. The local recognizer, Lex V2 and Azure CLU implement it and return the same
 * provider-neutral Recognition.
 */
import type { SingleSlotValue } from '../core/turn.js';
import type { RouteTrace } from './router/route-trace.js';

/** What the dialog is waiting for; a recognizer reads the answer for that slot first. */
export interface Expectation {
  intent?: string;
  slot?: string;
  slotType?: string;
  /** true while a yes/no confirmation is asked. */
  confirmation?: boolean;
}

export interface RecognizeRequest {
  text: string;
  locale: string;
  /** The instant "today" and "tomorrow" are read against. */
  now: Date;
  timeZone: string;
  conversationId?: string;
  channel?: string;
  expecting?: Expectation;
  /**
   * Key/value context of the conversation for providers that keep it with their session (Lex V2
   * session attributes); providers without such a notion ignore it. Not logged.
   */
  attributes?: Readonly<Record<string, string>>;
}

export interface RecognizedIntent {
  name: string;
  /** 0–1; comparable within one provider (calibrated across providers by the router). */
  confidence: number;
}

/** A value found in the text, resolved to its canonical form. */
export interface Entity {
  /** Slot type: a built-in (`date`, `time`, `number`, `phone`, `email`) or a slot type's name. */
  type: string;
  /** The slot the provider tied this value to, when it knows (Lex slots, markup-trained recognizers). */
  slot?: string;
  /** The words as said. */
  text: string;
  /** Offsets into Recognition.text, `end` exclusive (UTF-16 code units). */
  start: number;
  end: number;
  /** Canonical: dates `YYYY-MM-DD`, times `HH:MM` (24 h), phones E.164, list values their canonical value. One value: a slot that takes several gets one entity each. */
  value: SingleSlotValue;
  confidence?: number;
}

/** Words said as a value of a closed list that it does not hold. */
export interface UnlistedValue {
  /** The slot the words were said for, when the provider knows. */
  slot?: string;
  /** The closed list slot type. */
  type: string;
  /** The words as said. */
  text: string;
  /** Offsets into Recognition.text, `end` exclusive. */
  start: number;
  end: number;
}

export interface Recognition {
  text: string;
  locale: string;
  /** Ranked, best first; may be empty. */
  intents: RecognizedIntent[];
  /** The understood intent, or null when the provider is not confident enough (out of scope). */
  topIntent: string | null;
  entities: Entity[];
  /**
   * Words said as the value of a slot whose type is a closed list, that the list does not have
   * ("anchovies" for a Topping): the engine tells the customer so, with the options. Optional: only
   * providers that can tell such words apart give them (the local recognizer does).
   */
  unlisted?: UnlistedValue[];
  /** How the customer sounded, when the provider tells (Lex with sentiment analysis on its alias). */
  sentiment?: Sentiment;
  /** `local`, `lex-v2`, `azure-clu`… */
  provider: string;
  latencyMs: number;
  /** The provider's own response. Never logged. */
  raw?: unknown;
  /** How the router chose this answer, when one did: who was asked, how each did, why this one won. */
  route?: RouteTrace;
}

/** The tone of one message, as a provider judged it. */
export interface Sentiment {
  label: 'positive' | 'negative' | 'neutral' | 'mixed';
  /** The provider's confidence in `label`, 0–1, when it gives one. */
  score?: number;
}

export interface RecognizeOptions {
  signal?: AbortSignal;
}

/**
 * Understands one utterance.
 *
 * @example
 * const recognition = await recognizer.recognize({ text: 'book a repair', locale: 'en-US', now: new Date(), timeZone: 'UTC' });
 */
export interface Recognizer {
  readonly name: string;
  recognize(request: RecognizeRequest, options?: RecognizeOptions): Promise<Recognition>;
}

/** A Recognition with nothing understood: what an empty message or an unknown locale gets. */
export function emptyRecognition(text: string, locale: string, provider: string): Recognition {
  return { text, locale, intents: [], topIntent: null, entities: [], provider, latencyMs: 0 };
}
