/**
 * The engine: every dialog compiled for every locale, and a turn as a step over the conversation's
 * dialog stack. What one turn does (repair, switching and resuming, "not understood") is turn-run.ts.
 */
import type { Clock } from '../core/clock.js';
import { ParleyError, type DialogFailedError } from '../core/errors.js';
import type { ConversationView, Directive, Message, SlotValue } from '../core/turn.js';
import type { IntentModel, RepairRole } from '../content/intent-model.js';
import type { Expectation, Recognition } from '../nlu/recognizer.js';
import { initialConversationState, type ConversationState } from './conversation-state.js';
import { toDialogDefinition, type DialogLike } from './define-dialog.js';
import { buildDialogRegistry, capabilitiesOf, expectationOf, slotsOf, type Capabilities, type LocaleDialogs } from './dialog-registry.js';
import type { EngineMessages } from './engine-messages.js';
import { formatMessage } from './message-format.js';
import { TurnCollector } from './turn-collector.js';
import { TurnRun } from './turn-run.js';
import type { TaskSummary } from './dialog-protocol.js';

export interface EngineOptions {
  /** Dialogs from defineDialog, or raw xstate machines. */
  dialogs: readonly DialogLike[];
  model: IntentModel;
  defaultLocale: string;
  /** Where people take conversations no task claims (default `General`). */
  defaultQueue?: string;
  /** Engine phrases per locale or language (`en`, `es-US`). */
  messages?: Record<string, Partial<EngineMessages>>;
  /** Unrecognised turns in a row, while idle, before a person takes over (default 3). */
  maxUnrecognized?: number;
}

export interface TurnContext {
  conversationId: string;
  locale: string;
  clock: Clock;
  /**
   * The turn's recognizer, for part of the message: called at most once a turn, and only when the
   * message may hold a second request (second-request.ts). Without it, a message is one request.
   */
  recognize?: (text: string) => Promise<Recognition | undefined>;
  /**
   * When the turn's answer must go (`performance.now()` time): dialog code still running then fails
   * as one past its `timeoutMs` does. Default: each task's own `timeoutMs` alone.
   */
  deadline?: number;
}

export interface StepOutput {
  state: ConversationState;
  messages: Message[];
  directives: Directive[];
  view: ConversationView;
  /** Failures of dialog code (with the dialog and stage); the customer got an apology for each. */
  problems: DialogFailedError[];
}

export interface Engine {
  readonly locales: string[];
  readonly defaultLocale: string;
  /** What the active dialog waits for, so the recognizer can read the answer for it. */
  expectation(state: ConversationState | undefined): Expectation | undefined;
  step(state: ConversationState | undefined, recognition: Recognition, turn: TurnContext): Promise<StepOutput>;
  view(state: ConversationState | undefined): ConversationView;
  /** The engine's phrases in a locale, with the bot's overrides. */
  phrases(locale: string): EngineMessages;
  /** What the bot can do in a locale, as help says it ("I can …"). */
  capabilities(locale: string): Capabilities;
  /**
   * What to tell a customer who comes back after the bot's idle timeout: that the task under way was
   * closed (nothing when none was). The caller then starts the conversation's dialog state afresh.
   */
  lapse(state: ConversationState): Message[];
  /**
   * The task a person taking over should know of: the active dialog (or, when idle, the last task)
   * with its title, the values given and the required slots still missing; null when there is none.
   */
  task(state: ConversationState | undefined): TaskInHand | null;
  /**
   * A message the bot sends outside a turn (`bot.notify`), into a copy of the state: it becomes what
   * Repeat says, and with `offer`, while no task is active, the customer's next message — yes, or one
   * of `replies` ("CHANGE") — starts that dialog; anything else is read as usual. `offered` is false
   * when a task was active. Throws for a dialog the locale does not have.
   */
  announce(state: ConversationState | undefined, locale: string, message: Message, offer?: AnnouncedOffer): { state: ConversationState; offered: boolean };
}

/** What a notification offers to start: "Reply CHANGE to rebook." */
export interface AnnouncedOffer {
  dialog: string;
  /** Words that accept, besides yes (compared whole, ignoring case and punctuation around them). */
  replies?: string[];
}

/** A task as a handoff describes it. */
export interface TaskInHand {
  dialog: string;
  /** What the task does ("book a technician visit"), in the conversation's locale. */
  title: string;
  slots: Record<string, SlotValue>;
  /** Required slots without a value, in the order the task asks for them. */
  missing: string[];
  /** `active` while it runs; else how it ended. */
  outcome: TaskSummary['outcome'];
}

/** Intents a handoff lists, at most. */
const mostIntentsSeen = 10;

/**
 * Builds the engine for a set of dialogs and an intent model; compiles every dialog for every locale.
 *
 * @example
 * const engine = createEngine({ dialogs, model, defaultLocale: 'en-US' });
 * const { state, messages } = await engine.step(undefined, recognition, { conversationId: 'c1', locale: 'en-US', clock });
 */
