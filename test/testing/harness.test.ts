import { describe, expect, it } from 'vitest';
import { formatConversationResults, parseConversationTests, runConversationTest, testBot } from 'parley-sdk/testing';
import { smallBot } from '../fixtures-small-bot.js';

describe('testBot', () => {
  it('fails with the expectation, what was said, and the conversation so far', async () => {
    const run = testBot(smallBot(), { today: '2030-03-04' }).send('I want a pizza').expectReply('What colour?');
    await expect(run).rejects.toThrow(/expected a reply matching "What colour\?", got "What size\?"[\s\S]*user: I want a pizza[\s\S]*bot: {2}What size\?/);
  });

  it('moves the clock on with wait', async () => {
    await testBot(smallBot(), { today: '2030-03-04' }).send('I want a pizza').wait('2h').send('large').expectReply(/^Welcome back/).expectState({ dialog: null });
    expect(() => testBot(smallBot()).wait('later')).toThrow(/wait takes a duration/);
  });

  it('checks state and handoffs', async () => {
    await expect(testBot(smallBot()).send('I want a pizza').expectState({ awaiting: 'date' })).rejects.toThrow(/awaiting: expected "date", got "size"/);
    await expect(testBot(smallBot()).send('hello').expectHandoff('Billing')).rejects.toThrow(/expected a handoff to Billing, got none/);
  });
});

describe('conversation test files', () => {
  it('reports malformed tests with their line', () => {
    const { problems } = parseConversationTests(['name: one', 'steps:', '  - user: hi', '  - shout: hi', '---', 'steps: []', '---', 'name: [unclosed'].join('\n'), 'bad.yaml');
    expect(problems.map((problem) => `${problem.line}: ${problem.message}`)).toEqual([
      '4: step 2 of "one" is not a step',
      expect.stringMatching(/^6: test name: /),
      expect.stringMatching(/^8: bad YAML/),
    ]);
  });

  it('reads regex matchers, any-of matchers and expectations', () => {
    const { tests, problems } = parseConversationTests('name: t\ntoday: 2030-03-04\nsteps:\n  - user: hi\n  - bot: /hel+o/i\n  - bot: { any: [hey, /yo/] }\n  - expect: { dialog: null, slots: { zip: 94105 } }\n', 't.yaml');
    expect(problems).toEqual([]);
    expect(tests[0]!.today).toBe('2030-03-04');
    expect(tests[0]!.steps.map((step) => step.kind)).toEqual(['user', 'bot', 'bot', 'expect']);
  });

  it('reads wait steps, and says what a duration looks like', () => {
    const { problems } = parseConversationTests('name: t\nsteps:\n  - user: hi\n  - wait: 45 minutes\n  - wait: 2h\n  - wait: 90s\n  - wait: soon\n', 't.yaml');
    expect(problems.map((problem) => `${problem.line}: ${problem.message}`)).toEqual(['7: step 5 of "t": wait takes a duration such as 90s, 45m, 2h or 1d, not "soon"']);
    const good = parseConversationTests('name: t\nsteps:\n  - wait: 45 minutes\n  - wait: 1.5h\n', 't.yaml');
    expect(good.tests[0]!.steps).toMatchObject([{ kind: 'wait', ms: 45 * 60_000 }, { kind: 'wait', ms: 90 * 60_000 }]);
  });

  it('moves the bot\'s clock on a wait step, past the idle timeout', async () => {
    const { tests } = parseConversationTests('name: late\ntoday: 2030-03-04\nsteps:\n  - user: I want a pizza\n  - wait: 31m\n  - user: large\n  - bot: /^Welcome back/\n  - expect: { dialog: null }\n', 'l.yaml');
    const result = await runConversationTest(tests[0]!, smallBot());
    expect(formatConversationResults([result])).toMatch(/1 passed, 0 failed$/);
  });

  it('runs a test and reports the failing step with the conversation', async () => {
    const { tests } = parseConversationTests('name: wrong size\nsteps:\n  - user: order a big pizza\n  - expect: { slots: { size: small } }\n', 'w.yaml');
    const result = await runConversationTest(tests[0]!, smallBot());
    expect(result.passed).toBe(false);
    const report = formatConversationResults([result]);
    expect(report).toContain('step 2 (line 4)');
    expect(report).toContain('slots.size: expected "small", got "large"');
    expect(report.split('\n').at(-1)).toBe('0 passed, 1 failed');
  });
});
