// Contention between processes on a shared store shows in /metrics: a turn whose write lost a
// compare-and-set and ran again counts in parley_store_conflicts_total, and a turn that waited for
// another process's claim in parley_claim_waits_total.
import { describe, expect, it } from 'vitest';
import { createBot, createMemoryStore, fixedClock, StateConflictError, type ConversationStore, type TurnInput } from 'parley-sdk';
import { createRuntimeMetrics } from '../../src/runtime/metrics.js';
import pizzaShop from '../../examples/pizza-shop/bot.js';

const clock = fixedClock('2030-03-04', 'America/New_York');
const say = (conversationId: string, text: string): TurnInput => ({ conversationId, channel: 'test', content: { kind: 'text', text } });

/** A memory store that says it is shared with other processes, and whose writes can be made to lose. */
function sharedStore() {
  const memory = createMemoryStore();
  let losing = 0;
  const store: ConversationStore = {
    shared: true,
    read: (conversationId) => memory.read(conversationId),
    async write(conversationId, state, expectedVersion) {
      if (losing > 0) {
        losing -= 1;
        throw new StateConflictError(conversationId);
      }
      return memory.write(conversationId, state, expectedVersion);
    },
    delete: (conversationId) => memory.delete(conversationId),
  };
  return { store, loseNextWrites: (count: number) => void (losing = count) };
}

const counted = async (metrics: ReturnType<typeof createRuntimeMetrics>, name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(await metrics.render())?.[1]);

describe('contention on a shared store, in the metrics', () => {
  it('counts each conflict a turn ran again after', async () => {
    const metrics = createRuntimeMetrics({ processMetrics: false });
    const { store, loseNextWrites } = sharedStore();
    const bot = await createBot(pizzaShop, { store, clock, observer: metrics.observer });
    loseNextWrites(2);
    expect((await bot.handle(say('conflicts-1', 'hi'))).messages[0]!.text).toMatch(/Welcome to Slice of Life/);
    expect(await counted(metrics, 'parley_store_conflicts_total')).toBe(2);
    expect(await counted(metrics, 'parley_claim_waits_total')).toBe(0);
  });

  it('counts a turn that waited for another process\'s claim once, however often it looked', async () => {
    const metrics = createRuntimeMetrics({ processMetrics: false });
    const { store } = sharedStore();
    const bot = await createBot(pizzaShop, { store, clock, observer: metrics.observer });
    await bot.handle(say('claimed-1', 'hi'));
    // Another process claims the conversation, and releases it a little later.
    const stored = (await store.read('claimed-1'))!;
    const claimed = { ...(stored.state as object), claim: { until: new Date(clock.now().getTime() + 30_000).toISOString() } };
    const version = await store.write('claimed-1', claimed, stored.version);
    const released = new Promise<void>((resolve) => setTimeout(() => void store.write('claimed-1', stored.state, version).then(() => resolve()), 200));
    expect((await bot.handle(say('claimed-1', 'a large pizza with olives'))).messages[0]!.text).toMatch(/Shall I place the order/);
    await released;
    expect(await counted(metrics, 'parley_claim_waits_total')).toBe(1);
    expect(await counted(metrics, 'parley_store_conflicts_total')).toBe(0);
  });
});
