import type { LocaleModel } from '../../../content/intent-model.js';
import { sampleValuesOf } from '../sample-values.js';
import { createSeededRandom, hashText } from '../../../core/seeded-random.js';
import type { IntentTexts, TaggedText } from './tagged-texts.js';

/** A training text made from another by giving its slots other values. */
export interface AugmentedText extends TaggedText {
  source: TaggedText;
}

export interface AugmentSettings {
  /** Intents with fewer texts get copies with other values, up to about this many texts. */
  target: number;
  /** At most this many copies of one text. */
  mostCopies: number;
}

/**
 * The values a slot type's words can be swapped for: its list values and synonyms (or samples, for
 * built-in and pattern types), and every value the sample utterances give slots of the type.
 */
export function valuePools(localeModel: LocaleModel, intentTexts: readonly IntentTexts[]): Map<string, string[]> {
  const pools = new Map<string, Set<string>>();
  for (const { texts } of intentTexts) {
    for (const text of texts) {
      for (const span of text.spans) {
        let pool = pools.get(span.type);
        if (!pool) pools.set(span.type, (pool = new Set(sampleValuesOf(span.type, localeModel))));
        pool.add(text.text.slice(span.start, span.end));
      }
    }
  }
  return new Map(Array.from(pools, ([type, pool]) => [type, Array.from(pool).sort()]));
}

/**
 * Copies of an intent's texts with their slots given other values of the same types, when the intent
 * has few: a small bot's samples show each wording with one or two values, and the tagger would learn
 * the values rather than the wording. Seeded by the text: the copies do not depend on the model's order.
 *
 * @example
 * augmentTexts(entry, pools, { target: 300, mostCopies: 8 }) // 'play adele' → 'play the rolling stones', …
 */
export function augmentTexts(entry: IntentTexts, pools: ReadonlyMap<string, readonly string[]>, settings: AugmentSettings): AugmentedText[] {
  const withSlots = entry.texts.filter((text) => text.spans.length > 0);
  const missing = settings.target - entry.texts.length;
  if (missing <= 0 || withSlots.length === 0) return [];
  const copies = Math.min(settings.mostCopies, Math.ceil(missing / withSlots.length));
  const seen = new Set(entry.texts.map((text) => text.text));
  const added: AugmentedText[] = [];
  for (const source of withSlots) {
    const random = createSeededRandom(hashText(`${entry.intent}\u0000${source.text}`));
    for (let copy = 0; copy < copies; copy++) {
      let text = '';
      let at = 0;
      const spans: TaggedText['spans'] = [];
      for (const span of [...source.spans].sort((a, b) => a.start - b.start)) {
        const pool = pools.get(span.type) ?? [];
        const value = pool[Math.floor(random() * pool.length)] ?? source.text.slice(span.start, span.end);
        text += source.text.slice(at, span.start);
        spans.push({ ...span, start: text.length, end: text.length + value.length });
        text += value;
        at = span.end;
      }
      text += source.text.slice(at);
      if (seen.has(text)) continue;
      seen.add(text);
      added.push({ text, spans, source });
    }
  }
  return added;
}
