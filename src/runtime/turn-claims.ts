/**
 * Turn claims, for stores that other processes write too (`ConversationStore.shared`: DynamoDB, a
 * shared file directory). Compare-and-set alone keeps the stored conversation right, but each process
 * runs its turn before it writes: a delivery made to two processes at once, or a turn racing another,
 * would run dialog code (a booking's `fulfil`) twice, the loser's work thrown away after its side
 * effects. So a turn first writes a claim into the conversation (a compare-and-set of its own), runs,
 * and releases the claim in the write that stores its answer. Every write of the conversation waits
 * while another process holds a claim: a redelivered turn then finds the stored answer.
 *
 * A claim lapses after `claimMs`, so a process that dies mid-turn holds nobody up for long; a turn
 * that outlives its claim may be run again by another process (the one case of a second run).
 */
import type { ConversationRecord } from './conversation-record.js';

/** How long a claim holds: longer than a turn takes (dialog code is stopped after 10 s by default). */
export const claimMs = 30_000;
/** How long a write waits for another process's claim before the caller is told the conversation is busy. */
export const claimWaitMs = 10_000;

/** Whether another turn holds the conversation at `now`. */
export function isClaimed(record: ConversationRecord, now: Date): boolean {
  return record.claim !== undefined && Date.parse(record.claim.until) > now.getTime();
}

/** Claims the conversation (in place) for a turn starting at `now`. */
export function claim(record: ConversationRecord, now: Date): void {
  record.claim = { until: new Date(now.getTime() + claimMs).toISOString() };
}

/** Releases the claim (in place), for the write that stores the turn's answer. */
export function release(record: ConversationRecord): void {
  delete record.claim;
}
