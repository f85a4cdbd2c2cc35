/**
 * One turn's work on one conversation: what the input is for (the active dialog, a repair intent, a
 * task that interrupts), stepping the dialog it goes to, and what follows when a dialog ends.
 */
import type { Recognition } from '../nlu/recognizer.js';
import type { RepairRole } from '../content/intent-model.js';
import { today as todayOf } from '../core/clock.js';
import { DialogFailedError } from '../core/errors.js';
import type { ConversationState, Frame } from './conversation-state.js';
import type { ConversationContext, DialogOutput, TaskChange, TaskSummary } from './dialog-protocol.js';
import { asksYesNo, awaitingOf, capabilitiesOf, isYesNoQuestion, slotsOf, type LocaleDialogs, type RunnableDialog } from './dialog-registry.js';
import { pick, type EngineMessages } from './engine-messages.js';
import type { TurnContext } from './engine.js';
import { answerOffer, offerChange, offerRequest, type OfferScope, type Offering } from './engine-offers.js';
import { humanise } from './format-values.js';
import { formatMessage } from './message-format.js';
import { persistSnapshot, startMachine, stepMachine, type StepResult } from './step-machine.js';
import type { TurnCollector } from './turn-collector.js';
import { findSecondRequest, recognitionOf } from './second-request.js';
import { readExactYesNo, readYesNo, yesNoReplies } from './yes-no.js';

/**
 * How sure a recognizer must be of another request to take from the dialog asking for a value a
 * free-text answer, or an answer read as its value only with typos.
 */
const freeTextOverride = 0.8;

/** One turn's work on one conversation. */
export class TurnRun {
  repeated = false;
  private readonly messages: EngineMessages;
  private readonly dialogs: Map<string, RunnableDialog>;
  /** The parts of every dialog's context that do not change within a turn. */
  private readonly now: { iso: string; today: string };

  constructor(
    private readonly state: ConversationState,
    private readonly out: TurnCollector,
    locale: LocaleDialogs,
    private readonly turn: TurnContext,
    private readonly defaultQueue: string,
  ) {
    this.messages = locale.messages;
    this.dialogs = locale.dialogs;
    this.now = { iso: turn.clock.now().toISOString(), today: todayOf(turn.clock) };
    // A frame whose dialog no longer exists (the bot was redeployed without it) is dropped, not fatal.
    if (!state.stack.every((frame) => this.dialogs.has(frame.dialog))) {
      state.stack = state.stack.filter((frame) => this.dialogs.has(frame.dialog));
    }
  }

  async handle(heard: Recognition, roles: Map<string, RepairRole>, maxUnrecognized: number): Promise<void> {
    const { state } = this;
    const frame = this.top();
    if (!frame && state.offer && (await this.answerOffer(heard, roles))) return;
    const claimed = frame !== undefined && this.claims(frame, heard, heard.topIntent ? roles.get(heard.topIntent) : undefined);
    // "…and is there an outage in 94105?": this turn serves the first request, the other one waits.
    const recognition = (await this.splitOff(heard, claimed ? frame : undefined, roles)) ?? heard;
    const intent = recognition.topIntent;
    state.lastIntent = intent;
    const role = intent && !claimed ? roles.get(intent) : undefined;
    const unrecognizedBefore = state.unrecognized;
    state.unrecognized = 0;

    if (role === 'repeat') {
      this.repeated = true;
      if (state.lastMessages.length) this.out.messages.push(...state.lastMessages);
      else this.out.say(this.messages.nothingToRepeat);
    } else if (role === 'help') {
      if (frame) await this.help(frame);
      else this.out.say(formatMessage(this.messages.help, { capabilities: this.capabilities() }, this.turn));
    } else if (role === 'cancel') {
      if (frame) await this.cancelTop();
      else this.out.say(this.messages.nothingToCancel);
    } else if (role === 'start-over') {
      await this.startOver();
    } else if (frame) {
      const target = intent && !claimed && intent !== frame.dialog && this.dialogs.has(intent) ? intent : undefined;
      if (target) await this.switchTo(target, recognition);
      else await this.send(frame, { type: 'user.input', recognition, conversation: this.context() });
    } else {
      // Idle: a correction of the task just done ("actually make it Friday"), a new task, or neither.
      const change = offerChange(recognition, this.offerScope());
      if (change) this.ask(change);
      else if (intent && this.dialogs.has(intent)) await this.start(intent, recognition);
      else this.notUnderstood(unrecognizedBefore + 1, maxUnrecognized);
    }
  }

