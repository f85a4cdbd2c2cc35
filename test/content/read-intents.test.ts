import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IntentFileError, ParleyError } from '../../src/core/errors.js';
import { findIntent, findSlotType, loadIntents, readIntents } from '../../src/content/index.js';
import { lines, temporaryTrees } from './helpers.js';

const appointments = lines(
  'intents:',
  '  - name: BookAppointment',
  '    utterances:',
  '      - I need a {service=repair}',
  '      - book a {service} for {date}',
  '    slots:',
  '      - name: service',
  '        type: ServiceType',
  '        prompt: What kind of visit do you need?',
  '      - name: date',
  '        type: date',
  '  - name: CheckOrder',
  '    utterances: ["where is order {order}"]',
  '    slots: [{name: order, type: OrderNumber}]',
);
const slotTypes = lines(
  'slotTypes:',
  '  - name: ServiceType',
  '    values: [installation, {value: repair, synonyms: [fix]}]',
  '  - name: OrderNumber',
  '    pattern: "[A-Z]{2}[0-9]{6}"',
);

const tree = temporaryTrees();

describe('readIntents: a locale folder', () => {
  it('loads intents and slot types from several files, nested and .yml, with built-ins', async () => {
    const root = await tree({ 'en-US/appointments.yaml': appointments, 'en-US/types/slot-types.yml': slotTypes });
    const { model, problems } = await readIntents(root);
    expect(problems).toEqual([]);
    expect(Object.keys(model.locales)).toEqual(['en-US']);
    const locale = model.locales['en-US']!;
    expect(locale.locale).toBe('en-US');
    expect(locale.intents.map((intent) => intent.name)).toEqual(['BookAppointment', 'CheckOrder', 'Help', 'Cancel', 'StartOver', 'Repeat']);
    expect(locale.slotTypes.map((slotType) => slotType.name)).toEqual(['ServiceType', 'OrderNumber']);
    expect(findIntent(locale, 'BookAppointment')?.source).toEqual({ file: join(root, 'en-US/appointments.yaml'), line: 2, column: 5 });
    expect(findSlotType(locale, 'OrderNumber')?.source).toEqual({ file: join(root, 'en-US/types/slot-types.yml'), line: 4, column: 5 });
    expect(findIntent(locale, 'Nope')).toBeUndefined();
  });

  it('accepts a file URL as well as a path', async () => {
    const root = await tree({ 'en-US/a.yaml': appointments, 'en-US/b.yaml': slotTypes });
    const model = await loadIntents(pathToFileURL(`${root}/`));
    expect(Object.keys(model.locales)).toEqual(['en-US']);
  });

  it('loads the same tree the same way every time, files and locales in sorted order', async () => {
    const root = await tree({
      'es-US/z.yaml': lines('intents:', '  - {name: Zeta, utterances: [zeta]}'),
      'en-US/b/z.yaml': lines('intents:', '  - {name: Third, utterances: [three]}'),
      'en-US/b.yaml': lines('intents:', '  - {name: Second, utterances: [two]}'),
      'en-US/a.yaml': lines('intents:', '  - {name: First, utterances: [one]}'),
    });
    const first = await loadIntents(root);
    expect(Object.keys(first.locales)).toEqual(['en-US', 'es-US']);
    expect(first.locales['en-US']!.intents.slice(0, 3).map((intent) => intent.name)).toEqual(['First', 'Second', 'Third']);
    expect(await loadIntents(root)).toEqual(first);
  });

  it('shows files relative to the working directory when they are inside it', async () => {
    const { model } = await readIntents('test/content/fixtures/intents');
    expect(findIntent(model.locales['en-US']!, 'TrackParcel')?.source).toEqual({
      file: 'test/content/fixtures/intents/en-US/parcels.yaml',
      line: 2,
      column: 5,
    });
  });
});

