import { describe, expect, it } from 'vitest';
import { ConfigurationError, StoreFullError } from '../../src/core/errors.js';
import { createMemoryStore } from '../../src/state/index.js';
import { describeConversationStoreContract } from './conversation-store-contract.js';

describeConversationStoreContract('memory store', async () => {
  const store = createMemoryStore();
  return { store, countPersisted: async () => store.size, cleanup: async () => undefined };
});

/** A clock the test moves: every conversation is idle for as long as the test says. */
function steppedClock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('memory store', () => {
  it('forgets the least recently used conversation beyond maxConversations, once it is idle', async () => {
    const clock = steppedClock();
    const store = createMemoryStore({ maxConversations: 2, keepIdleMs: 1000, now: clock.now });
    await store.write('a', 'a', undefined);
    await store.write('b', 'b', undefined);
    await store.read('a');
    clock.advance(1000);
    await store.write('c', 'c', undefined);
    expect(store.size).toBe(2);
    expect(await store.read('b')).toBeUndefined();
    expect((await store.read('a'))?.state).toBe('a');
    expect((await store.read('c'))?.state).toBe('c');
  });

  it('counts a write as a use', async () => {
    const clock = steppedClock();
    const store = createMemoryStore({ maxConversations: 2, keepIdleMs: 1000, now: clock.now });
    await store.write('a', 1, undefined);
    await store.write('b', 1, undefined);
    await store.write('a', 2, 1);
    clock.advance(1000);
    await store.write('c', 1, undefined);
    expect(await store.read('b')).toBeUndefined();
    expect(await store.read('a')).toEqual({ state: 2, version: 2 });
  });

  it('refuses a new conversation rather than push out a live one, whatever the flood', async () => {
    const clock = steppedClock();
    const store = createMemoryStore({ maxConversations: 50, keepIdleMs: 30 * 60_000, now: clock.now });
    for (let i = 0; i < 50; i++) await store.write(`live-${i}`, { turn: 1 }, undefined);
    clock.advance(29 * 60_000);
    let refused = 0;
    for (let i = 0; i < 1000; i++) {
      await store.write(`flood-${i}`, {}, undefined).catch((error: unknown) => {
        expect(error).toBeInstanceOf(StoreFullError);
        refused += 1;
      });
    }
    expect(refused).toBe(1000);
    for (let i = 0; i < 50; i++) expect(await store.write(`live-${i}`, { turn: 2 }, 1)).toBe(2);
    // Once the oldest has been idle long enough, a new conversation takes its place.
    clock.advance(30 * 60_000);
    await store.write('new-1', {}, undefined);
    expect(await store.read('live-0')).toBeUndefined();
  });

  it('rejects a maxConversations that is not a positive whole number', () => {
    for (const maxConversations of [0, -1, 1.5, Number.NaN]) {
      expect(() => createMemoryStore({ maxConversations })).toThrow(ConfigurationError);
    }
  });
});
