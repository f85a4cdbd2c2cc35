/**
 * The shape of intent-file entries, as zod schemas. Files and `defineIntent` both go through these,
 * so YAML and TypeScript content is checked the same way.
 */
import * as z from 'zod';
import { audioAndDTMFInputSchema, lexAttemptNames, lexAttemptSchema, lexInputSchemas, lexIntentSchema, lexPromptSchema, namePattern } from './lex-schema.js';

export { namePattern } from './lex-schema.js';

const name = z.string().regex(namePattern);
const text = z.string().trim().min(1);
const description = text.max(2000);
const prompt = z.union([text, z.array(text).min(1)]);

export const slotSchema = z.strictObject({
  name,
  type: text,
  required: z.boolean().default(true),
  multiple: z.boolean().optional(),
  prompt: prompt.optional(),
  reprompt: prompt.optional(),
  help: text.optional(),
  maxAttempts: z.number().int().positive().optional(),
  aliases: z.array(text).default([]),
  description: description.optional(),
  lex: lexPromptSchema.optional(),
});

const confirmationSchema = z.strictObject({ prompt, declined: prompt.optional(), lex: lexPromptSchema.optional() });

export const intentSchema = z.strictObject({
  name,
  description: description.optional(),
  // Optional here: an intent that only adds prompts to a built-in needs no utterances of its own.
  utterances: z.array(z.string()).optional(),
  slots: z.array(slotSchema).default([]),
  confirmation: z.union([text, confirmationSchema]).optional(),
  fulfilled: prompt.optional(),
  lex: z.union([lexIntentSchema, z.array(lexIntentSchema).min(1)]).optional(),
});

const listValueSchema = z.strictObject({ value: text, synonyms: z.array(text).default([]) });
export const listValueItemSchema = z.union([text, listValueSchema]);

// One object for both kinds, so a slot type with the wrong mix of keys gets a plain-words problem
// (see slot-type-entry.ts) instead of a union error naming neither kind.
export const slotTypeSchema = z.strictObject({
  name,
  description: description.optional(),
  restrict: z.boolean().optional(),
  values: z.array(listValueItemSchema).optional(),
  pattern: z.string().min(1).optional(),
  caseInsensitive: z.boolean().optional(),
  separators: z.string().optional(),
  transform: z.enum(['none', 'upper', 'lower']).optional(),
  examples: z.array(text).optional(),
});

// The same schemas, with list items left to be checked one by one: a bad slot or utterance then
// costs only itself, and the positions of the others stay right.
export const intentEntrySchema = intentSchema.extend({
  utterances: z.array(z.unknown()).optional(),
  slots: z.array(z.unknown()).default([]),
});
export const slotTypeEntrySchema = slotTypeSchema.extend({ values: z.array(z.unknown()).optional() });
export const utteranceSchema = z.string();

/** Accept any spelling of `name`, so the rest of an entry with a bad name is still checked. */
export function withAnyName<Shape extends z.core.$ZodLooseShape>(schema: z.ZodObject<Shape>) {
  return schema.extend({ name: z.string() });
}

export const intentFileSchema = z.strictObject({
  intents: z.array(z.unknown()).nullish(),
  slotTypes: z.array(z.unknown()).nullish(),
});

export const listOnlyKeys = ['restrict', 'values'] as const;
export const regexOnlyKeys = ['pattern', 'caseInsensitive', 'separators', 'transform', 'examples'] as const;

/** The keys each kind of mapping allows, for "did you mean" hints. */
export const allowedKeys = {
  file: Object.keys(intentFileSchema.shape),
  intent: Object.keys(intentSchema.shape),
  slot: Object.keys(slotSchema.shape),
  confirmation: Object.keys(confirmationSchema.shape),
  'slot type': Object.keys(slotTypeSchema.shape),
  value: Object.keys(listValueSchema.shape),
  'Lex intent': Object.keys(lexIntentSchema.shape),
  'Lex prompt': Object.keys(lexPromptSchema.shape),
  'Lex attempts': [...lexAttemptNames],
  'Lex attempt': Object.keys(lexAttemptSchema.shape),
  audioAndDTMFInputSpecification: Object.keys(audioAndDTMFInputSchema.shape),
  ...(Object.fromEntries(Object.entries(lexInputSchemas).map(([key, schema]) => [key, Object.keys(schema.shape)])) as Record<keyof typeof lexInputSchemas, string[]>),
} as const;

export type PromptDefinition = z.input<typeof prompt>;
export type SlotDefinition = z.input<typeof slotSchema>;
/** An intent as written in an intent file, or passed to `defineIntent`. */
export type IntentDefinition = z.input<typeof intentSchema>;

interface SlotTypeCommon {
  name: string;
  description?: string;
}

/** A list slot type: the values a customer may say, with synonyms. */
export interface ListSlotTypeDefinition extends SlotTypeCommon {
  values: (string | { value: string; synonyms?: string[] })[];
  /** Default true; false lets other values through (Lex "expand"). */
  restrict?: boolean;
}

/** A regex slot type: values that match a pattern (order numbers, postcodes). */
export interface RegexSlotTypeDefinition extends SlotTypeCommon {
  pattern: string;
  caseInsensitive?: boolean;
  separators?: string;
  transform?: 'none' | 'upper' | 'lower';
  examples?: string[];
}

/** A slot type as written in an intent file, or passed to `defineSlotType`. */
export type SlotTypeDefinition = ListSlotTypeDefinition | RegexSlotTypeDefinition;

// Keeps the hand-written definition types in step with the schema.
const definitionsFitSchema: SlotTypeDefinition extends z.input<typeof slotTypeSchema> ? true : never = true;
void definitionsFitSchema;
