/**
 * What each conversation has said lately, in order, with ids: what the web page shows after a
 * reload, and what server-sent events replay after a network blip (`Last-Event-ID`). Messages that
 * arrive outside a turn (a person after a handoff, a slow task) are delivered here too.
 * Kept in memory, bounded per conversation and in number of conversations.
 */
import type { Directive, QuickReply } from '../core/turn.js';

export interface TranscriptEntry {
  /** Increases by one per conversation. */
  id: number;
  from: 'customer' | 'bot' | 'agent';
  text: string;
  quickReplies?: QuickReply[];
  directive?: Directive;
  /** ISO time. */
  at: string;
}

export type NewEntry = Omit<TranscriptEntry, 'id' | 'at'>;

interface Log {
  next: number;
  entries: TranscriptEntry[];
  listeners: Set<(entry: TranscriptEntry) => void>;
}

export interface ConversationHub {
  append(conversationId: string, entries: readonly NewEntry[]): TranscriptEntry[];
  /** Entries after an id (all, by default) that are still kept. */
  since(conversationId: string, afterId?: number): TranscriptEntry[];
  /** Calls `listener` for every entry appended from now on; returns the unsubscribe function. */
  subscribe(conversationId: string, listener: (entry: TranscriptEntry) => void): () => void;
  /** Whether the hub knows the conversation (it may have been forgotten after a restart). */
  has(conversationId: string): boolean;
  /** Listeners currently attached, across conversations (for shutdown and metrics). */
  readonly listenerCount: number;
}

export function createConversationHub(options: { keepPerConversation?: number; maxConversations?: number } = {}): ConversationHub {
  const keep = options.keepPerConversation ?? 200;
  const maxConversations = options.maxConversations ?? 10_000;
  const logs = new Map<string, Log>();
  let listenerCount = 0;

  const logOf = (conversationId: string): Log => {
    let log = logs.get(conversationId);
    if (log) {
      // Most recently used last, so the first key is the one to drop.
      logs.delete(conversationId);
    } else {
      log = { next: 1, entries: [], listeners: new Set() };
      if (logs.size >= maxConversations) dropIdle();
    }
    logs.set(conversationId, log);
    return log;
  };
  const dropIdle = () => {
    for (const [id, log] of logs) {
      if (log.listeners.size === 0) {
        logs.delete(id);
        return;
      }
    }
  };

  return {
    append(conversationId, entries) {
      const log = logOf(conversationId);
      const at = new Date().toISOString();
      const added = entries.map((entry) => ({ ...entry, id: log.next++, at }));
      log.entries.push(...added);
      if (log.entries.length > keep) log.entries.splice(0, log.entries.length - keep);
      for (const entry of added) for (const listener of log.listeners) listener(entry);
      return added;
    },
    since(conversationId, afterId = 0) {
      return (logs.get(conversationId)?.entries ?? []).filter((entry) => entry.id > afterId);
    },
    subscribe(conversationId, listener) {
      const log = logOf(conversationId);
      log.listeners.add(listener);
      listenerCount += 1;
      return () => {
        if (log.listeners.delete(listener)) listenerCount -= 1;
      };
    },
    has: (conversationId) => logs.has(conversationId),
    get listenerCount() {
      return listenerCount;
    },
  };
}
