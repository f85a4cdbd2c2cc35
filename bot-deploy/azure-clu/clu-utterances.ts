/**
 * Sample utterances as CLU labels them: the text with example values filled in, and each slot's span
 * in UTF-16 code units. A `{slot}` without an example takes a sample value of the slot's type (the
 * values the local recognizer trains with), taken in turn so that the project sees several. The example
 * of a slot that takes several values labels each value (CLU has no multi-value entity: it finds each
 * value as an entity of its own, and Parley gathers them into the slot's list).
 */
import type { LocaleModel } from '../../src/content/intent-model.js';
import { exampleValueSpans } from '../../src/nlu/local/example-value-spans.js';
import { sampleValuesOf } from '../../src/nlu/local/sample-values.js';
import { cluLanguageOf } from './clu-names.js';
import type { CluLabel, CluUtterance } from './clu-project.js';

/**
 * @example
 * compileUtterances([localeModel], false)[0] // { text: 'track order AB123456', intent: 'CheckOrderStatus', entities: [{ category: 'orderNumber', offset: 12, length: 8 }] }
 */
export function compileUtterances(locales: readonly LocaleModel[], multilingual: boolean): CluUtterance[] {
  const turns = new Map<string, number>();
  const seen = new Set<string>();
  const utterances: CluUtterance[] = [];
  for (const locale of locales) {
    const language = cluLanguageOf(locale.locale);
    const sample = (slotName: string, type: string): string => {
      const values = sampleValuesOf(type, locale);
      const key = `${locale.locale}\u0000${type}`;
      const turn = turns.get(key) ?? 0;
      turns.set(key, turn + 1);
      return values.length === 0 ? slotName : values[turn % values.length]!;
    };
    for (const intent of locale.intents) {
      const slots = new Map(intent.slots.map((slot) => [slot.name, slot]));
      for (const utterance of intent.utterances) {
        let text = '';
        const entities: CluLabel[] = [];
        for (const part of utterance.parts) {
          if (part.kind === 'text') {
            text += part.text;
            continue;
          }
          const slot = slots.get(part.slot);
          const value = part.example ?? sample(part.slot, slot?.type ?? 'text');
          for (const { start, end } of exampleValueSpans(value, slot ?? { type: 'text' }, locale)) {
            entities.push({ category: part.slot, offset: text.length + start, length: end - start });
          }
          text += value;
        }
        // CLU keeps one utterance per text and language; the loader already refuses repeats, but filled-in samples could meet.
        const key = `${language}\u0000${text}`;
        if (text.trim() === '' || seen.has(key)) continue;
        seen.add(key);
        utterances.push({ text, intent: intent.name, ...(multilingual ? { language } : {}), entities });
      }
    }
  }
  return utterances;
}
