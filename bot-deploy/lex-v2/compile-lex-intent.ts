/** One Parley intent -> Intent.json and its Slot.json files. */
import { isBuiltInSlotType, type Intent, type LexIntentBinding, type LocaleModel, type Slot, type Utterance } from '../../src/content/intent-model.js';
import { lose, refuse, type CompileContext, type CompileSite } from './compile-context.js';
import { compilePromptSpecification, compileResponse, defaultMaxRetries, lexMessageLimits } from './compile-lex-prompts.js';
import { intentPath, slotPath } from './lex-archive-paths.js';
import type { LexIntent, LexIntentFiles, LexSlot } from './lex-archive-types.js';
import { lexMultipleValuesRefusal } from './lex-multiple-values.js';
import { fallbackIntentName, lexBuiltInSlotTypes, lexFreeText, lexIdentifier, lexNamePattern } from './lex-names.js';

export interface IntentTarget {
  botName: string;
  localeId: string;
}

/**
 * The Lex intents of one Parley intent: one of its own name, or one per entry of its `lex:` block (a
 * repair intent may be Lex built-ins, `Cancel` both AMAZON.CancelIntent and AMAZON.StopIntent).
 */
export function compileIntent(intent: Intent, locale: LocaleModel, target: IntentTarget, context: CompileContext): LexIntentFiles[] {
  return (intent.lex ?? [{}]).map((binding) => compileLexIntent(intent, binding, locale, target, context));
}

function compileLexIntent(intent: Intent, binding: LexIntentBinding, locale: LocaleModel, target: IntentTarget, context: CompileContext): LexIntentFiles {
  const lexName = binding.name ?? intent.name;
  const signature = binding.parentIntentSignature ?? null;
  const site: CompileSite = { file: intentPath(target.botName, target.localeId, lexName), source: intent.source };
  checkName(lexName, `intent ${intent.name}`, context, site);
  if (lexName === fallbackIntentName) {
    refuse(context, site, `intent ${fallbackIntentName} clashes with the fallback intent every Lex locale has`, 'choose another name; Parley handles what it does not understand itself');
  }
  const builtIn = signature !== null;
  if (builtIn) loseForBuiltIn(intent, signature, context, site);
  const lexIntent: LexIntent = {
    name: lexName,
    identifier: lexIdentifier('intent', target.botName, target.localeId, lexName),
    description: intent.description ?? null,
    parentIntentSignature: signature,
    // Lex built-ins understand their own phrases and take no sample utterances or slots.
    sampleUtterances: builtIn ? null : sampleUtterances(intent, context, site),
    intentConfirmationSetting: intent.confirmation
      ? {
          promptSpecification: compilePromptSpecification(
            { prompt: intent.confirmation.prompt, maxRetries: defaultMaxRetries, lex: intent.confirmation.lex, what: `confirmation of ${intent.name}`, path: 'intentConfirmationSetting.promptSpecification' },
            context,
            site,
          ),
          declinationResponse: intent.confirmation.declined
            ? compileResponse(intent.confirmation.declined, `declined message of ${intent.name}`, 'intentConfirmationSetting.declinationResponse', context, site)
            : null,
          isActive: true,
        }
      : null,
    intentClosingSetting: intent.fulfilled
      ? { closingResponse: compileResponse(intent.fulfilled, `fulfilled message of ${intent.name}`, 'intentClosingSetting.closingResponse', context, site), isActive: true }
      : null,
    initialResponseSetting: null,
    inputContexts: null,
    outputContexts: null,
    kendraConfiguration: null,
    ...parleyCodeHooks(),
    slotPriorities: builtIn ? [] : intent.slots.map((slot, index) => ({ priority: index + 1, slotName: slot.name })),
  };
  const slots = builtIn ? [] : intent.slots.map((slot) => compileSlot(slot, intent, lexName, locale, target, context));
  return { intent: lexIntent, slots };
}

/** What a Lex built-in leaves out; Parley, reading every turn with the local recognizer or as the code hook, keeps it. */
function loseForBuiltIn(intent: Intent, signature: string, context: CompileContext, site: CompileSite): void {
  if (intent.utterances.length > 0) {
    lose(context, site, 'sampleUtterances', 'built-in-utterances', `${intent.name}: its ${intent.utterances.length} utterances are not in the archive: ${signature} is a Lex built-in, which understands its own phrases; the local recognizer still trains on them`);
  }
  if (intent.slots.length > 0) {
    lose(context, site, 'slotPriorities', 'built-in-slots', `${intent.name}: slots ${intent.slots.map((slot) => slot.name).join(', ')} are not in the archive: ${signature} is a Lex built-in, which takes no slots; the dialog still asks for them`);
  }
}

export function checkName(name: string, what: string, context: CompileContext, site: CompileSite): void {
  if (lexNamePattern.test(name)) return;
  refuse(context, site, `${what}: "${name}" is not a Lex name`, 'use letters and digits with single `_` or `-` between them, at most 100 characters');
}

/** `{slot}` placeholders only: Lex has no place for example values. Utterances that become the same are written once. */
function sampleUtterances(intent: Intent, context: CompileContext, site: CompileSite): { utterance: string }[] {
  const seen = new Set<string>();
  const written: { utterance: string }[] = [];
  let examples = 0;
  let repeats = 0;
  for (const utterance of intent.utterances) {
    if (utterance.parts.some((part) => part.kind === 'slot' && part.example !== undefined)) examples++;
    const text = placeholders(utterance);
    const key = text.toLowerCase().replace(/\s+/g, ' ');
    if (seen.has(key)) {
      repeats++;
      continue;
    }
    seen.add(key);
    written.push({ utterance: text });
  }
  if (examples > 0) {
    lose(context, site, 'sampleUtterances', 'utterance-examples', `${intent.name}: example values of ${examples} utterance${examples === 1 ? '' : 's'} are not in the archive (Lex utterances hold {Slot} only); the local recognizer still trains on them`);
  }
  if (repeats > 0) {
    lose(context, site, 'sampleUtterances', 'utterance-repeats', `${intent.name}: ${repeats} utterance${repeats === 1 ? '' : 's'} differ only in example values and are written once`);
  }
  return written;
}

