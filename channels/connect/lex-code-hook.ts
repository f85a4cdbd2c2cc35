/**
 * Parley as the code hook of an Amazon Lex V2 bot (the way Amazon Connect reaches it, by phone and
 * chat): each event is one Parley turn. Lex's interpretation is the turn's understanding (unless the
 * bot's own recognizer is asked to read the text instead), Parley's engine decides, and the answer
 * tells Lex what to do next. The conversation lives in the bot's store, keyed by the Lex session (the
 * Connect contact), and an event delivered again is answered once.
 *
 * The platform does not wait for ever: the turn gets the time the invocation has left, less a reserve
 * to save and answer; dialog code still running then fails as a task past its timeout does (an
 * apology), and if even the store does not answer in time, the customer is told so and handed to a
 * person, before Lex gives up on the hook.
 */
import { ParleyError } from '../../src/core/errors.js';
import type { TurnInput, TurnOutput } from '../../src/core/turn.js';
import { findIntent, intentOfLexName, type LocaleModel } from '../../src/content/intent-model.js';
import { fromLexV2LocaleId } from '../../src/nlu/lex-v2/lex-v2-session.js';
import { mapLexV2Response } from '../../src/nlu/lex-v2/map-lex-v2-response.js';
import { fallbackIntentName } from '../../src/nlu/lex-v2/lex-v2-response.js';
import type { Bot } from '../../src/runtime/create-bot.js';
import type { LambdaInvocationContext } from '../../src/runtime/lambda/lambda-runtime.js';
import { lexCodeHookEventSchema, type LexCodeHookEvent, type LexCodeHookResponse } from './lex-code-hook-event.js';
import { LambdaEventError } from './lex-event-error.js';
import { renderLexResponse } from './lex-response.js';

/** What a Lambda handler is given besides the event; only the remaining time is read. */
export type LambdaContext = LambdaInvocationContext;

export interface LexCodeHookOptions {
  /**
   * Who reads the customer's words: `lex` (default), Lex's own interpretation, which its event carries
   * (the bot's recognizer reads the text only when Lex understood nothing); or `bot`, the bot's
   * recognizer (its `nlu` routing policy, when it has one) for every turn.
   */
  understanding?: 'lex' | 'bot';
  /** Milliseconds of the invocation's remaining time kept to save the turn and answer (default 1000). */
  reserveMs?: number;
  /** The queue for a person when the bot cannot answer in time (default `General`). */
  fallbackQueue?: string;
  /**
   * Told when an event is refused, or the handler answered for the bot (the turn ran late or failed).
   * Receives no customer text.
   */
  onProblem?: (problem: LexCodeHookProblem) => void;
}

export interface LexCodeHookProblem {
  kind: 'refused' | 'late' | 'failed';
  conversationId?: string;
  error?: Error;
}

/** A Lambda handler for Lex V2 code-hook events. */
export type LexCodeHook = (event: unknown, context?: LambdaContext) => Promise<LexCodeHookResponse>;

/** How long Lex waits for a code hook when the handler is not told (a Lambda always tells). */
export const lexCodeHookWaitMs = 30_000;
const defaultReserveMs = 1000;
/** Time a turn gets however little is left: answering at once would be no better. */
const leastBudgetMs = 100;

/**
 * The conversation a Lex session is: `lex:` and the session id (a Connect contact's id).
 *
 * @example
 * lexConversationId('7f6c0f3e-…') // 'lex:7f6c0f3e-…'
 */
export function lexConversationId(sessionId: string): string {
  return `lex:${sessionId}`;
}

/**
 * @example
 * const hook = createLexCodeHook(await createBot(bot, { store }));
 * export const handler = hook; // (event, context) => response
 */
