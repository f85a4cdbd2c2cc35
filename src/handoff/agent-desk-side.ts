/**
 * What a person at Parley's agent desk (`channels/agent-desk/`) does with the handoffs a provider
 * holds: see who is waiting, join one, write, and end it. A HandoffProvider that a desk can staff
 * offers it as `provider.desk` (Parley's local relay, ACS with a pool of agent identities); the
 * customer's side stays the runtime's (relay, follow), so the desk and the customer meet through the
 * same provider.
 */

/** One handoff as the desk lists it: which conversation, and where it stands. */
export interface DeskHandoff {
  /** The provider's id of the agent chat (stable while it lasts). */
  id: string;
  /** The bot's conversation: its envelope and transcript come from `bot.envelope` and `bot.transcript`. */
  conversationId: string;
  /** `waiting` for a person, or `joined` by one. */
  state: 'waiting' | 'joined';
  /**
   * When the handoff opened (ISO time): the envelope's `at`, or the provider's clock soon after it.
   * The desk tells this handoff's envelope (`bot.envelope`) from an earlier handoff's by it.
   */
  since: string;
  /** The person who joined it. */
  agentName?: string;
}

export interface AgentDeskSide {
  /** The handoffs waiting or with a person, oldest first; ended ones are gone. */
  list(): Promise<DeskHandoff[]>;
  /** A person takes the handoff: the customer sees them join. Rejects with DeskHandoffError when it is not waiting. */
  join(id: string, agent: { name: string }): Promise<void>;
  /**
   * The person's message to the customer. Rejects with DeskHandoffError when no one has joined, it
   * has ended, or it holds as many messages as the provider keeps (`full`: the person can only end it).
   */
  say(id: string, text: string): Promise<void>;
  /** The person ends the handoff: the customer sees them leave, and the bot has the conversation again. */
  end(id: string): Promise<void>;
}

/**
 * A desk action on a handoff that does not allow it (unknown or ended, already joined, not joined,
 * full): the desk answers 404 for `not-found`, else 409.
 */
export class DeskHandoffError extends Error {
  override readonly name = 'DeskHandoffError';
  constructor(
    readonly code: 'not-found' | 'not-waiting' | 'not-joined' | 'full',
    message: string,
  ) {
    super(message);
  }
}