describe('readIntents: problems across files', () => {
  it('reports an unknown slot type at the slot type, with the closest name', async () => {
    const root = await tree({
      'en-US/a.yaml': lines('intents:', '  - name: A', '    utterances: ["a {x} {y}"]', '    slots:', '      - {name: x, type: ServiceTyp}', '      - {name: y, type: colour}'),
      'en-US/b.yaml': slotTypes,
    });
    const { problems } = await readIntents(root);
    expect(problems).toEqual([
      {
        file: join(root, 'en-US/a.yaml'),
        line: 5,
        column: 25,
        message: 'slot x has type ServiceTyp, which is not a slot type of en-US',
        hint: 'did you mean ServiceType?',
      },
      {
        file: join(root, 'en-US/a.yaml'),
        line: 6,
        column: 25,
        message: 'slot y has type colour, which is not a slot type of en-US',
        hint: 'use a built-in type (date, time, number, phone, email, alphanumeric or text) or define colour under slotTypes: in a file of en-US',
      },
    ]);
  });

  it('does not see slot types of another locale', async () => {
    const root = await tree({ 'en-US/a.yaml': appointments, 'es-US/types.yaml': slotTypes });
    const { problems } = await readIntents(root);
    expect(problems.map((problem) => problem.message)).toEqual([
      'slot service has type ServiceType, which is not a slot type of en-US',
      'slot order has type OrderNumber, which is not a slot type of en-US',
    ]);
  });

  it('reports duplicate intent and slot type names at the second, naming the first', async () => {
    const root = await tree({
      'en-US/a.yaml': lines('intents:', '  - {name: Pay, utterances: [pay my bill]}', 'slotTypes:', '  - {name: Plan, values: [basic]}'),
      'en-US/b.yaml': lines('intents:', '  - {name: pay, utterances: [settle up]}', 'slotTypes:', '  - {name: Plan, values: [gold]}', '  - {name: Date, values: [x]}'),
    });
    const { model, problems } = await readIntents(root);
    const a = join(root, 'en-US/a.yaml');
    const b = join(root, 'en-US/b.yaml');
    expect(problems).toEqual([
      { file: b, line: 2, column: 12, message: 'intent pay is defined twice', hint: `first at ${a}:2; names must be unique in a locale` },
      { file: b, line: 4, column: 12, message: 'slot type Plan is defined twice', hint: `first at ${a}:4; names must be unique in a locale` },
      {
        file: b,
        line: 5,
        column: 12,
        message: 'slot type Date has the name of a built-in type',
        hint: 'choose another name; date, time, number, phone, email, alphanumeric or text are built in',
      },
    ]);
    expect(findIntent(model.locales['en-US']!, 'Pay')?.utterances).toHaveLength(1);
  });

  it('reports the same utterance in two intents at the second, naming the first file and line', async () => {
    const root = await tree({
      'en-US/a.yaml': lines(
        'intents:',
        '  - name: Pay',
        '    utterances: ["Pay my bill!", "pay on {when=Friday}"]',
        '    slots: [{name: when, type: date}]',
      ),
      'en-US/b.yaml': lines(
        'intents:',
        '  - name: Settle',
        '    utterances:',
        '      - pay my bill',
        '      - pay on {day}',
        '      - settle up',
        '      - Settle up.',
        '    slots: [{name: day, type: date}]',
      ),
    });
    const { model, problems } = await readIntents(root);
    const a = join(root, 'en-US/a.yaml');
    const b = join(root, 'en-US/b.yaml');
    const sameHint = 'utterances are compared ignoring case, punctuation and slot examples';
    expect(problems).toEqual([
      { file: b, line: 4, column: 9, message: `utterance "pay my bill" of intent Settle is also in intent Pay (${a}:3)`, hint: `keep it in one intent; ${sameHint}` },
      { file: b, line: 5, column: 9, message: `utterance "pay on {day}" of intent Settle is also in intent Pay (${a}:3)`, hint: `keep it in one intent; ${sameHint}` },
      { file: b, line: 7, column: 9, message: 'utterance "Settle up." appears twice in intent Settle', hint: `first at ${b}:6; ${sameHint}` },
    ]);
    expect(findIntent(model.locales['en-US']!, 'Settle')?.utterances).toHaveLength(1);
  });

  it('reports a file outside a locale folder, a folder that is not a locale, and two folders for one locale', async () => {
    const root = await tree({
      'stray.yaml': appointments,
      'en_US/a.yaml': appointments,
      'en-us/a.yaml': lines('intents:', '  - {name: A, utterances: [a]}'),
      'en-US/a.yaml': lines('intents:', '  - {name: B, utterances: [b]}'),
      'notes/readme.txt': 'not YAML, ignored',
    });
    const { model, problems } = await readIntents(root);
    expect(problems).toEqual([
      { file: join(root, 'en-us'), line: 1, column: 1, message: 'folders en-US and en-us are the same locale', hint: 'put all en-US files in one folder' },
      {
        file: join(root, 'en_US'),
        line: 1,
        column: 1,
        message: '`en_US` is not a locale',
        hint: 'name each locale folder with a BCP 47 tag such as en-US or es-US; did you mean en-US?',
      },
      {
        file: join(root, 'stray.yaml'),
        line: 1,
        column: 1,
        message: 'intent file stray.yaml is not in a locale folder',
        hint: `move it into a folder named for its locale, e.g. ${join(root, 'en-US', 'stray.yaml')}`,
      },
    ]);
    expect(Object.keys(model.locales)).toEqual(['en-US']);
  });

  it('reports a missing folder as a problem, not a crash', async () => {
    const { model, problems } = await readIntents('test/content/fixtures/no-such-folder');
    expect(model).toEqual({ locales: {} });
    expect(problems).toEqual([
      {
        file: 'test/content/fixtures/no-such-folder',
        line: 1,
        column: 1,
        message: 'intents folder test/content/fixtures/no-such-folder does not exist',
        hint: 'give the folder that holds one folder per locale, e.g. intents/ with intents/en-US/*.yaml',
      },
    ]);
  });

  it('keeps what it could load and reports every problem of every file', async () => {
    const root = await tree({
      'en-US/a.yaml': lines('intents:', '  - name: Good', '    utterances: [fine]', '  - name: Bad', '    utterances: ["{nope}"]'),
      'en-US/b.yaml': lines('intents: [', ''),
      'es-US/c.yaml': lines('intents:', '  - {name: Vale, utterances: [vale], slots: [{name: x, type: Nada}]}'),
    });
    const { model, problems } = await readIntents(root);
    expect(problems.map((problem) => [problem.file.slice(root.length + 1), problem.line])).toEqual([
      ['en-US/a.yaml', 5],
      ['en-US/b.yaml', 3],
      ['es-US/c.yaml', 2],
    ]);
    expect(model.locales['en-US']!.intents.map((intent) => intent.name)).toContain('Good');
  });
});

describe('loadIntents', () => {
  it('throws an IntentFileError carrying every problem, with positions in its message', async () => {
    const root = await tree({ 'en-US/a.yaml': lines('intents:', '  - name: A', '  - name: B', '    utterance: [b]') });
    const error = await loadIntents(root).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IntentFileError);
    expect(ParleyError.isInstance(error) && error.code).toBe('intent-file');
    const problems = (error as IntentFileError).problems;
    expect(problems.map((problem) => `${problem.line}:${problem.column}`)).toEqual(['2:11', '3:11', '4:5']);
    expect((error as Error).message).toContain(`${join(root, 'en-US/a.yaml')}:4:5: intent B has an unknown key \`utterance\`\n    hint: did you mean \`utterances\`?`);
    expect((error as Error).message).not.toMatch(/\n\s+at /);
  });

  it('throws for a missing folder with a clear message instead of ENOENT', async () => {
    await expect(loadIntents('test/content/fixtures/no-such-folder')).rejects.toThrow(
      'intents folder test/content/fixtures/no-such-folder does not exist',
    );
  });
});
