import { describe, expect, it } from 'vitest';
import { parseIntentFile } from '../../src/content/index.js';
import { lines } from './helpers.js';

const file = 'intents/en-US/test.yaml';

function problems(text: string) {
  return parseIntentFile(text, file, 'en-US').problems.map(({ line, column, message, hint }) => ({ line, column, message, hint }));
}

describe('parseIntentFile: the happy path', () => {
  const text = lines(
    'intents:',
    '  - name: BookAppointment',
    '    description: Book a technician visit',
    '    utterances:',
    '      - I need a {service=repair}',
    '      - book a {service} for {date} at {time}',
    '    slots:',
    '      - name: service',
    '        type: ServiceType',
    '        prompt: What kind of visit do you need?',
    '        reprompt: ["Sorry, which service: installation, repair or upgrade?"]',
    '        help: I can book installation, repair or upgrade visits.',
    '        maxAttempts: 3',
    '        aliases: [visit, service type]',
    '      - name: date',
    '        type: date',
    '        required: false',
    '      - name: time',
    '        type: time',
    '    confirmation:',
    '      prompt: A {service} visit on {date} at {time}. Shall I book it?',
    '      declined: OK, what would you like to change?',
    '    fulfilled: [All set!, Done!]',
    '  - name: Goodbye',
    '    utterances: [bye]',
    '    confirmation: Are you leaving?',
    'slotTypes:',
    '  - name: ServiceType',
    '    restrict: false',
    '    values:',
    '      - installation',
    '      - value: repair',
    '        synonyms: [fix, broken, not working]',
    '  - name: OrderNumber',
    '    pattern: "[A-Z]{2}[0-9]{6}"',
    '    separators: " -"',
    '    transform: upper',
    '    examples: [AB123456, cd 654-321]',
  );
  const parsed = parseIntentFile(text, file, 'en-US');

  it('has no problems', () => {
    expect(parsed.problems).toEqual([]);
  });

  it('maps an intent with slots, prompts, confirmation and source positions', () => {
    expect(parsed.intents[0]).toEqual({
      name: 'BookAppointment',
      description: 'Book a technician visit',
      source: { file, line: 2, column: 5 },
      utterances: [
        {
          parts: [
            { kind: 'text', text: 'I need a ' },
            { kind: 'slot', slot: 'service', example: 'repair' },
          ],
          source: { file, line: 5, column: 9 },
        },
        {
          parts: [
            { kind: 'text', text: 'book a ' },
            { kind: 'slot', slot: 'service' },
            { kind: 'text', text: ' for ' },
            { kind: 'slot', slot: 'date' },
            { kind: 'text', text: ' at ' },
            { kind: 'slot', slot: 'time' },
          ],
          source: { file, line: 6, column: 9 },
        },
      ],
      slots: [
        {
          name: 'service',
          type: 'ServiceType',
          required: true,
          prompt: { variations: ['What kind of visit do you need?'] },
          reprompt: { variations: ['Sorry, which service: installation, repair or upgrade?'] },
          help: 'I can book installation, repair or upgrade visits.',
          maxAttempts: 3,
          aliases: ['visit', 'service type'],
          source: { file, line: 8, column: 9 },
        },
        { name: 'date', type: 'date', required: false, aliases: [], source: { file, line: 15, column: 9 } },
        { name: 'time', type: 'time', required: true, aliases: [], source: { file, line: 18, column: 9 } },
      ],
      confirmation: {
        prompt: { variations: ['A {service} visit on {date} at {time}. Shall I book it?'] },
        declined: { variations: ['OK, what would you like to change?'] },
      },
      fulfilled: { variations: ['All set!', 'Done!'] },
    });
  });

  it('reads a confirmation given as plain text as its prompt', () => {
    expect(parsed.intents[1]?.confirmation).toEqual({ prompt: { variations: ['Are you leaving?'] } });
  });

  it('maps list and regex slot types with their defaults', () => {
    expect(parsed.slotTypes).toEqual([
      {
        kind: 'list',
        name: 'ServiceType',
        restrict: false,
        values: [
          { value: 'installation', synonyms: [] },
          { value: 'repair', synonyms: ['fix', 'broken', 'not working'] },
        ],
        source: { file, line: 28, column: 5 },
      },
      {
        kind: 'regex',
        name: 'OrderNumber',
        pattern: '[A-Z]{2}[0-9]{6}',
        caseInsensitive: true,
        separators: ' -',
        transform: 'upper',
        examples: ['AB123456', 'cd 654-321'],
        source: { file, line: 34, column: 5 },
      },
    ]);
  });

  it('reads an empty file, or one with only comments, as nothing', () => {
    expect(parseIntentFile('', file, 'en-US')).toEqual({ intents: [], slotTypes: [], problems: [] });
    expect(parseIntentFile('# todo\n', file, 'en-US')).toEqual({ intents: [], slotTypes: [], problems: [] });
  });

  it('does not report a slot that no utterance uses', () => {
    const text = lines('intents:', '  - name: Callback', '    utterances: [call me back]', '    slots:', '      - {name: phone, type: phone}');
    expect(problems(text)).toEqual([]);
  });
});

