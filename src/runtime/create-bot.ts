/**
 * The turn pipeline: read the conversation, understand the customer, step the dialogue engine, save
 * with compare-and-set, answer. Every stage is a plain async function; nothing here knows the channel.
 */
import { systemClock, type Clock } from '../core/clock.js';
import { ParleyError, StateConflictError } from '../core/errors.js';
import { isSafeId } from '../core/ids.js';
import type { ConversationView, Directive, TurnInput, TurnOutput, TurnTrace } from '../core/turn.js';
import type { AttemptOutcome, RouteTrace } from '../nlu/router/route-trace.js';
import { loadIntents } from '../content/index.js';
import type { IntentModel } from '../content/intent-model.js';
import { readConversationState } from '../engine/conversation-state.js';
import { createEngine, type Engine } from '../engine/engine.js';
import { fillTemplate } from '../engine/engine-messages.js';
import { createLocalRecognizer } from '../nlu/local/index.js';
import { emptyRecognition, type Expectation, type Recognition, type Recognizer } from '../nlu/recognizer.js';
import { createMemoryStore, type ConversationStore } from '../state/index.js';
import type { BotDefinition } from './define-bot.js';
import { readTurnText, resolveLocale } from './read-turn-text.js';

export interface CreateBotOptions {
  /** Where conversations live between turns (default: in memory). */
  store?: ConversationStore;
  /** Default: the embedded recognizer, trained from the bot's intents. */
  recognizer?: Recognizer;
  clock?: Clock;
  /** Told about failures the customer only got an apology for. Receives no customer text. */
  onError?: (error: Error, context: { conversationId: string; stage: 'recognize' | 'dialog' | 'store' }) => void;
  /** Told about every turn and recognizer call, for metrics and logs. Receives no customer text. */
  observer?: BotObserver;
}

export interface BotObserver {
  turn?(event: TurnEvent): void;
  /** One recognizer call: `ok` or `error`, or, behind a router, the attempt's outcome (`confident`, `timeout`…). */
  recognized?(event: { provider: string; ms: number; outcome: 'ok' | 'error' | AttemptOutcome }): void;
  /** The router's decision for a turn, when a router recognizes. */
  routed?(route: RouteTrace): void;
}

export interface TurnEvent {
  conversationId: string;
  channel: string;
  locale: string;
  ms: number;
  /** `answered`, or `refused` (empty or too long: nothing changed), or `failed` (an apology was sent). */
  outcome: 'answered' | 'refused' | 'failed';
  intent: string | null;
  dialog: string | null;
  directives: Directive[];
}

export interface Bot {
  readonly name: string;
  readonly locales: readonly string[];
  readonly defaultLocale: string;
  readonly model: IntentModel;
  readonly recognizer: Recognizer;
  /** One customer turn, start to finish. */
  handle(input: TurnInput): Promise<TurnOutput>;
  /** The conversation as tests and debuggers see it. */
  view(conversationId: string): Promise<ConversationView>;
  /** Whether the store holds this conversation. */
  exists(conversationId: string): Promise<boolean>;
  /** Forgets a conversation. */
  forget(conversationId: string): Promise<void>;
}

const maxConflictRetries = 3;

/**
 * Loads the intents, trains the recognizer, compiles the dialogs, and returns a bot ready for turns.
 *
 * @example
 * const bot = await createBot(acmeTelecom);
 * const { messages } = await bot.handle({ conversationId: 'c1', channel: 'web', content: { kind: 'text', text: 'hi' } });
 */
