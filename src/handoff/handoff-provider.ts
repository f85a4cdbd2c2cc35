/**
 * The HandoffProvider seam: where a person takes over a conversation that is not already in a
 * contact center's own channel (web chat, Bot Framework…). The runtime opens the agent side with the
 * envelope, relays the customer's messages to it, follows what the agent does, and gives the
 * conversation back to the bot when the agent ends it.
 */
import type { ChannelAddress } from '../core/turn.js';
import type { AgentDeskSide } from './agent-desk-side.js';
import type { HandoffEnvelope } from './handoff-envelope.js';

/**
 * The provider's own handles for one handed-off conversation (a contact's id and its tokens): opaque
 * to the runtime, which keeps them with the conversation in its store, so any process can relay.
 */
export type AgentHandle = Record<string, string>;

/** What the agent side did. */
export type AgentEvent =
  | { kind: 'joined'; name: string; id: string }
  | { kind: 'message'; text: string; id: string }
  | { kind: 'left'; id: string }
  /** The agent side is over (the chat ended), whoever ended it. */
  | { kind: 'ended'; id: string };

export interface FollowOptions {
  /** The id of the last event already taken: the provider catches up from there. */
  after?: string;
  /** Told about each event, in order. */
  onEvent: (event: AgentEvent) => void;
  /** Told when following failed for good (the chat is gone); the runtime ends the handoff. */
  onError: (error: Error) => void;
  /** Aborted to stop following: no event is told after it, even one that was on its way. */
  signal: AbortSignal;
}

export interface HandoffProvider {
  /** `amazon-connect`, `azure-acs`… */
  readonly name: string;
  /**
   * Opens the agent side, with the envelope for the person who takes it. `customer.address` is where
   * the customer's channel reaches them (an ACS chat's thread): a provider on the same platform may
   * bring the person there instead of opening a chat of its own.
   */
  open(envelope: HandoffEnvelope, customer?: { channel: string; address?: ChannelAddress }): Promise<AgentHandle>;
  /** Relays a customer's message to the agent. */
  send(handle: AgentHandle, text: string, clientToken: string): Promise<void>;
  /** What the agent side did after the event `after` (all of it, without), read once: for catching up. */
  history(handle: AgentHandle, after?: string): Promise<AgentEvent[]>;
  /** Follows the agent side until `signal` aborts or the chat ends; resolves once it follows. */
  follow(handle: AgentHandle, options: FollowOptions): Promise<void>;
  /** The customer has gone (the conversation was erased): the agent side is told. */
  close(handle: AgentHandle): Promise<void>;
  /** What Parley's agent desk does with this provider's handoffs, when people can staff it from there. */
  readonly desk?: AgentDeskSide;
}
