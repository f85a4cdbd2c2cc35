import { describe, expect, it } from 'vitest';
import { buildIntentModel, createEngine, defineDialog, defineIntent, defineSlotType, fixedClock, type ConversationState, type Entity, type Recognition } from 'parley-sdk';

// Three tasks and a handoff (the repair intents, Cancel among them, are built in); recognitions are written out by `understand`, a stand-in for a
// recognizer (any of them: the engine sees only Recognition), so each test says exactly what was heard.
const model = buildIntentModel({
  locale: 'en-US',
  intents: [
    defineIntent({ name: 'CheckOrder', utterances: ['where is my order', 'track order {orderNumber=AB123456}'], slots: [{ name: 'orderNumber', type: 'OrderNumber', prompt: 'What is the order number?' }] }),
    defineIntent({ name: 'ReportOutage', utterances: ['is there an outage', 'outage in {zipCode=94105}'], slots: [{ name: 'zipCode', type: 'ZipCode', prompt: 'What is your ZIP code?' }] }),
    defineIntent({
      name: 'BookVisit',
      utterances: ['book a visit', 'book a visit {date=tomorrow} {time=at 3pm}'],
      slots: [{ name: 'date', type: 'date', prompt: 'Which day?' }, { name: 'time', type: 'time', prompt: 'What time?' }],
      confirmation: { prompt: 'A visit on {date} at {time}. Shall I book it?' },
    }),
    defineIntent({ name: 'TalkToAgent', utterances: ['talk to a person'] }),
  ],
  slotTypes: [defineSlotType({ name: 'OrderNumber', pattern: '[A-Z]{2}[0-9]{6}' }), defineSlotType({ name: 'ZipCode', pattern: '[0-9]{5}' })],
});

const keywords: Array<[RegExp, string]> = [
  [/\border\b/i, 'CheckOrder'],
  [/\boutage\b/i, 'ReportOutage'],
  [/\b(book|visit)\b/i, 'BookVisit'],
  [/^(cancel|never mind)$/i, 'Cancel'],
  [/\bperson\b/i, 'TalkToAgent'],
];
const values: Array<[RegExp, string, (said: string) => string]> = [
  [/[A-Z]{2}\d{6}/g, 'OrderNumber', (said) => said],
  [/\b\d{5}\b/g, 'ZipCode', (said) => said],
  [/\b(tomorrow|friday|sunday)\b/gi, 'date', (said) => ({ tomorrow: '2030-03-05', friday: '2030-03-08', sunday: '2030-03-10' })[said.toLowerCase()]!],
  [/\b\d{1,2}pm\b/gi, 'time', (said) => `${String(Number.parseInt(said, 10) + 12)}:00`],
];

/** What a recognizer would say: the first intent named in the text (the whole message gets one), and every value with its offsets. */
function understand(text: string, topIntent?: string | null): Recognition {
  const intent = topIntent === undefined ? (keywords.find(([pattern]) => pattern.test(text))?.[1] ?? null) : topIntent;
  const entities: Entity[] = [];
  for (const [pattern, type, value] of values) {
    for (const match of text.matchAll(pattern)) entities.push({ type, text: match[0], start: match.index, end: match.index + match[0].length, value: value(match[0]) });
  }
  entities.sort((a, b) => a.start - b.start);
  return { text, locale: 'en-US', intents: intent ? [{ name: intent, confidence: 0.9 }] : [], topIntent: intent, entities, provider: 'test', latencyMs: 0 };
}

const fulfilled: Array<{ intent: string; slots: Record<string, unknown>; change?: unknown }> = [];
const dialogs = [
  defineDialog({ intent: 'CheckOrder', title: 'check an order', fulfil: ({ orderNumber }) => `Order ${orderNumber} has shipped.` }),
  defineDialog({ intent: 'ReportOutage', title: 'check for outages', fulfil: ({ zipCode }) => `No outage at ${zipCode}.` }),
  defineDialog({
    intent: 'BookVisit',
    title: 'book a visit',
    changeable: true,
    slots: { date: { validate: (date) => (date === '2030-03-10' ? 'We do not work on Sundays.' : undefined) } },
    fulfil: (slots, { change }) => {
      fulfilled.push({ intent: 'BookVisit', slots, change });
      return change ? `Moved to ${slots.date} at ${slots.time}.` : `Booked for ${slots.date} at ${slots.time}.`;
    },
  }),
  defineDialog({ intent: 'TalkToAgent', fulfil: () => ({ say: 'Connecting you.', handoff: 'General' }) }),
];

