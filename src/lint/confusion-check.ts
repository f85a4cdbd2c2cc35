/**
 * Measured, not guessed: which sample utterances the recognizer gives to another intent when they
 * are held out of its training, and which it cannot place at all (nothing else in training is like
 * them). Stratified k-fold cross-validation over each locale's authored utterances, with the same
 * local recognizer a bot runs; what fails is confirmed held out without its fold-mates.
 */
import type { Intent, IntentModel, LocaleModel, Utterance } from '../content/intent-model.js';
import { formatUtteranceMarkup } from '../content/utterance-markup.js';
import { createLocalRecognizer } from '../nlu/local/index.js';
import type { Recognition } from '../nlu/recognizer.js';
import { spokenText } from '../nlu/local/sample-values.js';
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
  const missed: HeldOut[] = [];
  for (const heldOut of folds) missed.push(...(await failures(locale, heldOut)).map((failure) => failure.item));
  // A fold takes a fifth of each intent away at once, so an utterance may fail only for what its
  // fold-mates took with it ("good afternoon" held out with "good evening"). What failed is tried
  // again with no other utterance of its intent held out (a round holds out one per intent), and
  // reported only if it fails still.
  const found: LintFinding[] = [];
  for (const round of oneOfEachIntent(missed)) {
    for (const { item, recognition } of await failures(locale, round)) found.push(report(item, recognition, locale.locale, options.folder));
  }
  return found;
}

/** The held-out utterances the recognizer trained without them does not give back to their intent. */
async function failures(locale: LocaleModel, heldOut: readonly HeldOut[]): Promise<{ item: HeldOut; recognition: Recognition }[]> {
  if (heldOut.length === 0) return [];
  const recognizer = createLocalRecognizer({ model: { locales: { [locale.locale]: without(locale, heldOut) } } });
  const failed: { item: HeldOut; recognition: Recognition }[] = [];
  for (const item of heldOut) {
    const text = spokenText(item.intent, item.utterance, locale);
    const recognition = await recognizer.recognize({ text, locale: locale.locale, now, timeZone: 'UTC' });
    if (recognition.intents[0]?.name !== item.intent.name) failed.push({ item, recognition });
  }
  return failed;
}

/** Rounds of at most one utterance per intent, in the order given. */
function oneOfEachIntent(items: readonly HeldOut[]): HeldOut[][] {
  const rounds: HeldOut[][] = [];
  const taken = new Map<Intent, number>();
  for (const item of items) {
    const round = taken.get(item.intent) ?? 0;
    taken.set(item.intent, round + 1);
    (rounds[round] ??= []).push(item);
  }
  return rounds;
}

function report({ intent, utterance }: HeldOut, recognition: Recognition, locale: string, folder: string): LintFinding {
  const best = recognition.intents[0];
  if (!best || recognition.topIntent === null) {
    // Not given to another intent, but nothing left in training teaches it: a lone wording.
    return finding(
      'warning',
      'unlearned-utterance',
      placeOf(utterance.source, folder),
      `"${formatUtteranceMarkup(utterance)}" of ${intent.name} is not recognised when held out of training (${locale}): no other utterance is like it`,
      `add a few more wordings like it to ${intent.name}`,
    );
  }
  return finding(
    'warning',
    'confused-utterance',
    placeOf(utterance.source, folder),
    `"${formatUtteranceMarkup(utterance)}" of ${intent.name} is recognised as ${best.name} (${best.confidence.toFixed(2)}) when held out of training (${locale})`,
    `word ${intent.name}'s utterances more distinctly from ${best.name}'s, or move this one if it belongs there`,
  );
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

function without(locale: LocaleModel, heldOut: readonly HeldOut[]): LocaleModel {
  const out = new Set(heldOut.map((item) => item.utterance));
  return { ...locale, intents: locale.intents.map((intent) => ({ ...intent, utterances: intent.utterances.filter((utterance) => !out.has(utterance)) })) };
}