function placeholders(utterance: Utterance): string {
  return utterance.parts
    .map((part) => (part.kind === 'text' ? part.text : `{${part.slot}}`))
    .join('')
    .trim();
}

function compileSlot(slot: Slot, intent: Intent, lexName: string, locale: LocaleModel, target: IntentTarget, context: CompileContext): LexSlot {
  const site: CompileSite = { file: slotPath(target.botName, target.localeId, lexName, slot.name), source: slot.source };
  checkName(slot.name, `slot ${slot.name} of ${intent.name}`, context, site);
  const what = `slot ${slot.name} of ${intent.name}`;
  if (slot.required && !slot.prompt) {
    refuse(context, site, `${what} is required but has no prompt; Lex needs one to ask for it`, 'add a prompt, or make the slot optional with required: false');
  }
  if (slot.help !== undefined) lose(context, site, '', 'slot-help', `${what}: the help text has no place in Lex; Parley says it when asked for help`);
  if (slot.aliases.length > 0) lose(context, site, '', 'slot-aliases', `${what}: the aliases (${slot.aliases.join(', ')}) have no place in Lex; Parley uses them for "change the …"`);
  const maxRetries = slot.maxAttempts === undefined ? defaultMaxRetries : Math.min(Math.max(slot.maxAttempts - 1, 0), lexMessageLimits.maxRetries);
  if (slot.maxAttempts !== undefined && slot.maxAttempts - 1 > lexMessageLimits.maxRetries) {
    lose(context, site, 'valueElicitationSetting.promptSpecification.maxRetries', 'max-attempts', `${what}: maxAttempts ${slot.maxAttempts} is more than Lex allows (${lexMessageLimits.maxRetries} retries after the first question); the archive says ${lexMessageLimits.maxRetries}`);
  }
  return {
    name: slot.name,
    identifier: lexIdentifier('slot', target.botName, target.localeId, intent.name, slot.name),
    description: slot.description ?? null,
    slotTypeName: lexSlotTypeName(slot, intent, locale, context, site),
    obfuscationSetting: null,
    valueElicitationSetting: {
      promptSpecification: slot.prompt
        ? compilePromptSpecification({ prompt: slot.prompt, reprompt: slot.reprompt, maxRetries, lex: slot.lex, what: `prompt of ${what}`, path: 'valueElicitationSetting.promptSpecification' }, context, site)
        : null,
      slotConstraint: slot.required ? 'Required' : 'Optional',
      defaultValueSpecification: null,
      sampleUtterances: null,
      waitAndContinueSpecification: null,
    },
    multipleValuesSetting: slot.multiple ? multipleValuesSetting(slot, locale, what, context, site) : null,
  };
}

/** Lex's own multi-value slot where it has one; elsewhere a one-value slot, and a note of what that costs. */
function multipleValuesSetting(slot: Slot, locale: LocaleModel, what: string, context: CompileContext, site: CompileSite): LexSlot['multipleValuesSetting'] {
  const refusal = lexMultipleValuesRefusal(locale.locale, { customSlotType: !isBuiltInSlotType(slot.type) });
  if (refusal === undefined) return { allowMultipleValues: true };
  lose(context, site, 'multipleValuesSetting', 'multiple-values', `${what} takes several values, but ${refusal} (${locale.locale}, ${slot.type}): it is a one-value slot in the archive, so an answer read by Lex fills one value; the local recognizer reads them all`);
  return null;
}

function lexSlotTypeName(slot: Slot, intent: Intent, locale: LocaleModel, context: CompileContext, site: CompileSite): string {
  if (slot.type === 'text') {
    // AMAZON.FreeFormInput may not appear in an intent's sample utterances.
    const inUtterances = intent.utterances.some((utterance) => utterance.parts.some((part) => part.kind === 'slot' && part.slot === slot.name));
    if (inUtterances) {
      lose(context, site, 'slotTypeName', 'free-text', `slot ${slot.name} of ${intent.name} (text) appears in sample utterances, where Lex does not take ${lexFreeText}; it is AMAZON.AlphaNumeric in the archive`);
      return lexBuiltInSlotTypes.alphanumeric;
    }
    return lexFreeText;
  }
  const builtIn = lexBuiltInSlotTypes[slot.type as keyof typeof lexBuiltInSlotTypes];
  if (builtIn) return builtIn;
  if (!locale.slotTypes.some((slotType) => slotType.name === slot.type)) {
    refuse(context, site, `slot ${slot.name} of ${intent.name} has type ${slot.type}, which ${locale.locale} does not define`);
  }
  return slot.type;
}

/** Parley is the code hook of every intent: it runs the dialog and fulfils it, Lex only understands. */
export function parleyCodeHooks(): Pick<LexIntent, 'dialogCodeHook' | 'fulfillmentCodeHook'> {
  return {
    dialogCodeHook: { enabled: true },
    fulfillmentCodeHook: { fulfillmentUpdatesSpecification: null, postFulfillmentStatusSpecification: null, enabled: true, isActive: true },
  };
}
