/**
 * A person's side of a handed-off conversation, for channels outside a contact center (web chat,
 * Bot Framework): the runtime opens the agent chat through the handoff provider with the envelope,
 * relays the customer's messages to it while the bot stays quiet, follows what the agent does into
 * the transcript (which the page's event stream shows), and gives the conversation back to the bot
 * when the agent leaves. The session is kept with the conversation, so any process can relay; the
 * process that serves the conversation follows the chat (again, after a restart, from the last event
 * it took) when a turn or an event stream comes for it.
 */
import { randomUUID } from 'node:crypto';
import { ConversationNotFoundError } from '../core/errors.js';
import type { NewTranscriptEntry } from '../core/turn.js';
import type { HandoffEnvelope } from '../handoff/handoff-envelope.js';
import type { AgentEvent, HandoffProvider } from '../handoff/handoff-provider.js';
import type { AgentSession, ConversationRecord } from './conversation-record.js';

export interface AgentSessionsContext {
  provider: HandoffProvider;
  /**
   * Changes a stored conversation, alone among its operations: `work` edits the record and returns
   * the transcript entries to add (undefined: nothing to save).
   */
  change(conversationId: string, work: (record: ConversationRecord) => NewTranscriptEntry[] | undefined): Promise<void>;
  /** What the bot says when the person has left, in the conversation's language. */
  backWithBot(record: ConversationRecord): string;
  report(error: Error, conversationId: string): void;
}

export interface AgentSessions {
  /** Opens the agent side for a handoff (the record gets its session); false when the provider failed. */
  open(record: ConversationRecord, envelope: HandoffEnvelope, now: string): Promise<boolean>;
  /** Relays a customer's message; false when the agent side is gone (the bot takes the message). */
  relay(conversationId: string, session: AgentSession, text: string, key: string | undefined): Promise<boolean>;
  /**
   * Ends a session whose agent side is gone (in place): what the agent did that no process took yet,
   * then their leaving, as transcript entries to add.
   */
  end(conversationId: string, record: ConversationRecord, session: AgentSession): Promise<NewTranscriptEntry[]>;
  /** Follows the conversation's agent side in this process, unless it already does. */
  follow(conversationId: string, session: AgentSession): void;
  /** The customer has gone: the agent side is told, and no longer followed. */
  close(conversationId: string, session: AgentSession): Promise<void>;
  /** Stops following every chat (the process is shutting down; another follows them later). */
  stop(): void;
}

export function createAgentSessions(context: AgentSessionsContext): AgentSessions {
  const { provider } = context;
  /** Conversations followed in this process, and how to stop each. */
  const following = new Map<string, AbortController>();
  const unfollow = (conversationId: string) => {
    following.get(conversationId)?.abort();
    following.delete(conversationId);
  };
  const toError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

  /** One agent event into the conversation, unless the session it belongs to is over. */
  function take(conversationId: string, contactOf: AgentSession, event: AgentEvent): Promise<void> {
    return changeIfThere(conversationId, (record) => {
      const session = record.agent;
      if (!session || !sameSession(session, contactOf)) return undefined;
      session.after = event.id;
      if (event.kind === 'joined') session.state = 'joined';
      const entry = entryOf(event);
      if (entry) return [entry];
      delete record.agent;
      unfollow(conversationId);
      return [{ from: 'agent', text: '', event: 'agent-left' }, { from: 'bot', text: context.backWithBot(record) }];
    });
  }

  /** The agent side is lost for good: the conversation goes back to the bot, and says so. */
  function lose(conversationId: string, contactOf: AgentSession, error: Error): void {
    context.report(error, conversationId);
    following.delete(conversationId);
    changeIfThere(conversationId, (record) => {
      if (!record.agent || !sameSession(record.agent, contactOf)) return undefined;
      delete record.agent;
      return [{ from: 'agent', text: '', event: 'agent-left' }, { from: 'bot', text: context.backWithBot(record) }];
    }).catch((failure: unknown) => context.report(toError(failure), conversationId));
  }

  /** A conversation erased meanwhile has no one to tell. */
  function changeIfThere(conversationId: string, work: Parameters<AgentSessionsContext['change']>[1]): Promise<void> {
    return context.change(conversationId, work).catch((error: unknown) => {
      if (!(error instanceof ConversationNotFoundError)) throw error;
    });
  }

  return {
    async open(record, envelope, now) {
      try {
        const handle = await provider.open(envelope, { channel: record.channel ?? envelope.channel, ...(record.address ? { address: record.address } : {}) });
        record.agent = { provider: provider.name, handle, state: 'waiting', since: now };
        return true;
      } catch (error) {
        context.report(toError(error), envelope.conversationId);
        return false;
      }
    },
    async relay(conversationId, session, text, key) {
      try {
        await provider.send(session.handle, text, key ?? randomUUID());
        this.follow(conversationId, session);
        return true;
      } catch (error) {
        context.report(toError(error), conversationId);
        unfollow(conversationId);
        return false;
      }
    },
    async end(conversationId, record, session) {
      unfollow(conversationId);
      const missed = await provider.history(session.handle, session.after).catch((error: unknown) => {
        context.report(toError(error), conversationId);
        return [];
      });
      delete record.agent;
      const entries = missed.flatMap((event) => entryOf(event) ?? []);
      return [...entries, { from: 'agent', text: '', event: 'agent-left' }];
    },
    follow(conversationId, session) {
      if (following.has(conversationId)) return;
      const controller = new AbortController();
      following.set(conversationId, controller);
      // Events are taken in the order they come: each waits for the one before it.
      let previous = Promise.resolve();
      provider
        .follow(session.handle, {
          ...(session.after ? { after: session.after } : {}),
          signal: controller.signal,
          onEvent: (event) => {
            previous = previous.then(() => take(conversationId, session, event)).catch((error: unknown) => context.report(toError(error), conversationId));
          },
          onError: (error) => lose(conversationId, session, error),
        })
        .catch((error: unknown) => {
          if (!controller.signal.aborted) lose(conversationId, session, toError(error));
        });
    },
    async close(conversationId, session) {
      unfollow(conversationId);
      await provider.close(session.handle).catch((error: unknown) => context.report(toError(error), conversationId));
    },
    stop() {
      for (const conversationId of [...following.keys()]) unfollow(conversationId);
    },
  };
}

/** The transcript entry of an agent's joining or message; undefined for their leaving or the end. */
function entryOf(event: AgentEvent): NewTranscriptEntry | undefined {
  if (event.kind === 'joined') return { from: 'agent', text: event.name, event: 'agent-joined' };
  if (event.kind === 'message') return { from: 'agent', text: event.text };
  return undefined;
}

/** The same agent chat: a later handoff of the conversation opens another. */
function sameSession(a: AgentSession, b: AgentSession): boolean {
  return a.since === b.since && a.provider === b.provider;
}
