/**
 * A CLU prediction made from the local recognizer's Recognition, in the service's wire shape: every
 * intent plus `None`, and entities named after the slot they fill (the convention Parley's CLU
 * projects follow), with CLU's prebuilt resolutions and list keys.
 */
import type { LocaleModel } from '../../../content/intent-model.js';
import type { Entity, Recognition } from '../../../nlu/recognizer.js';
import type { StringIndexType } from './clu-request.js';

export interface WireEntity {
  category: string;
  text: string;
  offset: number;
  length: number;
  confidenceScore: number;
  resolutions?: Array<Record<string, unknown>>;
  extraInformation?: Array<Record<string, unknown>>;
}

export interface WirePrediction {
  projectKind: 'Conversation';
  topIntent: string;
  intents: Array<{ category: string; confidenceScore: number }>;
  entities: WireEntity[];
}

export function predictionFor(recognition: Recognition, model: LocaleModel, threshold: number, indexType: StringIndexType): WirePrediction {
  const listed = recognition.intents.map((intent) => ({ category: intent.name, confidenceScore: intent.confidence }));
  // CLU lists every intent of the project; the local recognizer only its best ten.
  for (const intent of model.intents) {
    if (!listed.some((item) => item.category === intent.name)) listed.push({ category: intent.name, confidenceScore: 0 });
  }
  const outOfScope = (recognition.raw as { outOfScope?: unknown } | undefined)?.outOfScope;
  listed.push({ category: 'None', confidenceScore: typeof outOfScope === 'number' ? outOfScope : 0 });
  listed.sort((a, b) => b.confidenceScore - a.confidenceScore);
  const top = recognition.topIntent;
  const topScore = recognition.intents.find((intent) => intent.name === top)?.confidence ?? 0;
  const topIntent = top !== null && topScore >= threshold ? top : 'None';
  return { projectKind: 'Conversation', topIntent, intents: listed, entities: entitiesFor(recognition, model, topIntent, indexType) };
}

function entitiesFor(recognition: Recognition, model: LocaleModel, topIntent: string, indexType: StringIndexType): WireEntity[] {
  const text = recognition.text;
  const wire: WireEntity[] = [];
  const done = new Set<Entity>();
  for (const entity of recognition.entities) {
    if (done.has(entity)) continue;
    // "tomorrow at 3pm" is one DateTime to CLU, which the local recognizer reads as a date and a time.
    const partner = recognition.entities.find(
      (other) => other !== entity && other.start === entity.start && other.end === entity.end && isDateTimePair(entity, other),
    );
    const group = partner ? [entity, partner] : [entity];
    group.forEach((member) => done.add(member));
    const categories = new Set(group.map((member) => categoryOf(member, model, topIntent)).filter((name) => name !== undefined));
    for (const category of categories) {
      wire.push({
        category,
        text: text.slice(entity.start, entity.end),
        ...offsets(text, entity.start, entity.end, indexType),
        confidenceScore: Math.min(...group.map((member) => member.confidence ?? 1)),
        ...detailsOf(group, model),
      });
    }
  }
  return wire;
}

function isDateTimePair(a: Entity, b: Entity): boolean {
  return (a.type === 'date' && b.type === 'time') || (a.type === 'time' && b.type === 'date');
}

/** The slot the value fills: its own, else a slot of its type in the top intent, else in any intent. A value no slot takes is not a CLU entity. */
function categoryOf(entity: Entity, model: LocaleModel, topIntent: string): string | undefined {
  if (entity.slot) return entity.slot;
  const top = model.intents.find((intent) => intent.name === topIntent);
  const slots = [...(top?.slots ?? []), ...model.intents.flatMap((intent) => intent.slots)];
  return slots.find((slot) => slot.type === entity.type)?.name;
}

function detailsOf(group: Entity[], model: LocaleModel): Pick<WireEntity, 'resolutions' | 'extraInformation'> {
  const date = group.find((member) => member.type === 'date')?.value;
  const time = group.find((member) => member.type === 'time')?.value;
  if (date !== undefined || time !== undefined) return { resolutions: [dateTimeResolution(date, time)] };
  const [entity] = group;
  if (!entity) return {};
  if (entity.type === 'number' && typeof entity.value === 'number') {
    const numberKind = Number.isInteger(entity.value) ? 'Integer' : 'Decimal';
    return { resolutions: [{ resolutionKind: 'NumberResolution', numberKind, value: entity.value }] };
  }
  const listed = model.slotTypes.some((slotType) => slotType.kind === 'list' && slotType.name === entity.type);
  return listed ? { extraInformation: [{ extraInformationKind: 'ListKey', key: String(entity.value) }] } : {};
}

function dateTimeResolution(date: unknown, time: unknown): Record<string, unknown> {
  const base = { resolutionKind: 'DateTimeResolution' };
  if (date !== undefined && time !== undefined) {
    return { ...base, dateTimeSubKind: 'DateTime', timex: `${date}T${time}`, value: `${date} ${time}:00` };
  }
  if (date !== undefined) return { ...base, dateTimeSubKind: 'Date', timex: String(date), value: String(date) };
  return { ...base, dateTimeSubKind: 'Time', timex: `T${time}`, value: `${time}:00` };
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Offsets counted the way the request asked: UTF-16 code units, code points, or text elements (graphemes). */
function offsets(text: string, start: number, end: number, indexType: StringIndexType): { offset: number; length: number } {
  if (indexType === 'Utf16CodeUnit') return { offset: start, length: end - start };
  const count = (part: string) => (indexType === 'UnicodeCodePoint' ? [...part].length : [...graphemes.segment(part)].length);
  return { offset: count(text.slice(0, start)), length: count(text.slice(start, end)) };
}
