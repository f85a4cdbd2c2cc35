/** What the evaluator compares: the expected answer for an utterance, and what the recognizer said. */

/** A slot as labelled: offsets into the text, `end` exclusive; `value` is the words as written. */
export interface ExpectedSlot {
  name: string;
  start: number;
  end: number;
  value: string;
}

/** A test utterance and its answer. `intent` null: out of scope. */
export interface LabelledUtterance {
  text: string;
  intent: string | null;
  slots: ExpectedSlot[];
}

/** A value the recognizer tied to a slot (`entity.slot`), with the words as said. */
export interface PredictedSlot {
  name: string;
  start: number;
  end: number;
  text: string;
}

export interface Prediction {
  text: string;
  /** The labelled intent; null for an out-of-scope example. */
  expected: string | null;
  /** The recognizer's answer (`topIntent`); null when it judged the utterance out of scope. */
  predicted: string | null;
  /** The intent ranked first, whether or not the recognizer trusted it. */
  ranked: string | null;
  /** Confidence of `predicted` (of `ranked` when nothing was predicted); 0 when nothing was ranked. */
  confidence: number;
  expectedSlots: ExpectedSlot[];
  predictedSlots: PredictedSlot[];
  latencyMs: number;
}

/**
 * The prediction once a confidence threshold is applied on top of the recognizer's own decision:
 * below `threshold`, the utterance counts as out of scope.
 *
 * @example
 * predictedWithThreshold({ predicted: 'balance', confidence: 0.3 }, 0.4) // null
 */
export function predictedWithThreshold(prediction: Pick<Prediction, 'predicted' | 'confidence'>, threshold: number): string | null {
  return prediction.predicted !== null && prediction.confidence >= threshold ? prediction.predicted : null;
}
