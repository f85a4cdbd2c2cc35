/** What differs between the compiled and the deployed bot, in words for the plan: "2 utterances added, 1 removed". */
import type { LexIntentState, LexSlotTypeInput } from './lex-api-shapes.js';
import { comparableSlotType, intentFields, managedFields, managedSlotFields, sameFields, type FieldShape } from './lex-managed-fields.js';

const labels: Record<string, string> = {
  description: 'description',
  dataPrivacy: 'child-directed',
  idleSessionTTLInSeconds: 'idle session timeout',
  nluIntentConfidenceThreshold: 'confidence threshold',
  voiceSettings: 'voice',
  parentIntentSignature: 'built-in intent',
  dialogCodeHook: 'code hooks',
  fulfillmentCodeHook: 'code hooks',
  intentConfirmationSetting: 'confirmation',
  intentClosingSetting: 'closing response',
  parentSlotTypeSignature: 'built-in parent',
  valueSelectionSetting: 'resolution or pattern',
};

/**
 * The labels of the top-level fields (of `shape`) that differ, each once.
 *
 * @example
 * changedFields({ idleSessionTTLInSeconds: 600 }, { idleSessionTTLInSeconds: 300 }, botFields) // ['idle session timeout']
 */
export function changedFields(desired: object, deployed: object, shape: Record<string, FieldShape>, skip: readonly string[] = []): string[] {
  const changed = new Set<string>();
  for (const key of Object.keys(shape)) {
    if (skip.includes(key)) continue;
    const one = managedFields((desired as Record<string, unknown>)[key], shape[key]!);
    const other = managedFields((deployed as Record<string, unknown>)[key], shape[key]!);
    if (!sameFields(one, other)) changed.add(labels[key] ?? key);
  }
  return [...changed];
}

function counted(count: number, what: string, done: string): string {
  return `${count} ${what}${count === 1 ? '' : 's'} ${done}`;
}

/** `2 utterances added, 1 removed`. */
function addedRemoved(what: string, added: number, removed: number): string[] {
  if (added > 0 && removed > 0) return [`${counted(added, what, 'added')}, ${removed} removed`];
  if (added > 0) return [counted(added, what, 'added')];
  return removed > 0 ? [counted(removed, what, 'removed')] : [];
}

function difference<Item>(one: Iterable<Item>, other: ReadonlySet<Item>): Item[] {
  return [...one].filter((item) => !other.has(item));
}

/** `slot date added`, `slots date, time changed`. */
function slotWords(names: string[], done: string): string[] {
  if (names.length === 0) return [];
  return [`${names.length === 1 ? 'slot' : 'slots'} ${names.join(', ')} ${done}`];
}

export interface LexSlotChanges {
  create: string[];
  update: string[];
  delete: string[];
}

/** Which slots of an intent to create, update and delete. */
export function slotChanges(desired: LexIntentState, deployed: LexIntentState): LexSlotChanges {
  const current = new Map(deployed.slots.map((slot) => [slot.slotName, slot]));
  const wanted = new Set(desired.slots.map((slot) => slot.slotName));
  return {
    create: desired.slots.filter((slot) => !current.has(slot.slotName)).map((slot) => slot.slotName),
    update: desired.slots.filter((slot) => current.has(slot.slotName) && !sameFields(managedSlotFields(slot), managedSlotFields(current.get(slot.slotName)))).map((slot) => slot.slotName),
    delete: deployed.slots.filter((slot) => !wanted.has(slot.slotName)).map((slot) => slot.slotName),
  };
}

/** `2 utterances added, 1 removed; slot date changed; confirmation`. */
export function describeIntentChange(desired: LexIntentState, deployed: LexIntentState, slots: LexSlotChanges): string {
  const utterances = (state: LexIntentState) => new Set((state.intent.sampleUtterances ?? []).map((item) => item.utterance ?? ''));
  const wanted = utterances(desired);
  const current = utterances(deployed);
  const parts = [
    ...addedRemoved('utterance', difference(wanted, current).length, difference(current, wanted).length),
    ...changedFields(desired.intent, deployed.intent, intentFields, ['intentName', 'sampleUtterances']),
    ...slotWords(slots.create, 'added'),
    ...slotWords(slots.update, 'changed'),
    ...slotWords(slots.delete, 'removed'),
  ];
  const sameSet = slots.create.length === 0 && slots.delete.length === 0;
  if (sameSet && desired.slotPriorities.join('\u0000') !== deployed.slotPriorities.join('\u0000')) parts.push('slot order');
  return parts.join('; ') || 'settings the service filled in differently';
}

/** `1 value added; 2 values changed`. */
export function describeSlotTypeChange(desired: LexSlotTypeInput, deployed: LexSlotTypeInput): string {
  const values = (slotType: LexSlotTypeInput) => new Map((slotType.slotTypeValues ?? []).map((value) => [value.sampleValue?.value ?? '', value]));
  const wanted = values(desired);
  const current = values(deployed);
  const added = difference(wanted.keys(), new Set(current.keys())).length;
  const removed = difference(current.keys(), new Set(wanted.keys())).length;
  const changed = [...wanted].filter(([key, value]) => current.has(key) && !sameFields(comparableSlotType({ slotTypeValues: [value] }), comparableSlotType({ slotTypeValues: [current.get(key)] }))).length;
  const parts = [
    ...addedRemoved('value', added, removed),
    ...(changed > 0 ? [counted(changed, 'value', 'changed')] : []),
    ...changedFields(desired, deployed, { description: true, parentSlotTypeSignature: true, valueSelectionSetting: { resolutionStrategy: true, regexFilter: { pattern: true } } }),
  ];
  return parts.join('; ') || 'settings the service filled in differently';
}
