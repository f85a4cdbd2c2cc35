import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { IntentFileError } from '../../src/core/errors.js';
import {
  buildIntentModel,
  defineIntent,
  defineSlotType,
  findIntent,
  loadIntents,
  parseIntentFile,
  readIntents,
} from '../../src/content/index.js';
import type { IntentModel } from '../../src/content/index.js';
import { lines, withoutSources, writeTree } from './helpers.js';

const here = 'test/content/build-intent-model.test.ts';
/** The line of this file that holds `snippet`, so tests do not break when lines move. */
function lineOf(snippet: string): number {
  return readFileSync(here, 'utf8').split('\n').findIndex((line) => line.includes(snippet)) + 1;
}

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

const yaml = lines(
  'intents:',
  '  - name: BookAppointment',
  '    description: Book a technician visit',
  '    utterances:',
  '      - I need a {service=repair}',
  '      - book a {service} for {date} at {time}',
  '      - can someone come out {date=tomorrow} {time=at 3pm}',
  '    slots:',
  '      - name: service',
  '        type: ServiceType',
  '        prompt: What kind of visit do you need?',
  '        reprompt: [Sorry, which service?]',
  '        help: I can book installation, repair or upgrade visits.',
  '        maxAttempts: 3',
  '        aliases: [visit, service type]',
  '      - {name: date, type: date}',
  '      - {name: time, type: time, required: false}',
  '    confirmation:',
  '      prompt: A {service} visit on {date} at {time}. Shall I book it?',
  '      declined: OK, what would you like to change?',
  '    fulfilled: All set!',
  '  - name: Cancel',
  '    utterances: [cancel the visit, never mind]',
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
  '    examples: [AB123456, CD654321]',
);

const bookAppointment = defineIntent({
  name: 'BookAppointment',
  description: 'Book a technician visit',
  utterances: ['I need a {service=repair}', 'book a {service} for {date} at {time}', 'can someone come out {date=tomorrow} {time=at 3pm}'],
  slots: [
    {
      name: 'service',
      type: 'ServiceType',
      required: true,
      prompt: 'What kind of visit do you need?',
      reprompt: ['Sorry', 'which service?'],
      help: 'I can book installation, repair or upgrade visits.',
      maxAttempts: 3,
      aliases: ['visit', 'service type'],
    },
    { name: 'date', type: 'date' },
    { name: 'time', type: 'time', required: false },
  ],
  confirmation: { prompt: 'A {service} visit on {date} at {time}. Shall I book it?', declined: 'OK, what would you like to change?' },
  fulfilled: 'All set!',
});
const cancel = defineIntent({ name: 'Cancel', utterances: ['cancel the visit', 'never mind'] });
const serviceType = defineSlotType({
  name: 'ServiceType',
  restrict: false,
  values: ['installation', { value: 'repair', synonyms: ['fix', 'broken', 'not working'] }],
});
const orderNumber = defineSlotType({
  name: 'OrderNumber',
  pattern: '[A-Z]{2}[0-9]{6}',
  separators: ' -',
  transform: 'upper',
  examples: ['AB123456', 'CD654321'],
});

