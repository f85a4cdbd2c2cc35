/**
 * The turn pipeline: read the conversation, understand the customer, step the dialogue engine, save
 * with compare-and-set, answer. Every stage is a plain async function; nothing here knows the channel.
 */
import { systemClock, type Clock } from '../core/clock.js';
import { ConversationBusyError, ConversationNotFoundError, ParleyError, StateConflictError, type DialogFailureStage } from '../core/errors.js';
import { isSafeId } from '../core/ids.js';
import type { ConversationView, Directive, NewTranscriptEntry, TranscriptEntry, TurnInput, TurnOutput } from '../core/turn.js';
import type { AttemptOutcome, RouteTrace } from '../nlu/router/route-trace.js';
import type { IntentModel } from '../content/intent-model.js';
import { checkBotDefinition } from '../engine/check-definitions.js';
import { createEngine, type Engine } from '../engine/engine.js';
import type { EngineMessages } from '../engine/engine-messages.js';
import { createLocalRecognizer } from '../nlu/local/index.js';
import { loadIntentModel, loadOrTrainModel, type ModelCacheOptions } from './model-cache.js';
import type { Recognizer } from '../nlu/recognizer.js';
import { createKeyedQueue } from '../state/keyed-queue.js';
import { createMemoryStore, type ConversationStore } from '../state/index.js';
import { isOwnedBy, newConversationRecord, readConversationRecord, type AgentSession, type ConversationRecord } from './conversation-record.js';
import { createAgentSessions } from './agent-sessions.js';
import type { HandoffProvider } from '../handoff/handoff-provider.js';
import { createWelcomes, type Welcome } from './bot-welcome.js';
import type { BotDefinition } from './define-bot.js';
import { checkIdempotencyKey, findDelivered, oldestAnswerEntry, rememberDelivered, replayDelivered } from './delivered-turns.js';
import { claim, claimWaitMs, isClaimed, release } from './turn-claims.js';
import { appendToTranscript, transcriptSince, turnEntries, type TranscriptLimits } from './transcript.js';
import { resolveLocale } from './read-turn-text.js';
import { createTurnRunner } from './run-turn.js';
import { buildHandoffEnvelope, type HandoffEnvelope } from '../handoff/handoff-envelope.js';
import type { ChannelReach } from './channel-reach.js';
import { createNotifier, type NotifyOptions, type NotifyResult, type QuietHours } from './notifications.js';

export interface CreateBotOptions {
  /** Where conversations live between turns (default: in memory). */
  store?: ConversationStore;
  /** Default: the embedded recognizer, trained from the bot's intents. */
  recognizer?: Recognizer;
  /**
   * Keep the trained embedded recognizer in this folder (a model artefact, as `parley build` writes),
   * and load it at the next start instead of parsing the intent files and training. Only without a
   * `recognizer`. Default: train at every start.
   */
  modelCache?: ModelCacheOptions;
  clock?: Clock;
  /**
   * Told about failures the customer only got an apology for: the stage, and for dialog code the
   * dialog. Receives no customer text. Default: a line on standard error.
   */
  onError?: (error: Error, context: { conversationId: string; stage: FailureStage; dialog?: string }) => void;
  /** Told about every turn and recognizer call, for metrics and logs. Receives no customer text. */
  observer?: BotObserver;
  /** How much transcript each conversation keeps (default 30 entries, 10,000 characters). */
  transcript?: Partial<TranscriptLimits>;
  /**
   * Where a person takes over a handoff made outside a contact center's own channel (web chat, Bot
   * Framework): the agent chat opens with the envelope, the customer's messages go to it and the
   * agent's come back into the transcript, until the agent ends it. Conversations of the `connect`
   * channel are already in Amazon Connect, whose flow transfers them. Default: none (the handoff is a
   * directive for the channel to act on).
   */
  handoff?: HandoffProvider;
  /** Notifications (`bot.notify`): none are sent inside `quietHours` (the bot's time zone) unless urgent. */
  notifications?: { quietHours?: QuietHours };
}

