import { describe, expect, it } from 'vitest';
import { IntentFileError } from 'parley-sdk';
import { loadIntents, parseIntentFile } from '../../src/content/index.js';
import { parseMessageTemplate } from '../../src/content/message-template.js';
import { lintIntents } from '../../src/lint/index.js';
import { lines, temporaryTrees } from './helpers.js';

describe('parseMessageTemplate', () => {
  it('lists every argument with how it is used, nested ones included', () => {
    const parsed = parseMessageTemplate('{count, plural, one {# {size} pizza} other {# {size} pizzas}} at {when, time, short} on {day, date, ::yMMMd}');
    expect(parsed.kind).toBe('template');
    if (parsed.kind !== 'template') return;
    expect(parsed.uses.map(({ name, kind }) => `${name}:${kind}`)).toEqual(['count:plural', 'size:text', 'size:text', 'when:time', 'day:date']);
    expect(parsed.uses[0]!.offset).toBe(0);
    expect(parsed.uses.find((use) => use.name === 'when')!.offset).toBe(65);
  });

  it('reads the old `{slot}` placeholders, apostrophes and stray characters as before', () => {
    const parsed = parseMessageTemplate("I can't book {date}; it's #1 <b>now</b> }");
    expect(parsed.kind === 'template' && parsed.uses).toEqual([{ name: 'date', kind: 'text', offset: 13 }]);
  });

  it.each([
    ['Hello {name', 6, /a `\{` in "Hello \{name" is never closed/],
    ['{n, plurl, one {#} other {#}}', 4, /unknown argument type/],
    ['{n, plural, one {a pizza}}', 25, /no `other \{…\}` case/],
    ['{size, select, large {big} large {huge} other {}}', 27, /same case twice/],
    ['{when, time, fancy}', 0, /\{when, time, fancy\} has an unknown style `fancy`/],
    ['{total, number, currency}', 0, /unknown style `currency`/],
    ['a {} b', 2, /empty `\{\}`/],
  ])('refuses %j at character %i, in plain words', (template, offset, message) => {
    const parsed = parseMessageTemplate(template);
    expect(parsed.kind).toBe('invalid');
    if (parsed.kind !== 'invalid') return;
    expect(parsed.offset).toBe(offset);
    expect(parsed.message).toMatch(message);
    // The fix: how arguments are written, or the styles there are.
    expect(parsed.hint).toMatch(/\{name, plural, one|use one of/);
  });
});

describe('message templates in intent files', () => {
  const file = 'intents/en-US/pizza.yaml';
  const problems = (...text: string[]) =>
    parseIntentFile(lines(...text), file, 'en-US').problems.map(({ file: at, line, column, message }) => `${at}:${line}:${column} ${message}`);
  const intent = [
    'intents:',
    '  - name: OrderPizza',
    '    utterances: [I want a pizza]',
    '    slots:',
    '      - {name: count, type: number, prompt: How many?}',
    '      - {name: size, type: PizzaSize, prompt: What size?}',
    '      - {name: ready, type: time, prompt: For what time?}',
  ];

  it('accepts plural, select, number, date and time arguments on slots of fitting types', () => {
    expect(problems(
      ...intent,
      '    confirmation: "{count, plural, one {One {size} pizza} other {# {size} pizzas}} at {ready, time, short}, {size, select, large {hungry!} other {OK?}}"',
      '    fulfilled: "{count, number} {count, plural, one {pizza is} other {pizzas are}} on the way."',
    )).toEqual([]);
  });

  it('reports a broken template at its file, line and column, when the file loads', () => {
    expect(problems(...intent, '    confirmation: A {size} pizza for {ready, time, short. OK?')).toEqual([
      `${file}:8:38 a \`{\` in "A {size} pizza for {ready, time, short. OK?" is never closed`,
    ]);
    expect(problems(...intent, '    fulfilled: ["Done!", "{count, plurl, one {#} other {#}} on the way"]')).toEqual([
      `${file}:8:35 "{count, plurl, one {#} other {#}} on the way" uses an unknown argument type; the types are plural, selectordinal, select, number, date and time`,
    ]);
  });

  it('reports an unknown slot inside a plural, and a slot of the wrong type for its argument', () => {
    expect(problems(
      ...intent,
      '    confirmation: "{count, plural, one {One {siz} pizza} other {# pizzas}}"',
      '    fulfilled: "{size, plural, one {#} other {#}} at {size, time, short}"',
    )).toEqual([
      `${file}:8:45 prompt uses slot {siz} but intent OrderPizza has no such slot`,
      `${file}:9:17 prompt uses slot {size}, of type PizzaSize, in a plural argument, which needs a slot of type number`,
      `${file}:9:54 prompt uses slot {size}, of type PizzaSize, in a time argument, which needs a slot of type date or time`,
    ]);
  });

  const tree = temporaryTrees();
  it('stops the bot from loading, and lint reports it as an error, with the position', async () => {
    const confirmation = '    confirmation: "{count, plural, one {# pizza}} OK?"';
    const root = await tree({ 'en-US/pizza.yaml': lines(...intent, confirmation, 'slotTypes:', '  - {name: PizzaSize, values: [small, large]}') });
    const error = await loadIntents(root).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(IntentFileError);
    expect((error as IntentFileError).problems).toMatchObject([{ line: 8, column: 49, message: expect.stringMatching(/has no `other \{…\}` case/) }]);
    const report = await lintIntents(root, { measure: false });
    expect(report.findings.filter((finding) => finding.severity === 'error')).toMatchObject([{ rule: 'intent-file', line: 8, column: 49 }]);
  });
});