  /**
   * Splits off a second request said in the same message (second-request.ts); it waits in the state
   * until the tasks before it are done. Returns the recognition of what this turn serves.
   */
  private async splitOff(heard: Recognition, answered: Frame | undefined, roles: Map<string, RepairRole>): Promise<Recognition | undefined> {
    const { recognize } = this.turn;
    const served = answered?.dialog ?? heard.topIntent;
    if (!recognize || !served || this.state.pendingRequest || (!answered && (roles.has(served) || !this.dialogs.has(served)))) return undefined;
    const slotTypes = this.dialogs.get(served)?.slotTypes ?? {};
    // A free-text answer is anything at all, "and" included.
    if (answered && !isYesNoQuestion(answered.awaiting, answered.yesNo) && (slotTypes[answered.awaiting ?? ''] ?? 'text') === 'text') return undefined;
    const isTask = (intent: string) => !roles.has(intent) && this.dialogs.get(intent)?.isTask === true;
    const split = await findSecondRequest(heard, { served, slotTypes, answering: answered !== undefined, isTask, recognize, turn: this.state.turn });
    if (split) this.state.pendingRequest = split.then;
    return split?.first;
  }

  /** The answer to the engine's own question; false when the customer moved on and the input is handled as usual. */
  private async answerOffer(recognition: Recognition, roles: Map<string, RepairRole>): Promise<boolean> {
    const role = recognition.topIntent ? roles.get(recognition.topIntent) : undefined;
    // Repeat says the question again, and it stays open.
    if (role === 'repeat') return false;
    const answer = answerOffer(this.state.offer!, recognition, role, this.offerScope());
    delete this.state.offer;
    if (answer.kind === 'moved-on') return false;
    Object.assign(this.state, { lastIntent: recognition.topIntent, unrecognized: 0 });
    if (answer.kind === 'accept') await this.start(answer.intent, answer.recognition, answer.change);
    else if (answer.kind === 'decline') this.out.say(answer.say);
    else this.ask(answer.offering);
    return true;
  }

  private ask({ offer, say }: Offering): void {
    this.state.offer = offer;
    this.out.say(say, yesNoReplies(this.messages));
  }

  private offerScope(): OfferScope {
    return { dialogs: this.dialogs, messages: this.messages, lastTask: this.state.lastTask, locale: this.turn.locale, when: { now: this.turn.clock.now(), timeZone: this.turn.clock.timeZone } };
  }

  /**
   * A request said with one that has just ended: carried on at once when both were said this turn,
   * else offered once no task is left. False when there is none, or tasks below still wait.
   */
  private async takeUpPending(): Promise<boolean> {
    const pending = this.state.pendingRequest;
    const waiting = this.top();
    if (!pending || (pending.turn !== this.state.turn && waiting)) return false;
    delete this.state.pendingRequest;
    if (!this.dialogs.has(pending.intent)) return false;
    const recognition = recognitionOf(pending, this.turn.locale);
    // Said for the task that comes back now ("where is my order and make it Friday" while booking): its input.
    if (waiting?.dialog === pending.intent) await this.send(waiting, { type: 'user.input', recognition, conversation: this.context() });
    // Under way further down (asked for again meanwhile): nothing to add.
    else if (this.state.stack.some((frame) => frame.dialog === pending.intent)) return false;
    else if (pending.turn === this.state.turn) await this.start(pending.intent, recognition);
    else this.ask(offerRequest(pending, this.offerScope()));
    return true;
  }

  /** An answer the active dialog is waiting for stays with it, whatever intent it also resembles. */
  private claims(frame: Frame, recognition: Recognition, role: RepairRole | undefined): boolean {
    const { awaiting } = frame;
    if (!awaiting) return false;
    const slotTypes = this.dialogs.get(frame.dialog)?.slotTypes ?? {};
    if (isYesNoQuestion(awaiting, frame.yesNo)) {
      // "no", "yes please": always the dialog's. "no, at 2pm" (a yes/no with a correction) too, and
      // "sure, go ahead" unless it is also a confident repair request ("ok, cancel it").
      if (readExactYesNo(recognition.text, this.turn.locale)) return true;
      if (role) return false;
      const types = new Set(Object.values(slotTypes));
      return readYesNo(recognition.text, this.turn.locale) !== undefined || recognition.entities.some((entity) => types.has(entity.type));
    }
    const type = slotTypes[awaiting];
    // Free text (a `text` slot, or a raw machine's untyped question) is anything at all: only a
    // confidently recognised intent ("cancel", "talk to a person") takes it from the dialog.
    if (type === undefined || type === 'text') return (recognition.intents[0]?.confidence ?? 0) < freeTextOverride;
    // A value as written ("personal" at the size question) is the dialog's, whatever else it resembles;
    // one read with typos gives way to a confident request for something else ("talk to a person").
    const request = this.otherRequest(frame, recognition, role);
    return recognition.entities.some(
      (entity) =>
        (entity.slot === awaiting || (entity.type === type && (!recognition.topIntent || recognition.topIntent === frame.dialog))) &&
        (!request || (entity.confidence ?? 1) >= 1),
    );
  }