export async function createBot(definition: BotDefinition, options: CreateBotOptions = {}): Promise<Bot> {
  const model = typeof definition.intents === 'object' && 'locales' in definition.intents
    ? definition.intents
    : await loadIntents(definition.intents);
  const locales = Object.keys(model.locales);
  if (locales.length === 0) throw new ParleyError('configuration', `bot ${definition.name}: the intent files define no locale; add intents/<locale>/*.yaml`);
  const defaultLocale = definition.defaultLocale ?? (locales.includes('en-US') ? 'en-US' : locales[0]!);
  const engine: Engine = createEngine({
    dialogs: definition.dialogs,
    model,
    defaultLocale,
    defaultQueue: definition.defaultQueue,
    messages: definition.messages,
  });
  const recognizer = options.recognizer ?? createLocalRecognizer({ model });
  const store = options.store ?? createMemoryStore();
  const clock = options.clock ?? systemClock(definition.timeZone);
  const maxLength = definition.maxMessageLength ?? 1024;
  const report = options.onError ?? ((error, context) => console.error(`parley: ${context.stage} failed in conversation ${context.conversationId}: ${error.name}: ${error.message}`));

  async function readState(conversationId: string) {
    const stored = await store.read(conversationId);
    return stored ? { state: readConversationState(conversationId, stored.state), version: stored.version } : undefined;
  }

  const observer = options.observer ?? {};

  async function handleOnce(input: TurnInput): Promise<TurnOutput> {
    const started = performance.now();
    const output = await runTurn(input);
    observer.turn?.({
      conversationId: input.conversationId,
      channel: input.channel,
      locale: output.locale,
      ms: performance.now() - started,
      outcome: output.outcome,
      intent: output.trace?.topIntent ?? null,
      dialog: output.view.dialog,
      directives: output.directives,
    });
    const { outcome: _outcome, locale: _locale, ...turn } = output;
    return turn;
  }

  async function runTurn(input: TurnInput): Promise<TurnOutput & { outcome: TurnEvent['outcome']; locale: string }> {
    const { conversationId } = input;
    const stored = await readState(conversationId);
    const locale = resolveLocale(input.locale ?? stored?.state.locale, locales, defaultLocale);
    const text = readTurnText(input.content, maxLength);
    const phrases = engine.phrases(locale);
    // Refusals change nothing: the conversation is exactly as it was.
    if (text.kind === 'empty' || text.kind === 'too-long') {
      const reply = text.kind === 'empty'
        ? phrases.empty
        : fillTemplate(phrases.tooLong, { length: text.length.toLocaleString(locale), max: maxLength.toLocaleString(locale) });
      return { conversationId, messages: [{ text: reply }], directives: [], view: engine.view(stored?.state), outcome: 'refused', locale };
    }
    const expecting = engine.expectation(stored?.state);
    const recognition = text.kind === 'event'
      ? { ...emptyRecognition('', locale, 'event'), topIntent: text.name, intents: [{ name: text.name, confidence: 1 }] }
      : await recognize(text.text, locale, expecting, input);
    if (!recognition) {
      return { conversationId, messages: [{ text: phrases.taskFailed }], directives: [], view: engine.view(stored?.state), outcome: 'failed', locale };
    }
    const step = await engine.step(stored?.state, recognition, { conversationId, locale, clock });
    for (const problem of step.problems) report(problem, { conversationId, stage: 'dialog' });
    await store.write(conversationId, step.state, stored?.version);
    return {
      conversationId,
      messages: step.messages,
      directives: step.directives,
      view: step.view,
      trace: traceOf(recognition, expecting),
      outcome: step.problems.length ? 'failed' : 'answered',
      locale,
    };
  }

  async function recognize(text: string, locale: string, expecting: Expectation | undefined, input: TurnInput): Promise<Recognition | undefined> {
    const started = performance.now();
    try {
      const recognition = await recognizer.recognize({
        text,
        locale,
        now: clock.now(),
        timeZone: clock.timeZone,
        conversationId: input.conversationId,
        channel: input.channel,
        expecting,
      });
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

  return {
    name: definition.name,
    locales,
    defaultLocale,
    model,
    recognizer,
    async handle(input) {
      if (!isSafeId(input.conversationId)) {
        throw new ParleyError('input-rejected', 'conversation ids are 1–200 letters, digits or ._:@- and do not start with a dot');
      }
      for (let attempt = 1; ; attempt++) {
        try {
          return await handleOnce(input);
        } catch (error) {
          // Another process served a turn of this conversation meanwhile: redo ours on top of it.
          if (!(error instanceof StateConflictError) || attempt >= maxConflictRetries) throw error;
        }
      }
    },
    async view(conversationId) {
      return engine.view((await readState(conversationId))?.state);
    },
    async exists(conversationId) {
      return isSafeId(conversationId) && (await store.read(conversationId)) !== undefined;
    },
    async forget(conversationId) {
      await store.delete(conversationId);
    },
  };
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
