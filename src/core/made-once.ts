/**
 * Something made once and shared by every caller — unless making it failed: then the next caller
 * tries again (a Lambda instance whose table was out of reach at its cold start recovers with the
 * next event instead of failing every one after).
 */

/**
 * @example
 * const bot = madeOnce(() => createRuntimeBot(definition, options));
 * await bot(); // made by the first call, shared by the others
 */
export function madeOnce<T>(make: () => Promise<T>): () => Promise<T> {
  let making: Promise<T> | undefined;
  return () =>
    (making ??= make().catch((error: unknown) => {
      making = undefined;
      throw error;
    }));
}
