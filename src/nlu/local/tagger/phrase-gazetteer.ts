import type { SlotType } from '../../../content/intent-model.js';
import { tokenizeWords } from '../../../slots/text-tokens.js';

/** A run of words that is a known phrase of a slot type. */
export interface PhraseMatch {
  type: string;
  first: number;
  /** Exclusive. */
  end: number;
}

/** A phrase said as a value of a slot type in a sample utterance. */
export interface ExamplePhrase {
  type: string;
  said: string;
}

/**
 * The known phrases of a locale's slot types as a word trie, to find every one of them in a text in
 * one pass: list values and synonyms, and the values sample utterances give their slots.
 */
export interface PhraseGazetteer {
  /** Every known phrase among the words (normal forms), overlapping ones included. */
  find(words: readonly string[]): PhraseMatch[];
  /**
   * The canonical value of exactly these words for a list type, if they are one of its values or
   * synonyms: the one written exactly as `said` when there is one, else the first defined.
   */
  valueOf(type: string, words: readonly string[], said: string): string | undefined;
}

/** Longer phrases are not values but sentences; they are skipped rather than slow every lookup. */
const longestPhrase = 12;

/**
 * Builds the gazetteer of a locale's list slot types and sample values, compared by normal form.
 *
 * @example
 * buildPhraseGazetteer(slotTypes, [{ type: 'artist', said: 'The Beatles' }]).find(['play', 'the', 'beatles'])
 * // [{ type: 'artist', first: 1, end: 3 }]
 */
export function buildPhraseGazetteer(slotTypes: readonly SlotType[], examples: readonly ExamplePhrase[] = []): PhraseGazetteer {
  // A word trie kept flat, as one map from `node \0 word` to the next node: large lists (thousands
  // of phrases) cost a few megabytes rather than a map per node.
  const children = new Map<string, number>();
  /** The slot types each node's phrase is known for. */
  const types: (string[] | undefined)[] = [undefined];
  /** `type \0 as written` → canonical value, and `type` → the first defined, per node. */
  const values: (Map<string, string> | undefined)[] = [undefined];
  const childOf = (node: number, word: string): number | undefined => children.get(`${node}\u0000${word}`);
  const nodeOf = (said: string): number | undefined => {
    const words = phraseWords(said);
    if (words.length === 0 || words.length > longestPhrase) return undefined;
    let node = 0;
    for (const word of words) {
      let child = childOf(node, word);
      if (child === undefined) {
        child = types.length;
        children.set(`${node}\u0000${word}`, child);
        types.push(undefined);
        values.push(undefined);
      }
      node = child;
    }
    return node;
  };
  const addType = (node: number, type: string): void => {
    const known = (types[node] ??= []);
    if (!known.includes(type)) known.push(type);
  };
  for (const slotType of slotTypes) {
    if (slotType.kind !== 'list') continue;
    for (const entry of slotType.values) {
      for (const said of [entry.value, ...entry.synonyms]) {
        const node = nodeOf(said);
        if (node === undefined) continue;
        addType(node, slotType.name);
        const known = (values[node] ??= new Map());
        // The first definition wins, as in list lookups: a synonym shared by two values resolves predictably.
        for (const key of [`${slotType.name}\u0000${said.trim()}`, slotType.name]) if (!known.has(key)) known.set(key, entry.value);
      }
    }
  }
  for (const example of examples) {
    const node = nodeOf(example.said);
    if (node !== undefined) addType(node, example.type);
  }
  for (const known of types) known?.sort();
  return {
    find(words) {
      const matches: PhraseMatch[] = [];
      for (let first = 0; first < words.length; first++) {
        let node: number | undefined = 0;
        for (let end = first + 1; end <= words.length && end - first <= longestPhrase; end++) {
          node = childOf(node, words[end - 1]!);
          if (node === undefined) break;
          for (const type of types[node] ?? []) matches.push({ type, first, end });
        }
      }
      return matches;
    },
    valueOf(type, words, said) {
      let node: number | undefined = 0;
      for (const word of words) {
        node = childOf(node, word);
        if (node === undefined) return undefined;
      }
      const known = values[node];
      return known?.get(`${type}\u0000${said}`) ?? known?.get(type);
    },
  };
}

/** The normal forms of a phrase's words. */
export function phraseWords(text: string): string[] {
  return tokenizeWords(text).map((token) => token.normal);
}
