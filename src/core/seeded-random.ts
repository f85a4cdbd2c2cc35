/**
 * A small deterministic random generator (mulberry32): training must give the same model every time.
 *
 * @example
 * const random = createSeededRandom(42);
 * random(); // 0.6011037519201636, every time
 */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a: a stable 32-bit seed from a text, so an utterance's samples do not depend on its position. */
export function hashText(text: string): number {
  return extendHash(0x811c9dc5, text) >>> 0;
}

/**
 * Feeds `text.slice(from, to)` to an FNV-1a hash: `extendHash(hashText('ab'), 'c')` is `hashText('abc')`
 * (as a signed 32-bit integer), with no string built for the slice.
 */
export function extendHash(hash: number, text: string, from = 0, to = text.length): number {
  for (let index = from; index < to; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash;
}

/** Shuffles in place (Fisher-Yates) with the given generator. */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
  return items;
}
