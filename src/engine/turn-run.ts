/**
 * One turn's work on one conversation: what the input is for (the active dialog, a repair intent, a
 * task that interrupts), stepping the dialog it goes to, and what follows when a dialog ends.
 */
import type { Recognition } from '../nlu/recognizer.js';
import type { RepairRole } from '../content/intent-model.js';
import { today as todayOf } from '../core/clock.js';
import { DialogFailedError } from '../core/errors.js';
import type { ConversationState, Frame } from './conversation-state.js';
import type { ConversationContext, DialogOutput, TaskSummary } from './dialog-protocol.js';
import { asksYesNo, awaitingOf, isYesNoQuestion, slotsOf, type LocaleDialogs, type RunnableDialog } from './dialog-registry.js';
import { fillTemplate, joinList, pick, type EngineMessages } from './engine-messages.js';
import type { TurnContext } from './engine.js';
import { humanise } from './format-values.js';
import { persistSnapshot, startMachine, stepMachine, type StepResult } from './step-machine.js';
import type { TurnCollector } from './turn-collector.js';
import { readExactYesNo, readYesNo } from './yes-no.js';

/** How sure a recognizer must be to take a free-text answer away from the dialog asking for it. */
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

  async handle(recognition: Recognition, roles: Map<string, RepairRole>, maxUnrecognized: number): Promise<void> {
    const { state } = this;
    const intent = recognition.topIntent;
    state.lastIntent = intent;
    const frame = this.top();
    const claimed = frame !== undefined && this.claims(frame, recognition, intent ? roles.get(intent) : undefined);
    const role = intent && !claimed ? roles.get(intent) : undefined;
    const unrecognizedBefore = state.unrecognized;
    state.unrecognized = 0;

    if (role === 'repeat') {
      this.repeated = true;
      if (state.lastMessages.length) this.out.messages.push(...state.lastMessages);
      else this.out.say(this.messages.nothingToRepeat);
    } else if (role === 'help') {
      if (frame) await this.help(frame);
      else this.out.say(fillTemplate(this.messages.help, { capabilities: this.capabilities() }));
    } else if (role === 'cancel') {
      if (frame) await this.cancelTop();
      else this.out.say(this.messages.nothingToCancel);
    } else if (role === 'start-over') {
      await this.startOver();
    } else if (frame) {
      const target = intent && !claimed && intent !== frame.dialog && this.dialogs.has(intent) ? intent : undefined;
      if (target) await this.switchTo(target, recognition);
      else await this.send(frame, { type: 'user.input', recognition, conversation: this.context() });
    } else if (intent && this.dialogs.has(intent)) {
      await this.start(intent, recognition);
    } else {
      this.notUnderstood(unrecognizedBefore + 1, maxUnrecognized);
    }
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
    return recognition.entities.some(
      (entity) => entity.slot === awaiting || (entity.type === type && (!recognition.topIntent || recognition.topIntent === frame.dialog)),
    );
  }

  /** The dialog explains its question; one that does not handle help gets a generic word and its question again. */
  private async help(frame: Frame): Promise<void> {
    const said = this.out.messages.length;
    await this.send(frame, { type: 'dialog.help', conversation: this.context() });
    if (this.out.messages.length > said || this.top() !== frame) return;
    const dialog = this.dialogs.get(frame.dialog)!;
    this.out.say(frame.awaiting
      ? fillTemplate(this.messages.slotHelp, { task: dialog.title, label: humanise(frame.awaiting) })
      : fillTemplate(this.messages.help, { capabilities: this.capabilities() }));
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

  private async start(name: string, recognition: Recognition): Promise<void> {
    const dialog = this.dialogs.get(name)!;
    const frame: Frame = { dialog: name, snapshot: undefined, awaiting: null };
    this.state.stack.push(frame);
    await this.apply(frame, () => startMachine(dialog.machine, { recognition, conversation: this.context() }, { taskTimeoutMs: dialog.timeoutMs, dialog: name }));
  }

  private async send(frame: Frame, event: { type: string; [key: string]: unknown }): Promise<void> {
    const dialog = this.dialogs.get(frame.dialog)!;
    await this.apply(frame, () => stepMachine(dialog.machine, frame.snapshot, event, { taskTimeoutMs: dialog.timeoutMs, dialog: frame.dialog }));
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
    this.out.absorb(result.emitted);
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
      return;
    }
    const below = this.top();
    if (!below) return;
    const title = this.dialogs.get(below.dialog)!.title;
    this.out.say(fillTemplate(finished ? this.messages.resuming : this.messages.resumingAfterCancel, { task: title }));
    await this.send(below, { type: 'dialog.resume', conversation: this.context() });
  }

  private async cancelTop(): Promise<void> {
    const frame = this.state.stack.pop()!;
    this.remember(frame, 'cancelled');
    this.out.say(this.messages.cancelled);
    if (this.top()) await this.afterTask(false);
    else this.out.say(this.messages.askAnythingElse);
  }

  private async startOver(): Promise<void> {
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
      this.out.say(fillTemplate(messages.notUnderstoodWithHelp, { capabilities: this.capabilities() }));
    } else {
      this.out.say(pick(messages.notUnderstood, state.turn));
    }
  }

  /** Records a task that left the stack as "the most recent task". */
  private remember(frame: Frame, outcome: TaskSummary['outcome']): void {
    const dialog = this.dialogs.get(frame.dialog);
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
    const titles = [...this.dialogs.values()].filter((dialog) => dialog.listed).map((dialog) => dialog.title);
    return joinList(titles, this.messages.and);
  }

  private top(): Frame | undefined {
    return this.state.stack[this.state.stack.length - 1];
  }
}
