/**
 * The emulated bot's sessions: what a session remembers between calls, and how a request's
 * `sessionState` is read (and rejected as Lex would).
 */
import { findIntent, type Intent, type LocaleModel } from '../../../content/intent-model.js';
import type { LexV2Intent } from '../../../nlu/lex-v2/lex-v2-response.js';
import { checkStringMap, validation } from './lex-wire.js';

export interface DialogAction {
  type: 'Close' | 'ConfirmIntent' | 'Delegate' | 'ElicitIntent' | 'ElicitSlot' | 'None';
  slotToElicit?: string;
}

/** What a session keeps between calls (Lex keeps it for the session's idle time; the emulator until it closes). */
export interface StoredSession {
  dialogAction?: DialogAction;
  intent?: LexV2Intent;
  sessionAttributes: Record<string, string>;
  /** Kept for a code hook, which may set them (the emulator does not act on contexts). */
  activeContexts?: unknown[];
  /** How many times the slot being elicited was asked for before this time (0: the first time). */
  retries?: number;
}

/** The state a turn starts from: the request's, else the session's. */
export interface TurnState {
  dialogAction?: DialogAction;
  intent?: LexV2Intent;
  sessionAttributes: Record<string, string>;
  /** The intent and slot Lex is waiting an answer for, when it is eliciting a slot. */
  eliciting?: { intent: Intent; slot: string; slotType: string };
  /** The intent Lex is asking the customer to confirm (`ConfirmIntent`). */
  confirming?: Intent;
}

const dialogActionTypes = new Set(['Close', 'ConfirmIntent', 'Delegate', 'ElicitIntent', 'ElicitSlot', 'None']);

/**
 * Merges a request's `sessionState` over the stored session, as Lex does: what the request says wins,
 * what it leaves out the session keeps. An `ElicitSlot` must name a slot of a known intent, a
 * `ConfirmIntent` a known intent.
 */
export function readTurnState(requested: unknown, stored: StoredSession | undefined, model: LocaleModel): TurnState {
  if (requested !== undefined && (typeof requested !== 'object' || requested === null || Array.isArray(requested))) {
    throw validation(`Value at 'sessionState' must be an object`);
  }
  const request = (requested ?? {}) as { dialogAction?: unknown; intent?: unknown; sessionAttributes?: unknown };
  const dialogAction = request.dialogAction === undefined ? stored?.dialogAction : readDialogAction(request.dialogAction);
  const intent = request.intent === undefined ? stored?.intent : readIntent(request.intent);
  const sessionAttributes = checkStringMap(request.sessionAttributes, 'sessionState.sessionAttributes') ?? { ...stored?.sessionAttributes };
  const state: TurnState = { sessionAttributes };
  if (dialogAction) state.dialogAction = dialogAction;
  if (intent) state.intent = intent;
  if (dialogAction?.type === 'ElicitSlot') {
    const known = intent?.name ? findIntent(model, intent.name) : undefined;
    if (!known) throw validation(`ElicitSlot needs sessionState.intent naming an intent of the bot (got ${JSON.stringify(intent?.name ?? null)})`);
    const slot = known.slots.find((candidate) => candidate.name === dialogAction.slotToElicit);
    if (!slot) throw validation(`Slot ${JSON.stringify(dialogAction.slotToElicit ?? null)} is not a slot of intent ${known.name}`);
    state.eliciting = { intent: known, slot: slot.name, slotType: slot.type };
  }
  if (dialogAction?.type === 'ConfirmIntent') {
    const known = intent?.name ? findIntent(model, intent.name) : undefined;
    if (!known) throw validation(`ConfirmIntent needs sessionState.intent naming an intent of the bot (got ${JSON.stringify(intent?.name ?? null)})`);
    state.confirming = known;
  }
  return state;
}

function readDialogAction(value: unknown): DialogAction {
  const action = value as { type?: unknown; slotToElicit?: unknown } | null;
  if (typeof action !== 'object' || action === null || typeof action.type !== 'string' || !dialogActionTypes.has(action.type)) {
    throw validation(`Value at 'sessionState.dialogAction.type' must be one of ${[...dialogActionTypes].join(', ')}`);
  }
  if (action.slotToElicit !== undefined && typeof action.slotToElicit !== 'string') throw validation(`Value at 'sessionState.dialogAction.slotToElicit' must be a string`);
  return { type: action.type as DialogAction['type'], ...(action.slotToElicit === undefined ? {} : { slotToElicit: action.slotToElicit }) };
}

function readIntent(value: unknown): LexV2Intent {
  const intent = value as LexV2Intent | null;
  if (typeof intent !== 'object' || intent === null || typeof intent.name !== 'string' || intent.name === '') {
    throw validation(`Value at 'sessionState.intent.name' must be a non-empty string`);
  }
  return { ...intent, slots: { ...intent.slots } };
}
