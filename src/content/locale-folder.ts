/** Locale folders: `intents/en-US/`. */

/** What is wrong with a locale tag, or undefined when it is valid BCP 47. */
export function localeProblem(locale: string): { message: string; hint: string } | undefined {
  try {
    if (Intl.getCanonicalLocales(locale).length === 1) return undefined;
  } catch {
    // RangeError: not a well-formed tag; reported below.
  }
  const suggestion = locale.includes('_') ? `; did you mean ${locale.replaceAll('_', '-')}?` : '';
  return {
    message: `\`${locale}\` is not a locale`,
    hint: `name each locale folder with a BCP 47 tag such as en-US or es-US${suggestion}`,
  };
}
