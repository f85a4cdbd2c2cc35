// The SMS channel with the reference assistant and a recording SmsSender (the channel's own seam):
// a booking by numbered options, options remembered across a restart, STOP / START / HELP, events
// delivered twice, notifications through `reach`, failures, and logs that never carry the number.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore, fixedClock, type Bot, type ConversationStore } from 'parley-sdk';
import {
  createMemorySmsOptOuts,
  createNumberKeys,
  createNumberSeal,
  createSmsChannel,
  maskPhoneNumber,
  smsConversationId,
  type SmsChannelOptions,
  type SmsMessage,
  type SmsOptOuts,
  type SmsSender,
} from '../../../channels/sms/index.js';
import { referenceBot } from '../../support/reference-bot.js';

const customer = '+14255550123';
const program = '+18005550100';
const idKey = 'a test key of more than sixteen bytes';
const conversationId = smsConversationId(createNumberKeys(idKey)(customer));

/** A sender that records what it is handed; `failures` makes the next sends reject. */
function recordingSender() {
  const sent: SmsMessage[] = [];
  const state = { failures: 0 };
  const sender: SmsSender = {
    async send(message) {
      if (state.failures > 0) {
        state.failures -= 1;
        throw new Error(`carrier refused ${message.to}: ${message.text}`);
      }
      sent.push(message);
      return { messageId: `m${sent.length}` };
    },
  };
  return { sent, sender, state, texts: () => sent.map((message) => message.text) };
}

function captureLogs() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: pino({ level: 'debug' }, destination) };
}

let store: ConversationStore;
let bot: Bot;
let optOuts: SmsOptOuts;
let outbox: ReturnType<typeof recordingSender>;
let logs: ReturnType<typeof captureLogs>;
let events = 0;

const newBot = () => referenceBot({ clock: fixedClock('2030-03-04', 'America/New_York'), store });
const channelOf = (options: Partial<SmsChannelOptions> = {}) => createSmsChannel({ bot, sender: outbox.sender, idKey, optOuts, logger: logs.logger, ...options });
/** An inbound SMS as Event Grid sends it (the number without its `+`), with a fresh event id. */
const event = (message: string, eventId = `Incoming_${++events}`) => ({ eventId, from: customer.slice(1), to: program, message, receivedAt: '2030-03-04T14:00:00Z' });

beforeAll(async () => {
  store = createMemoryStore();
  bot = await newBot(); // trains once for the file
});

beforeEach(async () => {
  store = createMemoryStore();
  bot = await newBot();
  optOuts = createMemorySmsOptOuts();
  outbox = recordingSender();
  logs = captureLogs();
});