export interface HandleOptions {
  /** Refuse (ConversationNotFoundError) a conversation the store does not hold, instead of starting it. */
  onlyExisting?: boolean;
  /**
   * Milliseconds the turn may take before its answer must go (a platform waiting on a Lambda): the
   * recognizer and dialog code get what is left of it, and dialog code still running when it is
   * spent fails as one past its `timeoutMs` (the customer gets the apology). Reading and saving the
   * conversation are not cut short. Default: no limit but each task's own.
   */
  budgetMs?: number;
}

/** Where a turn failed: the recognizer, a dialog's validator or fulfilment, a dialog machine, the store, a transcript watcher, the handoff provider. */
export type FailureStage = 'recognize' | DialogFailureStage | 'store' | 'watch' | 'handoff';

export interface BotObserver {
  turn?(event: TurnEvent): void;
  /** One recognizer call: `ok` or `error`, or, behind a router, the attempt's outcome (`confident`, `timeout`…). */
  recognized?(event: { provider: string; ms: number; outcome: 'ok' | 'error' | AttemptOutcome }): void;
  /** The router's decision for a turn, when a router recognizes. */
  routed?(route: RouteTrace): void;
  /**
   * Another process held a turn up, on a shared store: its write lost a compare-and-set (`conflict`:
   * the turn runs again from a fresh read), or it waited for another process's claim (`claim`).
   */
  contended?(event: { conversationId: string; kind: 'conflict' | 'claim' }): void;
  /** A conversation was erased (`bot.erase`); `existed` is false when there was nothing to erase. */
  erased?(event: { conversationId: string; existed: boolean }): void;
}

export interface TurnEvent {
  conversationId: string;
  channel: string;
  locale: string;
  ms: number;
  /**
   * `answered`; `refused` (empty or too long: the dialog state is unchanged); `failed` (an apology
   * was sent); `redelivered` (the stored answer to a delivery seen before; no dialog code ran); or
   * `relayed` (a person has the conversation: the message went to them, and the bot said nothing).
   */
  outcome: 'answered' | 'refused' | 'failed' | 'redelivered' | 'relayed';
  /** The conversation had been idle past the bot's idle timeout: its dialog state started afresh. */
  lapsed?: true;
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
  /** The longest message a turn accepts, in characters; a longer one is refused with the `tooLong` phrase. */
  readonly maxMessageLength: number;
  /**
   * What to show before the first turn, in the bot's locale nearest `locale` (default: the default
   * locale): the greeting and suggestions of `defineBot({ welcome })`. Reads and writes nothing.
   */
  welcome(locale?: string): Welcome;
  /** The engine's phrases in the bot's locale nearest `locale`, with the bot's overrides: for a channel that must speak for the bot. */
  phrases(locale?: string): EngineMessages;
  /**
   * One customer turn, start to finish. Turns of one conversation run one at a time, in the order
   * they arrive. Throws `ConversationNotFoundError` when another channel owns the conversation,
   * `IdempotencyKeyReusedError` for a reused key, `ConversationBusyError` when turns served
   * elsewhere kept colliding with this one.
   */
  handle(input: TurnInput, options?: HandleOptions): Promise<TurnOutput>;
  /** Stores a new conversation before its first turn, owned by `channel` (nothing happens if it exists). */
  start(conversationId: string, options: { channel: string; locale?: string }): Promise<void>;
  /** The transcript entries after an id (default: all kept); undefined when there is no such conversation for `channel`. */
  transcript(conversationId: string, options?: { channel?: string; after?: number }): Promise<TranscriptEntry[] | undefined>;
  /** Adds entries to a conversation's transcript outside a turn: a person after a handoff, a late result. */
  append(conversationId: string, entries: readonly NewTranscriptEntry[], options?: { channel?: string }): Promise<TranscriptEntry[]>;
  /**
   * Calls `listener` with the entries every later turn or `append` adds to the conversation's
   * transcript, once they are stored, in this process. Returns the function that stops it.
   */
  watch(conversationId: string, listener: (entries: readonly TranscriptEntry[]) => void): () => void;
  /** The conversation as tests and debuggers see it. */
  view(conversationId: string): Promise<ConversationView>;
  /** Whether the store holds this conversation (for `channel`, when given). */
  exists(conversationId: string, channel?: string): Promise<boolean>;
  /**
   * Erases a conversation and everything kept about it — its dialog state, transcript and stored
   * answers, and a file store's damaged copies (right to erasure) — whichever channel owns it.
   * Resolves with whether there was anything to erase. Event streams watching it are told nothing
   * more; a later turn on the same id starts a new conversation (channels that need the conversation
   * to exist, like web chat, answer 404).
   */
  erase(conversationId: string): Promise<boolean>;
  /**
   * The handoff envelope of the conversation's latest handoff, built from what is stored now (its
   * transcript may have grown since): for a flow or a desk that asks after the handoff turn.
   * Undefined when there is no such conversation for `channel`, or it was never handed off.
   */
  envelope(conversationId: string, options?: { channel?: string }): Promise<HandoffEnvelope | undefined>;
  /**
   * Writes to a customer who is not talking right now: the message goes into the conversation (with
   * `offer`, the customer's reply starts that dialog), then out through the owning channel's reach
   * (`bot.reach`). Refused, with why, when the customer opted out there, a person has the
   * conversation, or it is quiet hours. Throws for a conversation the store does not hold.
   *
   * @example
   * await bot.notify('sms:3f…', { text: 'Your technician arrives at 3pm. Reply CHANGE to rebook.', offer: { dialog: 'BookAppointment', replies: ['CHANGE'] } });
   */
  notify(conversationId: string, options: NotifyOptions): Promise<NotifyResult>;
  /** How `channel` writes to its customers outside a turn, for `notify`; returns the function that removes it. */
  reach(channel: string, reach: ChannelReach): () => void;
  /** Stops following agent chats in this process (at shutdown): another process, or this one started again, follows them on. */
  close(): Promise<void>;
}