export function createLexCodeHook(bot: Bot, options: LexCodeHookOptions = {}): LexCodeHook {
  const understanding = options.understanding ?? 'lex';
  const reserveMs = options.reserveMs ?? defaultReserveMs;
  const fallbackQueue = options.fallbackQueue ?? 'General';
  const report = options.onProblem ?? (() => {});

  return async function lexCodeHook(raw, context) {
    const parsed = lexCodeHookEventSchema.safeParse(raw);
    if (!parsed.success) {
      const error = new LambdaEventError('the Lex V2 code-hook event', parsed.error.issues);
      report({ kind: 'refused', error });
      throw error;
    }
    const event = parsed.data as LexCodeHookEvent;
    const started = performance.now();
    const remaining = context?.getRemainingTimeInMillis?.() ?? lexCodeHookWaitMs;
    const conversationId = lexConversationId(event.sessionId);
    const locale = fromLexV2LocaleId(event.bot.localeId);
    const model = localeModel(bot, locale);
    const budgetMs = Math.max(leastBudgetMs, remaining - reserveMs);
    let timer: NodeJS.Timeout | undefined;
    // Past the budget and half the reserve, the answer goes whatever the turn is doing.
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), Math.max(leastBudgetMs, remaining - reserveMs / 2 - (performance.now() - started)))));
    const answer = async (): Promise<LexCodeHookResponse> => {
      // An intent Parley does not run (a Q in Connect, Kendra or QnA intent) is Lex's to answer, unless a task of Parley's is under way.
      const intentName = event.sessionState.intent?.name;
      if (intentName && intentName !== fallbackIntentName && !intentOfLexName(model, intentName) && (await bot.view(conversationId)).dialog === null) {
        return delegate(event, conversationId);
      }
      const output = await bot.handle(turnInput(event, conversationId, locale, model, understanding), { budgetMs });
      return renderLexResponse(output, event, model);
    };
    let answered = false;
    const answering = answer();
    // A turn that fails after the answer went (the store gave up at last) is reported too.
    answering.catch((error: unknown) => {
      if (answered) report({ kind: 'failed', conversationId, error: error instanceof Error ? error : new Error(String(error)) });
    });
    try {
      const response = await Promise.race([answering, late]);
      if (response !== 'late') return response;
      report({ kind: 'late', conversationId });
      return renderLexResponse(unavailable(bot, conversationId, locale, fallbackQueue), event, model);
    } catch (error) {
      // The caller's mistake is the caller's to hear of; anything else, the customer is not left waiting.
      if (ParleyError.isInstance(error) && (error.code === 'input-rejected' || error.code === 'idempotency-conflict')) throw error;
      report({ kind: 'failed', conversationId, error: error instanceof Error ? error : new Error(String(error)) });
      return renderLexResponse(unavailable(bot, conversationId, locale, fallbackQueue), event, model);
    } finally {
      answered = true;
      clearTimeout(timer);
    }
  };
}

function localeModel(bot: Bot, locale: string): LocaleModel {
  return bot.model.locales[locale] ?? bot.model.locales[bot.defaultLocale]!;
}

/**
 * The event as a Parley turn. Its delivery key is Lex's request id, so the same request (a retry, or
 * the fulfilment hook after the dialog hook) is answered once.
 */
function turnInput(event: LexCodeHookEvent, conversationId: string, locale: string, model: LocaleModel, understanding: 'lex' | 'bot'): TurnInput {
  const input: TurnInput = { conversationId, channel: 'connect', locale, content: { kind: 'text', text: event.inputTranscript } };
  const requestId = event.sessionState.originatingRequestId;
  if (requestId && requestId.length <= 200) input.idempotencyKey = requestId;
  if (understanding === 'lex') {
    const recognition = mapLexV2Response(
      { interpretations: event.interpretations ?? [], sessionState: event.sessionState },
      {
        text: event.inputTranscript,
        locale,
        latencyMs: 0,
        // A bot imported from Lex keeps Lex's names for built-ins (`RepeatIntent` is Parley's `Repeat`).
        intentNameOf: (lexName) => intentOfLexName(model, lexName)?.name ?? lexName,
        slotTypeOf: (intent, slot) => findIntent(model, intent)?.slots.find((candidate) => candidate.name === slot)?.type,
      },
    );
    // Lex repeats the values of earlier turns in every interpretation: only what was said now is news.
    recognition.entities = recognition.entities.filter((entity) => entity.start >= 0);
    input.understood = recognition;
  }
  return input;
}

/** Lex carries on with an intent of its own, as it was. */
function delegate(event: LexCodeHookEvent, conversationId: string): LexCodeHookResponse {
  const attributes = { ...event.sessionState.sessionAttributes, parley_conversation_id: conversationId };
  const intent = event.sessionState.intent!;
  return {
    sessionState: {
      sessionAttributes: attributes,
      dialogAction: { type: 'Delegate' },
      intent: { ...intent, name: intent.name, state: event.invocationSource === 'FulfillmentCodeHook' ? 'Fulfilled' : 'InProgress', confirmationState: (intent.confirmationState as 'None' | 'Confirmed' | 'Denied' | undefined) ?? 'None' },
    },
  };
}

/** What the handler answers for a bot that could not: sorry, and a person. */
function unavailable(bot: Bot, conversationId: string, locale: string, queue: string): TurnOutput {
  return {
    conversationId,
    messages: [{ text: bot.phrases(locale).unavailable }],
    directives: [{ kind: 'handoff', queue, reason: 'unavailable' }],
    view: { intent: null, dialog: null, awaiting: null, slots: {}, handoff: { queue }, ended: false },
  };
}
