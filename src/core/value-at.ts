/**
 * The value at a path of keys inside parsed data (a config, an intent file, options), or undefined
 * where the path leaves it.
 *
 * @example
 * valueAt({ a: [{ b: 1 }] }, ['a', 0, 'b']) // 1
 */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const step of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[step];
  }
  return value;
}
