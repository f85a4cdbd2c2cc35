import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConnectChatProvider, createMemoryStore, fixedClock, type Bot, type ConversationStore, type TranscriptEntry, type TurnInput } from 'parley-sdk';
import { startConnectEmulator, type ConnectEmulator } from 'parley-sdk/testing';
import { referenceBot } from '../support/reference-bot.js';

const clock = fixedClock('2030-03-04', 'America/New_York');
const credentials = { accessKeyId: 'AKIDPARLEYTEST', secretAccessKey: 'emulator' };
const say = (text: string, conversationId = 'web-1'): TurnInput => ({ conversationId, channel: 'web', content: { kind: 'text', text } });

let connect: ConnectEmulator;
let bots: Bot[] = [];

beforeEach(async () => {
  connect = await startConnectEmulator();
});

afterEach(async () => {
  for (const bot of bots) await bot.close();
  bots = [];
  await connect.close();
});

async function botWithConnect(store: ConversationStore = createMemoryStore()) {
  const handoff = createConnectChatProvider({ ...instanceOf(connect), region: 'us-east-1', endpoint: connect.url, credentials });
  const bot = await referenceBot({ clock, store, handoff });
  bots.push(bot);
  return bot;
}

function instanceOf(emulator: ConnectEmulator) {
  return { instanceId: emulator.instance.InstanceId, contactFlowId: emulator.instance.ContactFlowId };
}

