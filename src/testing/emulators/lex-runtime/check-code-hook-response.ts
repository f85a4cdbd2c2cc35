/**
 * What Lex refuses in a code hook's response, checked as Lex checks it: the shape (the Lex V2 guide's
 * "Response format" and "Required fields in the response"), then against the bot (the intent and slot
 * named exist). A refusal is answered to the client as DependencyFailedException, with the reason.
 */
import * as z from 'zod';
import type { LexCodeHookResponse } from '../../../../channels/connect/lex-code-hook-event.js';
import { findIntent, type LocaleModel } from '../../../content/intent-model.js';
import { fallbackIntentName } from '../../../nlu/lex-v2/lex-v2-response.js';

export type CheckedResponse = { valid: true; response: LexCodeHookResponse } | { valid: false; reason: string };

/** "is required" when absent; zod's own message when present and wrong. */
const required = { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : undefined) };
const stringMap = z.record(z.string(), z.string(), { error: 'must be a map of strings to strings' });

const value = z.looseObject({ originalValue: z.string().optional(), interpretedValue: z.string(), resolvedValues: z.array(z.string()).optional() });
const slot: z.ZodType = z.lazy(() =>
  z.looseObject({
    shape: z.enum(['Scalar', 'List', 'Composite']).optional(),
    value: value.optional(),
    values: z.array(slot).optional(),
    subSlots: z.record(z.string(), slot.nullable()).optional(),
  }),
);

const intent = z.looseObject({
  name: z.string(required).min(1),
  slots: z.record(z.string(), slot.nullable()).optional(),
  state: z.enum(['InProgress', 'ReadyForFulfillment', 'Fulfilled', 'Failed']).optional(),
  confirmationState: z.enum(['None', 'Confirmed', 'Denied']).optional(),
});

const message = z.discriminatedUnion('contentType', [
  z.looseObject({ contentType: z.enum(['PlainText', 'SSML', 'CustomPayload']), content: z.string(required) }),
  z.looseObject({
    contentType: z.literal('ImageResponseCard'),
    imageResponseCard: z.looseObject({
      title: z.string(required),
      subtitle: z.string().optional(),
      imageUrl: z.string().optional(),
      buttons: z.array(z.looseObject({ text: z.string(), value: z.string() })).max(5).optional(),
    }),
  }),
]);

const responseSchema = z.looseObject({
  sessionState: z.looseObject(
    {
      sessionAttributes: stringMap.optional(),
      activeContexts: z.array(z.unknown()).optional(),
      dialogAction: z.looseObject(
        {
          type: z.enum(['Close', 'ConfirmIntent', 'Delegate', 'ElicitIntent', 'ElicitSlot']),
          slotToElicit: z.string().min(1).optional(),
        },
        required,
      ),
      intent: intent.optional(),
    },
    required,
  ),
  messages: z.array(message).optional(),
  requestAttributes: stringMap.optional(),
});

type Checked = z.infer<typeof responseSchema>;

/**
 * The response, or why Lex refuses it.
 *
 * @example
 * checkCodeHookResponse({ sessionState: { dialogAction: { type: 'Delegate' } } }, model) // { valid: true, response }
 */
export function checkCodeHookResponse(answered: unknown, model: LocaleModel): CheckedResponse {
  if (typeof answered !== 'object' || answered === null || Array.isArray(answered)) {
    return { valid: false, reason: `the response must be a JSON object, not ${answered === null ? 'null' : Array.isArray(answered) ? 'an array' : typeof answered}` };
  }
  const parsed = responseSchema.safeParse(answered);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { valid: false, reason: `${issue.path.join('.')}: ${issue.message}` };
  }
  const reason = refusal(parsed.data, model);
  return reason === undefined ? { valid: true, response: parsed.data as unknown as LexCodeHookResponse } : { valid: false, reason };
}

/** What the shape cannot say: the rules between fields, and the bot's own intents and slots. */
function refusal(response: Checked, model: LocaleModel): string | undefined {
  const { dialogAction, intent } = response.sessionState;
  const type = dialogAction.type;
  if ((type === 'ElicitIntent' || type === 'ConfirmIntent') && !response.messages?.length) {
    return `messages: at least one message is required with dialogAction type ${type}`;
  }
  if ((type === 'ElicitSlot' || type === 'ConfirmIntent') && !intent) return `sessionState.intent: is required with dialogAction type ${type}`;
  if (type === 'ElicitSlot' && dialogAction.slotToElicit === undefined) return 'sessionState.dialogAction.slotToElicit: is required with dialogAction type ElicitSlot';
  // The guide's compatible states for Close; without an intent there is nothing to close.
  if (type === 'Close' && intent && !['Fulfilled', 'Failed', 'InProgress'].includes(intent.state ?? '')) {
    return `sessionState.intent.state: must be Fulfilled, Failed or InProgress with dialogAction type Close, not ${intent.state ?? 'absent'}`;
  }
  if (!intent) return undefined;
  if (intent.name === fallbackIntentName) {
    const slots = Object.keys(intent.slots ?? {});
    if (slots.length > 0) return `sessionState.intent.slots: ${fallbackIntentName} has no slot ${slots[0]}`;
    return type === 'ElicitSlot' ? `sessionState.dialogAction.slotToElicit: ${fallbackIntentName} has no slot ${dialogAction.slotToElicit}` : undefined;
  }
  const known = findIntent(model, intent.name);
  if (!known) return `sessionState.intent.name: the bot has no intent ${intent.name}`;
  const slotNames = new Set(known.slots.map((candidate) => candidate.name));
  const unknownSlot = Object.keys(intent.slots ?? {}).find((name) => !slotNames.has(name));
  if (unknownSlot !== undefined) return `sessionState.intent.slots: intent ${intent.name} has no slot ${unknownSlot}`;
  if (type === 'ElicitSlot' && !slotNames.has(dialogAction.slotToElicit!)) {
    return `sessionState.dialogAction.slotToElicit: intent ${intent.name} has no slot ${dialogAction.slotToElicit}`;
  }
  return undefined;
}
