/**
 * The heart of a turn, between reading the conversation and writing it: read the customer's text,
 * understand it, step the dialogue engine. Failures of the recognizer or of dialog code become an
 * apology and a report; nothing here throws for them.
 */
import type { Clock } from '../core/clock.js';
import type { ConversationView, Directive, Message, TurnInput, TurnTrace } from '../core/turn.js';
import type { ConversationState } from '../engine/conversation-state.js';
import { formatMessage } from '../engine/message-format.js';
import type { Engine } from '../engine/engine.js';
import { emptyRecognition, type Expectation, type Recognition, type Recognizer } from '../nlu/recognizer.js';
import type { ConversationRecord } from './conversation-record.js';
import type { BotObserver, CreateBotOptions, TurnEvent } from './create-bot.js';
import { readTurnText, resolveLocale } from './read-turn-text.js';

export interface TurnResult {
  /** The engine's state after the turn (unchanged when the turn was refused or failed to be understood). */
  dialog: ConversationState | null;
  messages: Message[];
  directives: Directive[];
  view: ConversationView;
  trace?: TurnTrace;
  outcome: Exclude<TurnEvent['outcome'], 'redelivered'>;
  locale: string;
  /** What the transcript shows the customer said: none for events and empty messages. */
  customerText?: string;
}

export interface TurnRunnerOptions {
  engine: Engine;
  recognizer: Recognizer;
  clock: Clock;
  locales: readonly string[];
  defaultLocale: string;
  maxLength: number;
  observer: BotObserver;
  report: NonNullable<CreateBotOptions['onError']>;
}

export function createTurnRunner({ engine, recognizer, clock, locales, defaultLocale, maxLength, observer, report }: TurnRunnerOptions) {
  async function recognize(text: string, locale: string, expecting: Expectation | undefined, input: TurnInput, deadline: number | undefined): Promise<Recognition | undefined> {
    const started = performance.now();
    try {
      const signal = deadline === undefined ? undefined : AbortSignal.timeout(Math.max(1, Math.ceil(deadline - started)));
      const recognition = await recognizer.recognize({
        text,
        locale,
        now: clock.now(),
        timeZone: clock.timeZone,
        conversationId: input.conversationId,
        channel: input.channel,
        expecting,
      }, signal ? { signal } : undefined);
      if (recognition.route) {
        // Each provider the router asked counts on its own, with how it did.
        for (const attempt of recognition.route.attempts) observer.recognized?.({ provider: attempt.provider, ms: attempt.latencyMs, outcome: attempt.outcome });
        observer.routed?.(recognition.route);
      } else {
        observer.recognized?.({ provider: recognition.provider, ms: performance.now() - started, outcome: 'ok' });
      }
      return recognition;
    } catch (error) {
      observer.recognized?.({ provider: recognizer.name, ms: performance.now() - started, outcome: 'error' });
      report(error instanceof Error ? error : new Error(String(error)), { conversationId: input.conversationId, stage: 'recognize' });
      return undefined;
    }
  }

  /**
   * @param deadline when the answer must go (`performance.now()` time): the recognizer and dialog
   * code get what is left until then.
   */
  return async function runTurn(input: TurnInput, record: ConversationRecord, deadline?: number): Promise<TurnResult> {
    const { conversationId } = input;
    const previous = record.dialog ?? undefined;
    const locale = resolveLocale(input.locale ?? previous?.locale ?? record.locale ?? undefined, locales, defaultLocale);
    const text = readTurnText(input.content, maxLength);
    const phrases = engine.phrases(locale);
    const unchanged = { dialog: record.dialog, directives: [], view: engine.view(previous), locale };
    // Refusals change nothing in the dialog: the conversation is exactly as it was.
    if (text.kind === 'empty') return { ...unchanged, messages: [{ text: phrases.empty }], outcome: 'refused' };
    if (text.kind === 'too-long') {
      const reply = formatMessage(phrases.tooLong, { length: text.length.toLocaleString(locale), max: maxLength.toLocaleString(locale) }, { locale });
      return { ...unchanged, messages: [{ text: reply }], outcome: 'refused', customerText: text.raw };
    }
    const customerText = text.kind === 'text' ? text.text : undefined;
    const expecting = engine.expectation(previous);
    const recognition = text.kind === 'event'
      ? { ...emptyRecognition('', locale, 'event'), topIntent: text.name, intents: [{ name: text.name, confidence: 1 }] }
      : understoodUpstream(input.understood) ?? (await recognize(text.text, locale, expecting, input, deadline));
    if (!recognition) return { ...unchanged, messages: [{ text: phrases.taskFailed }], outcome: 'failed', customerText };
    // A second request in the message is looked for with the same recognizer (at most one more call).
    const more = text.kind === 'text' ? (part: string) => recognize(part, locale, undefined, input, deadline) : undefined;
    const step = await engine.step(previous, recognition, { conversationId, locale, clock, recognize: more, ...(deadline === undefined ? {} : { deadline }) });
    for (const problem of step.problems) report(problem, { conversationId, stage: problem.stage, dialog: problem.dialog });
    return {
      dialog: step.state,
      messages: step.messages,
      directives: step.directives,
      view: step.view,
      trace: traceOf(recognition, expecting),
      outcome: step.problems.length ? 'failed' : 'answered',
      locale,
      customerText,
    };
  };
}

/** The platform's understanding, unless it understood nothing (then the bot's recognizer reads the text). */
function understoodUpstream(understood: Recognition | undefined): Recognition | undefined {
  return understood && (understood.topIntent !== null || understood.entities.length > 0) ? understood : undefined;
}

function traceOf(recognition: Recognition, expecting: Expectation | undefined): TurnTrace {
  return {
    provider: recognition.provider,
    topIntent: recognition.topIntent,
    intents: recognition.intents.slice(0, 3),
    entities: recognition.entities.map(({ type, slot, text, value }) => (slot ? { type, slot, text, value } : { type, text, value })),
    latencyMs: recognition.latencyMs,
    expecting,
    ...(recognition.route ? { route: recognition.route } : {}),
  };
}
