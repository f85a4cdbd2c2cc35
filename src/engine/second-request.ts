/**
 * Two requests in one message ("where is order AB123456 and is there an outage in 94105?"). A
 * recognizer gives a message one intent, so the other request would be dropped without a word.
 *
 * Ordinary messages cost nothing here: only when the message parts into clauses (split-clauses.ts)
 * and one of them holds nothing the served request uses — none of its slots' values — is that
 * clause recognized on its own: one extra recognizer call at most for the cloud recognizers (each
 * call is paid for and adds latency). The embedded recognizer answers in-process in well under a
 * millisecond, so a message it understood may have each such clause tried, until one is another
 * task: when no clause holds a value, the first one tried is often the served request itself. When
 * a clause is a task of its own, the message is two requests, served in the order they were said.
 */
import type { Entity, Recognition } from '../nlu/recognizer.js';
import type { PendingRequest } from './conversation-state.js';
import { splitClauses, type Clause } from './split-clauses.js';

export interface SecondRequestOptions {
  /** The intent the message serves: its top intent, or the task whose question it answers. */
  served: string;
  /** The served task's slots and their types: values of these explain a clause. */
  slotTypes: Readonly<Record<string, string>>;
  /** The message answers the active task's question: that answer is served first, whatever the order. */
  answering: boolean;
  /** Whether an intent starts a task of its own (not a repair intent, not the served one). */
  isTask(intent: string): boolean;
  /** The turn's recognizer, for one clause. */
  recognize(text: string): Promise<Recognition | undefined>;
  turn: number;
}

export interface TwoRequests {
  /** What this turn serves: a recognition of its own words only. */
  first: Recognition;
  /** What waits until the first is done. */
  then: PendingRequest;
}

/**
 * The message as two requests, or undefined when it is one (the usual case, found without a call).
 *
 * @example
 * await findSecondRequest(recognition, { served: 'ReportOutage', slotTypes: { zipCode: 'ZipCode' }, answering: false, isTask, recognize, turn: 1 })
 * // { first: <CheckOrderStatus, "where is order AB123456">, then: { intent: 'ReportOutage', text: 'is there an outage in 94105', … } }
 */
export async function findSecondRequest(recognition: Recognition, options: SecondRequestOptions): Promise<TwoRequests | undefined> {
  const clauses = splitClauses(recognition.text, recognition.locale);
  if (clauses.length < 2) return undefined;
  const calls = recognition.provider === freeProvider ? clauses.length : 1;
  for (const asked of unexplainedClauses(clauses, recognition.entities, options).slice(0, calls)) {
    const alone = await options.recognize(recognition.text.slice(asked.start, asked.end));
    const intent = alone?.topIntent;
    if (!alone || !intent || intent === options.served || !options.isTask(intent)) continue;
    const served = excerpt(recognition, spansAround(clauses, asked));
    const askedFirst = !options.answering && clauses.find((clause) => clause.substantive) === asked;
    return askedFirst
      ? { first: alone, then: pendingOf(options.served, served, options.turn) }
      : { first: served, then: pendingOf(intent, alone, options.turn) };
  }
  return undefined;
}

/** The recognizer whose calls cost nothing: the embedded one, in-process. */
const freeProvider = 'local';

/**
 * The clauses worth a recognizer call, best first: those the served request does not explain (no
 * value of its slots in them) that could be a request, when the rest of the message still holds the
 * served one. A clause holding values the served request cannot use comes first ("where is order
 * AB123456").
 */
function unexplainedClauses(clauses: readonly Clause[], entities: readonly Entity[], options: SecondRequestOptions): Clause[] {
  const types = new Set(Object.values(options.slotTypes));
  const uses = (entity: Entity) => (entity.slot !== undefined && Object.hasOwn(options.slotTypes, entity.slot)) || types.has(entity.type);
  // Values a recognizer could not place in the text (start -1) say nothing about clauses.
  const inside = (clause: Clause) => entities.filter((entity) => entity.start >= clause.start && entity.end <= clause.end && entity.start >= 0);
  const unexplained = clauses.filter((clause) => clause.substantive && !inside(clause).some(uses));
  const withValues = unexplained.filter((clause) => inside(clause).length > 0);
  // Without another clause that could be the served request, the message is one request after all
  // ("thanks, and where is my order?"); an answer to the active question may be as short as "yes".
  return [...withValues, ...unexplained.filter((clause) => !withValues.includes(clause))].filter((choice) =>
    clauses.some((clause) => clause !== choice && (options.answering || clause.substantive)),
  );
}

/** The message without the asked clause: the clauses before it and after it, each run as one span. */
function spansAround(clauses: readonly Clause[], asked: Clause): Array<[number, number]> {
  const index = clauses.indexOf(asked);
  const before = clauses.slice(0, index);
  const after = clauses.slice(index + 1);
  const spans: Array<[number, number]> = [];
  if (before.length) spans.push([before[0]!.start, before[before.length - 1]!.end]);
  if (after.length) spans.push([after[0]!.start, after[after.length - 1]!.end]);
  return spans;
}

/** A recognition of part of a message: those words, and the values in them (offsets moved). */
function excerpt(recognition: Recognition, spans: ReadonlyArray<[number, number]>): Recognition {
  let text = '';
  const entities: Entity[] = [];
  for (const [start, end] of spans) {
    if (text) text += ' ';
    const shift = text.length - start;
    text += recognition.text.slice(start, end);
    for (const entity of recognition.entities) {
      if (entity.start >= start && entity.end <= end) entities.push({ ...entity, start: entity.start + shift, end: entity.end + shift });
    }
  }
  // A value the recognizer could not place belongs to its top intent, the served request.
  entities.push(...recognition.entities.filter((entity) => entity.start < 0));
  return { ...recognition, text, entities };
}

function pendingOf(intent: string, recognition: Recognition, turn: number): PendingRequest {
  return { intent, text: recognition.text, entities: recognition.entities, turn };
}

/** A pending request as the recognition its dialog starts with. */
export function recognitionOf(request: Pick<PendingRequest, 'intent' | 'text' | 'entities'>, locale: string): Recognition {
  return {
    text: request.text,
    locale,
    intents: [{ name: request.intent, confidence: 1 }],
    topIntent: request.intent,
    entities: request.entities,
    provider: 'engine',
    latencyMs: 0,
  };
}
