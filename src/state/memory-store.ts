import { ConfigurationError, StateConflictError } from '../core/errors.js';
import type { ConversationStore, StoredConversation } from './conversation-store.js';
import { assertConversationId, assertExpectedVersion, serializeState } from './store-input.js';

export interface MemoryStoreOptions {
  /** Beyond this many conversations the least recently used is forgotten. Default 100,000. */
  maxConversations?: number;
}

/** A store in this process's memory; conversations do not survive a restart. */
export interface MemoryStore extends ConversationStore {
  /** How many conversations are held now. */
  readonly size: number;
}

interface Entry {
  json: string;
  version: number;
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
      const version = (current?.version ?? 0) + 1;
      touch(conversationId, { json, version });
      for (const oldest of entries.keys()) {
        if (entries.size <= maxConversations) break;
        entries.delete(oldest);
      }
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
