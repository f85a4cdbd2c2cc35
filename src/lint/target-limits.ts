/**
 * The limits of the services the intent files compile to. Files over a limit cannot be deployed
 * there, so these are errors, checked before any deploy. What a service only does less well (a
 * `multiple` slot where Lex has no multi-value slots) is a warning.
 *
 * Lex V2 quotas: https://docs.aws.amazon.com/lexv2/latest/dg/quotas.html
 * CLU limits: https://learn.microsoft.com/azure/ai-services/language-service/conversational-language-understanding/service-limits
 */
import { lexMultipleValuesRefusal } from '../../bot-deploy/lex-v2/lex-multiple-values.js';
import type { IntentModel } from '../content/intent-model.js';
import { isBuiltInSlotType, lexNamesOf, utteranceText } from '../content/intent-model.js';
import { finding, placeOf, type LintFinding } from './finding.js';

export type Target = 'lex' | 'clu';
export const targets: readonly Target[] = ['lex', 'clu'];

export const lexLimits = {
  utterancesPerIntent: 1500,
  slotsPerIntent: 100,
  charactersPerUtterance: 500,
  intentsPerEnglishLocale: 1000,
  intentsPerOtherLocale: 250,
} as const;

export const cluLimits = { intents: 500, utterances: 25_000, entities: 350 } as const;

export function checkTargetLimits(model: IntentModel, chosen: readonly Target[], folder: string): LintFinding[] {
  return [...(chosen.includes('lex') ? checkLex(model, folder) : []), ...(chosen.includes('clu') ? checkClu(model, folder) : [])];
}

function checkLex(model: IntentModel, folder: string): LintFinding[] {
  const found: LintFinding[] = [];
  const over = (at: Parameters<typeof placeOf>[0], message: string, hint: string) => found.push(finding('error', 'lex-limit', placeOf(at, folder), message, hint));
  for (const locale of Object.values(model.locales)) {
    // Parley's repair intents become Lex intents too (one per Lex built-in they stand for), and so do
    // the intents kept for Lex only (lex-passthrough/), so they count.
    const most = /^en\b/i.test(locale.locale) ? lexLimits.intentsPerEnglishLocale : lexLimits.intentsPerOtherLocale;
    const lexIntents = locale.intents.reduce((sum, intent) => sum + lexNamesOf(intent).length, 0) + (locale.lexPassthrough?.length ?? 0);
    if (lexIntents > most) {
      over(locale.intents[Math.min(most, locale.intents.length - 1)]?.source, `${locale.locale} has ${lexIntents} Lex intents; Lex V2 takes at most ${most} in this locale`, 'merge intents that mean the same, or split the bot');
    }
    for (const intent of locale.intents) {
      if (intent.utterances.length > lexLimits.utterancesPerIntent) {
        over(intent.source, `intent ${intent.name} (${locale.locale}) has ${intent.utterances.length} sample utterances; Lex V2 takes at most ${lexLimits.utterancesPerIntent}`, 'keep the most varied ones');
      }
      if (intent.slots.length > lexLimits.slotsPerIntent) {
        over(intent.source, `intent ${intent.name} (${locale.locale}) has ${intent.slots.length} slots; Lex V2 takes at most ${lexLimits.slotsPerIntent}`, 'split the intent');
      }
      for (const slot of intent.slots) {
        const refusal = slot.multiple ? lexMultipleValuesRefusal(locale.locale, { customSlotType: !isBuiltInSlotType(slot.type) }) : undefined;
        if (refusal === undefined) continue;
        const message = `slot ${slot.name} of ${intent.name} (${locale.locale}, ${slot.type}) takes several values, but ${refusal}: through Lex an answer fills one value`;
        const hint = 'the Lex bot gets a one-value slot (the local recognizer still reads several); in en-US, a slot type of your own takes several';
        found.push(finding('warning', 'lex-multiple-values', placeOf(slot.source ?? intent.source, folder), message, hint));
      }
      for (const utterance of intent.utterances) {
        const length = utteranceText(utterance).length;
        if (length > lexLimits.charactersPerUtterance) {
          over(utterance.source ?? intent.source, `an utterance of ${intent.name} is ${length} characters long; Lex V2 takes at most ${lexLimits.charactersPerUtterance}`, 'shorten it: customers rarely say that much at once');
        }
      }
    }
  }
  return found;
}

/** One CLU project holds every locale: intents and entities are shared, utterances add up. */
function checkClu(model: IntentModel, folder: string): LintFinding[] {
  const locales = Object.values(model.locales);
  const first = placeOf(locales[0]?.intents[0]?.source, folder);
  const intents = new Set(locales.flatMap((locale) => locale.intents.map((intent) => intent.name)));
  // Each slot becomes an entity of the project (its type gives the entity's list, prebuilt or regex part).
  const entities = new Set(locales.flatMap((locale) => locale.intents.flatMap((intent) => intent.slots.map((slot) => slot.name))));
  const utterances = locales.reduce((sum, locale) => sum + locale.intents.reduce((count, intent) => count + intent.utterances.length, 0), 0);
  const found: LintFinding[] = [];
  const over = (count: number, what: string, most: number, hint: string) => {
    if (count > most) found.push(finding('error', 'clu-limit', first, `the project has ${count} ${what}; CLU takes at most ${most}`, hint));
  };
  over(intents.size, 'intents', cluLimits.intents, 'merge intents that mean the same, or split the bot');
  over(utterances, 'sample utterances across locales', cluLimits.utterances, 'keep the most varied ones');
  over(entities.size, 'distinct slots (entities)', cluLimits.entities, 'reuse slot names across intents where they mean the same');
  return found;
}
