/**
 * The parts of a Lex V2 answer Parley reads, typed loosely enough to take the SDK's RecognizeText
 * output, the decoded headers of RecognizeUtterance, and the interpretations of a code-hook event.
 */

export interface LexV2Value {
  originalValue?: string | undefined;
  interpretedValue?: string | undefined;
  resolvedValues?: string[] | undefined;
}

export interface LexV2Slot {
  shape?: string | undefined;
  value?: LexV2Value | undefined;
  values?: LexV2Slot[] | undefined;
  subSlots?: Record<string, LexV2Slot | null> | undefined;
}

export interface LexV2Intent {
  name?: string | undefined;
  /** Unfilled slots are present as `null` on the wire. */
  slots?: Record<string, LexV2Slot | null> | undefined;
  state?: string | undefined;
  confirmationState?: string | undefined;
}

export interface LexV2Sentiment {
  sentiment?: string | undefined;
  sentimentScore?: { positive?: number | undefined; negative?: number | undefined; neutral?: number | undefined; mixed?: number | undefined } | undefined;
}

export interface LexV2Interpretation {
  intent?: LexV2Intent | undefined;
  /** `{ score }` from the runtime API; a bare number in code-hook events. Absent on `FallbackIntent`. */
  nluConfidence?: { score?: number | undefined } | number | undefined;
  sentimentResponse?: LexV2Sentiment | undefined;
  interpretationSource?: string | undefined;
}

export interface LexV2SessionState {
  dialogAction?: { type?: string | undefined; slotToElicit?: string | undefined } | undefined;
  intent?: LexV2Intent | undefined;
  sessionAttributes?: Record<string, string> | undefined;
}

/**
 * A RecognizeText answer, or RecognizeUtterance's decoded headers put together.
 *
 * @example
 * const response: LexV2Response = { interpretations: decodeLexV2Header(out.interpretations!), sessionState: decodeLexV2Header(out.sessionState!) };
 */
export interface LexV2Response {
  interpretations?: LexV2Interpretation[] | undefined;
  sessionState?: LexV2SessionState | undefined;
  messages?: Array<{ contentType?: string | undefined; content?: string | undefined }> | undefined;
  requestAttributes?: Record<string, string> | undefined;
  sessionId?: string | undefined;
}

/**
 * The intent Lex uses for "none of them" (built on `AMAZON.FallbackIntent`).
 *
 * @example
 * response.interpretations?.[0]?.intent?.name === fallbackIntentName
 */
export const fallbackIntentName = 'FallbackIntent';

/**
 * `nluConfidence` in either spelling; undefined when absent.
 *
 * @example
 * scoreOf({ score: 0.93 }) // 0.93
 * scoreOf(1) // 1
 */
export function scoreOf(confidence: LexV2Interpretation['nluConfidence']): number | undefined {
  const score = typeof confidence === 'number' ? confidence : confidence?.score;
  return typeof score === 'number' && Number.isFinite(score) ? score : undefined;
}