export function createEngine(options: EngineOptions): Engine {
  const defaultQueue = options.defaultQueue ?? 'General';
  const maxUnrecognized = options.maxUnrecognized ?? 3;
  const registry = buildDialogRegistry(options.dialogs.map(toDialogDefinition), options.model, { defaultQueue, messages: options.messages });
  const roles = repairRoles(options.model);
  const dialogsFor = (locale: string): LocaleDialogs =>
    registry.get(locale) ?? registry.get(options.defaultLocale) ?? [...registry.values()][0]!;

  function view(state: ConversationState | undefined): ConversationView {
    if (!state) return { intent: null, dialog: null, awaiting: null, slots: {}, handoff: null, ended: false };
    const frame = state.stack[state.stack.length - 1];
    return {
      intent: state.lastIntent,
      dialog: frame?.dialog ?? null,
      awaiting: frame?.awaiting ?? null,
      slots: frame ? slotsOf(frame.snapshot) : { ...(state.lastTask?.slots ?? {}) },
      handoff: state.handoff,
      ended: state.ended,
    };
  }

  return {
    locales: [...registry.keys()],
    defaultLocale: options.defaultLocale,
    view,
    phrases: (locale) => dialogsFor(locale).messages,
    capabilities: (locale) => capabilitiesOf(dialogsFor(locale)),
    lapse(state) {
      const frame = state.ended ? undefined : state.stack[state.stack.length - 1];
      const { dialogs, messages } = dialogsFor(state.locale);
      const dialog = frame && dialogs.get(frame.dialog);
      if (!dialog) return [];
      return [{ text: formatMessage(messages.setAsideAfterIdle, { resumeTitle: dialog.resumeTitle, task: dialog.title }, { locale: state.locale }) }];
    },
    announce(state, locale, message, offer) {
      const next: ConversationState = state ? structuredClone(state) : initialConversationState(locale);
      next.lastMessages = [message];
      const { dialogs } = dialogsFor(next.locale);
      if (offer && !dialogs.has(offer.dialog)) {
        throw new ParleyError('input-rejected', `no dialog ${offer.dialog} to offer in ${next.locale}; the bot's dialogs are ${[...dialogs.keys()].join(', ')}`);
      }
      const idle = next.stack.length === 0 && !next.ended;
      delete next.offer;
      if (offer && idle) {
        const replies = offer.replies?.map((reply) => reply.trim()).filter((reply) => reply !== '');
        next.offer = { kind: 'request', request: { intent: offer.dialog, text: '', entities: [], turn: next.turn }, ...(replies?.length ? { replies } : {}) };
      }
      return { state: next, offered: offer !== undefined && idle };
    },
    task(state) {
      if (!state) return null;
      const frame = state.stack[state.stack.length - 1];
      const summary = frame ? { dialog: frame.dialog, slots: slotsOf(frame.snapshot), outcome: 'active' as const } : state.lastTask;
      const dialog = summary && dialogsFor(state.locale).dialogs.get(summary.dialog);
      if (!summary || !dialog) return null;
      const missing = dialog.requiredSlots.filter((slot) => summary.slots[slot] === undefined);
      return { dialog: summary.dialog, title: dialog.title, slots: { ...summary.slots }, missing, outcome: summary.outcome };
    },
    expectation(state) {
      const frame = state?.stack[state.stack.length - 1];
      // The engine's own question (a second request, a change) waits for a yes or a no about a task.
      if (!frame && state?.offer) return { intent: state.offer.kind === 'change' ? state.offer.dialog : state.offer.request.intent, confirmation: true };
      const dialog = frame && dialogsFor(state!.locale).dialogs.get(frame.dialog);
      return dialog ? expectationOf(dialog, frame!.awaiting, frame!.yesNo) : undefined;
    },
    async step(previous, recognition, turn) {
      const state: ConversationState = previous && !previous.ended
        ? { ...previous, stack: previous.stack.map((frame) => ({ ...frame })) }
        : initialConversationState(turn.locale);
      state.turn += 1;
      state.locale = turn.locale;
      const out = new TurnCollector(state);
      const run = new TurnRun(state, out, dialogsFor(turn.locale), turn, defaultQueue);
      await run.handle(recognition, roles, maxUnrecognized);
      if (!run.repeated) state.lastMessages = out.messages;
      if (state.lastIntent && state.intentsSeen?.at(-1) !== state.lastIntent) {
        state.intentsSeen = [...(state.intentsSeen ?? []).filter((name) => name !== state.lastIntent), state.lastIntent].slice(-mostIntentsSeen);
      }
      if (recognition.sentiment) state.sentiment = recognition.sentiment;
      return { state, messages: out.messages, directives: out.directives, view: view(state), problems: out.problems };
    },
  };
}

function repairRoles(model: IntentModel): Map<string, RepairRole> {
  const roles = new Map<string, RepairRole>();
  for (const locale of Object.values(model.locales)) {
    for (const intent of locale.intents) if (intent.builtIn) roles.set(intent.name, intent.builtIn);
  }
  return roles;
}