/** The transcript entries the bot tells watchers of, as they come. */
function watchEntries(bot: Bot, conversationId: string) {
  const entries: TranscriptEntry[] = [];
  const waiters: Array<() => void> = [];
  bot.watch(conversationId, (added) => {
    entries.push(...added);
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    entries,
    /** Resolves once an entry matching `test` has come. */
    async until(test: (entry: TranscriptEntry) => boolean): Promise<TranscriptEntry> {
      for (;;) {
        const found = entries.find(test);
        if (found) return found;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}

describe('handoff to an Amazon Connect agent from web chat', () => {
  it('opens an agent chat with the envelope, relays both ways, and gives the conversation back to the bot', async () => {
    const bot = await botWithConnect();
    await bot.handle(say('I need a repair on friday'));
    const watched = watchEntries(bot, 'web-1');
    const handed = await bot.handle(say('agent please'));
    expect(handed.directives).toEqual([{ kind: 'handoff', queue: 'TechSupport', reason: 'requested' }]);

    // The agent sees the contact waiting, with the envelope as its attributes and the transcript as its first message.
    const contact = await connect.nextWaitingContact();
    expect(contact.attributes).toMatchObject({ parley_queue: 'TechSupport', parley_reason: 'requested', parley_conversation_id: 'web-1', parley_task: 'BookAppointment', parley_slot_date: '2030-03-08' });
    expect(contact.initialMessage?.content).toMatch(/^The customer wanted to book a technician visit \(BookAppointment\)\.[^]*\n\ncustomer: I need a repair on friday\n/);

    connect.acceptContact(contact.contactId, { agentName: 'Sam' });
    expect(await watched.until((entry) => entry.event === 'agent-joined')).toMatchObject({ from: 'agent', text: 'Sam' });

    // While the person has it, the customer's words go to them and the bot says nothing.
    const relayed = await bot.handle(say('my router blinks red'));
    expect(relayed.messages).toEqual([]);
    expect(connect.contact(contact.contactId).transcript.some((item) => item.ParticipantRole === 'CUSTOMER' && item.Content === 'my router blinks red')).toBe(true);

    connect.sendAgentMessage(contact.contactId, 'Let me check that for you.');
    expect(await watched.until((entry) => entry.from === 'agent' && entry.text === 'Let me check that for you.')).toBeDefined();

    connect.endContact(contact.contactId);
    await watched.until((entry) => entry.event === 'agent-left');
    expect(await watched.until((entry) => entry.from === 'bot' && /back with the assistant/.test(entry.text))).toBeDefined();

    // The bot has the conversation again.
    const back = await bot.handle(say('is there an outage in 94105?'));
    expect(back.messages[0]?.text).toMatch(/outage/i);
    expect(connect.contact(contact.contactId).state).toBe('ended');
  });

  it('tells the customer when no one can be reached, and the bot goes on', async () => {
    const bot = await botWithConnect();
    await connect.close();
    const handed = await bot.handle(say('agent please', 'web-2'));
    expect(handed.messages.map((message) => message.text).at(-1)).toMatch(/couldn't reach anyone/);
    const next = await bot.handle(say('is there an outage in 94105?', 'web-2'));
    expect(next.messages[0]?.text).toMatch(/outage/i);
    connect = await startConnectEmulator(); // for afterEach
  });

  it('catches up with what the agent said while no process followed the chat', async () => {
    const store = createMemoryStore();
    const first = await botWithConnect(store);
    await first.handle(say('agent please', 'web-3'));
    const contact = await connect.nextWaitingContact();
    await first.close(); // the process stops following
    connect.acceptContact(contact.contactId, { agentName: 'Kim' });
    connect.sendAgentMessage(contact.contactId, 'Hi, I am Kim.');
    // Another process (sharing the store) serves the next turn, and follows the chat from where it was left.
    const second = await botWithConnect(store);
    const watched = watchEntries(second, 'web-3');
    await watched.until((entry) => entry.from === 'agent' && entry.text === 'Hi, I am Kim.');
    expect((await second.transcript('web-3'))!.filter((entry) => entry.from === 'agent').map((entry) => entry.event ?? entry.text)).toEqual(['agent-joined', 'Hi, I am Kim.']);
  });

  it('tells the agent when the customer\'s conversation is erased', async () => {
    const bot = await botWithConnect();
    await bot.handle(say('agent please', 'web-4'));
    const contact = await connect.nextWaitingContact();
    await bot.erase('web-4');
    expect(connect.contact(contact.contactId).state).toBe('ended');
  });

  it('leaves conversations of Amazon Connect itself to its flow', async () => {
    const bot = await botWithConnect();
    const handed = await bot.handle({ ...say('agent please', 'lex:contact-9'), channel: 'connect' });
    expect(handed.directives[0]).toMatchObject({ kind: 'handoff' });
    expect(connect.contacts()).toEqual([]);
  });
});

describe('an agent chat that ended while no process followed it', () => {
  it('keeps what the agent said, then gives the customer\'s message to the bot', async () => {
    const store = createMemoryStore();
    const first = await botWithConnect(store);
    await first.handle(say('agent please', 'web-5'));
    const contact = await connect.nextWaitingContact();
    await first.close();
    connect.acceptContact(contact.contactId, { agentName: 'Kim' });
    connect.sendAgentMessage(contact.contactId, 'Hi, I am Kim. Call us back tomorrow.');
    connect.endContact(contact.contactId);
    const second = await botWithConnect(store);
    const output = await second.handle(say('is there an outage in 94105?', 'web-5'));
    expect(output.transcript!.map((entry) => [entry.from, entry.event ?? entry.text])).toEqual([
      ['agent', 'agent-joined'],
      ['agent', 'Hi, I am Kim. Call us back tomorrow.'],
      ['agent', 'agent-left'],
      ['customer', 'is there an outage in 94105?'],
      ['bot', expect.stringMatching(/outage/i)],
    ]);
    expect(output.withAgent).toBeUndefined();
  });

  it('does not keep a handoff turn waiting on a Connect that does not answer', async () => {
    connect.setFaults({ hangRate: 1 });
    const handoff = createConnectChatProvider({ ...instanceOf(connect), region: 'us-east-1', endpoint: connect.url, credentials, timeoutMs: 200 });
    const bot = await referenceBot({ clock, handoff, onError: () => {} });
    bots.push(bot);
    const handed = await bot.handle(say('agent please', 'web-6'));
    expect(handed.messages.at(-1)?.text).toMatch(/couldn't reach anyone/);
    connect.setFaults({});
  });
});
