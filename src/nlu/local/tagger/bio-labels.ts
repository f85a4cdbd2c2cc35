/**
 * BIO labels over an intent's slots: 0 is outside any slot, `1 + 2k` begins slot k and `2 + 2k`
 * continues it. A slot can only be continued by the slot it began.
 */
export const outsideLabel = 0;

/** Where the decoder starts: "before the first word". */
export const startState = -1;

export function labelCount(slotCount: number): number {
  return 1 + 2 * slotCount;
}

export function beginLabel(slot: number): number {
  return 1 + 2 * slot;
}

export function insideLabel(slot: number): number {
  return 2 + 2 * slot;
}

/** The slot a B or I label belongs to; -1 for outside. */
export function slotOfLabel(label: number): number {
  return label === outsideLabel ? -1 : (label - 1) >> 1;
}

export function isInsideLabel(label: number): boolean {
  return label !== outsideLabel && label % 2 === 0;
}

/** I-k may only follow B-k or I-k; everything else may follow anything. */
export function isAllowedTransition(previous: number, next: number): boolean {
  if (!isInsideLabel(next)) return true;
  return previous !== startState && previous !== outsideLabel && slotOfLabel(previous) === slotOfLabel(next);
}

/** A slot's run of words in a label sequence: words `first` to `end` (exclusive). */
export interface LabelledRun {
  slot: number;
  first: number;
  end: number;
}

/**
 * The slot runs of a label sequence. A stray I (which constrained decoding never yields) starts a run.
 *
 * @example
 * labelledRuns([0, 1, 2, 0, 3]) // [{ slot: 0, first: 1, end: 3 }, { slot: 1, first: 4, end: 5 }]
 */
export function labelledRuns(labels: ArrayLike<number>): LabelledRun[] {
  const runs: LabelledRun[] = [];
  let open: LabelledRun | undefined;
  for (let index = 0; index < labels.length; index++) {
    const label = labels[index]!;
    const slot = slotOfLabel(label);
    if (open && isInsideLabel(label) && slot === open.slot) {
      open.end = index + 1;
      continue;
    }
    open = slot === -1 ? undefined : { slot, first: index, end: index + 1 };
    if (open) runs.push(open);
  }
  return runs;
}