describe('a conversation by SMS', () => {
  it('books a visit by numbered options, from the program number to the customer', async () => {
    const sms = channelOf();
    const first = await sms.receive(event('I want to book an appointment'));
    expect(first).toEqual({ conversationId, outcome: 'answered', sent: 1, failed: 0 });
    // The prompt, then its options numbered on a line of their own (prompts' wording is the content's).
    expect(outbox.texts().at(-1)).toMatch(/^[^\n]+\?\nReply 1 for Installation, 2 for Repair, 3 for Upgrade\.$/);
    await sms.receive(event(' 2 '));
    expect((await bot.view(conversationId)).awaiting).toBe('date');
    expect(outbox.texts().at(-1)).not.toMatch(/Reply 1/);
    await sms.receive(event('tomorrow'));
    await sms.receive(event('3pm'));
    expect(outbox.texts().at(-1)).toMatch(/repair on Tuesday, March 5 at 3:00 PM\. [^\n]+\?\nReply 1 for Yes, 2 for No\.$/);
    await sms.receive(event('1.'));
    expect(outbox.texts().at(-1)).toMatch(/\b[A-Z0-9]{6}\b/); // the confirmation code
    expect(await bot.view(conversationId)).toMatchObject({ dialog: null, slots: { service: 'repair', date: '2030-03-05', time: '15:00' } });
    expect(outbox.sent.every((message) => message.from === program && message.to === customer)).toBe(true);
    // Each SMS carries its event's key, so a sender can send it once.
    expect(outbox.sent[0]!.idempotencyKey).toBe('eventgrid:Incoming_1:0');
    // The customer's words as the bot read them: the chosen options' values.
    const said = (await bot.transcript(conversationId, { channel: 'sms' }))!.filter((entry) => entry.from === 'customer').map((entry) => entry.text);
    expect(said).toEqual(['I want to book an appointment', 'repair', 'tomorrow', '3pm', 'yes']);
  });

  it('reads the options offered before a restart, and a bare number with no options as itself', async () => {
    await channelOf().receive(event('I want to book an appointment'));
    // Another process (or this one started again) on the same store: nothing kept in memory.
    bot = await newBot();
    const restarted = channelOf();
    await restarted.receive(event('3'));
    expect(await bot.view(conversationId)).toMatchObject({ dialog: 'BookAppointment', awaiting: 'date', slots: { service: 'upgrade' } });
    // Asked for a date, "2" is no option: the bot reads "2" (not "repair").
    await restarted.receive(event('2'));
    const said = (await bot.transcript(conversationId, { channel: 'sms' }))!.filter((entry) => entry.from === 'customer').map((entry) => entry.text);
    expect(said.slice(-2)).toEqual(['upgrade', '2']);
    // A number past the options is not one either.
    expect(outbox.texts().at(-1)).not.toMatch(/Reply 1/);
  });

  it('keeps the number only in the conversation\'s address, sealed: the id is a keyed hash', async () => {
    await channelOf().receive(event('hi'));
    expect(conversationId).toMatch(/^sms:[0-9a-f]{32}$/);
    expect(await bot.exists(conversationId, 'sms')).toBe(true);
    // What the store holds has neither the number nor its digits.
    const stored = JSON.stringify((await store.read(conversationId))!.state);
    expect(stored).not.toContain(customer.slice(1));
    expect(stored).toMatch(/"sealedPhone":"[\w-]+"/);
    const seal = createNumberSeal(idKey);
    expect(seal.open(seal.seal(customer))).toBe(customer);
    expect(createNumberSeal('another key of sixteen bytes or more').open(seal.seal(customer))).toBeUndefined();
    expect(smsConversationId(createNumberKeys('another key of sixteen bytes or more')(customer))).not.toBe(conversationId);
    expect(() => createNumberKeys('short')).toThrow(/at least 16 bytes/);
  });
});

describe('keywords', () => {
  it('STOP opts out with one confirmation; nothing is answered until START', async () => {
    const sms = channelOf();
    await sms.receive(event('hi'));
    const before = outbox.sent.length;
    expect((await sms.receive(event(' Stop. '))).outcome).toBe('opted-out');
    expect(outbox.texts().slice(before)).toEqual(["You're unsubscribed from Acme Telecom and won't get any more messages. Reply START to resubscribe."]);
    const transcript = await bot.transcript(conversationId, { channel: 'sms' });
    expect((await sms.receive(event('I want to book an appointment'))).outcome).toBe('ignored');
    expect((await sms.receive(event('STOP'))).outcome).toBe('ignored'); // a second STOP: no second confirmation
    expect((await sms.receive(event('yes please'))).outcome).toBe('ignored');
    expect(outbox.sent.length).toBe(before + 1);
    expect(await bot.transcript(conversationId, { channel: 'sms' })).toEqual(transcript); // no turn ran
    expect(await sms.reach.refuses!(conversationId, { phone: customer, from: program })).toBe('opted-out');

    const started = event('start');
    expect((await sms.receive(started)).outcome).toBe('opted-in');
    expect(outbox.texts().at(-1)).toBe("You're subscribed to Acme Telecom again. Reply STOP to unsubscribe.");
    // The START delivered again: answered already, and not read by the bot as "start over".
    expect((await sms.receive(started)).outcome).toBe('redelivered');
    expect((await sms.receive(event('I want to book an appointment'))).outcome).toBe('answered');
    expect((await bot.view(conversationId)).awaiting).toBe('service');
  });

  it('every STOP word opts out, YES opts back in only while opted out, and a keyword is the whole message', async () => {
    const sms = channelOf();
    for (const word of ['stopall', 'Unsubscribe', 'CANCEL', 'end', 'quit!']) {
      expect((await sms.receive(event(word))).outcome).toBe('opted-out');
      expect((await sms.receive(event(word === 'end' ? 'UNSTOP' : 'Yes'))).outcome).toBe('opted-in');
    }
    expect((await sms.receive(event('please stop the booking'))).outcome).toBe('answered');
    expect((await sms.receive(event('yes'))).outcome).toBe('answered'); // opted in: an answer for the bot
  });

  it('HELP answers the help text without a turn, once per event', async () => {
    const sms = channelOf({ phrases: { en: { help: '{name} help: text us your question. STOP to end.' } } });
    const help = event('help');
    expect((await sms.receive(help)).outcome).toBe('help');
    expect((await sms.receive(help)).outcome).toBe('redelivered');
    expect((await sms.receive(event('INFO'))).outcome).toBe('help');
    expect(outbox.texts()).toEqual(['Acme Telecom help: text us your question. STOP to end.', 'Acme Telecom help: text us your question. STOP to end.']);
    expect(await bot.exists(conversationId)).toBe(false);
  });

  it('says nothing on START when the phrase is empty (a carrier that answers it itself)', async () => {
    const sms = channelOf({ phrases: { en: { resumed: '' } } });
    await sms.receive(event('STOP'));
    expect(await sms.receive(event('START'))).toMatchObject({ outcome: 'opted-in', sent: 0 });
    expect(outbox.sent).toHaveLength(1);
  });
});

