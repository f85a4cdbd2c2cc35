import { describe, expect, it } from 'vitest';
import { formatReport, lintIntents } from '../../src/lint/index.js';
import { lines, temporaryTrees } from '../content/helpers.js';

const tree = temporaryTrees();

// A backtracking engine takes 2^40 steps to find that this does not match `(a+)+$`.
const poison = `${'a'.repeat(40)}!`;
// Two words with no space between: the matcher tries them as one value, `aaa…a!a`, 2^30 steps to fail.
const poisonWords = `${'a'.repeat(30)}!a`;

const trackWords = ['track order {code}', 'where is {code}', 'status of {code}', 'find {code} please', 'look up {code}', 'check on {code}', 'is {code} shipped', 'has {code} arrived', 'follow {code}', 'trace {code}', 'what about {code}'];
const greetWords = ['hello', 'hi there', 'good morning', 'hey', 'good evening', 'hiya', 'greetings', 'howdy', 'good afternoon', 'hello there', 'hi'];

function intents(type: string): string[] {
  return [
    'intents:',
    '  - name: Track',
    '    utterances:',
    ...trackWords.map((text) => `      - "${text}"`),
    `      - "track ${poisonWords}"`,
    `    slots: [{name: code, type: ${type}, prompt: Which one?}]`,
    '  - name: Greet',
    '    utterances:',
    ...greetWords.map((text) => `      - ${text}`),
    `      - ${poisonWords}`,
  ];
}

describe('parley intents lint: slot patterns', () => {
  it('reports a pattern RE2 cannot run and an example a catastrophic pattern fails, with positions, and ends', async () => {
    const root = await tree({
      'en-US/a.yaml': lines(
        ...intents('Repeated'),
        'slotTypes:',
        '  - name: Repeated',
        "    pattern: '(a+)+$'",
        `    examples: [aaaa, ${poison}]`,
        '  - name: Ahead',
        "    pattern: '[A-Z]{2}(?=[0-9]{6})[A-Z0-9]+'",
        '    examples: [AB123456]',
      ),
    });
    const report = await lintIntents(root);
    const errors = report.findings.filter((item) => item.severity === 'error');
    expect(errors.map(({ rule, line, column, message }) => ({ rule, line, column, message }))).toEqual([
      { rule: 'intent-file', line: 34, column: 22, message: `example \`${poison}\` does not match the pattern of slot type Repeated` },
      { rule: 'intent-file', line: 36, column: 23, message: 'pattern of slot type Ahead uses lookahead `(?=…)`, which slot patterns do not support: they run in linear time (RE2 syntax)' },
    ]);
    expect(errors[1]!.hint).toBe('remove it and match the whole value instead: the pattern always has to match all of it');
    expect(errors[0]!.file).toMatch(/en-US\/a\.yaml$/);
    expect(formatReport(report, 'text')).toMatch(/a\.yaml:36:23: error: pattern of slot type Ahead uses lookahead .*\n {4}hint: remove it/);
  });

  it('measures files whose pattern is catastrophic for backtracking: training and held-out utterances run it in linear time', async () => {
    const root = await tree({
      'en-US/a.yaml': lines(...intents('Repeated'), 'slotTypes:', '  - name: Repeated', "    pattern: '(a+)+$'", '    examples: [aaaa, aaaaaaa]'),
    });
    const report = await lintIntents(root, { folds: 2 });
    expect(report.errors).toBe(0);
    expect(report.model.locales['en-US']!.slotTypes).toMatchObject([{ name: 'Repeated', pattern: '(a+)+$' }]);
  });
});
