// Waiting for Creating and Building on an injected clock: statuses that take a minute cost no time.
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderCallError } from '../../../../src/core/errors.js';
import type { LexDeployProgress } from '../../../../bot-deploy/lex-v2/deploy/index.js';
import { startDeployFixture, type DeployFixture } from './lex-deploy-fixture.js';

let fixture: DeployFixture;
afterEach(() => fixture.close());

/** One clock for the service and the deploy: sleeping moves it on. */
function sharedClock() {
  let now = Date.parse('2025-03-01T09:00:00Z');
  return { now: () => now, date: () => new Date(now), sleep: async (milliseconds: number) => void (now += milliseconds) };
}

describe('parley lex deploy waits for the service', () => {
  it('polls each Creating and Building until it ends, reporting what it sees', async () => {
    const clock = sharedClock();
    fixture = await startDeployFixture({ statusDelayMs: 60_000, now: clock.date });
    const started = clock.now();
    const seen: LexDeployProgress[] = [];
    await fixture.deploy({ timing: { now: clock.now, sleep: clock.sleep }, onProgress: (progress) => progress.state === 'waiting' && seen.push(progress) });
    expect(new Set(seen.map((progress) => `${progress.step.action}: ${progress.status}`))).toEqual(
      new Set(['create-bot: bot Creating', 'create-locale: locale en_US Creating', 'build-locale: locale en_US Building', 'create-version: version 1 Creating', 'create-alias: alias Creating']),
    );
    // Five waits of a minute each, with pauses growing from 1 s to 10 s.
    expect(clock.now() - started).toBeGreaterThanOrEqual(5 * 60_000);
    expect(clock.now() - started).toBeLessThan(6 * 60_000);
    expect((await fixture.summary())?.alias).toBe('live -> 1 Available');
  });

  it('gives up a wait past the timeout with a retryable error; the next deploy carries on', async () => {
    const clock = sharedClock();
    fixture = await startDeployFixture({ statusDelayMs: 60_000, now: clock.date });
    const timing = { now: clock.now, sleep: clock.sleep };
    const error = await fixture.deploy({ timing: { ...timing, timeoutMs: 20_000 } }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ProviderCallError);
    expect(error).toMatchObject({ operation: 'DescribeBot', retryable: true, message: expect.stringContaining('bot AcmeTelecom did not finish within 20 s') });
    const { plan } = await fixture.deploy({ timing });
    expect(plan.steps[0]?.description).toBe('create locale en_US');
    expect((await fixture.summary())?.alias).toBe('live -> 1 Available');
  });
});
