/**
 * What a Lex V2 export may hold, as zod schemas: loose, because exports grew keys over the years
 * (2022 conditionals and prompt attempts, 2024 QnA/Bedrock/QInConnect). Unknown keys are kept, so the
 * importer can report them instead of losing them; keys the importer reads are checked.
 */
import * as z from 'zod';

const nullish = <Schema extends z.ZodType>(schema: Schema) => schema.nullish();
const text = z.string();
const value = z.looseObject({ value: text });

export const lexMessageSchema = z.looseObject({
  plainTextMessage: nullish(value),
  ssmlMessage: nullish(value),
  customPayload: nullish(value),
  imageResponseCard: nullish(z.looseObject({ title: text, subtitle: text.nullish(), imageUrl: text.nullish() })),
});

export const lexMessageGroupSchema = z.looseObject({
  message: lexMessageSchema,
  variations: nullish(z.array(lexMessageSchema)),
});

export const lexPromptSpecificationSchema = z.looseObject({
  messageGroupsList: z.array(lexMessageGroupSchema),
  maxRetries: z.number().int().min(0).max(5),
  allowInterrupt: z.boolean().nullish(),
  messageSelectionStrategy: z.enum(['Random', 'Ordered']).nullish(),
  promptAttemptsSpecification: nullish(z.record(z.string(), z.unknown())),
});

export const lexResponseSpecificationSchema = z.looseObject({
  messageGroupsList: z.array(lexMessageGroupSchema),
  allowInterrupt: z.boolean().nullish(),
});

export const lexManifestSchema = z.looseObject({});

export const lexBotSchema = z.looseObject({
  name: text,
  version: z.union([text, z.number()]).nullish(),
  description: text.nullish(),
  identifier: text.nullish(),
  dataPrivacy: z.looseObject({ childDirected: z.boolean() }),
  idleSessionTTLInSeconds: z.number().int(),
});

export const lexBotLocaleSchema = z.looseObject({
  name: text.nullish(),
  identifier: text,
  version: z.unknown(),
  description: text.nullish(),
  voiceSettings: nullish(z.looseObject({ voiceId: text, engine: text.nullish() })),
  nluConfidenceThreshold: z.number().min(0).max(1),
});

export const lexIntentSchema = z.looseObject({
  name: text,
  identifier: text.nullish(),
  description: text.nullish(),
  parentIntentSignature: text.nullish(),
  sampleUtterances: nullish(z.array(z.looseObject({ utterance: text }))),
  intentConfirmationSetting: nullish(
    z.looseObject({
      promptSpecification: lexPromptSpecificationSchema,
      declinationResponse: nullish(lexResponseSpecificationSchema),
      isActive: z.boolean().nullish(),
    }),
  ),
  intentClosingSetting: nullish(
    z.looseObject({ closingResponse: nullish(lexResponseSpecificationSchema), isActive: z.boolean().nullish() }),
  ),
  dialogCodeHook: nullish(z.looseObject({ enabled: z.boolean() })),
  fulfillmentCodeHook: nullish(z.looseObject({ enabled: z.boolean(), isActive: z.boolean().nullish() })),
  slotPriorities: nullish(z.array(z.looseObject({ priority: z.number().int(), slotName: text }))),
});

export const lexSlotSchema = z.looseObject({
  name: text,
  identifier: text.nullish(),
  description: text.nullish(),
  slotTypeName: text.nullish(),
  obfuscationSetting: nullish(z.looseObject({ obfuscationSettingType: text })),
  multipleValuesSetting: nullish(z.looseObject({ allowMultipleValues: z.boolean().nullish() })),
  valueElicitationSetting: z.looseObject({
    slotConstraint: z.enum(['Required', 'Optional']),
    promptSpecification: nullish(lexPromptSpecificationSchema),
  }),
});

export const lexSlotTypeSchema = z.looseObject({
  name: text,
  identifier: text.nullish(),
  description: text.nullish(),
  slotTypeValues: nullish(
    z.array(z.looseObject({ sampleValue: z.looseObject({ value: text }), synonyms: nullish(z.array(z.looseObject({ value: text }))) })),
  ),
  parentSlotTypeSignature: text.nullish(),
  valueSelectionSetting: nullish(
    z.looseObject({
      resolutionStrategy: z.enum(['ORIGINAL_VALUE', 'TOP_RESOLUTION', 'CONCATENATION']).nullish(),
      regexFilter: nullish(z.looseObject({ pattern: text })),
    }),
  ),
});

export type ReadLexMessage = z.output<typeof lexMessageSchema>;
export type ReadLexMessageGroup = z.output<typeof lexMessageGroupSchema>;
export type ReadLexPromptSpecification = z.output<typeof lexPromptSpecificationSchema>;
export type ReadLexResponseSpecification = z.output<typeof lexResponseSpecificationSchema>;
export type ReadLexBot = z.output<typeof lexBotSchema>;
export type ReadLexBotLocale = z.output<typeof lexBotLocaleSchema>;
export type ReadLexIntent = z.output<typeof lexIntentSchema>;
export type ReadLexSlot = z.output<typeof lexSlotSchema>;
export type ReadLexSlotType = z.output<typeof lexSlotTypeSchema>;

/** An Intent.json and its Slot.json files, checked; `exported` is their JSON as written (keys in order). */
export interface ReadLexIntentFiles {
  intent: ReadLexIntent;
  slots: ReadLexSlot[];
  exported?: { intent: Record<string, unknown>; slots: Record<string, unknown>[] };
}

/** A Lex archive as read from an export: the same tree as `LexArchive`, with looser files. */
export interface ReadLexArchive {
  manifest: object;
  bot: ReadLexBot;
  locales: {
    localeId: string;
    botLocale: ReadLexBotLocale;
    intents: ReadLexIntentFiles[];
    slotTypes: ReadLexSlotType[];
  }[];
  /** Files inside the archive that are not part of the bot's model (ConversationFlow.json, CustomVocabulary). */
  ignoredFiles?: string[];
}
