import { readdirSync, readFileSync } from 'node:fs';
import Ajv2019 from 'ajv/dist/2019.js';
import { describe, expect, it } from 'vitest';
import { attributesBytes, createBot, createMemoryStore, defineBot, fixedClock, type ConversationStore } from 'parley-sdk';
import { createLexCodeHook, LambdaEventError, type LexCodeHookResponse } from '../../../channels/connect/index.js';
import { model, smallBot } from '../../fixtures-small-bot.js';
import { corpusPath, sharedAvailable } from '../../support/shared-corpus.js';
import { lambdaContext, lexEvent } from './lex-events.js';
import { referenceBot } from '../../support/reference-bot.js';

const clock = fixedClock('2030-03-04', 'America/New_York');
const haveCorpus = sharedAvailable('corpus/lex-events', 'the Lex V2 code-hook corpus checks');
const schemaFile = 'lex-events/aws-samples_amazon-lex-v2-lambda-integration-examples__LexCodeHookResponseSchema.json';

/** Checks a response against Lex's own schema for code-hook responses (from the corpus, when present). */
function checkResponse(response: LexCodeHookResponse): LexCodeHookResponse {
  if (haveCorpus) {
    const validate = new Ajv2019.default({ strict: false }).compile(JSON.parse(readFileSync(corpusPath(schemaFile), 'utf8')));
    expect(validate(response), JSON.stringify(validate.errors)).toBe(true);
  }
  expect(attributesBytes(response.sessionState.sessionAttributes)).toBeLessThanOrEqual(12 * 1024);
  return response;
}

async function hook(store: ConversationStore = createMemoryStore()) {
  const bot = await referenceBot({ clock, store });
  return { bot, hook: createLexCodeHook(bot) };
}

