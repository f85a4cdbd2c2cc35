import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors.js';
import { createMemoryStore } from '../../src/state/index.js';
import { describeConversationStoreContract } from './conversation-store-contract.js';

describeConversationStoreContract('memory store', async () => {
  const store = createMemoryStore();
  return { store, countPersisted: async () => store.size, cleanup: async () => undefined };
});

describe('memory store', () => {
  it('forgets the least recently used conversation beyond maxConversations', async () => {
    const store = createMemoryStore({ maxConversations: 2 });
    await store.write('a', 'a', undefined);
    await store.write('b', 'b', undefined);
    await store.read('a');
    await store.write('c', 'c', undefined);
    expect(store.size).toBe(2);
    expect(await store.read('b')).toBeUndefined();
    expect((await store.read('a'))?.state).toBe('a');
    expect((await store.read('c'))?.state).toBe('c');
  });

  it('counts a write as a use', async () => {
    const store = createMemoryStore({ maxConversations: 2 });
    await store.write('a', 1, undefined);
    await store.write('b', 1, undefined);
    await store.write('a', 2, 1);
    await store.write('c', 1, undefined);
    expect(await store.read('b')).toBeUndefined();
    expect(await store.read('a')).toEqual({ state: 2, version: 2 });
  });

  it('rejects a maxConversations that is not a positive whole number', () => {
    for (const maxConversations of [0, -1, 1.5, Number.NaN]) {
      expect(() => createMemoryStore({ maxConversations })).toThrow(ConfigurationError);
    }
  });
});
