import { describe, expect, it } from 'vitest';
import { ConfigurationError, createBot, createMemoryStore, fixedClock, type ConversationStore } from 'parley-sdk';
import { createConnectFlow, createLexCodeHook, LambdaEventError, type ConnectContact, type ConnectFlowFunctionOptions, type ConnectFlowProblem } from '../../../channels/connect/index.js';
import acmeTelecom from '../../../dialogs/index.js';
import { corpusAvailable } from '../../support/shared-corpus.js';
import { connectEvent, corpusConnectEvent, flowContext } from './connect-events.js';
import { lexEvent } from './lex-events.js';

const clock = fixedClock('2030-03-04', 'America/New_York');
const billingArn = 'arn:aws:connect:us-east-1:123456789012:instance/9308c2a1-9bc6-4cea-8290-6c0b4a6d38fa/queue/11111111-2222-3333-4444-555555555555';
const techSupportArn = 'arn:aws:connect:us-east-1:123456789012:instance/9308c2a1-9bc6-4cea-8290-6c0b4a6d38fa/queue/66666666-7777-8888-9999-000000000000';
const phone = '+15555550123';
const haveCorpus = corpusAvailable('connect-events', 'the Amazon Connect flow event corpus check');

// Trained once: each test's bot has a store of its own, and the same recognizer.
const { recognizer } = await createBot(acmeTelecom, { clock });

/** The reference assistant with a flow function; `problems` collects what it reported. */
async function flowFor(options: ConnectFlowFunctionOptions = {}, store: ConversationStore = createMemoryStore(), transcript?: { entries: number; characters: number }) {
  const bot = await createBot(acmeTelecom, { clock, store, recognizer, ...(transcript ? { transcript } : {}) });
  const problems: ConnectFlowProblem[] = [];
  const flow = createConnectFlow(bot, { queues: { TechSupport: techSupportArn, Billing: billingArn }, ...options, onProblem: (problem) => problems.push(problem) });
  return { bot, flow, problems, hook: createLexCodeHook(bot) };
}

/** A Lex conversation on `sessionId` (the contact) that ends handed to TechSupport. */
async function handOff(hook: ReturnType<typeof createLexCodeHook>, sessionId = 'contact-1') {
  await hook(lexEvent({ sessionId, text: 'I need a repair', intent: 'BookAppointment', slots: { service: { said: 'repair', value: 'repair' } } }));
  await hook(lexEvent({ sessionId, text: 'agent please, this is hopeless', intent: 'TalkToAgent', sentiment: 'NEGATIVE' }));
}

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

