// Scale: four `parley serve` processes on one DynamoDB table (dynalite), 500 web conversations of ten
// turns each, every turn sent to a random process and one in ten delivered twice (the same message
// and clientMessageId, to another process, with the original or after it). Every conversation must
// end exactly as the same script run serially in one process ends: the same answer to every
// delivery, the same transcript, and each side effect of dialog code run once.
//
// The plan (scripts, processes, duplicates) comes from one seed, printed with the result; replay a
// plan with PARLEY_SCALE_SEED=<seed> npm run test:scale (the timing of the interleaving is the
// machine's, so a replay sends the same messages, not in the same instants).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processTestTimeoutMs } from '../support/run-parley.js';
import { driveConversations } from './drive-conversations.js';
import { planScaleRun } from './scale-plan.js';
import { startScaleFleet, type ScaleFleet } from './scale-fleet.js';
import { runSerially } from './serial-run.js';
import { tallyScaleRun } from './tally-runs.js';
import { createWebCustomer } from './web-customer.js';

const processes = 4;
const conversations = 500;
const turns = 10;
const duplicateShare = 0.1;
/** Conversations in flight at once: what a loaded 2-core machine serves without turning busy. */
const concurrency = 16;
const seed = process.env.PARLEY_SCALE_SEED ? Number(process.env.PARLEY_SCALE_SEED) : Math.floor(Math.random() * 2 ** 31);

const scratch = await mkdtemp(join(tmpdir(), 'parley-scale-'));
let fleet: ScaleFleet | undefined;

beforeAll(async () => {
  fleet = await startScaleFleet({ processes, directory: scratch });
}, processTestTimeoutMs);

afterAll(async () => {
  await fleet?.close();
  await rm(scratch, { recursive: true, force: true });
});

describe('many processes serving the same conversations from one DynamoDB table', () => {
  it(`${conversations} conversations × ${turns} turns over ${processes} processes, ${duplicateShare * 100}% delivered twice: none lost, none doubled`, { timeout: 900_000 }, async () => {
    if (!Number.isSafeInteger(seed)) throw new Error(`PARLEY_SCALE_SEED is a whole number, not ${process.env.PARLEY_SCALE_SEED}`);
    const plan = planScaleRun({ seed, conversations, turns, processes, duplicateShare });
    const customer = createWebCustomer(fleet!.urls);
    const started = performance.now();
    const driven = await driveConversations(plan, customer, concurrency);
    const seconds = (performance.now() - started) / 1000;

    const serial = await runSerially(driven.filter((conversation) => conversation.conversationId !== ''));
    const tally = tallyScaleRun(driven, serial, await fleet!.sideEffects());
    const conflicts = await fleet!.counter('parley_store_conflicts_total');
    const claimWaits = await fleet!.counter('parley_claim_waits_total');
    const { busy, transportErrors } = customer.counts;
    const busyAnswers = Object.values(busy).reduce((sum, count) => sum + count, 0);
    const deliveries = conversations * turns + plan.duplicates;
    console.log(
      `scale: ${conversations} conversations × ${turns} turns, ${processes} processes, ${plan.duplicates} duplicates: ` +
        `${tally.lost} lost, ${tally.doubled} doubled, ${conflicts} conflicts retried (seed ${seed}, ${seconds.toFixed(1)} s)\n` +
        `scale: ${(deliveries / seconds).toFixed(1)} turns/s (${deliveries} deliveries, ${concurrency} conversations at once), ` +
        `${busyAnswers} busy answers retried (${Object.entries(busy).map(([status, count]) => `${status}: ${count}`).join(', ') || 'none'}), ` +
        `${claimWaits} waits for another process's claim, ${transportErrors} failed connections retried`,
    );
    const findings = tally.findings.join('\n');
    if (findings) console.log(`scale: seed ${seed}, what went wrong:\n${findings}`);

    // The serial run walked both tasks to their end in every conversation, so state did carry across turns.
    for (const [conversationId, { effects }] of serial) {
      expect(effects.some((line) => / order /.test(line)) && effects.some((line) => / booking /.test(line)), `${conversationId}: ${effects.join('; ')}`).toBe(true);
    }
    expect({ lost: tally.lost, doubled: tally.doubled }, findings).toEqual({ lost: 0, doubled: 0 });
  });
});
