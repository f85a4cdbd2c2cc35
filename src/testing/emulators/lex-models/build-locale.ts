/**
 * What makes BuildBotLocale fail, checked when the build is submitted: the rules of the real build
 * the emulator knows of, each reported in `failureReasons` naming the intent, slot or slot type.
 * The wording is the emulator's own; the service's differs, and tests should match on names.
 */
import { builtInSlotTypes, fallbackIntent } from './lex-catalog.js';
import type { StoredIntent, StoredLocale } from './models-store.js';

const slotReference = /\{([^{}]*)\}/g;

export function buildFailures(locale: StoredLocale): string[] {
  const failures: string[] = [];
  const intents = [...locale.intents.values()];
  if (!intents.some((intent) => intent.settings.parentIntentSignature !== fallbackIntent.parentIntentSignature)) {
    failures.push(`Bot locale ${locale.localeId} has no intent other than ${fallbackIntent.parentIntentSignature}; add at least one intent.`);
  }
  for (const slotType of locale.slotTypes.values()) {
    const { slotTypeName, slotTypeValues, compositeSlotTypeSetting, externalSourceSetting, parentSlotTypeSignature } = slotType.settings;
    if (!slotTypeValues?.length && !compositeSlotTypeSetting && !externalSourceSetting && !parentSlotTypeSignature) {
      failures.push(`Slot type '${slotTypeName}' has no values; add at least one slot type value.`);
    }
  }
  for (const intent of intents) failures.push(...intentFailures(intent, locale));
  failures.push(...duplicateUtterances(intents));
  return failures;
}

function intentFailures(intent: StoredIntent, locale: StoredLocale): string[] {
  const failures: string[] = [];
  const { intentName, parentIntentSignature, sampleUtterances = [], slotPriorities = [] } = intent.settings;
  const slots = [...intent.slots.values()];
  const slotNames = new Set(slots.map((slot) => slot.settings.slotName));
  if (!parentIntentSignature && sampleUtterances.length === 0) {
    failures.push(`Intent '${intentName}' has no sample utterances; add at least one.`);
  }
  for (const { utterance = '' } of sampleUtterances) {
    if (utterance.replace(slotReference, '').match(/[{}]/)) failures.push(`Sample utterance '${utterance}' of intent '${intentName}' has an unbalanced brace.`);
    for (const [, name] of utterance.matchAll(slotReference)) {
      if (!slotNames.has(name ?? '')) failures.push(`Sample utterance '${utterance}' of intent '${intentName}' refers to slot '${name}', which intent '${intentName}' does not have.`);
    }
  }
  const prioritised = new Set(slotPriorities.map((priority) => priority.slotId));
  for (const slot of slots) {
    const { slotName, slotTypeId, valueElicitationSetting } = slot.settings;
    if (slotTypeId && !(builtInSlotTypes as readonly string[]).includes(slotTypeId) && !locale.slotTypes.has(slotTypeId)) {
      failures.push(`Slot '${slotName}' of intent '${intentName}' uses slot type ${slotTypeId}, which does not exist in locale ${locale.localeId}.`);
    }
    if (valueElicitationSetting?.slotConstraint === 'Required' && !valueElicitationSetting.promptSpecification) {
      failures.push(`Slot '${slotName}' of intent '${intentName}' is required but has no prompt (valueElicitationSetting.promptSpecification).`);
    }
    if (!prioritised.has(slot.slotId)) failures.push(`Slot '${slotName}' of intent '${intentName}' has no priority; list it in the intent's slotPriorities.`);
  }
  return failures;
}

/** The same utterance in two intents: the model could not tell them apart. */
function duplicateUtterances(intents: StoredIntent[]): string[] {
  const owner = new Map<string, string>();
  const failures: string[] = [];
  for (const intent of intents) {
    const own = new Set<string>();
    for (const { utterance = '' } of intent.settings.sampleUtterances ?? []) {
      const key = utterance.trim().toLowerCase().replace(/\s+/g, ' ');
      if (own.has(key)) continue;
      own.add(key);
      const first = owner.get(key);
      if (first === undefined) owner.set(key, intent.settings.intentName);
      else failures.push(`Sample utterance '${utterance}' appears in intents '${first}' and '${intent.settings.intentName}'.`);
    }
  }
  return failures;
}