  /** Whether the input confidently asks for a repair or another dialog than the one asking. */
  private otherRequest(frame: Frame, recognition: Recognition, role: RepairRole | undefined): boolean {
    const intent = recognition.topIntent;
    if (!intent || intent === frame.dialog || (!role && !this.dialogs.has(intent))) return false;
    return (recognition.intents[0]?.confidence ?? 0) >= freeTextOverride;
  }

  /** The dialog explains its question; one that does not handle help gets a generic word and its question again. */
  private async help(frame: Frame): Promise<void> {
    const said = this.out.messages.length;
    await this.send(frame, { type: 'dialog.help', conversation: this.context() });
    if (this.out.messages.length > said || this.top() !== frame) return;
    const dialog = this.dialogs.get(frame.dialog)!;
    this.out.say(frame.awaiting
      ? formatMessage(this.messages.slotHelp, { task: dialog.title, label: humanise(frame.awaiting) }, this.turn)
      : formatMessage(this.messages.help, { capabilities: this.capabilities() }, this.turn));
    // The question is what the dialog said last.
    const question = this.state.lastMessages[this.state.lastMessages.length - 1];
    if (question) this.out.messages.push(question);
  }

  private async switchTo(intent: string, recognition: Recognition): Promise<void> {
    const index = this.state.stack.findIndex((frame) => frame.dialog === intent);
    if (index < 0) return this.start(intent, recognition);
    // Asked again for a task that is already waiting below: close what interrupted it and go back.
    for (const frame of this.state.stack.splice(index + 1)) this.remember(frame, 'cancelled');
    await this.send(this.top()!, { type: 'user.input', recognition, conversation: this.context() });
  }

  private async start(name: string, recognition: Recognition, change?: TaskChange): Promise<void> {
    const dialog = this.dialogs.get(name)!;
    const frame: Frame = change ? { dialog: name, snapshot: undefined, awaiting: null, changing: true } : { dialog: name, snapshot: undefined, awaiting: null };
    this.state.stack.push(frame);
    const input = change ? { recognition, conversation: this.context(), change } : { recognition, conversation: this.context() };
    await this.apply(frame, () => startMachine(dialog.machine, input, { taskTimeoutMs: this.taskTimeoutMs(dialog.timeoutMs), dialog: name }));
  }

  private async send(frame: Frame, event: { type: string; [key: string]: unknown }): Promise<void> {
    const dialog = this.dialogs.get(frame.dialog)!;
    await this.apply(frame, () => stepMachine(dialog.machine, frame.snapshot, event, { taskTimeoutMs: this.taskTimeoutMs(dialog.timeoutMs), dialog: frame.dialog }));
  }

  /** A task's time: its own `timeoutMs`, or less when the turn's deadline comes sooner. */
  private taskTimeoutMs(own: number): number {
    const { deadline } = this.turn;
    return deadline === undefined ? own : Math.max(1, Math.min(own, Math.floor(deadline - performance.now())));
  }

  /** Runs a dialog step and files its results: messages, directives, a finished or failed dialog. */
  private async apply(frame: Frame, step: () => Promise<StepResult>): Promise<void> {
    const dialog = this.dialogs.get(frame.dialog)!;
    let result: StepResult;
    try {
      result = await step();
      // A raw machine whose action threw, or whose invoked promise failed with no onError, stops in
      // xstate's error status: the same failure as a throw.
      if (result.snapshot.status === 'error') throw (result.snapshot as { error?: unknown }).error;
    } catch (error) {
      this.out.problems.push(DialogFailedError.from(frame.dialog, 'dialog', error));
      this.out.say(this.messages.taskFailed);
      this.state.stack.splice(this.state.stack.indexOf(frame), 1);
      this.remember(frame, 'cancelled');
      return this.afterTask(false);
    }
    this.out.absorb(result.emitted, frame.dialog);
    frame.snapshot = persistSnapshot(dialog.machine, result.snapshot);
    frame.awaiting = awaitingOf(result.snapshot);
    if (asksYesNo(result.snapshot)) frame.yesNo = true;
    else delete frame.yesNo;
    if (result.snapshot.status === 'active' && !this.out.leaving) return;
    this.state.stack.pop();
    this.remember(frame, (result.snapshot.output as DialogOutput | undefined)?.outcome ?? 'completed');
    await this.afterTask(true);
  }

