export type { ConversationStore, StoredConversation } from './conversation-store.js';
export { createFileStore } from './file-store.js';
export type { FileStore, FileStoreOptions } from './file-store.js';
export { createMemoryStore } from './memory-store.js';
export type { MemoryStore, MemoryStoreOptions } from './memory-store.js';
export { createDynamoDbStore } from './dynamodb-store.js';
export type { DynamoDbRequest, DynamoDbStore, DynamoDbStoreOptions } from './dynamodb-store.js';
export { createDynamoDbTable } from './dynamodb-table.js';
export type { CreatedDynamoDbTable } from './dynamodb-table.js';