describe('the Lex V2 code hook', () => {
  it.runIf(haveCorpus)('answers every corpus event with a valid response (intents Parley does not run go back to Lex)', async () => {
    const { hook: answer } = await hook();
    const files = readdirSync(corpusPath('lex-events')).filter((file) => /event|BankingBot|LexBookCar/.test(file));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const event = JSON.parse(readFileSync(corpusPath(`lex-events/${file}`), 'utf8'));
      const response = checkResponse(await answer(event, lambdaContext(3000)));
      expect(response.sessionState.dialogAction.type).toBe('Delegate');
      expect(response.sessionState.intent?.name).toBe(event.sessionState.intent.name);
      expect(response.sessionState.sessionAttributes.parley_conversation_id).toBe(`lex:${event.sessionId}`);
    }
  });

  it('books an appointment: Lex\'s interpretation in, ElicitSlot, ConfirmIntent and Close out', async () => {
    const { bot, hook: answer } = await hook();
    const first = checkResponse(await answer(lexEvent({ text: 'I need a repair', intent: 'BookAppointment', slots: { service: { said: 'repair', value: 'repair' }, date: null, time: null } })));
    expect(first.sessionState).toMatchObject({ dialogAction: { type: 'ElicitSlot', slotToElicit: 'date' }, intent: { name: 'BookAppointment', state: 'InProgress', slots: { service: { shape: 'Scalar', value: { interpretedValue: 'repair' } }, date: null, time: null } } });
    expect(first.messages).toEqual([{ contentType: 'PlainText', content: expect.stringMatching(/day/i) }]);
    // Lex repeats the service it was told; only the date is news.
    const second = checkResponse(await answer(lexEvent({ text: 'friday please', intent: 'BookAppointment', slots: { service: { said: 'repair', value: 'repair' }, date: { said: 'friday', value: '2030-03-08' }, time: null } })));
    expect(second.sessionState).toMatchObject({ dialogAction: { type: 'ElicitSlot', slotToElicit: 'time' } });
    const third = checkResponse(await answer(lexEvent({ text: 'at 3pm', intent: 'BookAppointment', slots: { service: { said: 'repair', value: 'repair' }, date: { said: 'friday', value: '2030-03-08' }, time: { said: '3pm', value: '15:00' } } })));
    expect(third.sessionState).toMatchObject({ dialogAction: { type: 'ConfirmIntent' }, intent: { name: 'BookAppointment', slots: { time: { value: { interpretedValue: '15:00' } } } } });
    // Booked, and the conversation goes on: Lex waits for the next request.
    const done = checkResponse(await answer(lexEvent({ text: 'yes', intent: 'BookAppointment' })));
    expect(done.sessionState.dialogAction).toEqual({ type: 'ElicitIntent' });
    expect(done.messages?.[0]).toMatchObject({ contentType: 'PlainText', content: expect.stringMatching(/booked/i) });
    expect(await bot.view('lex:contact-1')).toMatchObject({ dialog: null, slots: { service: 'repair', date: '2030-03-08', time: '15:00' } });
    // Goodbye ends it: Lex closes, and the flow disconnects on the intent.
    const bye = checkResponse(await answer(lexEvent({ text: 'that is all, bye', intent: 'Goodbye' })));
    expect(bye.sessionState).toMatchObject({ dialogAction: { type: 'Close' }, intent: { name: 'Goodbye', state: 'Fulfilled' } });
    expect(bye.sessionState.sessionAttributes.parley_queue).toBeUndefined();
  });

  it('hands off with the envelope in the session attributes, which the flow reads', async () => {
    const { hook: answer } = await hook();
    await answer(lexEvent({ text: 'I need a repair', intent: 'BookAppointment', slots: { service: { said: 'repair', value: 'repair' } }, sessionAttributes: { connectLanguage: 'en-US' } }));
    const handed = checkResponse(await answer(lexEvent({ text: 'agent please, this is hopeless', intent: 'TalkToAgent', sentiment: 'NEGATIVE', sessionAttributes: { connectLanguage: 'en-US' } })));
    expect(handed.sessionState).toMatchObject({ dialogAction: { type: 'Close' }, intent: { name: 'TalkToAgent', state: 'Fulfilled' } });
    expect(handed.sessionState.sessionAttributes).toMatchObject({
      connectLanguage: 'en-US',
      parley_queue: 'TechSupport',
      parley_reason: 'requested',
      parley_conversation_id: 'lex:contact-1',
      parley_task: 'BookAppointment',
      parley_slot_service: 'repair',
      parley_sentiment: 'negative',
      parley_summary: expect.stringMatching(/^The customer wanted to book a technician visit \(BookAppointment\)\..*sounded negative/),
      parley_transcript: expect.stringMatching(/^customer: I need a repair\nbot: .+\ncustomer: agent please, this is hopeless\nbot: .+$/),
    });
    // The next turn is not a handoff: the envelope of the last one does not linger for the flow to read.
    const after = checkResponse(await answer(lexEvent({ text: 'hello', intent: 'Greeting', sessionAttributes: handed.sessionState.sessionAttributes })));
    expect(Object.keys(after.sessionState.sessionAttributes).filter((name) => name.startsWith('parley_'))).toEqual(['parley_conversation_id']);
  });

  it('answers a delivery seen before once: the same response, and the dialog did not run again', async () => {
    const { bot, hook: answer } = await hook();
    const event = lexEvent({ text: 'I need a repair', intent: 'BookAppointment', slots: { service: { said: 'repair', value: 'repair' } }, requestId: 'req-1' });
    const first = await answer(event);
    const again = await answer(event);
    const fulfilment = await answer({ ...event, invocationSource: 'FulfillmentCodeHook' });
    expect(again).toEqual(first);
    expect(fulfilment).toEqual(first);
    expect(await bot.transcript('lex:contact-1')).toHaveLength(2);
  });

  it('speaks SSML on the phone, the bot\'s words escaped', async () => {
    const { hook: answer } = await hook();
    const response = checkResponse(await answer(lexEvent({ text: 'I need a repair', intent: 'BookAppointment', slots: { service: { said: 'repair', value: 'repair' } }, inputMode: 'Speech' })));
    expect(response.messages).toEqual([{ contentType: 'SSML', content: expect.stringMatching(/^<speak>[^<>]*<\/speak>$/) }]);
  });

  it('shows a question\'s options as a response card in chat', async () => {
    const { hook: answer } = await hook();
    await answer(lexEvent({ text: 'I need a repair', intent: 'BookAppointment', slots: { service: { said: 'repair', value: 'repair' } } }));
    await answer(lexEvent({ text: 'friday', intent: 'BookAppointment', slots: { date: { said: 'friday', value: '2030-03-08' } } }));
    const confirm = checkResponse(await answer(lexEvent({ text: '3pm', intent: 'BookAppointment', slots: { time: { said: '3pm', value: '15:00' } } })));
    expect(confirm.messages).toEqual([{ contentType: 'ImageResponseCard', imageResponseCard: { title: expect.any(String), buttons: [{ text: 'Yes', value: 'yes' }, { text: 'No', value: 'no' }] } }]);
  });

  it('reads the text with the bot\'s recognizer when Lex understood nothing', async () => {
    const { hook: answer } = await hook();
    const response = checkResponse(await answer(lexEvent({ text: 'I need a repair' })));
    expect(response.sessionState).toMatchObject({ dialogAction: { type: 'ElicitSlot', slotToElicit: 'date' }, intent: { name: 'BookAppointment' } });
  });

  it('uses the bot\'s recognizer for every turn with understanding: bot', async () => {
    const bot = await referenceBot({ clock });
    const answer = createLexCodeHook(bot, { understanding: 'bot' });
    // Lex thought it a greeting; the bot's own recognizer reads the words.
    const response = checkResponse(await answer(lexEvent({ text: 'I need a repair', intent: 'Greeting' })));
    expect(response.sessionState).toMatchObject({ dialogAction: { type: 'ElicitSlot', slotToElicit: 'date' } });
  });

  it('reads and answers a bot imported from Lex in its own intent names (RepeatIntent is Parley\'s Repeat)', async () => {
    const imported = structuredClone(model);
    const locale = imported.locales['en-US']!;
    locale.intents.find((intent) => intent.name === 'Repeat')!.lex = [{ name: 'RepeatIntent', parentIntentSignature: 'AMAZON.RepeatIntent' }];
    locale.intents.find((intent) => intent.name === 'OrderPizza')!.lex = [{ name: 'OrderPizzaIntent' }];
    const bot = await createBot(defineBot({ ...smallBot(), intents: imported }), { clock });
    const answer = createLexCodeHook(bot);
    const asked = checkResponse(await answer(lexEvent({ text: 'I want a pizza', intent: 'OrderPizzaIntent', sessionId: 'imported-1' })));
    expect(asked.sessionState).toMatchObject({ dialogAction: { type: 'ElicitSlot', slotToElicit: 'size' }, intent: { name: 'OrderPizzaIntent' } });
    const repeated = checkResponse(await answer(lexEvent({ text: 'say that again', intent: 'RepeatIntent', sessionId: 'imported-1' })));
    expect(repeated.messages).toEqual(asked.messages);
    expect(repeated.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'size' });
  });

  it.each([
    ['no sessionState', (event: Record<string, any>) => delete event.sessionState, /sessionState/],
    ['a sessionId Lex would not send', (event: Record<string, any>) => (event.sessionId = 'has spaces'), /sessionId/],
    ['an unknown invocationSource', (event: Record<string, any>) => (event.invocationSource = 'Elsewhere'), /invocationSource/],
    ['a bot without a locale', (event: Record<string, any>) => delete event.bot.localeId, /bot\.localeId/],
    ['session attributes that are not strings', (event: Record<string, any>) => (event.sessionState.sessionAttributes = { n: 1 }), /sessionAttributes/],
  ])('refuses an event with %s, saying what is wrong, and changes nothing', async (_name, spoil, where) => {
    const { bot, hook: answer } = await hook();
    const event = lexEvent({ text: 'I need a repair', intent: 'BookAppointment' });
    spoil(event);
    const refused = await answer(event).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LambdaEventError);
    expect((refused as Error).message).toMatch(where);
    expect(await bot.exists('lex:contact-1')).toBe(false);
  });

  it('refuses what is not an event at all', async () => {
    const { hook: answer } = await hook();
    await expect(answer(null)).rejects.toThrow(LambdaEventError);
    await expect(answer('{"sessionId":"x"}')).rejects.toThrow(/not valid/);
  });
});