describe('the Connect flow function: action envelope', () => {
  it('answers the envelope of the contact\'s Lex conversation as flat strings, envelope being the default action', async () => {
    const { flow, hook, problems } = await flowFor();
    await handOff(hook);
    for (const parameters of [{}, { action: 'envelope' }]) {
      const response = await flow(connectEvent({ parameters, phoneNumber: phone }), flowContext(8000));
      expect(response).toMatchObject({
        parley_found: 'true',
        parley_queue: 'TechSupport',
        parley_reason: 'requested',
        parley_conversation_id: 'lex:contact-1',
        parley_task: 'BookAppointment',
        parley_slot_service: 'repair',
        parley_sentiment: 'negative',
        parley_summary: expect.stringMatching(/^The customer wanted to book a technician visit/),
        parley_transcript: expect.stringMatching(/^customer: I need a repair\nbot: .+\ncustomer: agent please, this is hopeless/),
      });
      expect(Object.values(response).every((value) => typeof value === 'string')).toBe(true);
      expect(Object.keys(response).every((key) => /^[A-Za-z0-9_-]+$/.test(key))).toBe(true);
    }
    expect(problems).toEqual([]);
  });

  it('says when there is no such conversation, or it was never handed off, instead of failing', async () => {
    const { flow, hook } = await flowFor();
    expect(await flow(connectEvent({ contactId: 'nobody' }))).toEqual({ parley_found: 'false' });
    await hook(lexEvent({ sessionId: 'contact-2', text: 'I need a repair', intent: 'BookAppointment', slots: { service: { said: 'repair', value: 'repair' } } }));
    expect(await flow(connectEvent({ contactId: 'contact-2' }))).toEqual({ parley_found: 'false' });
  });

  it('finds the conversation of a transferred contact by its first contact', async () => {
    const { flow, hook } = await flowFor();
    await handOff(hook, 'first-contact');
    const response = await flow(connectEvent({ contactId: 'transferred-contact', initialContactId: 'first-contact' }));
    expect(response).toMatchObject({ parley_found: 'true', parley_conversation_id: 'lex:first-contact' });
  });

  it('reads the conversation the block names, whatever its channel (a web chat handed to a Connect chat)', async () => {
    const { bot, flow } = await flowFor();
    await bot.handle({ conversationId: 'web-42', channel: 'web', locale: 'en-US', content: { kind: 'text', text: 'I want to talk to a person' } });
    const response = await flow(connectEvent({ contactId: 'chat-contact', channel: 'CHAT', parameters: { conversationId: 'web-42' } }));
    expect(response).toMatchObject({ parley_found: 'true', parley_conversation_id: 'web-42', parley_reason: 'requested' });
    // Not the contact's own Lex conversation: only the one named.
    expect(await flow(connectEvent({ parameters: { conversationId: 'web-43' } }))).toEqual({ parley_found: 'false' });
  });

  it('keeps the whole answer within 32 KB of JSON, dropping the transcript\'s oldest lines first', async () => {
    const { bot, flow, hook } = await flowFor({}, createMemoryStore(), { entries: 1000, characters: 400_000 });
    await handOff(hook);
    // Short lines of multi-byte text, quotes and tabs, which JSON escapes: its bytes are many more than the text's.
    const line = `Ça coûte "très" cher\t€ ${'"'.repeat(40)}`;
    await bot.append('lex:contact-1', Array.from({ length: 400 }, (_, index) => ({ from: index % 2 ? ('agent' as const) : ('customer' as const), text: `${index}: ${line}` })), { channel: 'connect' });
    const response = await flow(connectEvent());
    expect(jsonBytes(response)).toBeLessThanOrEqual(32 * 1024);
    expect(jsonBytes(response)).toBeGreaterThan(30 * 1024); // filled, not emptied
    expect(response.parley_transcript).toMatch(/^\(\d+ earlier lines left out\)\n/);
    expect(response.parley_transcript).toMatch(/\nagent: 399: Ça coûte "très" cher\t€ "+$/);
    expect(response).toMatchObject({ parley_found: 'true', parley_queue: 'TechSupport', parley_summary: expect.any(String) });
  });
});

describe('the Connect flow function: action queue', () => {
  it('answers the envelope\'s queue and the Connect queue for "Set working queue"', async () => {
    const { flow, hook } = await flowFor();
    await handOff(hook);
    expect(await flow(connectEvent({ parameters: { action: 'queue' } }))).toEqual({ parley_found: 'true', parley_queue: 'TechSupport', parley_queue_arn: techSupportArn });
    expect(await flow(connectEvent({ contactId: 'nobody', parameters: { action: 'queue' } }))).toEqual({ parley_found: 'false' });
  });

  it('asks the bot author\'s chooseQueue, with the contact and the envelope', async () => {
    const seen: Array<[ConnectContact, string | undefined]> = [];
    const { flow, hook } = await flowFor({
      chooseQueue(contact, envelope) {
        seen.push([contact, envelope?.queue]);
        return contact.attributes.tier === 'gold' ? 'Billing' : envelope?.queue;
      },
    });
    await handOff(hook);
    const event = connectEvent({ parameters: { action: 'queue' }, attributes: { tier: 'gold' }, phoneNumber: phone, languageCode: 'en-US', queueName: 'Main', channel: 'VOICE' });
    expect(await flow(event)).toEqual({ parley_found: 'true', parley_queue: 'Billing', parley_queue_arn: billingArn });
    expect(seen[0]).toEqual([
      { contactId: 'contact-1', initialContactId: 'contact-1', channel: 'VOICE', phoneNumber: phone, attributes: { tier: 'gold' }, languageCode: 'en-US', queueName: 'Main', parameters: { action: 'queue' } },
      'TechSupport',
    ]);
    // A contact with no conversation: chooseQueue still decides.
    expect(await flow(connectEvent({ contactId: 'nobody', parameters: { action: 'queue' }, attributes: { tier: 'gold' } }))).toEqual({ parley_found: 'false', parley_queue: 'Billing', parley_queue_arn: billingArn });
  });

  it('answers a queue no Connect queue is given for without an ARN, and none when chooseQueue answers none', async () => {
    const { flow } = await flowFor({ chooseQueue: (contact) => (contact.contactId === 'vip' ? 'Concierge' : undefined) });
    expect(await flow(connectEvent({ contactId: 'vip', parameters: { action: 'queue' } }))).toEqual({ parley_found: 'false', parley_queue: 'Concierge' });
    expect(await flow(connectEvent({ parameters: { action: 'queue' } }))).toEqual({ parley_found: 'false' });
  });

  it('answers parley_error invalid-answer when chooseQueue answers something that is no queue name', async () => {
    const { flow, problems } = await flowFor({ chooseQueue: () => 42 as unknown as string });
    expect(await flow(connectEvent({ parameters: { action: 'queue' } }))).toEqual({ parley_error: 'invalid-answer' });
    expect(problems).toMatchObject([{ kind: 'invalid-answer', source: 'chooseQueue', action: 'queue', error: { message: expect.stringMatching(/chooseQueue answered a number; answer a queue name/) } }]);
  });
});

describe('the Connect flow function: action lookup', () => {
  it('answers the bot author\'s record of the customer as strings', async () => {
    const asked: ConnectContact[] = [];
    const { flow } = await flowFor({
      lookupCustomer(contact) {
        asked.push(contact);
        return { name: 'Ana Díaz', tier: 2, vip: true, since: new Date('2021-05-06T00:00:00Z'), 'account-id': 'A-17', note: null, nickname: undefined };
      },
    });
    const response = await flow(connectEvent({ parameters: { action: 'lookup' }, phoneNumber: phone }));
    expect(response).toEqual({ parley_found: 'true', name: 'Ana Díaz', tier: '2', vip: 'true', since: '2021-05-06T00:00:00.000Z', 'account-id': 'A-17' });
    expect(asked[0]?.phoneNumber).toBe(phone);
  });

  it('says when there is no record', async () => {
    const { flow } = await flowFor({ lookupCustomer: async () => undefined });
    expect(await flow(connectEvent({ parameters: { action: 'lookup' } }))).toEqual({ parley_found: 'false' });
  });

  it('refuses what the flow cannot read, naming the key: a nested object, a list, a key Connect refuses, a key of Parley\'s', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ name: 'Ana', address: { city: 'Lyon' } }, /at "address": the flow reads flat values only/],
      [{ orders: ['A-1', 'A-2'] }, /a list at "orders"/],
      [{ 'first name': 'Ana' }, /the key "first name": a key holds only letters, digits, - and _/],
      [{ parley_queue: 'Billing' }, /the key "parley_queue": keys starting with parley_ are Parley's own/],
      [{ notes: 'x'.repeat(33 * 1024) }, /answered \d+ bytes of JSON; Connect takes at most 32768/],
    ];
    for (const [record, message] of cases) {
      const { flow, problems } = await flowFor({ lookupCustomer: () => record });
      expect(await flow(connectEvent({ parameters: { action: 'lookup' } }))).toEqual({ parley_error: 'invalid-answer' });
      expect(problems).toMatchObject([{ kind: 'invalid-answer', source: 'lookupCustomer', error: { message: expect.stringMatching(message) } }]);
    }
  });

  it('answers parley_error not-configured when the bot gave no lookupCustomer', async () => {
    const { flow, problems } = await flowFor();
    expect(await flow(connectEvent({ parameters: { action: 'lookup' } }))).toEqual({ parley_error: 'not-configured' });
    expect(problems[0]?.error?.message).toMatch(/give the handler a lookupCustomer\(contact\)/);
  });
});

