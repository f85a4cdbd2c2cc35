/** The conversation store the runtime's `store` setting names. */
import type { RuntimeConfig } from './config.js';
import { createDynamoDbStore, createFileStore, createMemoryStore, type ConversationStore, type DynamoDbRequest } from '../state/index.js';

export interface StoreObserver {
  /** Every request the DynamoDB store makes, with the capacity units it consumed. */
  onDynamoDbRequest?: (request: DynamoDbRequest) => void;
}

/**
 * @example
 * const store = createStoreFromConfig(config.store);
 * await store.open?.(); // a store that cannot work stops the start here
 */
export function createStoreFromConfig(store: RuntimeConfig['store'], observer: StoreObserver = {}): ConversationStore {
  switch (store.kind) {
    case 'file':
      return createFileStore({ directory: store.directory, shared: store.shared, ttlSeconds: store.ttlSeconds });
    case 'memory':
      return createMemoryStore({ maxConversations: store.maxConversations });
    case 'dynamodb':
      return createDynamoDbStore({ table: store.table, region: store.region, endpoint: store.endpoint, ttlSeconds: store.ttlSeconds, onRequest: observer.onDynamoDbRequest });
  }
}