/** Tries of a turn whose write lost a compare-and-set to another process, before the caller is told to retry. */
const maxConflictRetries = 5;
/** Turns of one conversation waiting behind the one running, before more are refused as busy. */
const maxWaitingTurns = 32;
const defaultTranscript: TranscriptLimits = { entries: 30, characters: 10_000 };
/** Lex V2's limit on a customer's text, so a bot behaves the same whichever recognizer reads it. */
const defaultMaxMessageLength = 1024;
/** How long a task left half done waits for the customer, by default. */
export const defaultIdleTimeoutMinutes = 30;

/**
 * Loads the intents, trains the recognizer, compiles the dialogs, and returns a bot ready for turns.
 *
 * @example
 * const bot = await createBot(acmeTelecom);
 * const { messages } = await bot.handle({ conversationId: 'c1', channel: 'web', content: { kind: 'text', text: 'hi' } });
 */
export async function createBot(definition: BotDefinition, options: CreateBotOptions = {}): Promise<Bot> {
  checkBotDefinition(definition);
  const { model, trained } = options.modelCache && !options.recognizer
    ? await loadOrTrainModel(definition.intents, options.modelCache)
    : { model: await loadIntentModel(definition.intents), trained: undefined };
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
  const recognizer = options.recognizer ?? createLocalRecognizer({ model, ...(trained ? { trained } : {}) });
  const store = options.store ?? createMemoryStore();
  const clock = options.clock ?? systemClock(definition.timeZone);
  const limits: TranscriptLimits = { ...defaultTranscript, ...options.transcript };
  const observer = options.observer ?? {};
  const report = options.onError ?? ((error, context) =>
    console.error(`parley: ${context.stage} failed in conversation ${context.conversationId}${context.dialog ? ` (dialog ${context.dialog})` : ''}: ${error.name}: ${error.message}`));
  const maxMessageLength = definition.maxMessageLength ?? defaultMaxMessageLength;
  const idleMs = (definition.idleTimeoutMinutes ?? defaultIdleTimeoutMinutes) * 60_000;
  const runTurn = createTurnRunner({ engine, recognizer, clock, locales, defaultLocale, maxLength: maxMessageLength, observer, report });
  const welcomes = createWelcomes({ name: definition.name, options: definition.welcome, engine, model });
  const queue = createKeyedQueue();
  const waiting = new Map<string, number>();
  const watchers = new Map<string, Set<(entries: readonly TranscriptEntry[]) => void>>();
  const agents = options.handoff && createAgentSessions({
    provider: options.handoff,
    change: async (conversationId, work) => void (await change(conversationId, work)),
    backWithBot: (record) => engine.phrases(record.dialog?.locale ?? record.locale ?? defaultLocale).agentLeft,
    report: (error, conversationId) => report(error, { conversationId, stage: 'handoff' }),
  });
  const tellWatchers = (conversationId: string, entries: readonly TranscriptEntry[]) => {
    if (entries.length === 0) return;
    for (const listener of watchers.get(conversationId) ?? []) {
      // A watcher's failure is its own: the turn is stored and answered all the same.
      try {
        listener(entries);
      } catch (error) {
        report(error instanceof Error ? error : new Error(String(error)), { conversationId, stage: 'watch' });
      }
    }
  };

  async function read(conversationId: string): Promise<{ record: ConversationRecord; version: number } | undefined> {
    const stored = await store.read(conversationId);
    return stored && { record: readConversationRecord(conversationId, stored.state), version: stored.version };
  }

  /**
   * The conversation, to change it: on a shared store, once no other process holds a claim on it
   * (turn-claims.ts); a claim held past `claimWaitMs` makes the conversation busy.
   */
  async function readToWrite(conversationId: string): Promise<{ record: ConversationRecord; version: number } | undefined> {
    const deadline = performance.now() + claimWaitMs;
    for (let pause = 20; ; pause = Math.min(2 * pause, 250)) {
      const stored = await read(conversationId);
      if (!store.shared || !stored || !isClaimed(stored.record, clock.now())) return stored;
      if (performance.now() >= deadline) throw new ConversationBusyError(conversationId);
      if (pause === 20) observer.contended?.({ conversationId, kind: 'claim' }); // once per wait, at its first pause
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  /**
   * Runs `work` alone among this conversation's operations in this process, and again from a fresh
   * read when another process wrote the conversation meanwhile.
   */
  async function exclusively<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    const queued = waiting.get(conversationId) ?? 0;
    if (queued >= maxWaitingTurns) throw new ConversationBusyError(conversationId);
    waiting.set(conversationId, queued + 1);
    try {
      return await queue.run(conversationId, async () => {
        for (let attempt = 1; ; attempt++) {
          try {
            return await work();
          } catch (error) {
            if (!(error instanceof StateConflictError)) throw error;
            if (attempt >= maxConflictRetries) throw new ConversationBusyError(conversationId);
            observer.contended?.({ conversationId, kind: 'conflict' });
            await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt * (0.5 + Math.random())));
          }
        }
      });
    } finally {
      const left = (waiting.get(conversationId) ?? 1) - 1;
      if (left > 0) waiting.set(conversationId, left);
      else waiting.delete(conversationId);
    }
  }

  /** @param deadline when the answer must go (`performance.now()` time), counted from when the turn arrived. */
  async function handleOnce(input: TurnInput, options: HandleOptions, deadline: number | undefined): Promise<TurnOutput> {
    const started = performance.now();
    const { conversationId } = input;
    const stored = await readToWrite(conversationId);
    if (stored ? !isOwnedBy(stored.record, input.channel) : options.onlyExisting) throw new ConversationNotFoundError(conversationId);
    const delivered = findDelivered(stored?.record, input, conversationId);
    if (delivered) {
      const output = replayDelivered(conversationId, stored!.record, delivered);
      const handoff = envelopeOf(conversationId, stored!.record, output.directives, stored!.record.updatedAt);
      if (handoff) output.handoff = handoff;
      const locale = stored!.record.dialog?.locale ?? stored!.record.locale ?? defaultLocale;
      observer.turn?.({ conversationId, channel: input.channel, locale, ms: performance.now() - started, outcome: 'redelivered', intent: output.view.intent, dialog: output.view.dialog, directives: output.directives });
      return output;
    }
    const now = clock.now().toISOString();
    const record = stored?.record ?? newConversationRecord(input.channel, input.locale ?? null, now);
    record.channel ??= input.channel;
    if (input.address) record.address = input.address;
    // Back after the idle timeout: a task left half done is closed, and the message read afresh.
    const lapsed = stored !== undefined && clock.now().getTime() - Date.parse(record.updatedAt) > idleMs;
    const notice = lapsed ? setAside(record) : [];
    let version = stored?.version;
    if (store.shared) {
      // No dialog code runs until this process holds the conversation (turn-claims.ts).
      claim(record, clock.now());
      version = await store.write(conversationId, record, version);
    }
    // A person has the conversation: the message is theirs, and the bot stays quiet.
    const relayed = record.agent && agents ? await relay(input, record, record.agent, now) : undefined;
    if (relayed?.output) {
      await store.write(conversationId, record, version);
      tellWatchers(conversationId, relayed.output.transcript ?? []);
      observer.turn?.({ conversationId, channel: input.channel, locale: record.dialog?.locale ?? record.locale ?? defaultLocale, ms: performance.now() - started, outcome: 'relayed', intent: null, dialog: relayed.output.view.dialog, directives: [] });
      return relayed.output;
    }
    const turn = await runTurn(input, record, deadline);
    if (notice.length > 0) turn.messages = [...notice, ...turn.messages];
    record.dialog = turn.dialog;
    // The agent's side ended unseen (relay() found it gone): its last words come before this turn's.
    const transcript = [...(relayed?.ended ?? []), ...appendToTranscript(record, turnEntries(turn.customerText, turn), now, limits, oldestAnswerEntry(record))];
    const handoff = envelopeOf(conversationId, record, turn.directives, now);
    // Handed off outside a contact center's own channel: the provider opens the agent chat, or the customer hears it could not.
    if (handoff && agents && input.channel !== 'connect' && !(await agents.open(record, handoff, now))) {
      const sorry = { text: engine.phrases(turn.locale).agentUnavailable };
      turn.messages = [...turn.messages, sorry];
      transcript.push(...appendToTranscript(record, [{ from: 'bot', text: sorry.text }], now, limits, oldestAnswerEntry(record)));
    }
    const output: TurnOutput = { conversationId, messages: turn.messages, directives: turn.directives, view: turn.view, ...(turn.trace ? { trace: turn.trace } : {}), transcript };
    rememberDelivered(record, input, output);
    if (handoff) output.handoff = handoff;
    if (record.agent) output.withAgent = true;
    record.updatedAt = now;
    release(record);
    await store.write(conversationId, record, version);
    tellWatchers(conversationId, transcript);
    if (record.agent) agents?.follow(conversationId, record.agent);
    observer.turn?.({ conversationId, channel: input.channel, locale: turn.locale, ms: performance.now() - started, outcome: turn.outcome, intent: turn.trace?.topIntent ?? null, dialog: turn.view.dialog, directives: turn.directives, ...(lapsed ? { lapsed: true as const } : {}) });
    return output;
  }

  /**
   * The customer's message to the person who has the conversation (in place: the record gets the
   * customer's entry), as the turn's `output`. When the agent side is gone, the session ends instead,
   * and `ended` holds what the agent did that no process took yet and their leaving: the bot answers.
   */
  async function relay(input: TurnInput, record: ConversationRecord, session: AgentSession, now: string): Promise<{ output?: TurnOutput; ended?: TranscriptEntry[] }> {
    const { content } = input;
    const text = content.kind === 'text' ? content.text.trim() : content.kind === 'dtmf' ? content.digits : '';
    const view = engine.view(record.dialog ?? undefined);
    if (text === '' || text.length > maxMessageLength) {
      // An event (a page's welcome) or nothing to relay: no one is told anything.
      return { output: { conversationId: input.conversationId, messages: [], directives: [], view, transcript: [], withAgent: true } };
    }
    if (!(await agents!.relay(input.conversationId, session, text, input.idempotencyKey))) {
      const ended = await agents!.end(input.conversationId, record, session);
      return { ended: appendToTranscript(record, ended, now, limits, oldestAnswerEntry(record)) };
    }
    const transcript = appendToTranscript(record, [{ from: 'customer', text }], now, limits, oldestAnswerEntry(record));
    const output: TurnOutput = { conversationId: input.conversationId, messages: [], directives: [], view, transcript, withAgent: true };
    rememberDelivered(record, input, output);
    record.updatedAt = now;
    release(record);
    return { output };
  }

  /**
   * Changes a stored conversation outside a turn, alone among its operations: `work` edits the
   * record and says what to add to its transcript (undefined: nothing to save). Watchers are told.
   */
  async function change(conversationId: string, work: (record: ConversationRecord) => NewTranscriptEntry[] | undefined, channel?: string): Promise<TranscriptEntry[]> {
    const added = await exclusively(conversationId, async () => {
      const stored = await readToWrite(conversationId);
      if (!stored || !isOwnedBy(stored.record, channel)) throw new ConversationNotFoundError(conversationId);
      const entries = work(stored.record);
      if (entries === undefined) return [];
      const now = clock.now().toISOString();
      const appended = appendToTranscript(stored.record, entries, now, limits, oldestAnswerEntry(stored.record));
      stored.record.updatedAt = now;
      await store.write(conversationId, stored.record, stored.version);
      return appended;
    });
    tellWatchers(conversationId, added);
    return added;
  }

  /** The envelope of a handoff among `directives`, from the record as it stands. */
  function envelopeOf(conversationId: string, record: ConversationRecord, directives: readonly Directive[], at: string): HandoffEnvelope | undefined {
    const directive = directives.find((candidate) => candidate.kind === 'handoff');
    if (!directive) return undefined;
    const state = record.dialog;
    return buildHandoffEnvelope({
      conversationId,
      channel: record.channel ?? 'unknown',
      directive,
      locale: state?.locale ?? record.locale ?? defaultLocale,
      at,
      intents: state?.intentsSeen ?? [],
      task: engine.task(state ?? undefined),
      ...(state?.sentiment ? { sentiment: state.sentiment } : {}),
      transcript: transcriptSince(record, 0),
    });
  }

  /** Starts the conversation's dialog state afresh (in place); returns what to tell the customer of the task it closed. */
  function setAside(record: ConversationRecord): TurnOutput['messages'] {
    if (!record.dialog) return [];
    const notice = engine.lapse(record.dialog);
    record.locale = record.dialog.locale;
    record.dialog = null;
    return notice;
  }

  const reaches = new Map<string, ChannelReach>();
  const notify = createNotifier({
    engine,
    clock,
    defaultLocale,
    quietHours: options.notifications?.quietHours,
    read: async (conversationId) => (isSafeId(conversationId) ? (await read(conversationId))?.record : undefined),
    change: (conversationId, work) => change(conversationId, work),
    reachOf: (channel) => reaches.get(channel),
  });

  return {
    name: definition.name,
    locales,
    defaultLocale,
    model,
    recognizer,
    maxMessageLength,
    welcome: (locale) => welcomes(resolveLocale(locale, locales, defaultLocale)),
    phrases: (locale) => engine.phrases(resolveLocale(locale, locales, defaultLocale)),
    async handle(input, options = {}) {
      checkTurnInput(input);
      const deadline = options.budgetMs === undefined ? undefined : performance.now() + options.budgetMs;
      return exclusively(input.conversationId, () => handleOnce(input, options, deadline));
    },
    async start(conversationId, { channel, locale }) {
      checkConversationId(conversationId);
      await exclusively(conversationId, async () => {
        const stored = await readToWrite(conversationId);
        if (stored) {
          if (!isOwnedBy(stored.record, channel)) throw new ConversationNotFoundError(conversationId);
          return;
        }
        await store.write(conversationId, newConversationRecord(channel, locale ?? null, clock.now().toISOString()), undefined);
      });
    },
    async transcript(conversationId, { channel, after = 0 } = {}) {
      if (!isSafeId(conversationId)) return undefined;
      const stored = await read(conversationId);
      return stored && isOwnedBy(stored.record, channel) ? transcriptSince(stored.record, after) : undefined;
    },
    async append(conversationId, entries, { channel } = {}) {
      checkConversationId(conversationId);
      return change(conversationId, () => [...entries], channel);
    },
    watch(conversationId, listener) {
      // Someone is watching a conversation a person may have: this process follows the agent's side.
      if (agents) {
        void read(conversationId)
          .then((stored) => stored?.record.agent && agents.follow(conversationId, stored.record.agent))
          .catch((error: unknown) => report(error instanceof Error ? error : new Error(String(error)), { conversationId, stage: 'handoff' }));
      }
      let listeners = watchers.get(conversationId);
      if (!listeners) watchers.set(conversationId, (listeners = new Set()));
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && watchers.get(conversationId) === listeners) watchers.delete(conversationId);
      };
    },
    async view(conversationId) {
      return engine.view((await read(conversationId))?.record.dialog ?? undefined);
    },
    async exists(conversationId, channel) {
      if (!isSafeId(conversationId)) return false;
      const stored = await read(conversationId);
      return stored !== undefined && isOwnedBy(stored.record, channel);
    },
    async envelope(conversationId, { channel } = {}) {
      if (!isSafeId(conversationId)) return undefined;
      const stored = await read(conversationId);
      if (!stored || !isOwnedBy(stored.record, channel)) return undefined;
      const entries = transcriptSince(stored.record, 0);
      const last = entries.findLast((entry) => entry.directive?.kind === 'handoff');
      return last?.directive && envelopeOf(conversationId, stored.record, [last.directive], last.at);
    },
    notify,
    reach(channel, reach) {
      reaches.set(channel, reach);
      return () => {
        if (reaches.get(channel) === reach) reaches.delete(channel);
      };
    },
    async close() {
      agents?.stop();
    },
    async erase(conversationId) {
      checkConversationId(conversationId);
      const erased = await exclusively(conversationId, async () => {
        const stored = await store.read(conversationId).catch((error: unknown) => {
          // A damaged conversation is erased all the same.
          if (ParleyError.isInstance(error) && error.code === 'state-corrupt') return { state: null, version: 0 };
          throw error;
        });
        await store.delete(conversationId);
        // A person who had the conversation is told the customer has gone.
        const agent = (stored?.state as Partial<ConversationRecord> | null)?.agent;
        if (agent && agents) await agents.close(conversationId, agent);
        return stored !== undefined;
      });
      watchers.delete(conversationId);
      observer.erased?.({ conversationId, existed: erased });
      return erased;
    },
  };
}

