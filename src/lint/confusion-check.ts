/**
 * Measured, not guessed: which sample utterances the recognizer gives to another intent when they
 * are held out of its training, and which it cannot place at all (nothing else in training is like them). Stratified k-fold cross-validation over each locale's authored
 * utterances, with the same local recognizer a bot runs.
 */
import type { Intent, IntentModel, LocaleModel, Utterance, UtterancePart } from '../content/intent-model.js';
import { formatUtteranceMarkup } from '../content/utterance-markup.js';
import { createLocalRecognizer } from '../nlu/local/index.js';
import { sampleValuesOf } from '../nlu/local/sample-values.js';
import { createSeededRandom, shuffleInPlace } from '../core/seeded-random.js';
import { finding, placeOf, type LintFinding } from './finding.js';

export interface ConfusionCheckOptions {
  /** Folds of the cross-validation (default 5); each utterance is held out exactly once. */
  folds: number;
  folder: string;
}

interface HeldOut {
  intent: Intent;
  utterance: Utterance;
}

const seed = 1_707;
// A fixed instant, so "tomorrow" means the same on every run.
const now = new Date('2030-03-04T15:00:00Z');

export async function checkConfusions(model: IntentModel, options: ConfusionCheckOptions): Promise<LintFinding[]> {
  const found: LintFinding[] = [];
  for (const locale of Object.values(model.locales)) found.push(...(await checkLocale(locale, options)));
  return found;
}

async function checkLocale(locale: LocaleModel, options: ConfusionCheckOptions): Promise<LintFinding[]> {
  const folds = assignFolds(locale.intents.filter((intent) => !intent.builtIn), options.folds);
  const found: LintFinding[] = [];
  for (const heldOut of folds) {
    if (heldOut.length === 0) continue;
    const recognizer = createLocalRecognizer({ model: { locales: { [locale.locale]: without(locale, heldOut) } } });
    for (const item of heldOut) {
      const { utterance } = item;
      const intent = item.intent.name;
      const text = spokenText(item, locale);
      const recognition = await recognizer.recognize({ text, locale: locale.locale, now, timeZone: 'UTC' });
      const best = recognition.intents[0];
      if (best?.name === intent) continue;
      if (!best || recognition.topIntent === null) {
        // Not given to another intent, but nothing left in training teaches it: a lone wording.
        found.push(
          finding(
            'warning',
            'unlearned-utterance',
            placeOf(utterance.source, options.folder),
            `"${formatUtteranceMarkup(utterance)}" of ${intent} is not recognised when held out of training (${locale.locale}): no other utterance is like it`,
            `add a few more wordings like it to ${intent}`,
          ),
        );
        continue;
      }
      found.push(
        finding(
          'warning',
          'confused-utterance',
          placeOf(utterance.source, options.folder),
          `"${formatUtteranceMarkup(utterance)}" of ${intent} is recognised as ${best.name} (${best.confidence.toFixed(2)}) when held out of training (${locale.locale})`,
          `word ${intent}'s utterances more distinctly from ${best.name}'s, or move this one if it belongs there`,
        ),
      );
    }
  }
  return found;
}

/** Each intent's utterances dealt into folds after a seeded shuffle: every fold holds some of every intent. */
function assignFolds(intents: Intent[], count: number): HeldOut[][] {
  const folds: HeldOut[][] = Array.from({ length: Math.max(2, count) }, () => []);
  const random = createSeededRandom(seed);
  for (const intent of intents) {
    // An intent with a single utterance cannot be held out: nothing would be left to learn it from.
    if (intent.utterances.length < 2) continue;
    const order = shuffleInPlace([...intent.utterances], random);
    order.forEach((utterance, position) => folds[position % folds.length]!.push({ intent, utterance }));
  }
  return folds;
}

function without(locale: LocaleModel, heldOut: HeldOut[]): LocaleModel {
  const out = new Set(heldOut.map((item) => item.utterance));
  return { ...locale, intents: locale.intents.map((intent) => ({ ...intent, utterances: intent.utterances.filter((utterance) => !out.has(utterance)) })) };
}

/** What a customer would say: slot examples as written, bare `{slot}` filled with a sample of its type. */
function spokenText({ intent, utterance }: HeldOut, locale: LocaleModel): string {
  return utterance.parts.map((part: UtterancePart) => {
    if (part.kind === 'text') return part.text;
    if (part.example !== undefined) return part.example;
    const type = intent.slots.find((slot) => slot.name === part.slot)?.type ?? part.slot;
    return sampleValuesOf(type, locale)[0] ?? part.slot;
  }).join('');
}
