/**
 * Checks across locales: every locale should understand the same intents with the same slots and say
 * the same prompts, or a customer switching language meets a bot that knows less.
 */
import type { Intent, IntentModel, Slot } from '../content/intent-model.js';
import { finding, placeOf, type LintFinding } from './finding.js';

/** For each locale, what the others have that it lacks; reported where the others define it. */
export function checkLocaleParity(model: IntentModel, folder: string): LintFinding[] {
  const locales = Object.values(model.locales);
  if (locales.length < 2) return [];
  const found: LintFinding[] = [];
  for (const having of locales) {
    for (const lacking of locales) {
      if (having === lacking) continue;
      for (const intent of having.intents.filter((candidate) => !candidate.builtIn)) {
        const counterpart = lacking.intents.find((other) => other.name === intent.name);
        const where = placeOf(intent.source, folder);
        if (!counterpart) {
          found.push(finding('warning', 'locale-missing-intent', where, `intent ${intent.name} is in ${having.locale} but not in ${lacking.locale}`, `add it to a file under ${lacking.locale}/, or remove it from ${having.locale}`));
          continue;
        }
        found.push(...missingSlots(intent, counterpart, having.locale, lacking.locale, folder));
        found.push(...missingIntentPrompts(intent, counterpart, having.locale, lacking.locale, folder));
      }
    }
  }
  return found;
}

function missingSlots(intent: Intent, counterpart: Intent, having: string, lacking: string, folder: string): LintFinding[] {
  const found: LintFinding[] = [];
  for (const slot of intent.slots) {
    const other = counterpart.slots.find((candidate) => candidate.name === slot.name);
    const where = placeOf(slot.source ?? intent.source, folder);
    if (!other) {
      found.push(finding('warning', 'locale-missing-slot', where, `slot ${slot.name} of intent ${intent.name} is in ${having} but not in ${lacking}`, `add it to ${intent.name} in ${lacking}`));
      continue;
    }
    for (const key of ['prompt', 'reprompt', 'help'] as const satisfies readonly (keyof Slot)[]) {
      if (slot[key] !== undefined && other[key] === undefined) {
        found.push(finding('warning', 'locale-missing-prompt', where, `slot ${slot.name} of intent ${intent.name} has a ${key} in ${having} but not in ${lacking}`, `write the ${key} in ${lacking} too`));
      }
    }
  }
  return found;
}

function missingIntentPrompts(intent: Intent, counterpart: Intent, having: string, lacking: string, folder: string): LintFinding[] {
  const where = placeOf(intent.source, folder);
  const found: LintFinding[] = [];
  if (intent.confirmation && !counterpart.confirmation) {
    found.push(finding('warning', 'locale-missing-prompt', where, `intent ${intent.name} asks for confirmation in ${having} but not in ${lacking}`, `write its confirmation in ${lacking} too`));
  }
  if (intent.confirmation?.declined && counterpart.confirmation && !counterpart.confirmation.declined) {
    found.push(finding('warning', 'locale-missing-prompt', where, `intent ${intent.name} has a declined reply in ${having} but not in ${lacking}`, `write it in ${lacking} too`));
  }
  if (intent.fulfilled && !counterpart.fulfilled) {
    found.push(finding('warning', 'locale-missing-prompt', where, `intent ${intent.name} has a fulfilled message in ${having} but not in ${lacking}`, `write it in ${lacking} too`));
  }
  return found;
}
