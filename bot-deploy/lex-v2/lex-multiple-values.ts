/**
 * Where Lex V2 lets a slot return several values (`multipleValuesSetting: { allowMultipleValues:
 * true }`), Parley's `multiple: true`. Two rules, both from AWS's documentation:
 * - only in English (US): "Multi-value slots are only available in the en-US locale. If you set this
 *   value to true in any other locale, Amazon Lex throws a ValidationException."
 *   (https://docs.aws.amazon.com/lexv2/latest/APIReference/API_MultipleValuesSetting.html);
 * - only for custom slot types: "You can only mark slots with custom slot types as multi-value slots."
 *   (https://docs.aws.amazon.com/lexv2/latest/dg/multi-valued-slots.html).
 * The compiler, `parley intents lint --target lex` and the Lex emulators all read them from here.
 */

/** The one Lex locale with multi-value slots. */
export const lexMultipleValuesLocaleId = 'en_US';

/**
 * Why Lex V2 refuses a multi-value slot of this locale and kind of slot type, or undefined when it
 * takes one.
 *
 * @example
 * lexMultipleValuesRefusal('en_US', { customSlotType: true }) // undefined
 * lexMultipleValuesRefusal('es_US', { customSlotType: true }) // 'Lex V2 takes multi-value slots only in en-US'
 */
export function lexMultipleValuesRefusal(localeId: string, { customSlotType }: { customSlotType: boolean }): string | undefined {
  if (localeId.replaceAll('-', '_') !== lexMultipleValuesLocaleId) return 'Lex V2 takes multi-value slots only in en-US';
  if (!customSlotType) return 'Lex V2 takes multi-value slots only of custom slot types, not built-in ones';
  return undefined;
}
