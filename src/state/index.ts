export type { ConversationStore, StoredConversation } from './conversation-store.js';
export { createFileStore } from './file-store.js';
export type { FileStore, FileStoreOptions } from './file-store.js';
export { createMemoryStore } from './memory-store.js';
export type { MemoryStore, MemoryStoreOptions } from './memory-store.js';
