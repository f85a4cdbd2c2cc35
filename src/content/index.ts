// Intent content: intent files and defineIntent -> the neutral intent model.

// Commonly used
export { loadIntents, readIntents } from './read-intents.js';
export { defineIntent, defineSlotType } from './define-intent.js';
export { buildIntentModel } from './build-intent-model.js';
export type { IntentContent } from './build-intent-model.js';
export { findIntent, findSlotType, isBuiltInSlotType, builtInSlotTypes, utteranceText } from './intent-model.js';
export type {
  BuiltInSlotType,
  Intent,
  IntentModel,
  LexIntentBinding,
  LexPassthroughIntent,
  LexPromptSettings,
  LocaleModel,
  Prompt,
  RepairRole,
  Slot,
  SlotType,
  SlotTypeValue,
  Utterance,
  UtterancePart,
} from './intent-model.js';
export type {
  IntentDefinition,
  ListSlotTypeDefinition,
  PromptDefinition,
  RegexSlotTypeDefinition,
  SlotDefinition,
  SlotTypeDefinition,
} from './intent-schema.js';
export type { LexIntentDefinition, LexPromptDefinition } from './lex-schema.js';

// For tools (linters, compilers, importers)
export { parseIntentFile } from './parse-intent-file.js';
export { builtInIntents, builtInUtterances, lexBuiltInSignatures, repairIntentOfLexSignature } from './builtin-intents.js';
export { intentOfLexName, lexNamesOf } from './intent-model.js';
export { lexPassthroughFolder, readLexPassthrough } from './lex-passthrough.js';
export { formatUtteranceMarkup, parseUtteranceMarkup } from './utterance-markup.js';
export type { MarkupProblem, ParsedUtterance } from './utterance-markup.js';
export { normaliseUtterance } from './utterance-overlap.js';
