/** Runs conversation tests against a bot and reports them one line each. */
import type { Recognizer } from '../nlu/recognizer.js';
import type { Bot } from '../runtime/create-bot.js';
import type { BotDefinition } from '../runtime/define-bot.js';
import type { ConversationStep, ConversationTest } from './conversation-test-file.js';
import { describeMatcher, matchesReply } from './reply-matcher.js';
import { compareView } from './state-expectation.js';
import { TestSession } from './test-session.js';

export interface ConversationTestResult {
  test: ConversationTest;
  passed: boolean;
  /** For a failure: which step, what was expected, what happened, and the conversation. */
  failure?: { step: number; line: number; expected: string; actual: string; transcript: string[] };
  ms: number;
}

export interface ConversationTestOptions {
  /** Understands the conversation instead of the bot's local recognizer (a Router over emulators, say). */
  recognizer?: Recognizer;
}

/**
 * Runs one conversation test on a fresh conversation, on the test's clock.
 *
 * @example
 * const result = await runConversationTest(test, acmeTelecom, { recognizer: router });
 * if (!result.passed) console.log(formatConversationResults([result]));
 */
export async function runConversationTest(test: ConversationTest, bot: BotDefinition | Bot, options: ConversationTestOptions = {}): Promise<ConversationTestResult> {
  const started = performance.now();
  const session = await TestSession.open(bot, { today: test.today, locale: test.locale, channel: test.channel, ...options });
  let messages: string[] = [];
  let checked = 0;
  const fail = (index: number, step: ConversationStep, expected: string, actual: string): ConversationTestResult => ({
    test,
    passed: false,
    failure: { step: index + 1, line: step.line, expected, actual, transcript: session.transcript },
    ms: performance.now() - started,
  });
  for (const [index, step] of test.steps.entries()) {
    try {
      if (step.kind === 'user' || step.kind === 'dtmf' || step.kind === 'event') {
        const content = step.kind === 'user' ? { kind: 'text' as const, text: step.text }
          : step.kind === 'dtmf' ? { kind: 'dtmf' as const, digits: step.digits }
          : { kind: 'event' as const, name: step.name, value: step.value };
        messages = (await session.send(content)).messages.map((message) => message.text);
        checked = 0;
      } else if (step.kind === 'wait') {
        session.wait(step.ms, step.text);
      } else if (step.kind === 'bot') {
        const message = messages[checked];
        checked += 1;
        if (message === undefined) return fail(index, step, `bot: ${describeMatcher(step.matcher)}`, 'no more bot messages this turn');
        if (!matchesReply(step.matcher, message)) return fail(index, step, `bot: ${describeMatcher(step.matcher)}`, JSON.stringify(message));
      } else {
        const differences = compareView(step.expected, await session.bot.view(session.conversationId));
        if (differences.length) return fail(index, step, `expect: ${JSON.stringify(step.expected)}`, differences.join('; '));
      }
    } catch (error) {
      return fail(index, step, 'the turn to complete', `error: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { test, passed: true, ms: performance.now() - started };
}

export async function runConversationTests(tests: readonly ConversationTest[], bot: BotDefinition | Bot, options: ConversationTestOptions = {}): Promise<ConversationTestResult[]> {
  const results: ConversationTestResult[] = [];
  for (const test of tests) results.push(await runConversationTest(test, bot, options));
  return results;
}

/** One line per test, details under each failure, and the closing `N passed, N failed`. */
export function formatConversationResults(results: readonly ConversationTestResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    const where = `${result.test.file}:${result.test.line}`;
    if (result.passed) {
      lines.push(`✓ ${result.test.name}  (${where})`);
      continue;
    }
    const failure = result.failure!;
    lines.push(`✗ ${result.test.name}  (${where})`);
    lines.push(`    step ${failure.step} (line ${failure.line}): expected ${failure.expected}`);
    lines.push(`    actual: ${failure.actual}`);
    lines.push(`    conversation:`);
    for (const line of failure.transcript) lines.push(`      ${line}`);
  }
  const passed = results.filter((result) => result.passed).length;
  lines.push(`${passed} passed, ${results.length - passed} failed`);
  return lines.join('\n');
}
