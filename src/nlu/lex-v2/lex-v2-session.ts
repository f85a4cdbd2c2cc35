/**
 * What Parley tells Lex about the conversation on each call: which session it belongs to, and the
 * session state (attributes, and the slot being asked for).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SessionState } from '@aws-sdk/client-lex-runtime-v2';
import type { RecognizeRequest } from '../recognizer.js';

/** Lex's rule for session ids: 2–100 characters of `[0-9a-zA-Z._:-]`. */
const validSessionId = /^[0-9a-zA-Z._:-]{2,100}$/;

/**
 * The Lex session of a conversation: the conversation id itself when Lex accepts it, else a
 * deterministic hash of it (`p-` and 64 hex digits), so every turn of a conversation reaches the same
 * session. Without a conversation id, each call gets a fresh session.
 *
 * @example
 * lexV2SessionId('web:4f1c') // 'web:4f1c'
 * lexV2SessionId('a conversation id with spaces') // 'p-9d0c…'
 */
export function lexV2SessionId(conversationId: string | undefined): string {
  if (conversationId === undefined || conversationId === '') return randomUUID();
  if (validSessionId.test(conversationId)) return conversationId;
  return `p-${createHash('sha256').update(conversationId, 'utf8').digest('hex')}`;
}

/**
 * The `sessionState` sent with a turn. Parley's dialog engine owns the dialog: when it asks for a slot,
 * Lex is told to elicit that slot of that intent (so it reads the answer as that slot's value); when it
 * asks a yes/no question of a task (confirm, what to change, an agent?), Lex is told it is confirming
 * that intent, so "no, at 2pm" comes back as that intent with its slot changed, as Lex reads
 * additional information in a confirmation; otherwise Lex is told to elicit an intent, so a slot Lex
 * itself was waiting for never swallows a new request. Attributes are sent only when the request has
 * them: without, Lex keeps the session's own.
 *
 * @example
 * lexV2SessionState({ ...request, expecting: { intent: 'OrderPizza', slot: 'size' } }).dialogAction
 * // { type: 'ElicitSlot', slotToElicit: 'size' }
 * lexV2SessionState({ ...request, expecting: { intent: 'OrderPizza', confirmation: true } }).dialogAction
 * // { type: 'ConfirmIntent' }
 */
export function lexV2SessionState(request: Pick<RecognizeRequest, 'expecting' | 'attributes'>): SessionState {
  const { intent, slot, confirmation } = request.expecting ?? {};
  const inProgress = intent ? { name: intent, state: 'InProgress' as const, confirmationState: 'None' as const } : undefined;
  const state: SessionState =
    inProgress && slot
      ? { dialogAction: { type: 'ElicitSlot', slotToElicit: slot }, intent: inProgress }
      : inProgress && confirmation
        ? { dialogAction: { type: 'ConfirmIntent' }, intent: inProgress }
        : { dialogAction: { type: 'ElicitIntent' } };
  if (request.attributes) state.sessionAttributes = { ...request.attributes };
  return state;
}

/**
 * Lex writes locales with an underscore (`en_US`); Parley uses BCP 47 (`en-US`).
 *
 * @example
 * toLexV2LocaleId('en-US') // 'en_US'
 */
export function toLexV2LocaleId(locale: string): string {
  return locale.replace('-', '_');
}

/**
 * @example
 * fromLexV2LocaleId('en_US') // 'en-US'
 */
export function fromLexV2LocaleId(localeId: string): string {
  return localeId.replace('_', '-');
}