describe('parseIntentFile: problems, with where they are', () => {
  it('reports a YAML syntax error at its position, with a hint for an unquoted `{`', () => {
    const text = lines('intents:', '  - name: Order', '    utterances:', '      - {size} please');
    expect(problems(text)).toEqual([
      {
        line: 4,
        column: 16,
        message: 'Unexpected scalar at node end',
        hint: 'quote text with slot markup when it starts with `{` or sits in [ ]: - "{date} works for me"',
      },
    ]);
  });

  it('reports slot markup in an unquoted [ ] list once, with the quoting hint', () => {
    const text = lines('intents:', '  - name: Order', '    utterances: [a {size} shirt]');
    expect(problems(text)).toEqual([
      {
        line: 3,
        column: 20,
        message: 'Missing , or : between flow sequence items',
        hint: 'quote text with slot markup when it starts with `{` or sits in [ ]: - "{date} works for me"',
      },
    ]);
  });

  it('reports a key written twice', () => {
    const text = lines('intents:', '  - name: A', '    utterances: [a]', '    utterances: [b]');
    expect(problems(text)).toEqual([
      { line: 4, column: 5, message: 'Map keys must be unique', hint: 'each key may appear only once in a mapping' },
    ]);
  });

  it('reports a top level that is not a mapping', () => {
    expect(problems(lines('- name: A', '  utterances: [a]'))).toEqual([
      {
        line: 1,
        column: 1,
        message: 'an intent file must be a mapping with `intents:` and/or `slotTypes:` at the top',
        hint: 'start the file with a line `intents:` and list intents under it',
      },
    ]);
  });

  it('reports unknown keys at the key, with the closest allowed key', () => {
    const text = lines('intent:', '  - name: A', 'slotTypes:', '  - name: B', '    values: [x]', '    synonym: [y]');
    expect(problems(text)).toEqual([
      { line: 1, column: 1, message: 'the file has an unknown key `intent`', hint: 'did you mean `intents`?' },
      { line: 6, column: 5, message: 'slot type B has an unknown key `synonym`', hint: '`synonyms` belongs in a value, not in a slot type' },
    ]);
  });

  it('finds unknown keys inside a confirmation and a value, and wrong items in a prompt list', () => {
    const text = lines(
      'intents:',
      '  - name: A',
      '    utterances: [a]',
      '    confirmation:',
      '      prompt: Sure?',
      '      decline: OK.',
      '    fulfilled: [Done, 7]',
      'slotTypes:',
      '  - name: T',
      '    values:',
      '      - value: x',
      '        synonym: [y]',
    );
    expect(problems(text)).toEqual([
      { line: 6, column: 7, message: 'the confirmation of intent A has an unknown key `decline`', hint: 'did you mean `declined`?' },
      { line: 7, column: 23, message: 'item 2 of `fulfilled` of intent A should be text, not a number (7)', hint: undefined },
      { line: 12, column: 9, message: 'value x of slot type T has an unknown key `synonym`', hint: 'did you mean `synonyms`?' },
    ]);
  });

  it('lists the allowed keys when nothing is close', () => {
    const text = lines('intents:', '  - name: A', '    utterances: [a]', '    colour: blue');
    expect(problems(text)[0]).toEqual({
      line: 4,
      column: 5,
      message: 'intent A has an unknown key `colour`',
      hint: 'allowed keys: name, description, utterances, slots, confirmation, fulfilled, lex',
    });
  });

  it('keeps the rest of an intent that has an unknown key', () => {
    const text = lines('intents:', '  - name: A', '    utterance: [x]', '    utterances: [a]');
    const parsed = parseIntentFile(text, file, 'en-US');
    expect(parsed.problems.map((p) => p.message)).toEqual(['intent A has an unknown key `utterance`']);
    expect(parsed.intents.map((i) => i.name)).toEqual(['A']);
  });

  it('reports a missing name, wrong types and an empty value', () => {
    const text = lines(
      'intents:',
      '  - utterances: [a]',
      '  - name: B',
      '    utterances:',
      '      - hello',
      '      - 42',
      '    slots:',
      '      - name: when',
      '        type: date',
      '        required: yes',
      '        prompt:',
      '  - name: C',
      '    utterances: hello',
    );
    expect(problems(text)).toEqual([
      { line: 2, column: 5, message: 'intent #1 needs `name`', hint: 'add `name:` with a name' },
      { line: 6, column: 9, message: 'utterance 2 of intent B should be text, not a number (42)', hint: undefined },
      {
        line: 10,
        column: 19,
        message: '`required` of slot when of intent B should be true or false, not text (`yes`)',
        hint: undefined,
      },
      { line: 11, column: 9, message: '`prompt` of slot when of intent B is empty', hint: 'give it text or a list of texts' },
      {
        line: 13,
        column: 17,
        message: '`utterances` of intent C should be a list of utterances, not text (`hello`)',
        hint: undefined,
      },
    ]);
  });

  it('reports invalid names with a suggested spelling', () => {
    const text = lines('intents:', '  - name: Order Shirt', '    utterances: [a shirt]', '    slots:', '      - name: shirt__size', '        type: text');
    expect(problems(text)).toEqual([
      {
        line: 2,
        column: 11,
        message: '`Order Shirt` is not a valid intent name',
        hint: 'names use letters and digits, joined by at most one `_` or `-`, up to 100 characters, e.g. OrderShirt',
      },
      {
        line: 5,
        column: 15,
        message: '`shirt__size` is not a valid slot name',
        hint: 'names use letters and digits, joined by at most one `_` or `-`, up to 100 characters, e.g. ShirtSize',
      },
    ]);
  });

  it('reports a bad transform with the closest choice, and a non-positive maxAttempts', () => {
    const text = lines(
      'intents:',
      '  - name: A',
      '    utterances: [a]',
      '    slots:',
      '      - {name: x, type: text, maxAttempts: 0}',
      '      - {name: y, type: text, maxAttempts: 1.5}',
      'slotTypes:',
      '  - name: Code',
      '    pattern: "[0-9]+"',
      '    transform: uppr',
    );
    expect(problems(text)).toEqual([
      { line: 5, column: 44, message: '`maxAttempts` of slot x of intent A must be 1 or more', hint: undefined },
      {
        line: 6,
        column: 44,
        message: '`maxAttempts` of slot y of intent A should be a whole number of 1 or more, not a number (1.5)',
        hint: undefined,
      },
      {
        line: 10,
        column: 16,
        message: '`transform` of slot type Code must be none, upper or lower, not `uppr`',
        hint: 'did you mean `upper`?',
      },
    ]);
  });

  it('reports an intent with no utterances', () => {
    const text = lines('intents:', '  - name: A', '  - name: B', '    utterances: []');
    expect(problems(text)).toEqual([
      { line: 2, column: 11, message: 'intent A has no utterances', hint: 'add a few ways a customer would say it under utterances:' },
      { line: 4, column: 5, message: 'intent B has no utterances', hint: 'add a few ways a customer would say it under utterances:' },
    ]);
  });

  it('reports an utterance slot the intent does not declare, at its `{`', () => {
    const text = lines(
      'intents:',
      '  - name: OrderShirt',
      '    utterances:',
      '      - I want a {colour} shirt',
      '      - "in {size=large}"',
      '    slots:',
      '      - {name: color, type: text}',
      '      - {name: fit, type: text}',
    );
    expect(problems(text)).toEqual([
      {
        line: 4,
        column: 18,
        message: 'utterance uses slot {colour} but intent OrderShirt has no such slot',
        hint: 'declare it under slots:, or did you mean {color}?',
      },
      {
        line: 5,
        column: 13,
        message: 'utterance uses slot {size} but intent OrderShirt has no such slot',
        hint: 'declare it under slots: (it has {color} or {fit})',
      },
    ]);
  });

  it('reports a prompt that names a slot the intent does not have', () => {
    const text = lines(
      'intents:',
      '  - name: A',
      '    utterances: [a]',
      '    slots: [{name: color, type: text}]',
      '    confirmation: A {colr} one?',
    );
    expect(problems(text)).toEqual([
      {
        line: 5,
        column: 21,
        message: 'prompt uses slot {colr} but intent A has no such slot',
        hint: 'declare it under slots:, or did you mean {color}?',
      },
    ]);
  });

  it('reports malformed markup at the brace, and leaves the utterance out', () => {
    const text = lines('intents:', '  - name: A', '    utterances:', '      - a {} b {=x} c {d', '      - fine');
    const parsed = parseIntentFile(text, file, 'en-US');
    expect(parsed.problems.map(({ line, column, message }) => `${line}:${column} ${message}`)).toEqual([
      '4:11 `{}` in "a {} b {=x} c {d" is empty: it names no slot',
      '4:16 `{=x}` in "a {} b {=x} c {d" has no slot name before `=`',
      '4:23 `{` in "a {} b {=x} c {d" is never closed',
    ]);
    expect(parsed.intents[0]?.utterances).toHaveLength(1);
  });

  it('reports slot types: invalid pattern, no values, both kinds, keys of the other kind, bad examples', () => {
    const text = lines(
      'slotTypes:',
      '  - name: Bad',
      '    pattern: "[A-Z"',
      '  - name: Empty',
      '    values: []',
      '  - name: Both',
      '    values: [a]',
      '    pattern: a',
      '  - name: Neither',
      '  - name: Colour',
      '    values: [red]',
      '    transform: upper',
      '  - name: Code',
      '    pattern: "[0-9]{4}"',
      '    restrict: false',
      '    examples: ["12 34", "12345"]',
      '    separators: " "',
    );
    expect(problems(text)).toEqual([
      {
        line: 3,
        column: 15,
        message: 'pattern of slot type Bad is not a valid regular expression: missing closing ]: `[A-Z`',
        hint: 'check brackets and escapes; a YAML string with `\\` is easier in single quotes',
      },
      { line: 5, column: 5, message: 'slot type Empty has no values', hint: 'list the values a customer may say under values:' },
      {
        line: 7,
        column: 5,
        message: 'slot type Both has both `values` and `pattern`',
        hint: 'a slot type is a list of values or a pattern; split it into two slot types',
      },
      { line: 9, column: 5, message: 'slot type Neither needs `values` (a list type) or `pattern` (a regex type)', hint: undefined },
      { line: 12, column: 5, message: '`transform` of slot type Colour only applies to regex types (with `pattern`)', hint: 'remove `transform`' },
      { line: 15, column: 5, message: '`restrict` of slot type Code only applies to list types (with `values`)', hint: 'remove `restrict`' },
      { line: 16, column: 25, message: 'example `12345` does not match the pattern of slot type Code', hint: undefined },
    ]);
  });

  it('reports duplicate values and a synonym shared by two values, keeping the first', () => {
    const text = lines(
      'slotTypes:',
      '  - name: Colour',
      '    values:',
      '      - red',
      '      - value: crimson',
      '        synonyms: [scarlet, Red]',
      '      - value: burgundy',
      '        synonyms: [SCARLET, wine]',
      '      - RED',
    );
    const parsed = parseIntentFile(text, file, 'en-US');
    expect(parsed.problems).toEqual([
      {
        file,
        line: 6,
        column: 29,
        message: 'synonym `Red` of value crimson is also a value in slot type Colour',
        hint: `first at ${file}:4; keep it in one place`,
      },
      {
        file,
        line: 8,
        column: 20,
        message: 'synonym `SCARLET` of value burgundy is also a synonym of crimson in slot type Colour',
        hint: `first at ${file}:6; keep it in one place`,
      },
      { file, line: 9, column: 9, message: 'value `RED` of slot type Colour is listed twice', hint: `first at ${file}:4` },
    ]);
    expect(parsed.slotTypes[0]).toMatchObject({
      values: [
        { value: 'red', synonyms: [] },
        { value: 'crimson', synonyms: ['scarlet'] },
        { value: 'burgundy', synonyms: ['wine'] },
      ],
    });
  });

  it('reports a slot declared twice in one intent', () => {
    const text = lines('intents:', '  - name: A', '    utterances: ["a {x}"]', '    slots:', '      - {name: x, type: text}', '      - {name: X, type: date}');
    expect(problems(text)).toEqual([
      { line: 6, column: 16, message: 'intent A declares slot X twice', hint: 'first at line 5; remove one' },
    ]);
  });

  it('finds every problem in a file, not just the first', () => {
    const text = lines(
      'intents:',
      '  - name: Bad Name',
      '    utterances: [a]',
      '  - name: B',
      '    utterances: ["{nope}"]',
      'slotTypes:',
      '  - name: T',
      '    values: []',
    );
    expect(problems(text).map((p) => p.line)).toEqual([2, 5, 8]);
  });
});