function checkConversationId(conversationId: unknown): void {
  if (typeof conversationId !== 'string' || !isSafeId(conversationId)) {
    throw new ParleyError('input-rejected', 'conversation ids are 1–200 letters, digits or ._:@- and do not start with a dot');
  }
}

/** A turn from an SDK caller is checked like any boundary: a clear error, never a crash inside. */
function checkTurnInput(input: TurnInput): void {
  if (typeof input !== 'object' || input === null) throw new ParleyError('input-rejected', 'a turn is an object: { conversationId, channel, content }');
  checkConversationId(input.conversationId);
  if (typeof input.channel !== 'string' || !/^[a-z][a-z0-9-]{0,39}$/.test(input.channel)) {
    throw new ParleyError('input-rejected', 'a turn names its channel: 1–40 lower-case letters, digits or -, such as "web"');
  }
  const kind = (input.content as { kind?: unknown } | null)?.kind;
  if (kind !== 'text' && kind !== 'dtmf' && kind !== 'event') throw new ParleyError('input-rejected', 'a turn\'s content is { kind: "text", text }, { kind: "dtmf", digits } or { kind: "event", name }');
  if (input.locale !== undefined && typeof input.locale !== 'string') throw new ParleyError('input-rejected', 'a turn\'s locale is a BCP 47 tag such as "en-US"');
  checkIdempotencyKey(input.idempotencyKey);
}
