import type { IntentModel } from '../../content/intent-model.js';

/**
 * The model locale that serves a requested one: the same locale (case aside), else the first locale,
 * alphabetically, of the same language (`es-MX` is served by `es-US`). Undefined when none speaks it.
 *
 * @example
 * resolveModelLocale(model, 'es-MX') // 'es-US'
 */
export function resolveModelLocale(model: IntentModel, requested: string): string | undefined {
  const locales = Object.keys(model.locales).sort();
  const wanted = requested.trim().toLowerCase().replaceAll('_', '-');
  const exact = locales.find((locale) => locale.toLowerCase() === wanted);
  if (exact) return exact;
  const language = wanted.split('-')[0];
  if (!language) return undefined;
  return locales.find((locale) => locale.toLowerCase().split('-')[0] === language);
}
