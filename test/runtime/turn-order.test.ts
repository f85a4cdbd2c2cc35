// Turns of one conversation are serialised: in one process they run one at a time in arrival order;
// across processes sharing a store, a lost compare-and-set reruns the turn on top of the winner's,
// and a conversation that stays contended is "busy" (retry later), never an internal error.
import { describe, expect, it } from 'vitest';
import { ConversationBusyError, createBot, createMemoryStore, fixedClock, ParleyError, StateConflictError, type ConversationStore, type TurnInput } from 'parley-sdk';
import acmeTelecom from '../../dialogs/index.js';

const clock = fixedClock('2030-03-04', 'America/New_York');
const turn = (conversationId: string, text: string): TurnInput => ({ conversationId, channel: 'test', content: { kind: 'text', text } });

describe('turns of one conversation', () => {
  it('run one at a time, in the order they arrive, with every answer kept', async () => {
    const store = createMemoryStore();
    const bot = await createBot(acmeTelecom, { store, clock, transcript: { entries: 1000, characters: 1_000_000 } });
    const texts = Array.from({ length: 30 }, (_, index) => ['hi', 'I need a repair', 'cancel', 'where is order AB123456', 'help'][index % 5]!);
    const outputs = await Promise.all(texts.map((text, index) => bot.handle(turn('order-1', `${text} ${index}`))));
    expect(outputs).toHaveLength(30);
    const customerLines = (await bot.transcript('order-1'))!.filter((entry) => entry.from === 'customer').map((entry) => entry.text);
    expect(customerLines).toEqual(texts.map((text, index) => `${text} ${index}`));
    // Each turn saw the one before it: the engine counted thirty, and the store took thirty writes.
    const stored = (await store.read('order-1'))!;
    expect((stored.state as { dialog: { turn: number } }).dialog.turn).toBe(30);
    expect(stored.version).toBe(30);
    for (const [index, output] of outputs.entries()) expect(output.transcript![0]!.text).toBe(`${texts[index]} ${index}`);
  });

  it('served by two processes over one store: each turn is rerun on top of the other\'s, none lost', async () => {
    const shared = createMemoryStore();
    const [one, two] = await Promise.all([createBot(acmeTelecom, { store: shared, clock }), createBot(acmeTelecom, { store: shared, clock })]);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) => (index % 2 ? one : two).handle(turn('shared-1', `hello ${index}`))),
    );
    const failures = outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => (outcome as PromiseRejectedResult).reason);
    // Contention may leave a turn busy (a 503 to retry), but never fails it any other way.
    for (const failure of failures) expect(failure).toBeInstanceOf(ConversationBusyError);
    const answered = outcomes.length - failures.length;
    expect(answered).toBeGreaterThan(0);
    const stored = (await shared.read('shared-1'))!;
    expect((stored.state as { dialog: { turn: number } }).dialog.turn).toBe(answered);
    expect(stored.version).toBe(answered);
  });

  it('that keep losing to another writer end as busy, with a retry hint, after a few tries', async () => {
    const inner = createMemoryStore();
    let writes = 0;
    const contended: ConversationStore = {
      read: (id) => inner.read(id),
      write: async () => {
        writes += 1;
        throw new StateConflictError('busy-1');
      },
      delete: (id) => inner.delete(id),
    };
    const bot = await createBot(acmeTelecom, { store: contended, clock });
    const failure = await bot.handle(turn('busy-1', 'hi')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConversationBusyError);
    expect(ParleyError.isInstance(failure) && failure.code).toBe('conversation-busy');
    expect((failure as ConversationBusyError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(writes).toBe(5);
  });

  it('beyond 32 waiting are refused as busy, not queued without end', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const inner = createMemoryStore();
    const slow: ConversationStore = { read: async (id) => (await gate, inner.read(id)), write: (id, state, version) => inner.write(id, state, version), delete: (id) => inner.delete(id) };
    const bot = await createBot(acmeTelecom, { store: slow, clock });
    const turns = Array.from({ length: 40 }, (_, index) => bot.handle(turn('flood-1', `hi ${index}`)).then(() => 'answered', (error: unknown) => (error instanceof ConversationBusyError ? 'busy' : String(error))));
    release();
    const results = await Promise.all(turns);
    expect(results.filter((result) => result === 'answered')).toHaveLength(32);
    expect(results.filter((result) => result === 'busy')).toHaveLength(8);
  });
});
