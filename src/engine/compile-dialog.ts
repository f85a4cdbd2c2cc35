/**
 * Compiles a dialog (spec + content of one locale) into an xstate machine: one state per slot
 * question, then confirmation, fulfilment, and the repair states every dialog shares. What an input
 * means is planned once by dialog-plan.ts; each resting state has one guarded transition per state
 * the plan can lead to, so an answer is a single microstep.
 */
import { assign, emit, enqueueActions, fromPromise, setup, type AnyStateMachine } from 'xstate';
import { DialogFailedError, type DialogFailureStage } from '../core/errors.js';
import type { Message } from '../core/turn.js';
import type { DialogContent, ResolvedSlot } from './dialog-content.js';
import type { Slots } from './define-dialog.js';
import type { ConversationContext, DialogEmitted, DialogEvent, DialogInput, DialogOutput, TaskChange } from './dialog-protocol.js';
import { createPlanner, type CompiledContext, type Next, type Plan } from './dialog-plan.js';
import { joinList, pick, type EngineMessages } from './engine-messages.js';
import { formatMessage } from './message-format.js';
import { renderSlots } from './render-slots.js';
import { markPlainDataMachine } from './step-machine.js';
import type { FulfilmentOutcome, Verdict } from './task-results.js';
import { yesNoReplies } from './yes-no.js';

type DoneEvents =
  | { type: 'xstate.done.actor.validate'; output: Verdict[] }
  | { type: 'xstate.done.actor.fulfil'; output: FulfilmentOutcome };

export type { CompiledContext };

function awaitStarted(started: NonNullable<Plan['pending']>, signal: AbortSignal): Promise<unknown> {
  signal.addEventListener('abort', () => started.abort.abort());
  return started.pending;
}

/** `asking.date` is the flat state `ask:date`; other plan targets are state names already. */
function stateName(next: Next): string {
  return next.startsWith('asking.') ? `ask:${next.slice('asking.'.length)}` : next;
}

