/** Which of the locales a bot has serves a requested one. Shared by the runtime and the recognizers. */

// Intl's canonicalisation costs microseconds and runs on every turn; requests repeat a few locales.
const canonical = new Map<string, string>();
const maxRemembered = 1_000;

function canonicalise(requested: string): string {
  let known = canonical.get(requested);
  if (known === undefined) {
    const written = requested.trim().replaceAll('_', '-');
    try {
      known = (Intl.getCanonicalLocales(written)[0] ?? written).toLowerCase();
    } catch {
      known = written.toLowerCase();
    }
    if (canonical.size >= maxRemembered) canonical.clear();
    canonical.set(requested, known);
  }
  return known;
}

/**
 * The available locale for a requested one: the same locale (case and `_` aside), else the first
 * of the same language in the order given (`es-MX` is served by `es-US`); undefined when none fits.
 *
 * @example
 * matchLocale('es-MX', ['en-US', 'es-US']) // 'es-US'
 */
export function matchLocale(requested: string, available: readonly string[]): string | undefined {
  const wanted = canonicalise(requested);
  const exact = available.find((locale) => locale.toLowerCase() === wanted);
  if (exact) return exact;
  const language = wanted.split('-')[0];
  if (!language) return undefined;
  return available.find((locale) => locale.toLowerCase().split('-')[0] === language);
}
