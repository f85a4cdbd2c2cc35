/**
 * The handoff envelope: everything a person taking over a conversation should know, in one shape for
 * every provider (an Amazon Connect queue, an ACS agent, a Bot Framework handoff) — why and where it
 * goes, what the customer wanted, what they gave and what is missing, how they sounded, what was
 * said (redacted), and a paragraph that says it all at a glance.
 */
import type { HandoffReason, TranscriptEntry } from '../core/turn.js';
import type { TaskInHand } from '../engine/engine.js';
import type { Sentiment } from '../nlu/recognizer.js';
import { redactText, type Redactor } from '../insights/redact-text.js';
import { summarizeHandoff } from './handoff-summary.js';

export const handoffEnvelopeVersion = 1;

/** One line of the transcript a person reads, its text redacted. */
export interface EnvelopeLine {
  from: TranscriptEntry['from'];
  text: string;
  /** ISO time. */
  at: string;
}

export interface HandoffEnvelope {
  v: typeof handoffEnvelopeVersion;
  conversationId: string;
  /** The channel the customer is on (`web`, `connect`, `bot-framework`…). */
  channel: string;
  reason: HandoffReason;
  queue: string;
  locale: string;
  /** When the handoff was decided (ISO). */
  at: string;
  /** The intents the conversation was about, oldest first, each once. */
  intents: string[];
  /** The task under way (or the one just done), with the values given and the required ones missing. */
  task: TaskInHand | null;
  /** The tone of the customer's latest judged message, when a provider judged one. */
  sentiment?: Sentiment;
  /** What was said, oldest first, redacted; the transcript's own limits apply. */
  transcript: EnvelopeLine[];
  /** One paragraph for the person taking over, in the conversation's language. */
  summary: string;
}

export interface EnvelopeInput {
  conversationId: string;
  channel: string;
  directive: { queue: string; reason: HandoffReason };
  locale: string;
  at: string;
  intents?: readonly string[];
  task: TaskInHand | null;
  sentiment?: Sentiment;
  /** The conversation's transcript entries, oldest first; entries that only record a directive are left out. */
  transcript: readonly TranscriptEntry[];
  /** Default: the local detectors (emails, cards, SSNs, IBANs, phone numbers). */
  redact?: Redactor;
}

/**
 * @example
 * const envelope = buildHandoffEnvelope({ conversationId, channel: 'web', directive, locale: 'en-US', at, task: engine.task(state), transcript });
 * envelope.summary // 'The customer wanted to book a technician visit (BookRepair). …'
 */
export function buildHandoffEnvelope(input: EnvelopeInput): HandoffEnvelope {
  const redact = input.redact ?? redactText;
  const envelope: Omit<HandoffEnvelope, 'summary'> = {
    v: handoffEnvelopeVersion,
    conversationId: input.conversationId,
    channel: input.channel,
    reason: input.directive.reason,
    queue: input.directive.queue,
    locale: input.locale,
    at: input.at,
    intents: [...(input.intents ?? [])],
    task: input.task,
    ...(input.sentiment ? { sentiment: input.sentiment } : {}),
    transcript: input.transcript.filter((entry) => entry.text !== '').map((entry) => ({ from: entry.from, text: redact(entry.text), at: entry.at })),
  };
  return { ...envelope, summary: summarizeHandoff(envelope) };
}
