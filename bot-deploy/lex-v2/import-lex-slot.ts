/** Slot.json -> a slot definition, reporting what intent files cannot hold. */
import type { SlotDefinition } from '../../src/content/intent-schema.js';
import { defaultMaxRetries } from './compile-lex-prompts.js';
import { slotPath } from './lex-archive-paths.js';
import type { ReadLexSlot } from './lex-archive-schemas.js';
import type { IntentImportContext } from './import-lex-intent.js';
import { reportUnknownKeys } from './import-lex-keys.js';
import { fileReport, importPromptSpecification, type FileReport } from './import-lex-messages.js';
import { parleyBuiltInSlotType } from './lex-names.js';

export function importSlot(slot: ReadLexSlot, intentName: string, context: IntentImportContext): SlotDefinition {
  const at = fileReport(context.report, slotPath(context.botName, context.localeId, intentName, slot.name));
  reportUnknownKeys(slot, ['name', 'identifier', 'description', 'slotTypeName', 'valueElicitationSetting', 'obfuscationSetting', 'multipleValuesSetting'], at, '', {
    subSlotSetting: ['composite-slot', 'the sub-slots of a composite slot are not imported; the slot is text'],
  });
  if (slot.obfuscationSetting && slot.obfuscationSetting.obfuscationSettingType !== 'None') {
    at.add('obfuscationSetting', 'obfuscation', 'Lex obfuscates this slot in its logs; intent files have no such setting (Parley redacts what it logs itself)');
  }
  const elicitation = slot.valueElicitationSetting;
  reportUnknownKeys(elicitation, ['slotConstraint', 'promptSpecification'], at, 'valueElicitationSetting', {
    defaultValueSpecification: ['default-values', 'default values are not imported: set them in the dialog'],
    sampleUtterances: ['slot-utterances', `the slot's sample utterances (${sampleList(elicitation.sampleUtterances)}) are not imported: intent files have utterances per intent`],
    waitAndContinueSpecification: ['wait-and-continue', 'wait-and-continue ("let me look for it") is not imported'],
    slotCaptureSetting: ['capture-setting', 'what Lex does after the slot is captured or not (responses, next steps, conditions, code hooks) is not imported: Parley\'s dialog decides'],
  });
  const definition: SlotDefinition = { name: slot.name, type: slotType(slot, at, context), required: elicitation.slotConstraint === 'Required' };
  if (slot.multipleValuesSetting?.allowMultipleValues) definition.multiple = true;
  const description = slot.description?.trim();
  if (description) definition.description = description;
  const spec = elicitation.promptSpecification;
  if (spec) {
    const { prompt, reprompt, lex } = importPromptSpecification(spec, at, 'valueElicitationSetting.promptSpecification');
    if (prompt) definition.prompt = prompt.length === 1 ? prompt[0]! : prompt;
    if (reprompt) definition.reprompt = reprompt.length === 1 ? reprompt[0]! : reprompt;
    if (lex) definition.lex = lex;
    if (spec.maxRetries !== defaultMaxRetries) definition.maxAttempts = spec.maxRetries + 1;
  }
  if (definition.required && definition.prompt === undefined) at.add('valueElicitationSetting.promptSpecification', 'missing-prompt', `required slot ${slot.name} has no prompt Parley can say; add one before compiling for Lex again`);
  return definition;
}

function slotType(slot: ReadLexSlot, at: FileReport, context: IntentImportContext): string {
  const lexType = slot.slotTypeName;
  if (!lexType) {
    at.add('slotTypeName', 'composite-slot', 'the slot has no slot type (a composite slot); it is text');
    return 'text';
  }
  if (lexType.startsWith('AMAZON.')) {
    const builtIn = parleyBuiltInSlotType(lexType);
    if (builtIn) return builtIn;
    at.add('slotTypeName', 'built-in-slot-type', `${lexType} has no Parley equivalent; the slot is text (what the customer says, as said)`);
    return 'text';
  }
  const type = context.customSlotType(lexType);
  if (type === undefined) {
    at.add('slotTypeName', 'slot-type', `slot type ${lexType} cannot be written in intent files; the slot is text`);
    return 'text';
  }
  if (type !== lexType) at.add('slotTypeName', 'renamed', `slot type ${lexType} is ${type} in intent files`);
  return type;
}

function sampleList(samples: unknown): string {
  if (!Array.isArray(samples)) return '';
  return samples.map((sample) => (typeof sample === 'object' && sample !== null ? String((sample as { utterance?: unknown }).utterance) : '')).join('; ');
}
