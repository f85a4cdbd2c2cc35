/**
 * Utterances the intent-file loader would refuse, left out at import and reported: one that says the
 * same as an earlier one (compared as the loader compares: case, punctuation and slot examples
 * aside), or one that is already an utterance of another of Parley's repair intents.
 */
import { builtInIntents, builtInUtterances } from '../../src/content/builtin-intents.js';
import type { Intent, Utterance } from '../../src/content/intent-model.js';
import { normaliseUtterance } from '../../src/content/utterance-overlap.js';
import type { ReadUtterance } from './import-clu-utterances.js';
import type { LossItem } from './import-report.js';

export function dropRepeats(locale: string, intents: Intent[], read: readonly ReadUtterance[], report: LossItem[]): Intent[] {
  const origin = new Map<Utterance, ReadUtterance>(read.map((item) => [item.utterance, item]));
  const seen = new Map<string, string>();
  for (const { name } of builtInIntents) {
    for (const text of builtInUtterances(locale, name)) seen.set(normaliseUtterance({ parts: [{ kind: 'text', text }] }), name);
  }
  return intents.map((intent) => {
    const types = new Map(intent.slots.map((slot) => [slot.name, slot.type]));
    const utterances = intent.utterances.filter((utterance) => {
      const key = normaliseUtterance(utterance, types);
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, intent.name);
        return true;
      }
      const isBuiltIn = builtInIntents.some((builtIn) => builtIn.name === first);
      if (isBuiltIn && first === intent.name) return true;
      const item = origin.get(utterance);
      const said = first === intent.name ? `says the same as another utterance of ${intent.name}` : `says the same as an utterance of ${first}${isBuiltIn ? ' (a Parley repair intent)' : ''}`;
      report.push({ kind: 'utterance', subject: item?.text ?? '', path: item?.path ?? 'assets.utterances', message: `${said}, compared as the intent files compare (case, punctuation and slot examples aside): left out` });
      return false;
    });
    return { ...intent, utterances };
  });
}
