/**
 * Lex intent names <-> Parley intent names, by the model's `lex:` blocks. A bot imported from Lex keeps
 * its Lex names (`RepeatIntent`, built on AMAZON.RepeatIntent) while Parley calls the intent `Repeat`:
 * Lex answers with the one, the dialog knows the other.
 */
import { findIntent, intentOfLexName, lexNamesOf, type IntentModel, type LocaleModel } from '../../content/intent-model.js';
import { resolveModelLocale } from '../local/resolve-locale.js';
import type { RecognizeRequest } from '../recognizer.js';

export interface LexV2IntentNames {
  /** The Parley name of an intent Lex answered with; Lex's name when the model does not know it. */
  parleyName(lexName: string): string;
  /** The request with the expected intent under its Lex name, for the session state sent to Lex. */
  expectingInLex(request: RecognizeRequest): RecognizeRequest;
}

/**
 * The names of one locale of the model; without a model, names pass as they are.
 *
 * @example
 * lexV2IntentNames(model, 'en-US').parleyName('RepeatIntent') // 'Repeat'
 */
export function lexV2IntentNames(model: IntentModel | undefined, locale: string): LexV2IntentNames {
  const modelLocale = model ? resolveModelLocale(model, locale) : undefined;
  const localeModel: LocaleModel | undefined = model && modelLocale ? model.locales[modelLocale] : undefined;
  return {
    parleyName: (lexName) => (localeModel ? intentOfLexName(localeModel, lexName)?.name : undefined) ?? lexName,
    expectingInLex(request) {
      const intent = request.expecting?.intent;
      const known = localeModel && intent !== undefined ? findIntent(localeModel, intent) : undefined;
      const lexName = known ? lexNamesOf(known)[0] : undefined;
      return lexName === undefined || lexName === intent ? request : { ...request, expecting: { ...request.expecting, intent: lexName } };
    },
  };
}