describe('buildIntentModel', () => {
  it('yields the same model from code as from intent files', async () => {
    const root = await writeTree({ 'en-US/content.yaml': yaml });
    folders.push(root);
    const fromFiles = await loadIntents(root);
    const fromCode = buildIntentModel({ locale: 'en-US', intents: [bookAppointment, cancel], slotTypes: [serviceType, orderNumber] });
    expect(withoutSources(fromCode)).toEqual(withoutSources(fromFiles));
    expect(findIntent(fromCode.locales['en-US']!, 'Cancel')?.builtIn).toBe('cancel');
  });

  it('records where each definition was written', () => {
    const model = buildIntentModel({ locale: 'en-US', intents: [bookAppointment], slotTypes: [serviceType] });
    const intent = findIntent(model.locales['en-US']!, 'BookAppointment')!;
    expect(intent.source).toEqual({ file: here, line: lineOf('const bookAppointment = defineIntent('), column: 25 });
    expect(intent.slots[0]?.source).toEqual(intent.source);
    expect(intent.utterances[0]?.source).toEqual(intent.source);
  });

  it('reports problems like files do, at the line that defined the content', () => {
    const broken = defineIntent({ name: 'OrderShirt', utterances: ['a {colour} shirt', 'a {} one'], slots: [{ name: 'color', type: 'Colr' }] });
    const error = (() => {
      try {
        buildIntentModel({ locale: 'en-US', intents: [broken] });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(IntentFileError);
    const problems = (error as IntentFileError).problems;
    const at = `${here}:${lineOf("const broken = defineIntent({ name: 'OrderShirt'")}`;
    expect(problems.map(({ file, line }) => `${file}:${line}`)).toEqual([at, at, at]);
    const fileProblems = parseIntentFile(
      lines('intents:', '  - name: OrderShirt', '    utterances: ["a {colour} shirt", "a {} one"]', '    slots: [{name: color, type: Colr}]'),
      'x.yaml',
      'en-US',
    ).problems;
    expect(problems.map((problem) => problem.message)).toEqual([
      ...fileProblems.map((problem) => problem.message),
      'slot color has type Colr, which is not a slot type of en-US',
    ]);
  });

  it('checks content that is not typed, such as parsed JSON, with the same schema', () => {
    const untyped = JSON.parse('{"name": "A", "utterances": ["a"], "utterance": ["b"], "slots": [{"name": "x", "type": "text", "required": "yes"}]}') as never;
    expect(() => buildIntentModel({ locale: 'en-US', intents: [untyped] })).toThrow(
      /intent A has an unknown key `utterance`\n {4}hint: did you mean `utterances`\?[\s\S]*`required` of slot x of intent A should be true or false, not text \(`yes`\)/,
    );
  });

  it('reports a locale that is not BCP 47', () => {
    expect(() => buildIntentModel({ locale: 'en_US', intents: [cancel] })).toThrow('`en_US` is not a locale');
  });

  describe('on top of a base model', () => {
    async function base(): Promise<IntentModel> {
      const root = await writeTree({ 'en-US/content.yaml': yaml, 'es-US/a.yaml': lines('intents:', '  - {name: Pagar, utterances: [pagar]}') });
      folders.push(root);
      return (await readIntents(root)).model;
    }

    it('adds intents that use the base slot types, and keeps the other locales', async () => {
      const model = await base();
      const before = structuredClone(model);
      const checkOrder = defineIntent({ name: 'CheckOrder', utterances: ['where is {order}'], slots: [{ name: 'order', type: 'OrderNumber' }] });
      const help = defineIntent({ name: 'Help', utterances: ['what now'] });
      const built = buildIntentModel({ locale: 'en-US', intents: [checkOrder, help] }, model);
      expect(built.locales['en-US']!.intents.map((intent) => intent.name)).toEqual([
        'BookAppointment',
        'CheckOrder',
        'Help',
        'Cancel',
        'StartOver',
        'Repeat',
      ]);
      expect(findIntent(built.locales['en-US']!, 'Cancel')?.utterances.map((u) => u.parts)).toEqual(
        findIntent(model.locales['en-US']!, 'Cancel')?.utterances.map((u) => u.parts),
      );
      expect(findIntent(built.locales['en-US']!, 'Help')?.utterances.at(-1)?.source?.file).toBe(here);
      expect(built.locales['es-US']).toEqual(model.locales['es-US']);
      expect(model).toEqual(before);
    });

    it('reports a name the base already has, naming where', async () => {
      const model = await base();
      const again = defineIntent({ name: 'BookAppointment', utterances: ['get a technician'] });
      expect(() => buildIntentModel({ locale: 'en-US', intents: [again] }, model)).toThrow(
        /intent BookAppointment is defined twice\n {4}hint: first at \S+content\.yaml:2/,
      );
    });
  });
});
