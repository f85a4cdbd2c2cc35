/** Intent.json and its Slot.json files -> an intent definition, reporting what intent files cannot hold. */
import { builtInIntents, lexFallbackSignature, repairIntentOfLexSignature } from '../../src/content/builtin-intents.js';
import type { IntentDefinition } from '../../src/content/intent-schema.js';
import type { LexIntentDefinition } from '../../src/content/lex-schema.js';
import { defaultMaxRetries } from './compile-lex-prompts.js';
import { intentPath, slotPath } from './lex-archive-paths.js';
import type { ReadLexIntent, ReadLexSlot } from './lex-archive-schemas.js';
import type { LossItem } from './lex-archive-types.js';
import { reportCodeHooks, reportFallback } from './import-lex-hooks.js';
import { reportUnknownKeys } from './import-lex-keys.js';
import { fileReport, importPromptSpecification, importResponse, type FileReport } from './import-lex-messages.js';
import { importSlot } from './import-lex-slot.js';

export interface IntentImportContext {
  botName: string;
  localeId: string;
  report: LossItem[];
  /** The Parley type of a custom Lex slot type, or undefined when intent files cannot define it. */
  customSlotType: (lexName: string) => string | undefined;
}

export interface ImportedIntent {
  definition: IntentDefinition;
  /** The Lex name (the folder in the archive). */
  lexName: string;
  file: string;
  /** The Lex `sampleUtterances` index of each definition utterance. */
  utteranceIndexes: number[];
  /** The Slot.json of each definition slot. */
  slotFiles: string[];
}

const intentKeys = ['name', 'identifier', 'description', 'parentIntentSignature', 'sampleUtterances', 'intentConfirmationSetting', 'intentClosingSetting', 'dialogCodeHook', 'fulfillmentCodeHook', 'slotPriorities'];
const knownIntentKeys = {
  initialResponseSetting: ['initial-response', 'the initial response (what Lex says or runs when the intent starts) is not imported: the dialog says it'],
  inputContexts: ['contexts', 'input contexts are not imported: Parley decides which intents apply from the dialog stack'],
  outputContexts: ['contexts', 'output contexts are not imported: Parley decides which intents apply from the dialog stack'],
  kendraConfiguration: ['knowledge', 'the Kendra search configuration is not imported'],
  qnAIntentConfiguration: ['knowledge', 'the QnA (Bedrock knowledge base) configuration is not imported'],
  bedrockAgentIntentConfiguration: ['knowledge', 'the Bedrock agent configuration is not imported'],
  qInConnectIntentConfiguration: ['knowledge', 'the Q in Connect configuration is not imported'],
} satisfies Record<string, [string, string]>;

export function importIntent(entry: { intent: ReadLexIntent; slots: ReadLexSlot[] }, context: IntentImportContext): ImportedIntent | undefined {
  const { intent } = entry;
  const file = intentPath(context.botName, context.localeId, intent.name);
  const at = fileReport(context.report, file);
  const signature = intent.parentIntentSignature ?? undefined;
  if (signature === lexFallbackSignature) {
    reportFallback(intent, at);
    return undefined;
  }
  if (signature !== undefined && !signature.startsWith('AMAZON.')) {
    at.add('parentIntentSignature', 'built-in-intent', `${intent.name} is built on ${signature}, which is not a Lex built-in intent; it is imported as an intent of its own`);
  }
  const repair = signature === undefined ? undefined : repairIntentOfLexSignature(signature);
  // A Lex built-in that is a repair intent, or an intent named like one in another case (`help`), is
  // Parley's repair intent; the `lex:` block keeps its Lex name and built-in, so a build gives them back.
  const name = repair ?? builtInIntents.find((builtIn) => builtIn.name.toLowerCase() === intent.name.toLowerCase())?.name ?? intent.name;
  const lex: LexIntentDefinition = {
    ...(name === intent.name ? {} : { name: intent.name }),
    ...(repair === undefined ? {} : { parentIntentSignature: signature }),
  };
  reportUnknownKeys(intent, intentKeys, at, '', knownIntentKeys);
  reportCodeHooks(intent, at);
  const definition: IntentDefinition = { name };
  const description = intent.description?.trim();
  if (description) definition.description = description;
  const utterances = intent.sampleUtterances ?? [];
  definition.utterances = utterances.map((utterance) => utterance.utterance);
  const ordered = orderedSlots(intent, entry.slots);
  definition.slots = ordered.map((slot) => importSlot(slot, intent.name, context));
  importConfirmation(intent, definition, at);
  importClosing(intent, definition, at);
  if (Object.keys(lex).length > 0) definition.lex = lex;
  return {
    definition,
    lexName: intent.name,
    file,
    utteranceIndexes: utterances.map((_, index) => index),
    slotFiles: ordered.map((slot) => slotPath(context.botName, context.localeId, intent.name, slot.name)),
  };
}

