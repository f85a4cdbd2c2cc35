import { ConfigurationError, StateConflictError, StoreFullError } from '../core/errors.js';
import type { ConversationStore, StoredConversation } from './conversation-store.js';
import { assertConversationId, assertExpectedVersion, serializeState } from './store-input.js';

export interface MemoryStoreOptions {
  /**
   * Conversations held at most (default 100,000). Beyond it the least recently used is forgotten, if
   * it has been idle for `keepIdleMs`; otherwise the new conversation is refused (`StoreFullError`),
   * so a flood of new conversations never pushes out the ones customers are in.
   */
  maxConversations?: number;
  /** How long a conversation counts as live after its last use (default 30 minutes). */
  keepIdleMs?: number;
  /** Milliseconds (default `Date.now`), for tests. */
  now?: () => number;
}

/** A store in this process's memory; conversations do not survive a restart. */
export interface MemoryStore extends ConversationStore {
  /** How many conversations are held now. */
  readonly size: number;
}

interface Entry {
  json: string;
  version: number;
  /** When it was last read or written. */
  used: number;
}

/**
 * A conversation store for one process: tests, development, or a single instance that may lose
 * conversations on restart. Holds JSON text, so sizes are real and stored state cannot be mutated
 * through a reference.
 *
 * @example
 * const store = createMemoryStore({ maxConversations: 10_000 });
 * const version = await store.write('c-1', { step: 'ask-date' }, undefined); // 1
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const maxConversations = options.maxConversations ?? 100_000;
  if (!Number.isSafeInteger(maxConversations) || maxConversations < 1) {
    throw new ConfigurationError('maxConversations', `must be a whole number of at least 1 (got ${String(maxConversations)})`);
  }
  const keepIdleMs = options.keepIdleMs ?? 30 * 60_000;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order; re-inserting on every use keeps the least recently used first.
  const entries = new Map<string, Entry>();

  function touch(conversationId: string, entry: Entry): void {
    entries.delete(conversationId);
    entries.set(conversationId, entry);
  }

  return {
    /** Nothing to take: the conversations live in this process. */
    async open(): Promise<void> {},

    get size() {
      return entries.size;
    },

    async read(conversationId): Promise<StoredConversation | undefined> {
      assertConversationId(conversationId);
      const entry = entries.get(conversationId);
      if (!entry) return undefined;
      entry.used = now();
      touch(conversationId, entry);
      return { state: JSON.parse(entry.json), version: entry.version };
    },

    // No await between the version check and the update: that is what makes it compare-and-set.
    async write(conversationId, state, expectedVersion): Promise<number> {
      assertConversationId(conversationId);
      assertExpectedVersion(conversationId, expectedVersion);
      const json = serializeState(conversationId, state);
      const current = entries.get(conversationId);
      if (current?.version !== expectedVersion) throw new StateConflictError(conversationId);
      const time = now();
      if (!current && entries.size >= maxConversations) {
        const [oldest, idle] = entries.entries().next().value!;
        if (time - idle.used < keepIdleMs) throw new StoreFullError(maxConversations);
        entries.delete(oldest);
      }
      const version = (current?.version ?? 0) + 1;
      touch(conversationId, { json, version, used: time });
      return version;
    },

    async delete(conversationId): Promise<void> {
      assertConversationId(conversationId);
      entries.delete(conversationId);
    },

    /** Nothing to flush or release: the conversations stay readable. */
    async close(): Promise<void> {},
  };
}
