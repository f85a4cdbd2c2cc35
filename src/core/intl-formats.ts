/**
 * Intl formatters, made once per locale and options: making one costs tens of microseconds, and
 * replies ask for the same few again and again.
 */
export function cachedIntl<Options, Format>(
  cache: Map<string, Format>,
  locales: Intl.LocalesArgument,
  options: Options,
  Make: new (locales?: Intl.LocalesArgument, options?: Options) => Format,
): Format {
  const key = `${String(locales)}\u0000${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Make(locales, options);
    cache.set(key, format);
  }
  return format;
}