  /** After a task ends: a person or the end takes the rest; else the interrupted task resumes. */
  private async afterTask(finished: boolean): Promise<void> {
    if (this.out.leaving) {
      for (const frame of this.state.stack.splice(0)) this.remember(frame, 'handoff');
      delete this.state.pendingRequest;
      return;
    }
    if (await this.takeUpPending()) return;
    const below = this.top();
    if (!below) return;
    const { title, resumeTitle } = this.dialogs.get(below.dialog)!;
    this.out.say(formatMessage(finished ? this.messages.resuming : this.messages.resumingAfterCancel, { resumeTitle, task: title }, this.turn));
    await this.send(below, { type: 'dialog.resume', conversation: this.context() });
  }

  private async cancelTop(): Promise<void> {
    const frame = this.state.stack.pop()!;
    this.remember(frame, 'cancelled');
    this.out.say(this.messages.cancelled);
    if (this.top()) await this.afterTask(false);
    else if (!(await this.takeUpPending())) this.out.say(this.messages.askAnythingElse);
  }

  private async startOver(): Promise<void> {
    delete this.state.pendingRequest;
    delete this.state.offer;
    const frame = this.state.stack.pop();
    if (!frame) {
      Object.assign(this.state, { lastTask: null, handoff: null, unrecognized: 0 });
      this.out.say(this.messages.startOverIdle);
      this.out.say(this.messages.askAnythingElse);
      return;
    }
    this.out.say(this.messages.startingOver);
    const blank: Recognition = { text: '', locale: this.turn.locale, intents: [], topIntent: frame.dialog, entities: [], provider: 'engine', latencyMs: 0 };
    await this.start(frame.dialog, blank);
  }

  private notUnderstood(inARow: number, maxUnrecognized: number): void {
    const { state, messages } = this;
    state.unrecognized = inARow;
    if (inARow >= maxUnrecognized) {
      state.unrecognized = 0;
      this.out.say(messages.handingOffNotUnderstood);
      this.out.direct({ kind: 'handoff', queue: this.defaultQueue, reason: 'not-understood' });
    } else if (inARow === maxUnrecognized - 1) {
      this.out.say(formatMessage(messages.notUnderstoodWithHelp, { capabilities: this.capabilities() }, this.turn));
    } else {
      this.out.say(pick(messages.notUnderstood, state.turn));
    }
  }

  /** Records a task that left the stack as "the most recent task". */
  private remember(frame: Frame, outcome: TaskSummary['outcome']): void {
    const dialog = this.dialogs.get(frame.dialog);
    // A change that did not go through leaves the task as it was done.
    if (frame.changing && outcome !== 'completed') return;
    if (dialog?.isTask) this.state.lastTask = this.summary(frame, outcome);
  }

  private summary(frame: Frame, outcome: TaskSummary['outcome']): TaskSummary {
    const slots = slotsOf(frame.snapshot);
    return { dialog: frame.dialog, slots, queue: this.dialogs.get(frame.dialog)?.queue(slots) ?? this.defaultQueue, outcome };
  }

  private context(): ConversationContext {
    const { stack } = this.state;
    const below = stack.length > 1 ? stack[stack.length - 2] : undefined;
    return {
      conversationId: this.turn.conversationId,
      locale: this.turn.locale,
      timeZone: this.turn.clock.timeZone,
      now: this.now.iso,
      today: this.now.today,
      interruptedTask: below ? this.summary(below, 'active') : null,
      lastTask: this.state.lastTask,
      turn: this.state.turn,
    };
  }

  private capabilities(): string {
    return capabilitiesOf({ dialogs: this.dialogs, messages: this.messages }).text;
  }

  private top(): Frame | undefined {
    return this.state.stack[this.state.stack.length - 1];
  }
}
