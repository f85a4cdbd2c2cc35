/**
 * The event Amazon Lex V2 sends its code hook, and the response it takes back: the contract of Parley
 * as a Lex bot's Lambda (dialog and fulfilment code hooks). Events are checked at the boundary, so a
 * malformed one is refused with what is wrong and where, before anything reads or writes the store.
 */
import * as z from 'zod';
import type { LexV2Intent, LexV2Interpretation, LexV2Slot } from '../../src/nlu/lex-v2/lex-v2-response.js';

const stringMap = z.record(z.string(), z.string());

const lexValue = z.looseObject({
  originalValue: z.string().optional(),
  interpretedValue: z.string().optional(),
  resolvedValues: z.array(z.string()).optional(),
});

const lexSlot: z.ZodType<LexV2Slot> = z.lazy(() =>
  z.looseObject({
    shape: z.string().optional(),
    value: lexValue.optional(),
    values: z.array(lexSlot).optional(),
    subSlots: z.record(z.string(), lexSlot.nullable()).optional(),
  }),
);

const lexIntent = z.looseObject({
  name: z.string().min(1),
  slots: z.record(z.string(), lexSlot.nullable()).optional(),
  state: z.string().optional(),
  confirmationState: z.string().optional(),
});

const interpretation = z.looseObject({
  intent: lexIntent.optional(),
  nluConfidence: z.union([z.number(), z.looseObject({ score: z.number().optional() })]).optional(),
  sentimentResponse: z
    .looseObject({
      sentiment: z.string().optional(),
      sentimentScore: z.looseObject({ positive: z.number().optional(), negative: z.number().optional(), neutral: z.number().optional(), mixed: z.number().optional() }).optional(),
    })
    .optional(),
  interpretationSource: z.string().optional(),
});

const sessionState = z.looseObject({
  sessionAttributes: stringMap.optional(),
  activeContexts: z.array(z.unknown()).optional(),
  dialogAction: z.looseObject({ type: z.string(), slotToElicit: z.string().optional() }).optional(),
  intent: lexIntent.optional(),
  originatingRequestId: z.string().optional(),
  runtimeHints: z.unknown().optional(),
});

/** What Lex sends: only what Parley reads is required, and unknown fields are kept (Lex adds some every year). */
export const lexCodeHookEventSchema = z.looseObject({
  messageVersion: z.string().optional(),
  invocationSource: z.enum(['DialogCodeHook', 'FulfillmentCodeHook']),
  inputMode: z.enum(['Text', 'Speech', 'DTMF']),
  responseContentType: z.string().optional(),
  sessionId: z.string().regex(/^[0-9a-zA-Z._:-]{2,100}$/, 'is 2–100 characters of letters, digits and ._:-'),
  inputTranscript: z.string(),
  invocationLabel: z.string().optional(),
  bot: z.looseObject({
    id: z.string().min(1),
    name: z.string().optional(),
    aliasId: z.string().optional(),
    aliasName: z.string().optional(),
    localeId: z.string().regex(/^[a-z]{2,3}_[A-Z]{2}$/, 'is a Lex locale such as en_US'),
    version: z.string().optional(),
  }),
  interpretations: z.array(interpretation).optional(),
  proposedNextState: z.unknown().optional(),
  requestAttributes: stringMap.optional(),
  sessionState,
  transcriptions: z.array(z.unknown()).optional(),
});

/** A Lex V2 code-hook event, as checked by `lexCodeHookEventSchema`. */
export type LexCodeHookEvent = z.infer<typeof lexCodeHookEventSchema> & { interpretations?: LexV2Interpretation[] };

/** The next step Lex takes: what the response's `dialogAction.type` says. */
export type LexDialogActionType = 'Close' | 'ConfirmIntent' | 'Delegate' | 'ElicitIntent' | 'ElicitSlot';

/** One message of a response. Lex reads PlainText and SSML; an ImageResponseCard shows buttons in chat. */
export type LexResponseMessage =
  | { contentType: 'PlainText' | 'SSML'; content: string }
  | { contentType: 'ImageResponseCard'; imageResponseCard: { title: string; subtitle?: string; buttons: Array<{ text: string; value: string }> } };

/** What a code hook answers (the LexCodeHookResponse schema). */
export interface LexCodeHookResponse {
  sessionState: {
    sessionAttributes: Record<string, string>;
    dialogAction: { type: LexDialogActionType; slotToElicit?: string };
    /** Required except with ElicitIntent; with Close its state is `Fulfilled` or `Failed`. */
    intent?: LexV2Intent & { name: string; state: 'InProgress' | 'ReadyForFulfillment' | 'Fulfilled' | 'Failed'; confirmationState: 'None' | 'Confirmed' | 'Denied' };
    activeContexts?: unknown[];
  };
  messages?: LexResponseMessage[];
  requestAttributes?: Record<string, string>;
}
