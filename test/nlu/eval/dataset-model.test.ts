import { describe, expect, it } from 'vitest';
import { buildIntentModel } from '../../../src/content/build-intent-model.js';
import { utteranceText, type LocaleModel } from '../../../src/content/intent-model.js';
import { namePattern } from '../../../src/content/intent-schema.js';
import { formatUtteranceMarkup } from '../../../src/content/utterance-markup.js';
import { parseDataset } from '../../../src/nlu/eval/dataset.js';
import { datasetToIntentModel } from '../../../src/nlu/eval/dataset-model.js';
import { createNameMap } from '../../../src/nlu/eval/model-names.js';
import { example, tinyDataset } from './tiny-dataset.js';

const dataset = parseDataset(tinyDataset, 'tiny.json');

/** The locale written back as intent-file content, so that the model's own checks can judge it. */
function asContent(locale: LocaleModel) {
  return {
    locale: locale.locale,
    intents: locale.intents.map((intent) => ({
      name: intent.name,
      utterances: intent.utterances.map(formatUtteranceMarkup),
      slots: intent.slots.map((slot) => ({ name: slot.name, type: slot.type, required: slot.required })),
    })),
    slotTypes: locale.slotTypes.map((slotType) => (slotType.kind === 'list' ? { name: slotType.name, values: slotType.values.map((value) => value.value), restrict: slotType.restrict } : { name: slotType.name, pattern: slotType.pattern })),
  };
}

describe('a dataset as an intent model', () => {
  const { model, intents, slots, notes } = datasetToIntentModel(dataset.intents, dataset.train);
  const locale = model.locales['en-US']!;

  it('passes the checks intent files go through', () => {
    expect(() => buildIntentModel(asContent(locale))).not.toThrow();
  });

  it('makes each training example an utterance, with slot markup at the labelled offsets', () => {
    expect(locale.intents.flatMap((intent) => intent.utterances)).toHaveLength(dataset.train.length);
    const check = locale.intents.find((intent) => intent.name === 'check_balance')!;
    expect(formatUtteranceMarkup(check.utterances[0]!)).toBe('what is my {account=checking} balance');
    for (const intent of locale.intents) {
      const examples = dataset.train.filter((each) => intents.toModel(each.intent) === intent.name);
      expect(intent.utterances.map(utteranceText)).toEqual(examples.map((each) => each.text));
    }
    const transfer = locale.intents.find((intent) => intent.name === 'transfer_money')!;
    expect(transfer.utterances[0]!.parts).toEqual([
      { kind: 'text', text: 'move money from ' },
      { kind: 'slot', slot: 'account', example: 'checking' },
      { kind: 'text', text: ' to ' },
      { kind: 'slot', slot: 'account', example: 'savings' },
    ]);
    expect(transfer.slots).toEqual([{ name: 'account', type: 'account', required: false, aliases: [] }]);
  });

  it('maps names to valid model names and back', () => {
    expect(intents.toModel('transfer money')).toBe('transfer_money');
    expect(intents.toDataset('transfer_money')).toBe('transfer money');
    expect(slots.toModel('account')).toBe('account');
    expect(locale.intents.every((intent) => namePattern.test(intent.name))).toBe(true);
  });

  it('makes a list slot type per slot, not restricted, of the training values, most frequent first', () => {
    expect(locale.slotTypes).toEqual([
      { kind: 'list', name: 'account', restrict: false, values: [{ value: 'savings', synonyms: [] }, { value: 'checking', synonyms: [] }] },
    ]);
    expect(notes).toEqual([]);
    const capped = datasetToIntentModel(dataset.intents, dataset.train, { maxSlotValues: 1 });
    expect(capped.model.locales['en-US']!.slotTypes[0]).toMatchObject({ values: [{ value: 'savings', synonyms: [] }] });
    expect(capped.notes).toContain('1 slot type kept only the 1 values most frequent in training');
  });

  it('keeps names clear of repair intents and built-in types, repeats once, braces out of the markup', () => {
    const examples = [
      example('cancel', 'cancel my {date=friday} booking'),
      example('cancel', 'Cancel my {date=friday} booking!'),
      example('cancel', 'cancel {x y=it} {now}'),
    ];
    const converted = datasetToIntentModel(['cancel'], examples, { locale: 'en-GB' });
    const locale = converted.model.locales['en-GB']!;
    expect(locale.intents.map((intent) => intent.name)).toEqual(['cancel_2']);
    expect(locale.slotTypes.map((slotType) => slotType.name).sort()).toEqual(['date_2', 'x_y']);
    expect(locale.intents[0]!.slots.map((slot) => [slot.name, slot.type])).toEqual([['date', 'date_2'], ['x_y', 'x_y']]);
    expect(locale.intents[0]!.utterances.map(formatUtteranceMarkup)).toEqual(['cancel my {date=friday} booking', 'cancel {x_y=it} (now)']);
    expect(converted.notes).toEqual([
      '1 repeated training utterance kept once',
      '{ and } in 1 training utterance written as ( and ), as slot markup reserves them',
    ]);
    expect(() => buildIntentModel(asContent(locale))).not.toThrow();
  });
});

describe('name maps', () => {
  it('makes unique names, ignoring case, and maps them back', () => {
    const names = createNameMap(['Play Music', 'play music', 'a__b', '-x', '???', 'ok_name'], ['OK_NAME']);
    const mapped = ['Play Music', 'play music', 'a__b', '-x', '???', 'ok_name'].map(names.toModel);
    expect(mapped).toEqual(['Play_Music', 'play_music_2', 'a_b', 'x', 'x_2', 'ok_name_2']);
    expect(mapped.every((name) => namePattern.test(name))).toBe(true);
    expect(mapped.map(names.toDataset)).toEqual(['Play Music', 'play music', 'a__b', '-x', '???', 'ok_name']);
    expect(() => names.toModel('unknown')).toThrow();
  });
});