describe('delivery', () => {
  it('answers an event delivered twice once, even when a number meant an option the first time', async () => {
    const sms = channelOf();
    const booking = event('I want to book an appointment');
    await sms.receive(booking);
    expect(await sms.receive(booking)).toMatchObject({ outcome: 'redelivered', sent: 0 });
    const choice = event('2');
    await sms.receive(choice);
    // The bot has moved on: "2" would now be no option, and is still the same delivery.
    expect(await sms.receive(choice)).toMatchObject({ outcome: 'redelivered', sent: 0 });
    expect(outbox.sent).toHaveLength(2);
    expect((await bot.view(conversationId)).slots).toEqual({ service: 'repair' });
  });

  it('logs and counts a failed send, and resolves: the turn is stored', async () => {
    const sms = channelOf();
    outbox.state.failures = 1;
    expect(await sms.receive(event('hi'))).toMatchObject({ outcome: 'answered', sent: 0, failed: 1 });
    expect(sms.stats()).toEqual({ sent: 0, failed: 1 });
    expect(await bot.exists(conversationId, 'sms')).toBe(true);
    const failure = logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.outcome === 'send-failed');
    expect(failure).toMatchObject({ conversationId, err: { name: 'Error' } });
    expect(JSON.stringify(failure)).not.toMatch(/carrier refused|Acme/);
  });

  it('rejects when the bot fails, so that Event Grid delivers the event again', async () => {
    const failing: Bot = { ...bot, handle: () => Promise.reject(new Error('store unavailable')) };
    await expect(channelOf({ bot: failing }).receive(event('hi'))).rejects.toThrow('store unavailable');
    expect(outbox.sent).toHaveLength(0);
  });

  it('answers one number\'s messages in order, and refuses a flood as busy so that Event Grid retries later', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow: Bot = { ...bot, handle: async (input) => (await held, bot.handle(input)) };
    const sms = channelOf({ bot: slow });
    const pending = Array.from({ length: 32 }, (_, index) => sms.receive(event(`order AB12345${index % 10}`)));
    await expect(sms.receive(event('one too many'))).rejects.toMatchObject({ code: 'conversation-busy' });
    release();
    expect((await Promise.all(pending)).map((receipt) => receipt.outcome)).toEqual(Array(32).fill('answered'));
    const said = (await bot.transcript(conversationId, { channel: 'sms' }))!.filter((entry) => entry.from === 'customer').map((entry) => entry.text);
    expect(said.slice(-3)).toEqual(['order AB123459', 'order AB123450', 'order AB123451']);
  });

  it('refuses an event that is not an SMS from a phone number, naming the field and not the value', async () => {
    const sms = channelOf();
    await expect(sms.receive({ ...event('hi'), from: 'ACME' })).rejects.toThrow(/`from` is not a phone number/);
    await expect(sms.receive({ ...event('hi'), eventId: '' })).rejects.toThrow(/eventId/);
  });

  it('never logs the number, in clear or as Event Grid writes it', async () => {
    const sms = channelOf();
    outbox.state.failures = 1;
    for (const text of ['I want to book an appointment', '2', 'HELP', 'STOP', 'hi', 'START']) await sms.receive(event(text));
    await sms.reach.deliver(conversationId, { phone: customer, from: program }, [{ text: 'Your technician is on the way.' }]);
    await sms.receive({ ...event('x'), from: 'ACME' }).catch(() => undefined);
    expect(logs.lines.length).toBeGreaterThan(6);
    for (const line of logs.lines) {
      expect(line).not.toContain('4255550123');
      expect(line).not.toContain('425 555');
      expect(line).toContain(conversationId);
    }
    expect(maskPhoneNumber(customer)).toBe('+1425•••0123');
  });
});

