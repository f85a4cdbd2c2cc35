import { describe, expect, it } from 'vitest';
import type { LocaleModel } from '../../../src/content/intent-model.js';
import { builtInSampleValues } from '../../../src/nlu/local/sample-values.js';
import { buildTrainingExamples } from '../../../src/nlu/local/training-examples.js';
import { intent, slot } from './telecom-model.js';
import { serviceType, telecomSlotTypes } from '../../slots/telecom-slot-types.js';

const model: LocaleModel = {
  locale: 'en-US',
  slotTypes: telecomSlotTypes,
  intents: [
    intent('BookAppointment', ['book a {service} for {date}', 'book it for {date=next tuesday}', 'book a visit'], [
      slot('service', 'ServiceType'),
      slot('date', 'date'),
    ]),
    intent('Feedback', ['my feedback is {comment}', 'order {order} please'], [slot('comment', 'text'), slot('order', 'OrderNumber')]),
  ],
};

describe('buildTrainingExamples', () => {
  it('fills placeholders with several sampled values and marks where they are', () => {
    const filled = buildTrainingExamples(model).filter((example) => example.utterance === 'book a {service} for {date}');
    expect(filled).toHaveLength(3);
    const services = new Set(serviceType.values.flatMap((value) => [value.value, ...value.synonyms]));
    for (const example of filled) {
      const [service, date] = example.values;
      expect(service?.type).toBe('ServiceType');
      expect(services.has(example.text.slice(service!.start, service!.end))).toBe(true);
      expect(date?.type).toBe('date');
      expect(builtInSampleValues.date).toContain(example.text.slice(date!.start, date!.end));
    }
    expect(new Set(filled.map((example) => example.text)).size).toBe(3);
  });

  it('uses an example value as written and keeps plain utterances once', () => {
    const examples = buildTrainingExamples(model);
    expect(examples.filter((example) => example.text === 'book it for next tuesday')).toHaveLength(1);
    expect(examples.filter((example) => example.text === 'book a visit')).toEqual([
      { intent: 'BookAppointment', text: 'book a visit', values: [], utterance: 'book a visit' },
    ]);
  });

  it('leaves free text unmarked, since it is only read when asked for', () => {
    const feedback = buildTrainingExamples(model).filter((example) => example.utterance === 'my feedback is {comment}');
    expect(feedback.length).toBeGreaterThan(1);
    for (const example of feedback) expect(example.values).toEqual([]);
  });

  it('uses regex examples for regex slot types', () => {
    const orders = buildTrainingExamples(model).filter((example) => example.utterance === 'order {order} please');
    expect(orders.map((example) => example.text).sort()).toEqual(['order AB123456 please', 'order XY 987 654 please', 'order cd-555-111 please']);
  });

  it('gives the same sorted examples whatever the order of the model', () => {
    const reversed: LocaleModel = {
      ...model,
      intents: [...model.intents].reverse().map((entry) => ({ ...entry, utterances: [...entry.utterances].reverse() })),
    };
    expect(buildTrainingExamples(reversed)).toEqual(buildTrainingExamples(model));
  });
});