describe('the Connect flow function: a bot author\'s function that fails', () => {
  it('that throws or rejects: parley_error failed, and the problem told with the phone number redacted', async () => {
    for (const lookupCustomer of [
      () => {
        throw new Error(`no customer with the number ${phone} (or ana@example.com)`);
      },
      async () => Promise.reject('CRM said no'),
    ]) {
      const { flow, problems } = await flowFor({ lookupCustomer });
      const response = await flow(connectEvent({ parameters: { action: 'lookup' }, phoneNumber: phone }));
      expect(response).toEqual({ parley_error: 'failed' });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ kind: 'failed', action: 'lookup', source: 'lookupCustomer', contactId: 'contact-1' });
      expect(JSON.stringify({ message: problems[0]!.error!.message, response })).not.toMatch(/5555550123|ana@example/);
    }
  });

  it('that runs past the invocation\'s time less the reserve: parley_error timeout, and its signal aborted', async () => {
    let signal: AbortSignal | undefined;
    const { flow, problems } = await flowFor({
      reserveMs: 50,
      chooseQueue: (_contact, _envelope, context) => {
        signal = context.signal;
        return new Promise<string>(() => {}); // never answers
      },
    });
    expect(await flow(connectEvent({ parameters: { action: 'queue' } }), flowContext(150))).toEqual({ parley_error: 'timeout' });
    expect(signal?.aborted).toBe(true);
    expect(problems).toMatchObject([{ kind: 'timeout', action: 'queue', source: 'chooseQueue' }]);
  });

  it('that rejects when its signal aborts, as well-behaved functions do: answered once, as a timeout', async () => {
    const { flow, problems } = await flowFor({
      reserveMs: 50,
      lookupCustomer: (_contact, { signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    });
    expect(await flow(connectEvent({ parameters: { action: 'lookup' } }), flowContext(150))).toEqual({ parley_error: 'timeout' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(problems).toMatchObject([{ kind: 'timeout', action: 'lookup', source: 'lookupCustomer' }]);
  });

  it('reading the conversation failing is parley_error failed too, from the store', async () => {
    const store = createMemoryStore();
    const { flow, problems } = await flowFor({}, { ...store, read: async () => Promise.reject(new Error('table unreachable')) });
    expect(await flow(connectEvent())).toEqual({ parley_error: 'failed' });
    expect(problems).toMatchObject([{ kind: 'failed', source: 'store', error: { message: 'table unreachable' } }]);
  });
});

describe('the Connect flow function: events it refuses', () => {
  it('refuses what is no flow event with what is wrong and where, reading nothing', async () => {
    let reads = 0;
    const store = createMemoryStore();
    const { flow, problems } = await flowFor({}, { ...store, read: (id) => (reads++, store.read(id)) });
    const cases: Array<[unknown, RegExp]> = [
      [undefined, /the event: .*expected object/i],
      [lexEvent({ text: 'hi' }), /^the Amazon Connect flow event is not valid: Name: /],
      [{ Name: 'ContactFlowEvent' }, /Details: /],
      [{ ...connectEvent(), Details: { ...connectEvent().Details, ContactData: { ...connectEvent().Details.ContactData, ContactId: '' } } }, /Details\.ContactData\.ContactId: is a Connect contact id/],
      [connectEvent({ parameters: { action: 'transfer' } }), /Details\.Parameters\.action: is one of envelope, queue, lookup/],
      [connectEvent({ parameters: { conversationId: '../etc/passwd' } }), /Details\.Parameters\.conversationId: is a conversation id/],
      [{ ...connectEvent(), Details: { ...connectEvent().Details, ContactData: { ...connectEvent().Details.ContactData, Attributes: { tier: 2 } } } }, /Details\.ContactData\.Attributes\.tier: /],
    ];
    for (const [event, message] of cases) {
      const refusal = flow(event);
      await expect(refusal).rejects.toBeInstanceOf(LambdaEventError);
      await expect(refusal).rejects.toThrow(message);
    }
    expect(reads).toBe(0);
    expect(problems.map((problem) => problem.kind)).toEqual(cases.map(() => 'refused'));
  });

  it('refuses options that cannot work when it is made', async () => {
    const bot = await createBot(acmeTelecom, { clock, recognizer });
    expect(() => createConnectFlow(bot, { queues: { Billing: 'billing-queue' } })).toThrow(ConfigurationError);
    expect(() => createConnectFlow(bot, { queues: { Billing: 'billing-queue' } })).toThrow(/^queues\.Billing: is not a Connect queue: give a queue ARN/);
    expect(() => createConnectFlow(bot, { invocationTimeLimitSeconds: 9 })).toThrow(/^invocationTimeLimitSeconds: is the block's Timeout: a whole number of seconds from 1 to 8/);
    expect(() => createConnectFlow(bot, { lookupCustomer: 'crm' as never })).toThrow(/^lookupCustomer: must be a function/);
  });
});

describe.runIf(haveCorpus)('the Connect flow function on the corpus event', () => {
  it('answers the documented event, its placeholders filled, before and after the contact\'s conversation is handed off', async () => {
    const contactId = '2e1b6d7c-5e2f-4f6a-9a43-5a1c8f1f2d11';
    const event = corpusConnectEvent({ contact_id: contactId, phone_number: phone });
    const { flow, hook } = await flowFor();
    expect(await flow(event, flowContext(8000))).toEqual({ parley_found: 'false' });
    await handOff(hook, contactId);
    expect(await flow(event, flowContext(8000))).toMatchObject({ parley_found: 'true', parley_queue: 'TechSupport', parley_conversation_id: `lex:${contactId}` });
    expect(await flow({ ...event, Details: { ...event.Details, Parameters: { action: 'queue' } } }, flowContext(8000))).toEqual({ parley_found: 'true', parley_queue: 'TechSupport', parley_queue_arn: techSupportArn });
  });
});
