import { describe, expect, it } from 'vitest';
import { attributesBytes, buildHandoffEnvelope, createMemoryStore, envelopeAttributes, fixedClock, type HandoffEnvelope, type TurnInput } from 'parley-sdk';
import { referenceBot } from '../support/reference-bot.js';

const clock = fixedClock('2030-03-04', 'America/New_York');
const say = (conversationId: string, text: string, channel = 'web'): TurnInput => ({ conversationId, channel, content: { kind: 'text', text } });

describe('the handoff envelope of a turn', () => {
  it('says what the customer wanted, gave and still needs, why, and what was said (redacted)', async () => {
    const bot = await referenceBot({ clock });
    await bot.handle(say('c1', 'I need a repair on friday, call me on 415 555 0100'));
    const handed = await bot.handle(say('c1', 'agent please'));
    const envelope = handed.handoff!;
    expect(envelope).toMatchObject({
      v: 1,
      conversationId: 'c1',
      channel: 'web',
      reason: 'requested',
      queue: 'TechSupport',
      locale: 'en-US',
      intents: ['BookAppointment', 'TalkToAgent'],
      task: { dialog: 'BookAppointment', title: 'book a technician visit', slots: { service: 'repair', date: '2030-03-08' }, missing: ['time'], outcome: 'handoff' },
    });
    expect(envelope.transcript.map((line) => line.from)).toEqual(['customer', 'bot', 'customer', 'bot']);
    expect(envelope.transcript[0]!.text).toBe('I need a repair on friday, call me on [PHONE]');
    expect(JSON.stringify(envelope)).not.toContain('555 0100');
    expect(envelope.summary).toMatch(/^The customer wanted to .+ \(BookAppointment\)\. They gave service repair, date 2030-03-08\. Still needed: time\. Handed over because they asked for a person\. 4 messages in the transcript\.$/);
  });

  it('is there again for a redelivered handoff turn, and from bot.envelope afterwards', async () => {
    const bot = await referenceBot({ clock, store: createMemoryStore() });
    const first = await bot.handle({ ...say('c2', 'I want to talk to a real person'), idempotencyKey: 'k1' });
    const again = await bot.handle({ ...say('c2', 'I want to talk to a real person'), idempotencyKey: 'k1' });
    expect(again.redelivered).toBe(true);
    expect(again.handoff).toEqual(first.handoff);
    expect(await bot.envelope('c2')).toEqual(first.handoff);
    expect(await bot.envelope('c2', { channel: 'sms' })).toBeUndefined();
    expect(first.handoff).toMatchObject({ queue: 'General', task: null, summary: expect.stringMatching(/^The conversation was about TalkToAgent\. Handed over because they asked for a person\./) });
  });

  it('is absent from turns without a handoff, and for conversations never handed off', async () => {
    const bot = await referenceBot({ clock });
    const output = await bot.handle(say('c3', 'I need a repair'));
    expect(output.handoff).toBeUndefined();
    expect(await bot.envelope('c3')).toBeUndefined();
    expect(await bot.envelope('nobody')).toBeUndefined();
  });

  it('is written in the conversation\'s language', () => {
    const envelope = envelopeWith(2, 'hola', 'es-ES');
    expect(envelope.summary).toBe('El cliente quería pay a bill (PayBill). Ha dado amount 42, items a + b. Falta: card. Se transfiere porque el asistente no le entendió. Su último mensaje sonaba negativo. 2 mensajes en la transcripción.');
  });
});

function envelopeWith(lines: number, text = 'x'.repeat(100), locale = 'en-US'): HandoffEnvelope {
  return buildHandoffEnvelope({
    conversationId: 'c9',
    channel: 'web',
    directive: { queue: 'Billing', reason: 'not-understood' },
    locale,
    at: '2030-03-04T10:00:00.000Z',
    intents: ['BillingQuestion'],
    task: { dialog: 'PayBill', title: 'pay a bill', slots: { amount: 42, items: ['a', 'b'] }, missing: ['card'], outcome: 'active' },
    sentiment: { label: 'negative', score: 0.91 },
    transcript: Array.from({ length: lines }, (_, index) => ({ id: index + 1, from: index % 2 ? 'bot' : 'customer', text: `${index} ${text}`, at: '2030-03-04T10:00:00.000Z' })),
  });
}

const size = attributesBytes;

describe('envelopeAttributes', () => {
  it('flattens the envelope to strings a flow reads by name', () => {
    const attributes = envelopeAttributes(envelopeWith(2), { maxBytes: 32 * 1024 });
    expect(attributes).toMatchObject({
      parley_queue: 'Billing',
      parley_reason: 'not-understood',
      parley_conversation_id: 'c9',
      parley_locale: 'en-US',
      parley_task: 'PayBill',
      parley_slot_amount: '42',
      parley_slot_items: 'a,b',
      parley_missing: 'card',
      parley_intents: 'BillingQuestion',
      parley_sentiment: 'negative',
    });
    expect(attributes.parley_transcript).toBe(`customer: 0 ${'x'.repeat(100)}\nbot: 1 ${'x'.repeat(100)}`);
    for (const value of Object.values(attributes)) expect(typeof value).toBe('string');
  });

  it('drops the oldest transcript lines first to fit, and says how many', () => {
    const attributes = envelopeAttributes(envelopeWith(500), { maxBytes: 12 * 1024 });
    expect(size(attributes)).toBeLessThanOrEqual(12 * 1024);
    const lines = attributes.parley_transcript!.split('\n');
    expect(lines[0]).toMatch(/^\((\d+) earlier lines left out\)$/);
    expect(lines.at(-1)).toBe(`bot: 499 ${'x'.repeat(100)}`);
    expect(Number(/\d+/.exec(lines[0]!)![0]) + lines.length - 1).toBe(500);
  });

  it('counts the attributes it joins, and never fails: where and why always go', () => {
    const crowded = { existing: 'y'.repeat(12 * 1024 - 100) };
    const attributes = envelopeAttributes(envelopeWith(50), { maxBytes: 12 * 1024, alongside: crowded });
    expect(attributes.parley_queue).toBe('Billing');
    expect(attributes.parley_reason).toBe('not-understood');
    expect(attributes.parley_transcript).toBeUndefined();
    expect(size(attributes) + size(crowded)).toBeLessThanOrEqual(12 * 1024 + 100); // only the essentials may overflow
  });

  it('cuts a newest line too long to fit whole, at a character boundary', () => {
    const attributes = envelopeAttributes(envelopeWith(1, 'é'.repeat(20_000)), { maxBytes: 4096 });
    expect(size(attributes)).toBeLessThanOrEqual(4096);
    expect(attributes.parley_transcript).toMatch(/^customer: 0 é+…$/);
  });
});
