/**
 * The handoffs as the desk shows them: the provider's list, each with the envelope of its
 * conversation's handoff (`bot.envelope`: reason, queue, summary, the task's values and missing
 * slots, sentiment, the transcript redacted) cut at the handoff, and the id of the transcript entry
 * that records the handoff, after which the desk's event stream of the conversation starts. A
 * handoff's envelope is read once and kept while the handoff is listed.
 */
import type { AgentDeskSide, DeskHandoff } from '../../src/handoff/agent-desk-side.js';
import type { HandoffEnvelope } from '../../src/handoff/handoff-envelope.js';
import type { Bot } from '../../src/runtime/create-bot.js';

/** One handoff in `GET /agent-desk/api/handoffs`. */
export interface DeskHandoffView extends DeskHandoff {
  /**
   * The envelope, its transcript what was said up to the handoff. Null for a moment while the
   * handoff's turn is being saved (the next look has it), or when the conversation is gone.
   */
  envelope: HandoffEnvelope | null;
  /** The id of the transcript entry that records the handoff: the event stream starts after it. */
  handoffEntryId: number | null;
}

type Details = Pick<DeskHandoffView, 'envelope' | 'handoffEntryId'>;

/**
 * How long after a handoff's decision (the envelope's `at`) a provider may stamp it opened (`since`,
 * on its own clock): an envelope older than that is an earlier handoff's.
 */
const openingMs = 30_000;

export interface DeskHandoffs {
  /** Waiting and joined handoffs, oldest first, each with its details. */
  list(): Promise<DeskHandoffView[]>;
  /** One open handoff, without reading its conversation; undefined when it is not open. */
  find(id: string): Promise<DeskHandoff | undefined>;
  /** One open handoff with its details. */
  view(handoff: DeskHandoff): Promise<DeskHandoffView>;
}

export function createDeskHandoffs(bot: Pick<Bot, 'envelope' | 'transcript'>, desk: AgentDeskSide): DeskHandoffs {
  const known = new Map<string, Details>();

  async function details(handoff: DeskHandoff): Promise<Details> {
    const kept = known.get(handoff.id);
    if (kept) return kept;
    const [envelope, transcript] = await Promise.all([bot.envelope(handoff.conversationId), bot.transcript(handoff.conversationId)]);
    // Not stored yet (the handoff opens before its turn is saved: what is stored is an earlier handoff's, or none), or gone.
    if (!envelope || !transcript || Date.parse(envelope.at) < Date.parse(handoff.since) - openingMs) return { envelope: null, handoffEntryId: null };
    const entry = transcript.findLast((candidate) => candidate.directive?.kind === 'handoff');
    // The envelope's lines are the transcript's entries with text, in order: those up to the handoff are its first ones.
    const before = entry ? transcript.filter((candidate) => candidate.id <= entry.id && candidate.text !== '').length : envelope.transcript.length;
    const found: Details = { envelope: { ...envelope, transcript: envelope.transcript.slice(0, before) }, handoffEntryId: entry?.id ?? null };
    known.set(handoff.id, found);
    return found;
  }

  const view = async (handoff: DeskHandoff): Promise<DeskHandoffView> => ({ ...handoff, ...(await details(handoff)) });

  return {
    async list() {
      const handoffs = await desk.list();
      const listed = new Set(handoffs.map((handoff) => handoff.id));
      for (const id of known.keys()) if (!listed.has(id)) known.delete(id);
      return Promise.all(handoffs.map(view));
    },
    async find(id) {
      return (await desk.list()).find((handoff) => handoff.id === id);
    },
    view,
  };
}
