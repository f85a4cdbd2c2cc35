/**
 * Intent and out-of-scope figures from expected/predicted pairs. Pure functions: no recognizer, no I/O.
 * `null` stands for "out of scope" on either side.
 */

export interface Score {
  precision: number;
  recall: number;
  f1: number;
}

export interface IntentScore extends Score {
  intent: string;
  /** In-scope test examples labelled with this intent. */
  support: number;
  /** How often it was predicted, rightly or wrongly. */
  predicted: number;
  correct: number;
  /** Its examples the recognizer judged out of scope. */
  rejected: number;
}

/** How often `expected` was answered with `predicted` (null: judged out of scope). */
export interface ConfusionCell {
  expected: string | null;
  predicted: string | null;
  count: number;
}

export interface IntentMetrics {
  /** In-scope examples scored. */
  examples: number;
  /** Share of in-scope examples whose prediction is the labelled intent (out of scope counts wrong). */
  accuracy: number;
  /** Unweighted means over intents that were labelled or predicted at least once. */
  macroPrecision: number;
  macroRecall: number;
  macroF1: number;
  /** Sorted by intent name. */
  perIntent: IntentScore[];
}

export interface OutOfScopeScore extends Score {
  /** Out-of-scope examples in the set. */
  support: number;
  /** Examples (of either kind) judged out of scope. */
  flagged: number;
}

type Pair = { expected: string | null; predicted: string | null };

/**
 * Scores the in-scope pairs (those with an expected intent); out-of-scope ones are left to
 * `scoreOutOfScope`. An intent never predicted has precision 0.
 *
 * @example
 * scoreIntents([{ expected: 'a', predicted: 'a' }, { expected: 'b', predicted: 'a' }]).accuracy // 0.5
 */
export function scoreIntents(pairs: readonly Pair[]): IntentMetrics {
  const inScope = pairs.filter((pair): pair is { expected: string; predicted: string | null } => pair.expected !== null);
  const intents = new Set<string>();
  for (const pair of inScope) {
    intents.add(pair.expected);
    if (pair.predicted !== null) intents.add(pair.predicted);
  }
  const tally = new Map([...intents].map((intent) => [intent, { support: 0, predicted: 0, correct: 0, rejected: 0 }]));
  let correct = 0;
  for (const { expected, predicted } of inScope) {
    tally.get(expected)!.support++;
    if (predicted === null) tally.get(expected)!.rejected++;
    else tally.get(predicted)!.predicted++;
    if (predicted === expected) {
      tally.get(expected)!.correct++;
      correct++;
    }
  }
  const perIntent = [...tally.entries()]
    .map(([intent, counts]) => ({ intent, ...counts, ...score(counts.correct, counts.predicted, counts.support) }))
    .sort((a, b) => compareText(a.intent, b.intent));
  return {
    examples: inScope.length,
    accuracy: ratio(correct, inScope.length),
    macroPrecision: mean(perIntent.map((each) => each.precision)),
    macroRecall: mean(perIntent.map((each) => each.recall)),
    macroF1: mean(perIntent.map((each) => each.f1)),
    perIntent,
  };
}

/**
 * Every non-empty cell of the confusion matrix, the most frequent first.
 *
 * @example
 * confusionCells([{ expected: 'a', predicted: 'b' }]) // [{ expected: 'a', predicted: 'b', count: 1 }]
 */
export function confusionCells(pairs: readonly Pair[]): ConfusionCell[] {
  const cells = new Map<string, ConfusionCell>();
  for (const { expected, predicted } of pairs) {
    const key = JSON.stringify([expected, predicted]);
    const cell = cells.get(key) ?? { expected, predicted, count: 0 };
    cell.count++;
    cells.set(key, cell);
  }
  return [...cells.values()].sort(
    (a, b) => b.count - a.count || compareText(a.expected ?? '', b.expected ?? '') || compareText(a.predicted ?? '', b.predicted ?? ''),
  );
}

/**
 * The intent pairs most often confused (one intent taken for another; out of scope left out).
 *
 * @example
 * mostConfusedPairs(cells, 10)[0] // { expected: 'transfer', predicted: 'pay_bill', count: 7 }
 */
export function mostConfusedPairs(cells: readonly ConfusionCell[], count: number): ConfusionCell[] {
  return cells.filter((cell) => cell.expected !== null && cell.predicted !== null && cell.expected !== cell.predicted).slice(0, count);
}

/**
 * Out-of-scope detection: recall over the out-of-scope examples, precision over everything judged
 * out of scope (in-scope examples included). Undefined when the set has no out-of-scope example.
 *
 * @example
 * scoreOutOfScope([{ expected: null, predicted: null }, { expected: 'a', predicted: null }])
 * // { precision: 0.5, recall: 1, f1: 0.667, support: 1, flagged: 2 }
 */
export function scoreOutOfScope(pairs: readonly Pair[]): OutOfScopeScore | undefined {
  const support = pairs.filter((pair) => pair.expected === null).length;
  if (support === 0) return undefined;
  const flagged = pairs.filter((pair) => pair.predicted === null).length;
  const caught = pairs.filter((pair) => pair.expected === null && pair.predicted === null).length;
  return { support, flagged, ...score(caught, flagged, support) };
}

/** Precision, recall and F1 from counts; 0 where a count is 0. */
export function score(correct: number, predicted: number, expected: number): Score {
  const precision = ratio(correct, predicted);
  const recall = ratio(correct, expected);
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

/**
 * The nearest-rank percentile (`p` from 0 to 100) of some values; 0 when there are none.
 *
 * @example
 * percentile([5, 1, 3, 2, 4], 50) // 3
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
