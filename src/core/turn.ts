/**
 * The turn model every channel speaks: a channel parses its payload into a TurnInput and renders
 * a TurnOutput. Nothing below the channel knows which channel it serves.
 */

import type { HandoffEnvelope } from '../handoff/handoff-envelope.js';
import type { Recognition } from '../nlu/recognizer.js';
import type { RouteTrace } from '../nlu/router/route-trace.js';

/** What the customer sent in one turn. */
export type TurnContent =
  | { kind: 'text'; text: string }
  | { kind: 'dtmf'; digits: string }
  | { kind: 'event'; name: string; value?: unknown };

export interface TurnInput {
  conversationId: string;
  /** `web`, `bot-framework`, `sms`, `voice`, `connect`, `terminal`, `test`… The channel that starts a conversation owns it. */
  channel: string;
  /** BCP 47, e.g. `en-US`; the bot's default locale when absent. */
  locale?: string;
  content: TurnContent;
  /**
   * The channel's id for this delivery (a Bot Framework activity id, a web `clientMessageId`): a turn
   * delivered again with the same key gets the first answer and runs no dialog code; the same key
   * with other content is refused. At most 200 characters.
   */
  idempotencyKey?: string;
  /**
   * What the channel's platform understood already (Lex's interpretation, when Parley is a Lex bot's
   * code hook): the turn reads it instead of asking the bot's recognizer. One that understood
   * nothing — no intent, no value — is read again by the bot's recognizer, which knows what the
   * dialog is waiting for.
   */
  understood?: Recognition;
  /**
   * Where the channel reaches this customer outside a turn (a phone number, a chat thread's id):
   * kept with the conversation, the latest one given, so `bot.notify` can write to them later. Opaque
   * to the runtime and never logged.
   */
  address?: ChannelAddress;
}

/** A channel's own way of reaching one customer outside a turn (`{ phone: '+14255550123' }`). */
export type ChannelAddress = Record<string, string>;

/** A button the customer can press instead of typing; `value` is sent as their text. */
export interface QuickReply {
  title: string;
  value: string;
}

/** One thing the bot says. */
export interface Message {
  text: string;
  quickReplies?: QuickReply[];
}

/** What the bot asks the runtime to do besides talking. */
export type Directive =
  | { kind: 'handoff'; queue: string; reason: HandoffReason; dialog?: string }
  | { kind: 'end' };

/**
 * Why a conversation is handed to a person: the customer asked; a question was answered wrongly too
 * often; nothing was understood too often; a dialog decided; or the bot could not answer in time (a
 * channel hands off itself when the platform's deadline comes first).
 */
export type HandoffReason = 'requested' | 'retries-exhausted' | 'not-understood' | 'dialog' | 'unavailable';

/** The names conversation tests and debuggers read (see the reference assistant's contract). */
export interface ConversationView {
  /** Top intent of the last turn, or null when nothing was understood. */
  intent: string | null;
  /** The active dialog, or null when idle. */
  dialog: string | null;
  /** The slot being asked for, `confirmation`, `change`, `handoffOffer`, or null. */
  awaiting: string | null;
  /** Resolved slot values of the active dialog (or of the last task when idle). */
  slots: Record<string, SlotValue>;
  handoff: { queue: string } | null;
  ended: boolean;
}

/** One value: a list type's canonical value, a date `YYYY-MM-DD`, a time `HH:MM`, a number… */
export type SingleSlotValue = string | number;

/**
 * What a slot holds: one value, or, for a slot declared `multiple: true`, the list of its values in
 * the order the customer gave them (`['pepperoni', 'mushroom']`). Plain JSON either way.
 */
export type SlotValue = SingleSlotValue | SingleSlotValue[];

/** How a turn was understood, for `parley chat --debug` and test failures. Holds customer text: never log it by default. */
export interface TurnTrace {
  provider: string;
  topIntent: string | null;
  intents: Array<{ name: string; confidence: number }>;
  entities: Array<{ type: string; slot?: string; text: string; value: SingleSlotValue }>;
  latencyMs: number;
  expecting?: { intent?: string; slot?: string; slotType?: string; confirmation?: boolean };
  /** The router's decision, when a router chose the recognizer. */
  route?: RouteTrace;
}

export interface TurnOutput {
  conversationId: string;
  messages: Message[];
  directives: Directive[];
  view: ConversationView;
  trace?: TurnTrace;
  /** The transcript entries this turn added: the customer's words, the replies, the directives. */
  transcript?: TranscriptEntry[];
  /** True when this is the stored answer to a turn delivered before with the same idempotency key. */
  redelivered?: boolean;
  /** With a handoff directive: what the person taking over should know (channels pass it to the provider). */
  handoff?: HandoffEnvelope;
  /**
   * A person has the conversation after this turn (a handoff provider's agent chat): what they say
   * arrives outside turns, through `bot.watch`, until they leave.
   */
  withAgent?: true;
}

/**
 * One line of a conversation's transcript, as a reloaded page or a person taking over sees it. Kept
 * with the conversation in its store, so it survives a restart; ids only grow, per conversation.
 */
export interface TranscriptEntry {
  id: number;
  from: 'customer' | 'bot' | 'agent';
  text: string;
  quickReplies?: QuickReply[];
  /** Set on the entry that records a handoff or the end (its `text` is empty). */
  directive?: Directive;
  /** Set on an agent's entry that records them joining (`text` is their name) or leaving (`text` is empty). */
  event?: 'agent-joined' | 'agent-left';
  /** ISO time, from the bot's clock. */
  at: string;
}

/** An entry before the transcript gives it an id and a time. */
export type NewTranscriptEntry = Omit<TranscriptEntry, 'id' | 'at'>;