/** A conversation: each turn's state goes through JSON, as the store keeps it. */
function conversation(options: { changeable?: boolean } = {}) {
  const engine = createEngine({
    dialogs: options.changeable === false ? dialogs.map((dialog) => (dialog.intent === 'BookVisit' ? defineDialog({ intent: 'BookVisit', confirm: true, fulfil: () => 'Booked.' }) : dialog)) : dialogs,
    model,
    defaultLocale: 'en-US',
  });
  let state: ConversationState | undefined;
  const calls: string[] = [];
  return {
    engine,
    calls,
    get state() {
      return state!;
    },
    /** One turn; `clauses` answers the engine's extra recognizer call (undefined: a failed call). */
    async say(text: string, heard: Recognition = understand(text), clauses: (part: string) => Recognition | undefined = understand) {
      const recognize = async (part: string) => {
        calls.push(part);
        return clauses(part);
      };
      const step = await engine.step(state, heard, { conversationId: 'c1', locale: 'en-US', clock: fixedClock('2030-03-04'), recognize });
      state = JSON.parse(JSON.stringify(step.state)) as ConversationState;
      return step.messages.map((message) => message.text);
    },
  };
}

describe('two requests in one message', () => {
  it('answers both, in the order said, with one extra recognizer call', async () => {
    const chat = conversation();
    // The whole message is understood as the outage request; the order request comes first.
    const heard = understand('where is order AB123456 and is there an outage in 94105?', 'ReportOutage');
    expect(await chat.say(heard.text, heard)).toEqual(['Order AB123456 has shipped.', 'No outage at 94105.']);
    expect(chat.calls).toEqual(['where is order AB123456']);
    expect(chat.state.lastIntent).toBe('CheckOrder');
    expect(chat.state.pendingRequest).toBeUndefined();
    expect(chat.engine.view(chat.state).slots).toEqual({ zipCode: '94105' });
  });

  it('offers the second request when the first asks questions, with the value said carried along', async () => {
    const chat = conversation();
    const heard = understand('where is my order and is there an outage in 94105?', 'ReportOutage');
    expect(await chat.say(heard.text, heard)).toEqual(['What is the order number?']);
    expect(chat.state.pendingRequest).toMatchObject({ intent: 'ReportOutage', text: 'is there an outage in 94105' });
    expect(await chat.say('AB123456', understand('AB123456', null))).toEqual(['Order AB123456 has shipped.', 'You also asked me to check for outages. Shall I do that now?']);
    expect(chat.engine.expectation(chat.state)).toEqual({ intent: 'ReportOutage', confirmation: true });
    // The ZIP code said in the first message is not asked for again.
    expect(await chat.say('yes')).toEqual(['No outage at 94105.']);
    expect(chat.state.offer).toBeUndefined();
  });

  it('serves the understood request first when the unexplained one comes second', async () => {
    const chat = conversation();
    const heard = understand('is there an outage in 94105 and where is my order', 'ReportOutage');
    expect(await chat.say(heard.text, heard)).toEqual(['No outage at 94105.', 'What is the order number?']);
    expect(chat.calls).toEqual(['where is my order']);
  });

  it('leaves the offer on no, and drops it when the customer moves on', async () => {
    const declined = conversation();
    await declined.say('where is my order and is there an outage in 94105?', understand('where is my order and is there an outage in 94105?', 'ReportOutage'));
    await declined.say('AB123456', understand('AB123456', null));
    expect(await declined.say('no')).toEqual(['Is there anything else I can help you with?']);
    expect(declined.state.offer).toBeUndefined();

    const movedOn = conversation();
    await movedOn.say('where is my order and is there an outage in 94105?', understand('where is my order and is there an outage in 94105?', 'ReportOutage'));
    await movedOn.say('AB123456', understand('AB123456', null));
    expect(await movedOn.say('book a visit tomorrow at 3pm')).toEqual(['A visit on Tuesday, March 5 at 3:00 PM. Shall I book it?']);
    expect(movedOn.state.offer).toBeUndefined();
  });

  it('finds the second request in a clause without values: one try for a paid recognizer, each clause for the embedded one', async () => {
    // Neither clause holds a value, and the first one tried is the served request itself.
    const text = 'is there an outage and where is my order';
    const paid = conversation();
    expect(await paid.say(text, understand(text, 'ReportOutage'))).toEqual(['What is your ZIP code?']);
    expect(paid.calls).toEqual(['is there an outage']);
    expect(paid.state.pendingRequest).toBeUndefined();

    const embedded = conversation();
    expect(await embedded.say(text, { ...understand(text, 'ReportOutage'), provider: 'local' })).toEqual(['What is your ZIP code?']);
    expect(embedded.calls).toEqual(['is there an outage', 'where is my order']);
    expect(embedded.state.pendingRequest).toMatchObject({ intent: 'CheckOrder', text: 'where is my order' });
  });

  it('costs no extra call for one request, even with "and" in it, nor for "yes and thanks"', async () => {
    const chat = conversation();
    await chat.say('book a visit tomorrow and make it at 3pm');
    await chat.say('yes and thanks', understand('yes and thanks', null));
    await chat.say('track order AB123456');
    expect(chat.calls).toEqual([]);
    expect(chat.state.pendingRequest).toBeUndefined();
  });

  it('keeps one request when the extra call fails or finds no other task', async () => {
    const failed = conversation();
    const heard = understand('where is my order and is there an outage in 94105?', 'ReportOutage');
    expect(await failed.say(heard.text, heard, () => undefined)).toEqual(['No outage at 94105.']);
    expect(failed.calls).toHaveLength(1);

    const same = conversation();
    expect(await same.say('track order AB123456 and where is my order shipped', undefined, (part) => understand(part, 'CheckOrder'))).toEqual(['Order AB123456 has shipped.']);
    expect(same.state.pendingRequest).toBeUndefined();
  });

  it('takes an answer first and the other request right after: "yes and where is order AB123456"', async () => {
    const chat = conversation();
    await chat.say('book a visit tomorrow at 3pm');
    const heard = understand('yes and where is order AB123456', 'CheckOrder');
    expect(await chat.say(heard.text, heard)).toEqual(['Booked for 2030-03-05 at 15:00.', 'Order AB123456 has shipped.']);
    expect(chat.calls).toEqual(['where is order AB123456']);
  });

  it('gives a second request for the task under way to that task, once the first is done', async () => {
    const chat = conversation();
    expect(await chat.say('book a visit')).toEqual(['Which day?']);
    expect(await chat.say('where is my order AB123456 and book it for friday')).toEqual(['Order AB123456 has shipped.', 'What time?']);
    expect(chat.engine.view(chat.state)).toMatchObject({ dialog: 'BookVisit', awaiting: 'time', slots: { date: '2030-03-08' } });
  });

  it('offers the second request after the first is cancelled, and drops it when a person takes over', async () => {
    const cancelled = conversation();
    await cancelled.say('where is my order and is there an outage in 94105?', understand('where is my order and is there an outage in 94105?', 'ReportOutage'));
    expect(await cancelled.say('cancel')).toEqual(["OK, I've cancelled that.", 'You also asked me to check for outages. Shall I do that now?']);

    const handedOff = conversation();
    await handedOff.say('where is my order and is there an outage in 94105?', understand('where is my order and is there an outage in 94105?', 'ReportOutage'));
    expect(await handedOff.say('talk to a person')).toEqual(['Connecting you.']);
    expect(handedOff.state.pendingRequest).toBeUndefined();
  });
});

