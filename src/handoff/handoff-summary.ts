/**
 * The envelope's paragraph for the person taking over, written from the dialog state alone: what the
 * customer wanted, what they gave, what is missing, why they are handed over, how they sounded. In
 * the conversation's language (English and Spanish; others read English).
 */
import type { HandoffReason, SlotValue } from '../core/turn.js';
import { humanise } from '../engine/format-values.js';
import type { Sentiment } from '../nlu/recognizer.js';
import type { HandoffEnvelope } from './handoff-envelope.js';

interface SummaryPhrases {
  wanted(title: string, dialog: string): string;
  done(title: string, dialog: string): string;
  about(intents: string): string;
  nothing: string;
  gave(values: string): string;
  missing(slots: string): string;
  because: Record<HandoffReason, string>;
  sounded: Record<Sentiment['label'], string>;
  messages(count: number): string;
}

const english: SummaryPhrases = {
  wanted: (title, dialog) => `The customer wanted to ${title} (${dialog}).`,
  done: (title, dialog) => `The customer's last task was to ${title} (${dialog}).`,
  about: (intents) => `The conversation was about ${intents}.`,
  nothing: 'The assistant did not find out what the customer wanted.',
  gave: (values) => `They gave ${values}.`,
  missing: (slots) => `Still needed: ${slots}.`,
  because: {
    requested: 'Handed over because they asked for a person.',
    'retries-exhausted': 'Handed over because they could not give an answer the assistant accepts.',
    'not-understood': 'Handed over because the assistant did not understand them.',
    dialog: 'Handed over because the task needs a person.',
    unavailable: 'Handed over because the assistant could not answer in time.',
  },
  sounded: { negative: 'Their last message sounded negative.', positive: 'Their last message sounded positive.', mixed: 'Their last message sounded mixed.', neutral: 'Their last message sounded neutral.' },
  messages: (count) => `${count} ${count === 1 ? 'message' : 'messages'} in the transcript.`,
};

const spanish: SummaryPhrases = {
  wanted: (title, dialog) => `El cliente quería ${title} (${dialog}).`,
  done: (title, dialog) => `La última gestión del cliente fue ${title} (${dialog}).`,
  about: (intents) => `La conversación trató de ${intents}.`,
  nothing: 'El asistente no llegó a saber qué quería el cliente.',
  gave: (values) => `Ha dado ${values}.`,
  missing: (slots) => `Falta: ${slots}.`,
  because: {
    requested: 'Se transfiere porque pidió hablar con una persona.',
    'retries-exhausted': 'Se transfiere porque no pudo dar una respuesta que el asistente acepte.',
    'not-understood': 'Se transfiere porque el asistente no le entendió.',
    dialog: 'Se transfiere porque la gestión necesita a una persona.',
    unavailable: 'Se transfiere porque el asistente no pudo responder a tiempo.',
  },
  sounded: { negative: 'Su último mensaje sonaba negativo.', positive: 'Su último mensaje sonaba positivo.', mixed: 'Su último mensaje sonaba ambiguo.', neutral: 'Su último mensaje sonaba neutro.' },
  messages: (count) => `${count} ${count === 1 ? 'mensaje' : 'mensajes'} en la transcripción.`,
};

/**
 * @example
 * summarizeHandoff(envelope)
 * // 'The customer wanted to book a technician visit (BookRepair). They gave date 2026-12-08, time 15:00. Still needed: address. Handed over because they asked for a person.'
 */
export function summarizeHandoff(envelope: Omit<HandoffEnvelope, 'summary'>): string {
  const language = envelope.locale.split('-')[0];
  const phrases = language === 'es' ? spanish : english;
  const list = new Intl.ListFormat(language === 'es' ? 'es' : 'en', { style: 'short', type: 'conjunction' });
  const sentences: string[] = [];
  const { task } = envelope;
  if (task) {
    // A task handed over with the conversation is one still wanted; one completed or cancelled is history.
    const open = task.outcome === 'active' || task.outcome === 'handoff';
    sentences.push(open ? phrases.wanted(task.title, task.dialog) : phrases.done(task.title, task.dialog));
    const given = Object.entries(task.slots).map(([slot, value]) => `${humanise(slot)} ${formatValue(value)}`);
    if (given.length > 0) sentences.push(phrases.gave(given.join(', ')));
    if (task.missing.length > 0 && open) sentences.push(phrases.missing(list.format(task.missing.map(humanise))));
  } else if (envelope.intents.length > 0) {
    sentences.push(phrases.about(list.format(envelope.intents)));
  } else {
    sentences.push(phrases.nothing);
  }
  sentences.push(phrases.because[envelope.reason]);
  if (envelope.sentiment) sentences.push(phrases.sounded[envelope.sentiment.label]);
  const customerLines = envelope.transcript.filter((line) => line.from === 'customer').length;
  if (customerLines > 0) sentences.push(phrases.messages(envelope.transcript.length));
  return sentences.join(' ');
}

function formatValue(value: SlotValue): string {
  return Array.isArray(value) ? value.join(' + ') : String(value);
}
