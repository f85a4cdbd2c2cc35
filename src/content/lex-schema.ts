/**
 * The `lex:` blocks of intent files, as zod schemas: what only a Lex V2 build uses, so a bot imported
 * from Lex builds back to the same Lex bot; Parley runs without them. Keys are spelt as in Lex exports.
 */
import * as z from 'zod';

/** Lex V2 names, and so Parley's: letters and digits, single `_` or `-` between them, at most 100 characters. */
export const namePattern = /^([0-9a-zA-Z][_-]?){1,100}$/;

const text = z.string().trim().min(1);

/**
 * A Lex intent this intent compiles to: its name in Lex (default: the intent's own) and, for a repair
 * intent, the Lex built-in it is (`AMAZON.RepeatIntent`). Checked further in intent-entry.ts.
 */
export const lexIntentSchema = z.strictObject({ name: z.string().regex(namePattern).optional(), parentIntentSignature: text.optional() });

// `null` takes out a setting the Lex console writes by default, for an export that leaves it unset.
const unset = <Schema extends z.ZodType>(schema: Schema) => schema.nullable().optional();
const milliseconds = z.number().int().positive();
const dtmfKey = z.string().regex(/^[0-9A-D*#]$/, 'a DTMF key: 0-9, A-D, * or #');

// The mappings of one attempt, by their key, as Lex spells them.
export const lexInputSchemas = {
  allowedInputTypes: z.strictObject({ allowAudioInput: unset(z.boolean()), allowDTMFInput: unset(z.boolean()) }),
  audioSpecification: z.strictObject({ maxLengthMs: unset(milliseconds), endTimeoutMs: unset(milliseconds) }),
  dtmfSpecification: z.strictObject({
    maxLength: unset(z.number().int().min(1).max(1024)),
    endTimeoutMs: unset(milliseconds),
    deletionCharacter: unset(dtmfKey),
    endCharacter: unset(dtmfKey),
  }),
  textInputSpecification: z.strictObject({ startTimeoutMs: unset(milliseconds) }),
};
/** `audioAndDTMFInputSpecification`: when to give up waiting, and how long audio and DTMF input may be. */
export const audioAndDTMFInputSchema = z.strictObject({
  startTimeoutMs: unset(milliseconds),
  audioSpecification: unset(lexInputSchemas.audioSpecification),
  dtmfSpecification: unset(lexInputSchemas.dtmfSpecification),
});

/** One attempt's input settings (`promptAttemptsSpecification.Initial` in Lex), over the console's defaults. */
export const lexAttemptSchema = z.strictObject({
  allowInterrupt: unset(z.boolean()),
  allowedInputTypes: unset(lexInputSchemas.allowedInputTypes),
  audioAndDTMFInputSpecification: unset(audioAndDTMFInputSchema),
  textInputSpecification: unset(lexInputSchemas.textInputSpecification),
});

/** Lex's attempts of one question: the first, then one per retry. */
export const lexAttemptNames = ['Initial', 'Retry1', 'Retry2', 'Retry3', 'Retry4', 'Retry5'] as const;

/** A question's input settings in Lex: barge-in, audio and DTMF input, timeouts. */
export const lexPromptSchema = z.strictObject({
  allowInterrupt: z.boolean().optional(),
  attempts: z
    .strictObject({
      Initial: unset(lexAttemptSchema),
      Retry1: unset(lexAttemptSchema),
      Retry2: unset(lexAttemptSchema),
      Retry3: unset(lexAttemptSchema),
      Retry4: unset(lexAttemptSchema),
      Retry5: unset(lexAttemptSchema),
    })
    .optional(),
});

/** The mappings inside a Lex attempt, named by their key (for plain-words problems). */
export const lexInputMappings: readonly string[] = ['audioAndDTMFInputSpecification', ...Object.keys(lexInputSchemas)];

/** The `lex:` block of an intent, one Lex intent or several. */
export type LexIntentDefinition = z.input<typeof lexIntentSchema>;
/** The `lex:` block of a slot or a confirmation. */
export type LexPromptDefinition = z.input<typeof lexPromptSchema>;
export type LexAttemptName = (typeof lexAttemptNames)[number];
/** One attempt's settings: each key over the Lex console's default, `null` to leave it unset. */
export type LexAttemptSettings = z.output<typeof lexAttemptSchema>;