describe('changing a task already done', () => {
  async function booked() {
    const chat = conversation();
    await chat.say('book a visit tomorrow at 3pm');
    await chat.say('yes');
    fulfilled.length = 0;
    return chat;
  }

  it('offers the change, and on yes runs the task again with the new value and context.change, without confirming twice', async () => {
    const chat = await booked();
    expect(await chat.say('actually make it Friday', understand('actually make it Friday', null))).toEqual([
      'You asked me to book a visit with the date Tuesday, March 5. Do you want to change it to Friday, March 8?',
    ]);
    expect(chat.engine.expectation(chat.state)).toEqual({ intent: 'BookVisit', confirmation: true });
    expect(await chat.say('yes')).toEqual(['Got it, the date is now Friday, March 8.', 'Moved to 2030-03-08 at 15:00.']);
    expect(fulfilled).toEqual([{ intent: 'BookVisit', slots: { date: '2030-03-08', time: '15:00' }, change: { previous: { date: '2030-03-05', time: '15:00' } } }]);
    expect(chat.state.lastTask).toMatchObject({ dialog: 'BookVisit', outcome: 'completed', slots: { date: '2030-03-08', time: '15:00' } });
  });

  it('leaves the task as it was on no, and offers the other value said with the no', async () => {
    const chat = await booked();
    await chat.say('friday', understand('friday', null));
    expect(await chat.say('no, sunday', understand('no, sunday', null))).toEqual([
      'You asked me to book a visit with the date Tuesday, March 5. Do you want to change it to Sunday, March 10?',
    ]);
    expect(await chat.say('no')).toEqual(['OK, I will leave it as it is.']);
    expect(fulfilled).toEqual([]);
    expect(chat.state.lastTask).toMatchObject({ outcome: 'completed', slots: { date: '2030-03-05' } });
  });

  it('asks again for a new value the dialog refuses; a change cancelled half-way keeps the task as it was', async () => {
    const chat = await booked();
    await chat.say('sunday', understand('sunday', null));
    expect(await chat.say('yes')).toEqual(['We do not work on Sundays.', 'Which day?']);
    expect(await chat.say('cancel')).toEqual(["OK, I've cancelled that.", 'Is there anything else I can help you with?']);
    expect(chat.state.lastTask).toMatchObject({ outcome: 'completed', slots: { date: '2030-03-05', time: '15:00' } });
  });

  it('reads the same task said as a correction as a change, and said plainly as a new one', async () => {
    const chat = await booked();
    expect(await chat.say('actually, book it for friday')).toEqual([expect.stringMatching(/change it to Friday, March 8\?$/)]);
    await chat.say('no');
    expect(await chat.say('book a visit friday')).toEqual(['What time?']);
  });

  it('is opt-in: a dialog that is not changeable does not understand a late correction', async () => {
    const chat = conversation({ changeable: false });
    await chat.say('book a visit tomorrow at 3pm');
    await chat.say('yes');
    expect(await chat.say('actually make it Friday', understand('actually make it Friday', null))).toEqual([expect.stringMatching(/^Sorry/)]);
  });
});
