/**
 * Waiting for the service's asynchronous statuses (a bot Creating, a locale Building, a version
 * Creating): look, and if it has not settled, sleep a little longer each time, up to a deadline.
 * The sleep and the clock are injectable, so tests run without waiting.
 */
import { ProviderCallError } from '../../../src/core/errors.js';
import { lexModelsProvider } from './lex-models-calls.js';

export interface LexDeployTiming {
  /** Default: a timer. */
  sleep?: (milliseconds: number) => Promise<void>;
  /** Epoch milliseconds; default `Date.now`. */
  now?: () => number;
  /** The first pause between two looks (default 1000 ms); each next pause is 1.5 times longer, 10 s at most. */
  pollIntervalMs?: number;
  /** How long one wait (a bot, a build, a version, an alias) may last (default 15 minutes). */
  timeoutMs?: number;
}

export interface PollOptions<Result> {
  /** For the timeout message: `build of locale en_US`. */
  what: string;
  operation: string;
  look: () => Promise<Result>;
  /** True when the wait is over (whether it went well or not). */
  settled: (result: Result) => boolean;
  /** Called before each pause, with what was seen. */
  onWait?: (result: Result) => void;
}

const longestPauseMs = 10_000;

/**
 * Looks until `settled`, pausing in between; a retryable `ProviderCallError` past the deadline.
 *
 * @example
 * await pollUntil({ what: 'bot AcmeTelecom', operation: 'DescribeBot', look: () => describe(), settled: (bot) => bot.botStatus !== 'Creating' }, timing)
 */
export async function pollUntil<Result>(options: PollOptions<Result>, timing: LexDeployTiming = {}): Promise<Result> {
  const sleep = timing.sleep ?? ((milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds)));
  const now = timing.now ?? Date.now;
  const timeoutMs = timing.timeoutMs ?? 15 * 60_000;
  const deadline = now() + timeoutMs;
  let pause = timing.pollIntervalMs ?? 1000;
  for (;;) {
    const result = await options.look();
    if (options.settled(result)) return result;
    if (now() >= deadline) {
      throw new ProviderCallError({
        provider: lexModelsProvider,
        operation: options.operation,
        retryable: true,
        message: `${options.what} did not finish within ${Math.round(timeoutMs / 1000)} s; deploy again to carry on from where it is`,
      });
    }
    options.onWait?.(result);
    await sleep(Math.min(pause, Math.max(deadline - now(), 0)));
    pause = Math.min(pause * 1.5, longestPauseMs);
  }
}
