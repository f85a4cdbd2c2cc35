/**
 * A Parley turn's output as the Lex V2 code-hook response: Parley's engine decided, and Lex is told
 * what to do next — elicit the slot the dialog asks for, confirm the intent, elicit an intent, or close
 * (done, or handed to a person with the envelope in the session attributes, where the contact flow
 * reads `parley_queue`). Messages are PlainText in chat and SSML on voice.
 */
import type { Message, SlotValue, TurnOutput } from '../../src/core/turn.js';
import { findIntent, intentOfLexName, lexNamesOf, type LocaleModel } from '../../src/content/intent-model.js';
import { attributesBytes, envelopeAttributes, envelopeAttributeNames, lexAttributesLimit } from '../../src/handoff/envelope-attributes.js';
import { fallbackIntentName, type LexV2Slot } from '../../src/nlu/lex-v2/lex-v2-response.js';
import { speak } from '../../src/speech/ssml.js';
import type { LexCodeHookEvent, LexCodeHookResponse, LexResponseMessage } from './lex-code-hook-event.js';

/** Lex shows at most five buttons on a response card, each at most 50 characters. */
const mostButtons = 5;
const longestButtonText = 50;
const longestCardTitle = 250;

/** Whether the contact is on the phone: Lex then speaks the messages, and takes SSML. */
export function isVoice(event: Pick<LexCodeHookEvent, 'inputMode' | 'responseContentType'>): boolean {
  return event.inputMode !== 'Text' || /^audio\//i.test(event.responseContentType ?? '');
}

/**
 * @example
 * renderLexResponse(await bot.handle(input), event, localeModel)
 * // { sessionState: { dialogAction: { type: 'ElicitSlot', slotToElicit: 'time' }, intent: { name: 'BookAppointment', … } }, messages: [{ contentType: 'PlainText', content: 'What time suits you?' }] }
 */
export function renderLexResponse(output: TurnOutput, event: LexCodeHookEvent, model: LocaleModel): LexCodeHookResponse {
  const sessionAttributes = carriedAttributes(event, output.conversationId);
  const messages = renderMessages(output.messages, isVoice(event));
  const { view } = output;
  const handoff = output.directives.find((directive) => directive.kind === 'handoff');
  const ended = output.directives.some((directive) => directive.kind === 'end');
  // Close names the intent the turn was about (the flow branches on it), in the Lex bot's spelling.
  const eventIntent = event.sessionState.intent?.name;
  const closingIntent = view.intent ?? (eventIntent ? intentOfLexName(model, eventIntent)?.name : undefined);
  if (handoff || ended) {
    if (output.handoff) Object.assign(sessionAttributes, envelopeAttributes(output.handoff, { maxBytes: lexAttributesLimit - attributesBytes(event.requestAttributes ?? {}), alongside: sessionAttributes }));
    else if (handoff) Object.assign(sessionAttributes, { [envelopeAttributeNames.queue]: handoff.queue, [envelopeAttributeNames.reason]: handoff.reason });
    return {
      sessionState: { sessionAttributes, dialogAction: { type: 'Close' }, intent: { name: closingIntent ? lexName(model, closingIntent) : (eventIntent ?? fallbackIntentName), slots: closingIntent ? lexSlots(model, closingIntent, view.slots) : {}, state: 'Fulfilled', confirmationState: 'None' } },
      messages,
    };
  }
  const dialog = view.dialog && findIntent(model, view.dialog);
  if (dialog && view.awaiting && dialog.slots.some((slot) => slot.name === view.awaiting)) {
    return {
      sessionState: { sessionAttributes, dialogAction: { type: 'ElicitSlot', slotToElicit: view.awaiting }, intent: { name: lexName(model, dialog.name), slots: lexSlots(model, dialog.name, view.slots), state: 'InProgress', confirmationState: 'None' } },
      messages,
    };
  }
  if (dialog && view.awaiting === 'confirmation') {
    return {
      sessionState: { sessionAttributes, dialogAction: { type: 'ConfirmIntent' }, intent: { name: lexName(model, dialog.name), slots: lexSlots(model, dialog.name, view.slots), state: 'InProgress', confirmationState: 'None' } },
      messages,
    };
  }
  // Idle, or a question Lex has no words for (what to change, a person?): Lex reads the next message
  // as any request, and Parley's engine, which knows the question, decides what it means.
  return { sessionState: { sessionAttributes, dialogAction: { type: 'ElicitIntent' } }, messages };
}

/**
 * The session's attributes as they came (Connect's own among them), less the envelope of an earlier
 * handoff, plus the conversation's id.
 */
function carriedAttributes(event: LexCodeHookEvent, conversationId: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.sessionState.sessionAttributes ?? {})) {
    if (!name.startsWith('parley_')) attributes[name] = value;
  }
  attributes[envelopeAttributeNames.conversationId] = conversationId;
  return attributes;
}

function renderMessages(messages: readonly Message[], voice: boolean): LexResponseMessage[] {
  if (messages.length === 0) return [];
  // On the phone, one spoken message; in chat, one each, a question's options as buttons.
  if (voice) return [{ contentType: 'SSML', content: speak(messages.map((message) => message.text)) }];
  return messages.flatMap((message): LexResponseMessage[] => {
    const buttons = (message.quickReplies ?? []).slice(0, mostButtons).map(({ title, value }) => ({ text: title.slice(0, longestButtonText), value: value.slice(0, longestButtonText) }));
    const text: LexResponseMessage = { contentType: 'PlainText', content: message.text };
    if (buttons.length === 0) return [text];
    // The card's title is the question; one too long for a title is said first, and the card shows its start.
    if (message.text.length <= longestCardTitle) return [{ contentType: 'ImageResponseCard', imageResponseCard: { title: message.text, buttons } }];
    return [text, { contentType: 'ImageResponseCard', imageResponseCard: { title: `${message.text.slice(0, longestCardTitle - 1)}…`, buttons } }];
  });
}

/** The intent's name in the Lex bot (a built-in imported from Lex keeps Lex's: `Repeat` is `RepeatIntent`). */
function lexName(model: LocaleModel, parleyName: string): string {
  const intent = findIntent(model, parleyName);
  return intent ? (lexNamesOf(intent)[0] ?? parleyName) : parleyName;
}

/** Every slot of the intent, as Lex holds them: filled ones in Lex's value shape, the others null. */
export function lexSlots(model: LocaleModel, intentName: string, values: Readonly<Record<string, SlotValue>>): Record<string, LexV2Slot | null> {
  const intent = findIntent(model, intentName);
  if (!intent) return {};
  return Object.fromEntries(intent.slots.map((slot) => [slot.name, values[slot.name] === undefined ? null : lexSlot(values[slot.name]!)]));
}

function lexSlot(value: SlotValue): LexV2Slot {
  if (!Array.isArray(value)) return { shape: 'Scalar', value: lexValue(String(value)) };
  const values = value.map((item): LexV2Slot => ({ shape: 'Scalar', value: lexValue(String(item)) }));
  return { shape: 'List', value: lexValue(value.join(', ')), values };
}

function lexValue(text: string): NonNullable<LexV2Slot['value']> {
  return { originalValue: text, interpretedValue: text, resolvedValues: [text] };
}