describe('the code hook near its deadline', () => {
  it('gives dialog code the time left: a hanging fulfilment becomes the apology before the platform gives up', async () => {
    const bot = await createBot(smallBot({ fulfil: () => new Promise<string>(() => {}) }), { clock });
    const answer = createLexCodeHook(bot, { reserveMs: 200 });
    const event = (text: string) => lexEvent({ text, sessionId: 'slow-1' });
    await answer(event('order a large pizza for tomorrow'), lambdaContext(10_000));
    // 400 ms left of the invocation: the fulfilment gets 200 of them.
    const response = checkResponse(await answer(event('yes'), lambdaContext(400)));
    expect(response.messages?.[0]).toMatchObject({ content: expect.stringMatching(/something went wrong/i) });
  });

  it('hands off politely when even the store does not answer in time, and says so to the operator', async () => {
    const problems: string[] = [];
    const memory = createMemoryStore();
    let hang = false;
    const store: ConversationStore = { ...memory, read: (id) => memory.read(id), delete: (id) => memory.delete(id), write: (id, state, version) => (hang ? new Promise(() => {}) : memory.write(id, state, version)) };
    const bot = await referenceBot({ clock, store });
    const answer = createLexCodeHook(bot, { reserveMs: 300, fallbackQueue: 'General', onProblem: ({ kind }) => problems.push(kind) });
    hang = true;
    const response = checkResponse(await answer(lexEvent({ text: 'I need a repair', intent: 'BookAppointment', sessionId: 'stuck-1' }), lambdaContext(500)));
    expect(response.sessionState).toMatchObject({ dialogAction: { type: 'Close' }, sessionAttributes: { parley_queue: 'General', parley_reason: 'unavailable' } });
    expect(response.messages?.[0]).toMatchObject({ content: expect.stringMatching(/connect you with someone/) });
    expect(problems).toEqual(['late']);
  });

  it('reports a turn that fails after the answer went, after the lateness', async () => {
    const problems: string[] = [];
    const memory = createMemoryStore();
    let failWrite: ((error: Error) => void) | undefined;
    const store: ConversationStore = { ...memory, read: (id) => memory.read(id), delete: (id) => memory.delete(id), write: () => new Promise((_, reject) => (failWrite = reject)) };
    const answer = createLexCodeHook(await referenceBot({ clock, store }), { reserveMs: 300, onProblem: ({ kind }) => problems.push(kind) });
    const response = await answer(lexEvent({ text: 'I need a repair', intent: 'BookAppointment', sessionId: 'stuck-2' }), lambdaContext(500));
    expect(response.sessionState.sessionAttributes.parley_reason).toBe('unavailable');
    failWrite!(new Error('the table went away'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(problems).toEqual(['late', 'failed']);
  });
});
