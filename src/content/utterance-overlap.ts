/** Finds sample utterances that say the same thing twice, within an intent or across intents. */
import type { IntentFileProblem, SourcePosition } from '../core/errors.js';
import { builtInIntents, builtInUtterances } from './builtin-intents.js';
import type { Intent, Utterance } from './intent-model.js';
import { formatPosition, problemAt } from './locate.js';
import { formatUtteranceMarkup } from './utterance-markup.js';

interface FirstSeen {
  intent: string;
  builtIn: boolean;
  at?: SourcePosition;
}

const sameHint = 'utterances are compared ignoring case, punctuation and slot examples';

/** Returns the intents without the repeated utterances, and reports each repeat where it occurs. */
export function checkUtteranceOverlap(
  locale: string,
  intents: Intent[],
  problems: IntentFileProblem[],
): Intent[] {
  const seen = new Map<string, FirstSeen>();
  for (const { name } of builtInIntents) {
    for (const text of builtInUtterances(locale, name)) {
      seen.set(normaliseUtterance({ parts: [{ kind: 'text', text }] }), { intent: name, builtIn: true });
    }
  }
  return intents.map((intent) => {
    const types = new Map(intent.slots.map((slot) => [slot.name, slot.type]));
    const utterances = intent.utterances.filter((utterance) => {
      const key = normaliseUtterance(utterance, types);
      const first = seen.get(key);
      if (!first) {
        seen.set(key, utterance.source ? { intent: intent.name, builtIn: false, at: utterance.source } : { intent: intent.name, builtIn: false });
        return true;
      }
      // A built-in intent's own utterances, written again in a file, are simply merged.
      if (first.builtIn && first.intent === intent.name) return false;
      const said = `"${formatUtteranceMarkup(utterance)}"`;
      const firstAt = first.at ? ` (${formatPosition(first.at)})` : '';
      const [message, hint] =
        first.intent === intent.name
          ? [`utterance ${said} appears twice in intent ${intent.name}`, `first at ${first.at ? formatPosition(first.at) : 'an earlier line'}; ${sameHint}`]
          : first.builtIn
            ? [`utterance ${said} of intent ${intent.name} is already an utterance of the built-in intent ${first.intent}`, `remove it from ${intent.name}, or add it to ${first.intent} by defining an intent named ${first.intent}`]
            : [`utterance ${said} of intent ${intent.name} is also in intent ${first.intent}${firstAt}`, `keep it in one intent; ${sameHint}`];
      const at = utterance.source ?? { file: '(unknown)', line: 1, column: 1 };
      problems.push(problemAt(at, message, hint));
      return false;
    });
    return { ...intent, utterances };
  });
}

/**
 * The form two utterances are compared in: lower case, no punctuation, single spaces, and each slot
 * reduced to its type, so "Book a {date=Friday}!" and "book a {day}" (both dates) are the same.
 *
 * @example
 * normaliseUtterance(utterance, new Map([['day', 'date']])) // 'book a {date}'
 */
export function normaliseUtterance(utterance: Utterance, slotTypes: ReadonlyMap<string, string> = new Map()): string {
  return utterance.parts
    .map((part) =>
      part.kind === 'text'
        ? part.text.normalize('NFC').toLowerCase().replace(/\p{P}/gu, '')
        : ` {${(slotTypes.get(part.slot) ?? part.slot).toLowerCase()}} `,
    )
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}
