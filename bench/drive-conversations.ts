/** The measuring loop both sides of the engine benchmark share: same turns, same timing, same figures. */
import { forEachInFlight, percentile } from './in-flight.js';

export interface PeerRunResult {
  name: string;
  conversations: number;
  turns: number;
  totalMs: number;
  turnsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  stateBytesPerConversation: number;
}

export interface ConversationDriver {
  name: string;
  /** Turns in each conversation's script. */
  turns: number;
  /** Runs one turn of one conversation; throws if the reply is wrong. */
  runTurn(conversationId: string, turn: number, index: number): Promise<void>;
  /** Called after every conversation has had a turn, for checks across them. */
  afterTurn?(turn: number, conversationIds: readonly string[]): void;
  /** The stored state of a conversation, in bytes (measured mid-dialog, after the third turn). */
  stateBytes(conversationId: string): number;
  /** Called at the end: throws if any conversation did not end as the script says. */
  finish(conversationIds: readonly string[]): void;
}

/**
 * Runs every turn of the script for every conversation, `inFlight` conversations at a time (all at
 * once by default), timing each turn.
 */
export async function driveConversations(driver: ConversationDriver, options: { conversations: number; inFlight?: number }): Promise<PeerRunResult> {
  const { conversations } = options;
  const ids = Array.from({ length: conversations }, (_, index) => `conversation-${index}`);
  const latencies = new Float64Array(conversations * driver.turns);
  let totalMs = 0;
  let stateBytes = 0;
  for (let turn = 0; turn < driver.turns; turn++) {
    const started = performance.now();
    await forEachInFlight(ids, options.inFlight ?? conversations, async (id, index) => {
      const turnStarted = performance.now();
      await driver.runTurn(id, turn, index);
      latencies[turn * conversations + index] = performance.now() - turnStarted;
    });
    totalMs += performance.now() - started;
    driver.afterTurn?.(turn, ids);
    if (turn === 2) stateBytes = ids.reduce((sum, id) => sum + driver.stateBytes(id), 0);
  }
  driver.finish(ids);
  latencies.sort();
  const turns = conversations * driver.turns;
  return {
    name: driver.name,
    conversations,
    turns,
    totalMs,
    turnsPerSecond: turns / (totalMs / 1000),
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    stateBytesPerConversation: stateBytes / conversations,
  };
}
