import { describe, expect, it } from 'vitest';
import {
  buildHandoffEnvelope,
  createLocalRelay,
  createMemoryStore,
  DeskHandoffError,
  fixedClock,
  ParleyError,
  type AgentEvent,
  type AgentHandle,
  type Bot,
  type HandoffEnvelope,
  type TranscriptEntry,
  type TurnInput,
} from 'parley-sdk';
import { referenceBot } from '../support/reference-bot.js';

const clock = fixedClock('2030-03-04', 'America/New_York');
const say = (text: string, conversationId = 'web-1'): TurnInput => ({ conversationId, channel: 'web', content: { kind: 'text', text } });

function envelope(conversationId = 'web-1', at = '2030-03-04T14:00:00.000Z'): HandoffEnvelope {
  return buildHandoffEnvelope({ conversationId, channel: 'web', directive: { queue: 'TechSupport', reason: 'requested' }, locale: 'en-US', at, task: null, transcript: [] });
}

/** Follows a handoff, collecting what the person's side does. */
async function follow(relay: ReturnType<typeof createLocalRelay>, handle: AgentHandle, after?: string) {
  const events: AgentEvent[] = [];
  const controller = new AbortController();
  await relay.follow(handle, { ...(after ? { after } : {}), onEvent: (event) => events.push(event), onError: () => {}, signal: controller.signal });
  return { events, stop: () => controller.abort() };
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
    async until(test: (entry: TranscriptEntry) => boolean): Promise<TranscriptEntry> {
      for (;;) {
        const found = entries.find(test);
        if (found) return found;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}

describe('the local relay', () => {
  it('holds a handoff from waiting to ended, telling the follower each step in order, with ids that increase', async () => {
    const relay = createLocalRelay();
    expect(relay.name).toBe('local');
    const handle = await relay.open(envelope());
    expect(Object.keys(handle)).toEqual(['id']);
    expect(await relay.desk.list()).toEqual([{ id: handle.id, conversationId: 'web-1', state: 'waiting', since: '2030-03-04T14:00:00.000Z' }]);
    const followed = await follow(relay, handle);

    await relay.send(handle, 'is anyone there?', 'key-1'); // accepted while waiting
    await relay.desk.join(handle.id!, { name: '  Sam ' });
    expect(await relay.desk.list()).toEqual([expect.objectContaining({ state: 'joined', agentName: 'Sam' })]);
    await relay.desk.say(handle.id!, 'Hello, I am Sam.');
    await relay.send(handle, 'hi Sam', 'key-2');
    await relay.desk.end(handle.id!);

    expect(followed.events).toEqual([
      { kind: 'joined', name: 'Sam', id: '1' },
      { kind: 'message', text: 'Hello, I am Sam.', id: '2' },
      { kind: 'left', id: '3' },
      { kind: 'ended', id: '4' },
    ]);
    expect(await relay.desk.list()).toEqual([]);
    // Gone for the customer: the runtime gives the conversation back to the bot.
    await expect(relay.send(handle, 'still there?', 'key-3')).rejects.toThrow(/handoff is gone/);
    // What happened stays readable a while, for a process catching up.
    expect((await relay.history(handle, '2')).map((event) => event.kind)).toEqual(['left', 'ended']);
    expect(await relay.history(handle)).toHaveLength(4);
  });

  it('catches a follower up from the event it names, and tells nothing after its signal aborts', async () => {
    const relay = createLocalRelay();
    const handle = await relay.open(envelope());
    await relay.desk.join(handle.id!, { name: 'Kim' });
    await relay.desk.say(handle.id!, 'one');
    const late = await follow(relay, handle, '1');
    expect(late.events).toEqual([{ kind: 'message', text: 'one', id: '2' }]);
    late.stop();
    await relay.desk.say(handle.id!, 'two');
    expect(late.events).toHaveLength(1);

    const aborted = new AbortController();
    aborted.abort();
    const told: AgentEvent[] = [];
    await relay.follow(handle, { onEvent: (event) => told.push(event), onError: () => {}, signal: aborted.signal });
    expect(told).toEqual([]);

    // A follower of an ended handoff is told how it ended, and follows no more.
    await relay.desk.end(handle.id!);
    const after = await follow(relay, handle, '3');
    expect(after.events.map((event) => event.kind)).toEqual(['left', 'ended']);
    await expect(relay.history(handle, 'x')).rejects.toThrow(/"after" must be an event id/);
  });

  it('refuses desk actions a handoff does not allow, with codes the desk answers by', async () => {
    const relay = createLocalRelay();
    const handle = await relay.open(envelope());
    const code = (promise: Promise<unknown>) => promise.then(() => 'done', (error: unknown) => (error instanceof DeskHandoffError ? error.code : String(error)));
    expect(await code(relay.desk.say(handle.id!, 'too early'))).toBe('not-joined');
    expect(await code(relay.desk.join('no-such-handoff', { name: 'Sam' }))).toBe('not-found');
    await expect(relay.desk.join(handle.id!, { name: ' ' })).rejects.toSatisfy((error: unknown) => ParleyError.isInstance(error) && error.code === 'input-rejected');
    await relay.desk.join(handle.id!, { name: 'Sam' });
    expect(await code(relay.desk.join(handle.id!, { name: 'Kim' }))).toBe('not-waiting');
    await expect(relay.desk.say(handle.id!, 'x'.repeat(4001))).rejects.toThrow(/1–4000 characters/);
    await relay.desk.end(handle.id!);
    expect(await code(relay.desk.end(handle.id!))).toBe('not-found');
    expect(await code(relay.desk.say(handle.id!, 'after the end'))).toBe('not-found');
  });

  it('is bounded: open handoffs and events per handoff, each with an error that says what to do', async () => {
    const relay = createLocalRelay({ maxOpenHandoffs: 2, maxEventsPerHandoff: 4, keptEnded: 1 });
    const first = await relay.open(envelope('web-1'));
    await relay.open(envelope('web-2'));
    await expect(relay.open(envelope('web-3'))).rejects.toThrow(/2 handoffs are open, the most the local relay holds: end some at the agent desk, or raise maxOpenHandoffs/);

    await relay.desk.join(first.id!, { name: 'Sam' });
    await relay.desk.say(first.id!, 'one');
    await expect(relay.desk.say(first.id!, 'two')).rejects.toSatisfy((error: unknown) => error instanceof DeskHandoffError && error.code === 'full' && /end it/.test(error.message));
    // Ending always has room.
    await relay.desk.end(first.id!);
    expect((await relay.history(first)).map((event) => event.kind)).toEqual(['joined', 'message', 'left', 'ended']);
    await relay.open(envelope('web-3'));
    // Only the newest ended handoff is kept.
    const second = (await relay.desk.list())[0]!;
    await relay.desk.end(second.id);
    await expect(relay.history(first)).rejects.toThrow(/handoff is gone/);
    expect(() => createLocalRelay({ maxOpenHandoffs: 0 })).toThrow(/maxOpenHandoffs must be a whole number above 0/);
  });

  it('is one handoff when the same one is opened again, and ends an earlier one of the conversation', async () => {
    const relay = createLocalRelay();
    const handle = await relay.open(envelope('web-1', '2030-03-04T14:00:00.000Z'));
    expect(await relay.open(envelope('web-1', '2030-03-04T14:00:00.000Z'))).toEqual(handle);
    const followed = await follow(relay, handle);
    const later = await relay.open(envelope('web-1', '2030-03-04T15:00:00.000Z'));
    expect(later.id).not.toBe(handle.id);
    expect(followed.events).toEqual([{ kind: 'ended', id: '1' }]);
    expect((await relay.desk.list()).map((handoff) => handoff.id)).toEqual([later.id]);
  });

  it('ends a handoff when the customer goes (close), and knows nothing of another process\'s handoffs', async () => {
    const relay = createLocalRelay();
    const handle = await relay.open(envelope());
    const followed = await follow(relay, handle);
    await relay.close(handle);
    expect(followed.events).toEqual([{ kind: 'ended', id: '1' }]);
    expect(await relay.desk.list()).toEqual([]);
    await relay.close(handle); // twice is fine

    const restarted = createLocalRelay();
    await expect(restarted.follow(handle, { onEvent: () => {}, onError: () => {}, signal: new AbortController().signal })).rejects.toThrow(/restarted \(the local relay keeps handoffs in one process\)/);
    await expect(restarted.history(handle)).rejects.toThrow(/handoff is gone/);
    await expect(restarted.send(handle, 'hello', 'key')).rejects.toThrow(/handoff is gone/);
  });
});

describe('a whole handoff through createBot with the local relay', () => {
  it('lets a person join, relays both ways, and gives the conversation back to the bot when they end it', async () => {
    const handoff = createLocalRelay();
    const bot = await referenceBot({ clock, handoff });
    try {
      await bot.handle(say('I need a repair on friday'));
      const watched = watchEntries(bot, 'web-1');
      const handed = await bot.handle(say('agent please'));
      expect(handed.directives).toEqual([{ kind: 'handoff', queue: 'TechSupport', reason: 'requested' }]);
      expect(handed.withAgent).toBe(true);

      const [waiting] = await handoff.desk.list();
      expect(waiting).toMatchObject({ conversationId: 'web-1', state: 'waiting', since: handed.handoff!.at });
      expect((await bot.envelope('web-1'))?.summary).toMatch(/technician visit/);

      await handoff.desk.join(waiting!.id, { name: 'Sam' });
      expect(await watched.until((entry) => entry.event === 'agent-joined')).toMatchObject({ from: 'agent', text: 'Sam' });

      // While the person has it, the customer's words are theirs, and the bot says nothing.
      const relayed = await bot.handle(say('my router blinks red'));
      expect(relayed.messages).toEqual([]);
      expect(relayed.transcript).toEqual([expect.objectContaining({ from: 'customer', text: 'my router blinks red' })]);

      await handoff.desk.say(waiting!.id, 'Let me check that for you.');
      await watched.until((entry) => entry.from === 'agent' && entry.text === 'Let me check that for you.');

      await handoff.desk.end(waiting!.id);
      await watched.until((entry) => entry.event === 'agent-left');
      await watched.until((entry) => entry.from === 'bot' && /back with the assistant/.test(entry.text));
      expect(await handoff.desk.list()).toEqual([]);

      const back = await bot.handle(say('is there an outage in 94105?'));
      expect(back.messages[0]?.text).toMatch(/outage/i);
      const agentSide = (await bot.transcript('web-1'))!.filter((entry) => entry.from === 'agent').map((entry) => entry.event ?? entry.text);
      expect(agentSide).toEqual(['agent-joined', 'Let me check that for you.', 'agent-left']);
    } finally {
      await bot.close();
    }
  });

  it('gives the conversation back to the bot when the process that held the handoff restarted', async () => {
    const store = createMemoryStore();
    const first = await referenceBot({ clock, store, handoff: createLocalRelay() });
    await first.handle(say('agent please', 'web-2'));
    await first.handle(say('agent please', 'web-3'));
    await first.close();

    // The same store, a new process: its relay has never heard of these handoffs.
    const errors: string[] = [];
    const second = await referenceBot({ clock, store, handoff: createLocalRelay(), onError: (error, context) => errors.push(`${context.stage}: ${error.message}`) });
    try {
      // A customer's next message: the bot answers it.
      const back = await second.handle(say('is there an outage in 94105?', 'web-2'));
      expect(back.messages.map((message) => message.text).join(' ')).toMatch(/outage/i);
      expect((await second.transcript('web-2'))!.some((entry) => entry.event === 'agent-left')).toBe(true);

      // A page watching the conversation: following fails, and the bot says it is back.
      const watched = watchEntries(second, 'web-3');
      await watched.until((entry) => entry.from === 'bot' && /back with the assistant/.test(entry.text));
      expect(watched.entries.map((entry) => entry.event ?? entry.from)).toEqual(['agent-left', 'bot']);
      expect(errors.every((line) => line.startsWith('handoff: local'))).toBe(true);
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  });
});