export function compileDialog(content: DialogContent, messages: EngineMessages): AnyStateMachine {
  const planner = createPlanner(content, messages);
  const yesNoQuickReplies = yesNoReplies(messages);
  const say = (text: string, quickReplies?: Message['quickReplies']): DialogEmitted => ({
    type: 'parley.say',
    message: quickReplies?.length ? { text, quickReplies } : { text },
  });
  /** Prompts may name slots: "{service} on {date}"; a list reads "pepperoni, mushroom and olives". */
  const render = (template: string, slots: Slots): string => renderSlots(template, content, slots, messages.and);

  // A plan is computed once per event (or, at the start, per context) and read by every guard and
  // by the action of the transition taken.
  const plans = new WeakMap<object, Plan>();
  const planFor = (key: object, make: () => Plan): Plan => {
    let plan = plans.get(key);
    if (!plan) {
      plan = make();
      plans.set(key, plan);
    }
    return plan;
  };
  const planOf = ({ context, event }: { context: CompiledContext; event: any }): Plan => {
    if (event.type === 'user.input') return planFor(event, () => planner.input(context, event.recognition, event.conversation));
    if (event.type === 'xstate.done.actor.validate') return planFor(event, () => planner.validated(context, event.output));
    if (event.type !== 'xstate.init') throw new Error(`no plan for ${event.type}`);
    // Keyed by the init event, which every guard and the invoked state's input see unchanged (the
    // context is replaced by the transition's assign): the plan, and the task it starts, happen once.
    return planFor(event, () => planner.start(context, event.input.recognition, event.input.conversation, event.input.change));
  };
  const towards = (targets: readonly Next[], prefix: string, from?: string) =>
    targets.map((next) => ({
      guard: (args: { context: CompiledContext; event: any }) => planOf(args).next === next,
      target: `${prefix}${stateName(next)}`,
      // Re-entering runs the state's entry again, which asks the question again; only needed in place.
      reenter: next === from,
      actions: ['emitPlan', 'assignPlan'] as const,
    }));
  const targets = planner.targets();
  const root = `#${content.name}.`;

  /**
   * Every state that waits for the customer answers input, help and resume the same way; help and
   * resume re-enter the state so its entry asks the question again. Typed loosely: the config is
   * built from data, which xstate's inference cannot follow.
   */
  const resting = (path: Next, tags: string[], entry: unknown): any => ({
    tags,
    entry,
    on: {
      'user.input': towards(targets, root, path),
      'dialog.help': { target: `${root}${stateName(path)}`, reenter: true, actions: ['noteTurn', 'sayHelp'] },
      'dialog.resume': { target: `${root}${stateName(path)}`, reenter: true, actions: ['noteTurn', 'freshAttempts'] },
    },
  });

  const askSlot = (slot: ResolvedSlot) =>
    emit(({ context }: { context: CompiledContext }) =>
      say(render(pick(context.attempts > 0 ? slot.reprompt : slot.prompt, context.turn), context.slots), slot.quickReplies));

  // One flat state per slot question (nesting costs xstate time on every transition).
  const slotStates: Record<string, any> = Object.fromEntries(
    content.slots.map((slot) => [stateName(`asking.${slot.name}`), resting(`asking.${slot.name}`, [`awaiting:${slot.name}`], askSlot(slot))]),
  );

  const machine = setup({
    types: {} as {
      context: CompiledContext;
      input: DialogInput | undefined;
      events: DialogEvent | DoneEvents;
      emitted: DialogEmitted | { type: 'parley.batch'; events: DialogEmitted[] } | { type: 'parley.problem'; problem: DialogFailedError };
      output: DialogOutput;
    },
    actors: {
      /** Awaits validation the plan started (each validator runs once, whether sync or async). */
      validateSlots: fromPromise<Verdict[], Plan['pending']>(({ input, signal }) => awaitStarted(input!, signal) as Promise<Verdict[]>),
      /** Awaits fulfilment the plan started, when it did not finish at once. */
      fulfil: fromPromise<FulfilmentOutcome, Plan['pending']>(({ input, signal }) => awaitStarted(input!, signal) as Promise<FulfilmentOutcome>),
    },
    actions: {
      assignPlan: assign(({ context, event }) => planOf({ context, event }).update),
      // One event for all a plan says (the orchestrator unpacks it): cheaper than an action per message.
      emitPlan: emit(({ context, event }) => ({ type: 'parley.batch' as const, events: planOf({ context, event }).said })),
      noteTurn: assign(({ event }) => ({ turn: (event as { conversation: ConversationContext }).conversation.turn })),
      // Coming back from another task, the question is asked as new, not as a retry.
      freshAttempts: assign({ attempts: 0 }),
      sayHelp: enqueueActions(({ context, enqueue }) => {
        const slot = content.slots.find((candidate) => candidate.name === context.awaiting);
        if (slot) enqueue.emit(say(slot.help !== undefined ? render(slot.help, context.slots) : formatMessage(messages.slotHelp, { task: content.title, label: slot.label }, content)));
        else if (context.awaiting === 'handoffOffer') enqueue.emit(say(messages.offerAgentReprompt));
        else enqueue.emit(say(messages.confirmationHelp));
      }),
      sayTaskFailed: enqueueActions(({ event, enqueue }, stage: DialogFailureStage) => {
        // The orchestrator reports it (log, metric, a failed turn); the customer hears an apology.
        const error = DialogFailedError.from(content.name, stage, (event as { error?: unknown }).error);
        enqueue.emit({ type: 'parley.problem', problem: error });
        enqueue.emit(say(messages.taskFailed));
        enqueue.assign({ awaiting: 'handoffOffer', attempts: 0, conversation: null, staged: null });
      }),
      sayOutcome: enqueueActions(({ event, enqueue }) => {
        const outcome = (event as Extract<DoneEvents, { output: FulfilmentOutcome }>).output;
        for (const message of outcome.messages) enqueue.emit({ type: 'parley.say', message });
        for (const directive of outcome.directives) enqueue.emit({ type: 'parley.directive', directive });
        enqueue.assign({ conversation: null, awaiting: null });
      }),
    },
  }).createMachine({
    id: content.name,
    context: ({ input }) => ({
      slots: input?.change ? unchanged(input.change) : {},
      awaiting: null,
      attempts: 0,
      turn: input?.conversation.turn ?? 0,
      outcome: null,
      conversation: input?.conversation ?? null,
      staged: null,
      ...(input?.change ? { change: { previous: input.change.previous } } : {}),
    }),
    initial: 'starting',
    states: {
      starting: { always: towards(targets, '') },
      ...slotStates,
      confirming: resting(
        'confirming',
        ['awaiting:confirmation'],
        enqueueActions(({ context, enqueue }) => {
          if (context.attempts > 0) enqueue.emit(say(messages.yesOrNo));
          enqueue.emit(say(render(pick(content.confirmation?.prompt ?? [], context.turn), context.slots), yesNoQuickReplies));
        }),
      ),
      changing: resting(
        'changing',
        ['awaiting:change'],
        enqueueActions(({ context, enqueue }) => {
          const slots = joinList(content.slots.map((slot) => slot.label), messages.or);
          const declined = content.confirmation?.declined ?? [];
          const text = context.attempts > 0 || declined.length === 0
            ? formatMessage(context.attempts > 0 ? messages.changeReprompt : messages.whatToChange, { slots }, content)
            : render(pick(declined, context.turn), context.slots);
          enqueue.emit(say(text));
        }),
      ),
      offeringAgent: resting(
        'offeringAgent',
        ['awaiting:handoffOffer'],
        enqueueActions(({ context, enqueue }) =>
          enqueue.emit(say(context.attempts > 0 ? messages.offerAgentReprompt : messages.offerAgent, yesNoQuickReplies))),
      ),
      validating: {
        invoke: {
          id: 'validate',
          src: 'validateSlots',
          input: ({ context, event }) => planOf({ context, event }).pending,
          onDone: towards(targets, root),
          onError: { target: 'offeringAgent', actions: { type: 'sayTaskFailed', params: 'validate' as const } },
        },
      },
      fulfilling: {
        invoke: {
          id: 'fulfil',
          src: 'fulfil',
          input: ({ context, event }) => planOf({ context, event }).pending,
          onDone: [
            {
              guard: ({ event }) => event.output.directives.some((directive) => directive.kind === 'handoff'),
              target: 'handedOff',
              actions: ['sayOutcome', assign({ outcome: 'handoff' as const })],
            },
            { target: 'done', actions: 'sayOutcome' },
          ],
          onError: { target: 'offeringAgent', actions: { type: 'sayTaskFailed', params: 'fulfil' as const } },
        },
      },
      done: { type: 'final' },
      handedOff: { type: 'final' },
    },
    output: ({ context }) => ({ outcome: context.outcome ?? 'completed' }),
  });
  return markPlainDataMachine(machine);
}

/** A change run starts with the slots it completed with, less those being changed: a refused new value is asked for again. */
function unchanged(change: TaskChange): Slots {
  const slots: Slots = { ...change.previous };
  for (const name of Object.keys(change.values)) delete slots[name];
  return slots;
}
