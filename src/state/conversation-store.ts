/** How long the file and DynamoDB stores keep a conversation after its last write, by default: a day. */
export const defaultTtlSeconds = 86_400;

/** A conversation as the store holds it: its state and the version to pass back when writing. */
export interface StoredConversation {
  /** A JSON value: what was written, read back as a fresh copy. */
  state: unknown;
  /** 1 after the first write, then 2, 3... */
  version: number;
}

/**
 * Where conversations live between turns. Each turn reads the conversation, runs, and writes it back
 * with compare-and-set on `version`, so any process can serve the next turn and no turn is lost.
 *
 * Conversation ids must pass `isSafeId`; any other id is rejected with a `ParleyError` whose code
 * is `input-rejected`, and nothing is stored.
 *
 * @example
 * const stored = await store.read(conversationId);
 * const state = runTurn(stored?.state);
 * await store.write(conversationId, state, stored?.version); // StateConflictError: retry the turn
 */
export interface ConversationStore {
  /**
   * Other processes write these conversations too (DynamoDB, a shared file directory): a turn then
   * claims the conversation before any dialog code runs, so that it runs once (runtime/turn-claims.ts).
   */
  readonly shared?: boolean;
  /**
   * Takes what the store needs (a folder, a connection) now, so that a store that cannot work fails at
   * start rather than on the first turn. Throws a `ConfigurationError` that says why and how to fix
   * it. Optional: without it, or before it, the first operation takes what the store needs.
   *
   * @example
   * const store = createFileStore({ directory: '/var/lib/parley/conversations' });
   * await store.open?.(); // before the server takes turns
   */
  open?(): Promise<void>;
  /** The conversation, or `undefined` when it has never been written (or was deleted). */
  read(conversationId: string): Promise<StoredConversation | undefined>;
  /**
   * Writes the conversation if its stored version is still `expectedVersion`; `undefined` means the
   * conversation must not exist yet. Returns the new version. Throws `StateConflictError` when the
   * stored version differs.
   */
  write(conversationId: string, state: unknown, expectedVersion: number | undefined): Promise<number>;
  /**
   * Forgets the conversation and everything the store keeps of it (a file store's damaged copies
   * too); deleting one that does not exist is not an error. What a store cannot remove at once — the
   * file store's journal, until its next checkpoint — goes within seconds.
   */
  delete(conversationId: string): Promise<void>;
  /**
   * Flushes and releases what the store holds (files, locks, timers); call it at shutdown. Stores
   * that hold nothing may omit it; after it, a store may refuse further calls.
   */
  close?(): Promise<void>;
}
