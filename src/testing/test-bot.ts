/** The fluent harness for dialog unit tests. */
import type { TurnOutput } from '../core/turn.js';
import type { Bot } from '../runtime/create-bot.js';
import type { BotDefinition } from '../runtime/define-bot.js';
import { describeMatcher, matchesReply, type ReplyMatcher } from './reply-matcher.js';
import { compareView, type StateExpectation } from './state-expectation.js';
import { TestSession, type SessionOptions } from './test-session.js';
import { parseWaitDuration } from './wait-duration.js';

type Step = (run: RunState) => Promise<void> | void;

interface RunState {
  session: TestSession;
  last?: TurnOutput;
  checked: number;
}

export interface BotTest extends PromiseLike<void> {
  /** Sends a message; the bot's replies to it are checked by the next expectReply calls. */
  send(text: string): BotTest;
  /** The next unchecked reply of the last turn matches (text contained, case-insensitive; or a RegExp). */
  expectReply(matcher: ReplyMatcher): BotTest;
  /** The conversation state after the last turn has these values (only the keys given). */
  expectState(expected: StateExpectation): BotTest;
  /** The last turn handed the conversation to a person in this queue. */
  expectHandoff(queue: string): BotTest;
  /** Moves the bot's clock on before the next message, as if the customer came back later: `'45m'`, `'2h'`, `'90s'`, `'1d'`. */
  wait(duration: string): BotTest;
}

/**
 * Drives a bot in memory on a fixed clock. Steps run in order when the chain is awaited.
 *
 * @example
 * await testBot(acmeTelecom, { today: '2030-03-04' })
 *   .send('I need a repair tomorrow at 3pm').expectReply(/book/i)
 *   .send('yes').expectReply('booked');
 */
export function testBot(bot: BotDefinition | Bot, options: SessionOptions = {}): BotTest {
  const steps: Step[] = [];
  const fail = (run: RunState, message: string): never => {
    throw new Error(`${message}\n\nconversation so far:\n  ${run.session.transcript.join('\n  ')}`);
  };
  const chain: BotTest = {
    send(text) {
      steps.push(async (run) => {
        run.last = await run.session.send({ kind: 'text', text });
        run.checked = 0;
      });
      return chain;
    },
    expectReply(matcher) {
      steps.push((run) => {
        const messages = run.last?.messages ?? [];
        const message = messages[run.checked];
        if (!message) fail(run, `expected a reply matching ${describeMatcher(matcher)}, but the bot said nothing more`);
        run.checked += 1;
        if (!matchesReply(matcher, message!.text)) fail(run, `expected a reply matching ${describeMatcher(matcher)}, got ${JSON.stringify(message!.text)}`);
      });
      return chain;
    },
    expectState(expected) {
      steps.push(async (run) => {
        const differences = compareView(expected, await run.session.bot.view(run.session.conversationId));
        if (differences.length) fail(run, `state differs:\n  ${differences.join('\n  ')}`);
      });
      return chain;
    },
    expectHandoff(queue) {
      steps.push((run) => {
        const handoff = run.last?.directives.find((directive) => directive.kind === 'handoff');
        if (!handoff || handoff.kind !== 'handoff' || handoff.queue !== queue) {
          fail(run, `expected a handoff to ${queue}, got ${handoff && handoff.kind === 'handoff' ? handoff.queue : 'none'}`);
        }
      });
      return chain;
    },
    wait(duration) {
      const ms = parseWaitDuration(duration);
      if (ms === undefined) throw new Error(`wait takes a duration such as 90s, 45m, 2h or 1d, not ${JSON.stringify(duration)}`);
      steps.push((run) => run.session.wait(ms, duration));
      return chain;
    },
    then(onFulfilled, onRejected) {
      const run = async () => {
        const state: RunState = { session: await TestSession.open(bot, options), checked: 0 };
        for (const step of steps) await step(state);
      };
      return run().then(onFulfilled, onRejected);
    },
  };
  return chain;
}
