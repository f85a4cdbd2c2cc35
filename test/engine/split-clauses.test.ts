import { describe, expect, it } from 'vitest';
import { splitClauses } from '../../src/engine/split-clauses.js';
import { findSecondRequest } from '../../src/engine/second-request.js';
import type { Entity, Recognition } from '../../src/nlu/recognizer.js';

const said = (text: string, locale = 'en-US') =>
  splitClauses(text, locale).map((clause) => `${text.slice(clause.start, clause.end)}${clause.substantive ? '' : ' (aside)'}`);

describe('splitClauses', () => {
  it('parts a message at question marks, sentence ends and joining words', () => {
    expect(said('where is order AB123456 and is there an outage in 94105?')).toEqual(['where is order AB123456', 'is there an outage in 94105']);
    expect(said('Track order CD654321. Also, I forgot my password!')).toEqual(['Track order CD654321', 'Also, I forgot my password']);
    expect(said('is there an outage in 94105? plus reset my password')).toEqual(['is there an outage in 94105', 'reset my password']);
  });

  it('keeps one clause where nothing parts it: decimals, commas, "and" inside a word', () => {
    expect(said('I need a repair tomorrow at 3.30pm, please')).toEqual(['I need a repair tomorrow at 3.30pm, please']);
    expect(said('reset the password of anderson@example.com')).toEqual(['reset the password of anderson@example.com']);
  });

  it('parts at a joining word after a comma or a space and before a space, in any case, each word said once', () => {
    expect(said('check my order,and reset my password')).toEqual(['check my order', 'reset my password']);
    expect(said('check my order AS WELL AS reset my password')).toEqual(['check my order', 'reset my password']);
    expect(said('check my order as  well as reset my password')).toEqual(['check my order as  well as reset my password']);
    expect(said('check my order and/or reset my password')).toEqual(['check my order and/or reset my password']);
    expect(said('reset my password and')).toEqual(['reset my password and']);
    // A refused "as well as" does not hide the one that starts inside it.
    expect(said('check my order\nas well as well as reset my password')).toEqual(['check my order', 'as well', 'reset my password']);
  });

  it('leaves a joining word that only a line break precedes to open the next clause', () => {
    expect(said('check my order\nand reset my password')).toEqual(['check my order', 'and reset my password']);
    expect(said('check my order\n and reset my password')).toEqual(['check my order', 'reset my password']);
    expect(said('check my order\r\nand reset my password')).toEqual(['check my order', 'reset my password']);
    expect(said('check my order,\nand reset my password')).toEqual(['check my order', 'reset my password']);
  });

  it('marks what cannot be a request of its own: courtesy, a yes or a no, a single word', () => {
    expect(said('yes and thanks')).toEqual(['yes (aside)', 'thanks (aside)']);
    expect(said('pepperoni and olives')).toEqual(['pepperoni (aside)', 'olives (aside)']);
    expect(said('check my order and thank you')).toEqual(['check my order', 'thank you (aside)']);
  });

  it('reads Spanish, and leaves a language it has no rules for whole', () => {
    expect(said('¿dónde está mi pedido AB123456? ¿hay un corte en 94105?', 'es-US')).toEqual(['dónde está mi pedido AB123456', 'hay un corte en 94105']);
    expect(said('revisa mi pedido y gracias', 'es-US')).toEqual(['revisa mi pedido', 'gracias (aside)']);
    expect(said('revisa mi pedido. También, por favor', 'es-US')).toEqual(['revisa mi pedido', 'También, por favor (aside)']);
    // "e" opens a clause only as a word of its own: "Eso es todo" is courtesy, not "so es todo".
    expect(said('revisa mi pedido. Eso es todo', 'es-US')).toEqual(['revisa mi pedido', 'Eso es todo (aside)']);
    expect(said('revisa mi pedido ademas gracias', 'es-US')).toEqual(['revisa mi pedido ademas gracias']);
    expect(said('wo ist meine Bestellung und gibt es eine Störung?', 'de-DE')).toEqual(['wo ist meine Bestellung und gibt es eine Störung?']);
  });
});

const entity = (text: string, whole: string, type: string, slot?: string): Entity => {
  const start = whole.indexOf(text);
  return { type, text, start, end: start + text.length, value: text, ...(slot ? { slot } : {}) };
};
const recognition = (text: string, topIntent: string | null, entities: Entity[] = []): Recognition => ({
  text, locale: 'en-US', intents: topIntent ? [{ name: topIntent, confidence: 0.7 }] : [], topIntent, entities, provider: 'test', latencyMs: 0,
});

describe('findSecondRequest', () => {
  const outage = { served: 'ReportOutage', slotTypes: { zipCode: 'ZipCode' }, answering: false, isTask: (intent: string) => intent !== 'Goodbye', turn: 4 };

  it('recognizes the clause the served request leaves unexplained, once, and keeps each request to its own words', async () => {
    const text = 'where is order AB123456 and is there an outage in 94105?';
    const asked: string[] = [];
    const split = await findSecondRequest(recognition(text, 'ReportOutage', [entity('AB123456', text, 'OrderNumber'), entity('94105', text, 'ZipCode', 'zipCode')]), {
      ...outage,
      recognize: async (part) => {
        asked.push(part);
        return recognition(part, 'CheckOrderStatus', [entity('AB123456', part, 'OrderNumber', 'orderNumber')]);
      },
    });
    expect(asked).toEqual(['where is order AB123456']);
    expect(split?.first).toMatchObject({ topIntent: 'CheckOrderStatus', text: 'where is order AB123456' });
    expect(split?.then).toEqual({ intent: 'ReportOutage', text: 'is there an outage in 94105', entities: [{ type: 'ZipCode', slot: 'zipCode', text: '94105', start: 22, end: 27, value: '94105' }], turn: 4 });
  });

  it('asks nothing when every clause holds the served request\'s values, or the rest is only courtesy', async () => {
    const never = async (): Promise<Recognition> => {
      throw new Error('no call expected');
    };
    const booking = { served: 'BookAppointment', slotTypes: { date: 'date', time: 'time' }, answering: false, isTask: () => true, recognize: never, turn: 1 };
    const text = 'book a repair tomorrow and make it at 3pm';
    expect(await findSecondRequest(recognition(text, 'BookAppointment', [entity('tomorrow', text, 'date', 'date'), entity('3pm', text, 'time', 'time')]), booking)).toBeUndefined();
    expect(await findSecondRequest(recognition('thanks, and where is my order', 'CheckOrderStatus'), { ...outage, served: 'CheckOrderStatus', recognize: never })).toBeUndefined();
  });

  it('keeps one request when the clause is the served intent again, not a task, or not understood', async () => {
    const text = 'is there an outage and my internet is down';
    for (const answer of ['ReportOutage', 'Goodbye', null]) {
      expect(await findSecondRequest(recognition(text, 'ReportOutage'), { ...outage, recognize: async (part) => recognition(part, answer) })).toBeUndefined();
    }
  });

  it('serves an answer to the active question first, whatever the order', async () => {
    const text = 'where is order AB123456 and yes';
    const split = await findSecondRequest(recognition(text, 'CheckOrderStatus', [entity('AB123456', text, 'OrderNumber')]), {
      served: 'BookAppointment', slotTypes: { date: 'date' }, answering: true, isTask: () => true, turn: 2,
      recognize: async (part) => recognition(part, 'CheckOrderStatus', [entity('AB123456', part, 'OrderNumber', 'orderNumber')]),
    });
    expect(split?.first.text).toBe('yes');
    expect(split?.then).toMatchObject({ intent: 'CheckOrderStatus', text: 'where is order AB123456' });
  });
});