describe('reach (notifications)', () => {
  it('carries bot.notify to the number the conversation keeps, and refuses it after STOP', async () => {
    const sms = channelOf();
    bot.reach('sms', sms.reach);
    await sms.receive(event('hi'));
    const options = [{ title: 'Yes', value: 'yes' }, { title: 'No', value: 'no' }];
    expect(await bot.notify(conversationId, { text: 'Your technician arrives at 3pm. Still good?', quickReplies: options })).toMatchObject({ status: 'sent' });
    expect(outbox.sent.at(-1)).toMatchObject({ from: program, to: customer, text: 'Your technician arrives at 3pm. Still good?\nReply 1 for Yes, 2 for No.' });
    // The notification's options are in the transcript: "1" answers them.
    await sms.receive(event('1'));
    const said = (await bot.transcript(conversationId, { channel: 'sms' }))!.filter((entry) => entry.from === 'customer').map((entry) => entry.text);
    expect(said.at(-1)).toBe('yes');
    await sms.receive(event('STOP'));
    const sent = outbox.sent.length;
    expect(await bot.notify(conversationId, { text: 'Reminder: your visit is today.', urgent: true })).toMatchObject({ status: 'refused', refusal: 'opted-out' });
    expect(outbox.sent).toHaveLength(sent);
  });

  it('refuses a conversation with no number, and an opted-out one', async () => {
    const sms = channelOf();
    expect(await sms.reach.refuses!(conversationId, undefined)).toBe('no-address');
    expect(await sms.reach.refuses!(conversationId, { from: program })).toBe('no-address');
    expect(await sms.reach.refuses!(conversationId, { phone: customer, from: program })).toBeUndefined();
    await sms.receive(event('STOP'));
    expect(await sms.reach.refuses!(conversationId, { phone: customer, from: program })).toBe('opted-out');
    // Asked to deliver anyway (a STOP came in between): nothing goes.
    await expect(sms.reach.deliver(conversationId, { phone: customer, from: program }, [{ text: 'Reminder' }])).rejects.toThrow(/opted out/);
    expect(outbox.sent).toHaveLength(1); // the STOP confirmation
  });

  it('delivers like a reply, options numbered, from the program number the customer texted', async () => {
    const sms = channelOf();
    await sms.reach.deliver(conversationId, { phone: customer, from: program }, [
      { text: 'Your visit is tomorrow at 3 PM.' },
      { text: 'Still good?', quickReplies: [{ title: 'Yes', value: 'yes' }, { title: 'Reschedule', value: 'reschedule' }] },
    ]);
    expect(outbox.sent).toEqual([expect.objectContaining({ from: program, to: customer, text: 'Your visit is tomorrow at 3 PM.\nStill good?\nReply 1 for Yes, 2 for Reschedule.' })]);
    outbox.state.failures = 1;
    await expect(sms.reach.deliver(conversationId, { phone: customer, from: program }, [{ text: 'Again' }])).rejects.toThrow();
    expect(sms.stats()).toEqual({ sent: 1, failed: 1 });
  });
});

describe('an SMS customer handed to a person', () => {
  it('gets the person\'s words by SMS, says nothing to the bot meanwhile, and has the bot back when they leave', async () => {
    const { createLocalRelay } = await import('../../../src/handoff/local-relay/local-relay.js');
    const relay = createLocalRelay();
    const relayed = await referenceBot({ handoff: relay, store: createMemoryStore(), clock: fixedClock('2030-03-04', 'America/New_York') });
    const texts = recordingSender();
    const sms = createSmsChannel({ bot: relayed, sender: texts.sender, idKey, optOuts: createMemorySmsOptOuts(), logger: captureLogs().logger });
    const receive = (message: string) => sms.receive({ eventId: `handoff-${events++}`, from: customer, to: program, message });
    await receive('I want to talk to a person');
    const [handoff] = await relay.desk.list();
    await relay.desk.join(handoff!.id, { name: 'Sam' });
    await relay.desk.say(handoff!.id, 'Hi, Sam here.');
    await vi.waitFor(() => expect(texts.texts()).toContain('Hi, Sam here.'));
    expect(texts.texts()).toContain('Sam has joined the conversation.');
    const before = texts.sent.length;
    expect((await receive('my bill is wrong')).sent).toBe(0);
    await relay.desk.end(handoff!.id);
    await vi.waitFor(() => expect(texts.texts().at(-1)).toMatch(/back with the assistant/));
    expect(texts.sent.slice(before).every((message) => message.to === customer)).toBe(true);
    await relayed.close();
  });
});