/** In priority order; slots without a priority last, by name. */
function orderedSlots(intent: ReadLexIntent, slots: ReadLexSlot[]): ReadLexSlot[] {
  const priority = new Map((intent.slotPriorities ?? []).map((entry) => [entry.slotName, entry.priority]));
  return [...slots].sort((a, b) => (priority.get(a.name) ?? Infinity) - (priority.get(b.name) ?? Infinity) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function importConfirmation(intent: ReadLexIntent, definition: IntentDefinition, at: FileReport): void {
  const setting = intent.intentConfirmationSetting;
  if (!setting) return;
  if (setting.isActive === false) {
    at.add('intentConfirmationSetting', 'inactive', 'the confirmation is switched off in Lex, so it is not imported');
    return;
  }
  reportUnknownKeys(setting, ['promptSpecification', 'declinationResponse', 'isActive'], at, 'intentConfirmationSetting');
  const path = 'intentConfirmationSetting.promptSpecification';
  const { prompt, reprompt, lex } = importPromptSpecification(setting.promptSpecification, at, path);
  if (setting.promptSpecification.maxRetries !== defaultMaxRetries) {
    at.add(`${path}.maxRetries`, 'confirmation-retries', `Lex asks the confirmation again up to ${setting.promptSpecification.maxRetries} times; Parley's dialog decides how often`);
  }
  const wordings = [...(prompt ?? []), ...(reprompt ?? [])];
  if (reprompt) at.add(`${path}.messageSelectionStrategy`, 'confirmation-reprompt', 'the confirmation says its variations in order on retries in Lex; intent files keep them as wordings of one prompt');
  if (wordings.length === 0) {
    at.add('intentConfirmationSetting', 'confirmation', 'the confirmation has no message Parley can say, so it is not imported');
    return;
  }
  const declined = setting.declinationResponse ? importResponse(setting.declinationResponse, at, 'intentConfirmationSetting.declinationResponse') : undefined;
  definition.confirmation = {
    prompt: wordings.length === 1 ? wordings[0]! : wordings,
    ...(declined ? { declined: declined.length === 1 ? declined[0]! : declined } : {}),
    ...(lex ? { lex } : {}),
  };
}

function importClosing(intent: ReadLexIntent, definition: IntentDefinition, at: FileReport): void {
  const setting = intent.intentClosingSetting;
  if (!setting) return;
  if (setting.isActive === false) {
    if (setting.closingResponse) at.add('intentClosingSetting', 'inactive', 'the closing response is switched off in Lex, so it is not imported');
    return;
  }
  reportUnknownKeys(setting, ['closingResponse', 'isActive'], at, 'intentClosingSetting');
  const fulfilled = setting.closingResponse ? importResponse(setting.closingResponse, at, 'intentClosingSetting.closingResponse') : undefined;
  if (fulfilled) definition.fulfilled = fulfilled.length === 1 ? fulfilled[0]! : fulfilled;
  else if (setting.closingResponse) at.add('intentClosingSetting', 'closing', 'the closing response has no message Parley can say, so it is not imported');
}
