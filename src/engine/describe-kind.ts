/**
 * The kind of a value a bot author's code gave ("a string", "an object"), never the value itself: a
 * dialog's result may be customer data, and an option may hold a secret. Whole numbers are shown only
 * when asked for (an option such as `timeoutMs: -5` reads better with its number).
 *
 * @example
 * describeKind({ say: 42 }) // 'an object'
 * describeKind(-5, { wholeNumbers: true }) // 'the number -5'
 */
export function describeKind(value: unknown, options: { wholeNumbers?: boolean } = {}): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return options.wholeNumbers && Number.isInteger(value) ? `the number ${value}` : 'a number';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string';
  if (typeof value === 'function') return 'a function';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
