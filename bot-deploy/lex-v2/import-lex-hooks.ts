/** Code hooks and the FallbackIntent: Parley is the code hook, so what Lex did there is reported. */
import { normaliseLexJson, sameJson } from './compare-lex-archives.js';
import { fallbackIntent } from './compile-lex-bot.js';
import type { ReadLexIntent } from './lex-archive-schemas.js';
import { firstText, reportUnknownKeys } from './import-lex-keys.js';
import { shorten, type FileReport } from './import-lex-messages.js';

/** A bot Parley compiles calls Parley as both code hooks; say where the original did not. */
export function reportCodeHooks(intent: ReadLexIntent, at: FileReport): void {
  const dialog = intent.dialogCodeHook;
  if (dialog?.enabled !== true) at.add('dialogCodeHook', 'code-hook', `the dialog code hook is ${dialog ? 'off' : 'not set'}; a bot Parley compiles calls Parley as its code hook`);
  else reportUnknownKeys(dialog, ['enabled'], at, 'dialogCodeHook');
  const fulfilment = intent.fulfillmentCodeHook;
  if (fulfilment?.enabled !== true || fulfilment.isActive === false) {
    at.add('fulfillmentCodeHook', 'code-hook', `the fulfilment code hook is ${fulfilment ? 'off' : 'not set'}; a bot Parley compiles calls Parley to fulfil`);
  }
  if (fulfilment) {
    reportUnknownKeys(fulfilment, ['enabled', 'isActive'], at, 'fulfillmentCodeHook', {
      postFulfillmentStatusSpecification: ['fulfillment-responses', `the responses after fulfilment${quoted(fulfilment.postFulfillmentStatusSpecification)} are not imported: Parley's fulfilment says what happened`],
      fulfillmentUpdatesSpecification: ['fulfillment-updates', 'the "still working" updates during fulfilment are not imported'],
    });
  }
}

/** What a FallbackIntent holds beyond the standard one is Lex's way of saying "not understood": Parley has its own. */
export function reportFallback(intent: ReadLexIntent, at: FileReport): void {
  const standard = normaliseLexJson(fallbackIntent().intent) as Record<string, unknown>;
  const actual = normaliseLexJson(intent) as Record<string, unknown>;
  for (const key of new Set([...Object.keys(standard), ...Object.keys(actual)])) {
    if (sameJson(standard[key], actual[key])) continue;
    const codeHook = key === 'dialogCodeHook' || key === 'fulfillmentCodeHook' ? ', as Parley is the code hook that answers what it does not understand' : '';
    const message = actual[key] === undefined
      ? `FallbackIntent has no \`${key}\` here; a bot Parley compiles has the standard one${codeHook}`
      : `FallbackIntent's \`${key}\`${quoted(actual[key])} is not imported: ${codeHook === '' ? 'Parley answers what it does not understand itself, as the code hook' : 'a bot Parley compiles calls Parley as its code hook'}`;
    at.add(key, 'fallback', message);
  }
}

export function quoted(value: unknown): string {
  const text = firstText(value);
  return text === undefined ? '' : ` ("${shorten(text)}")`;
}
