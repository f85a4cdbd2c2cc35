import type { IntentModel } from '../../content/intent-model.js';
import { matchLocale } from '../../core/locales.js';

/**
 * The model locale that serves a requested one: the same locale (case aside), else the first locale,
 * alphabetically, of the same language (`es-MX` is served by `es-US`). Undefined when none speaks it.
 *
 * @example
 * resolveModelLocale(model, 'es-MX') // 'es-US'
 */
export function resolveModelLocale(model: IntentModel, requested: string): string | undefined {
  return matchLocale(requested, Object.keys(model.locales).sort());
}
