import type { ConversationEntry } from './journal-records.js';

/** What the cache knows of a conversation: its entry, `'deleted'`, or `undefined` (read its file). */
export type Known = ConversationEntry | 'deleted' | undefined;

/**
 * What the owning process knows of its conversations. Changes journaled since the last checkpoint
 * are "dirty": their files are out of date, so they stay here until checkpointed, whatever the
 * limit. Up to `limit` other conversations are kept as well, the least recently used going first.
 */
export class ConversationCache {
  private readonly dirty = new Map<string, ConversationEntry | 'deleted'>();
  private readonly recent = new Map<string, ConversationEntry>();

  constructor(private readonly limit: number) {}

  get(conversationId: string): Known {
    const dirty = this.dirty.get(conversationId);
    if (dirty) return dirty;
    const entry = this.recent.get(conversationId);
    if (entry) this.touch(conversationId, entry);
    return entry;
  }

  /** True when the conversation changed since the last checkpoint: its file is out of date. */
  isDirty(conversationId: string): boolean {
    return this.dirty.has(conversationId);
  }

  /** Keeps what the conversation's file holds (read while no change to it could run). */
  remember(conversationId: string, entry: ConversationEntry): void {
    if (!this.dirty.has(conversationId)) this.touch(conversationId, entry);
  }

  /** Forgets a clean conversation, so that its file is read again. */
  forget(conversationId: string): void {
    this.recent.delete(conversationId);
  }

  /** Records a change now durable in the journal, not yet in the conversation's file. */
  journaled(conversationId: string, change: ConversationEntry | 'deleted'): void {
    this.recent.delete(conversationId);
    this.dirty.set(conversationId, change);
  }

  /** The dirty conversations, as a snapshot to checkpoint. */
  dirtyChanges(): [string, ConversationEntry | 'deleted'][] {
    return [...this.dirty];
  }

  /** The change is now in the conversation's file; it is clean unless it changed again meanwhile. */
  checkpointed(conversationId: string, change: ConversationEntry | 'deleted'): void {
    if (this.dirty.get(conversationId) !== change) return;
    this.dirty.delete(conversationId);
    if (change !== 'deleted') this.touch(conversationId, change);
  }

  // A Map iterates in insertion order; re-inserting on every use keeps the least recently used first.
  private touch(conversationId: string, entry: ConversationEntry): void {
    this.recent.delete(conversationId);
    this.recent.set(conversationId, entry);
    if (this.recent.size > this.limit) this.recent.delete(this.recent.keys().next().value!);
  }
}
