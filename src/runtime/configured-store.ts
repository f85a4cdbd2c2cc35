/** The conversation store the runtime's `store` setting names. */
import type { RuntimeConfig } from './config.js';
import { createDynamoDbStore, createFileStore, createMemoryStore, type ConversationStore } from '../state/index.js';

/**
 * @example
 * const store = createStoreFromConfig(config.store);
 * await store.open?.(); // a store that cannot work stops the start here
 */
export function createStoreFromConfig(store: RuntimeConfig['store']): ConversationStore {
  switch (store.kind) {
    case 'file':
      return createFileStore({ directory: store.directory, shared: store.shared });
    case 'memory':
      return createMemoryStore({ maxConversations: store.maxConversations });
    case 'dynamodb':
      return createDynamoDbStore({ table: store.table, region: store.region, endpoint: store.endpoint, ttlSeconds: store.ttlSeconds });
  }
}
