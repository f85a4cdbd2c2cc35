/**
 * Compiles a dialog (spec + content of one locale) into an xstate machine. One state per slot
 * question, then confirmation, fulfilment and the repair states every dialog shares; the decisions
 * are pure functions (slot-filling.ts, task-results.ts), the machine says when each applies.
 */
import { assign, enqueueActions, fromPromise, setup, type AnyStateMachine } from 'xstate';
import type { Message } from '../core/turn.js';
import type { Recognition } from '../nlu/recognizer.js';
import type { Slots } from './define-dialog.js';
import type { DialogContent, ResolvedSlot } from './dialog-content.js';
import type { ConversationContext, DialogEmitted, DialogEvent, DialogInput, DialogOutput } from './dialog-protocol.js';
import { fillTemplate, joinList, pick, type EngineMessages } from './engine-messages.js';
import { formatSlotValue } from './format-values.js';
import { candidatesFrom, mentionedSlot, type Candidate } from './slot-filling.js';
import { acceptAll, needsValidation, readFulfilment, validateCandidates, type FulfilmentOutcome, type ValidationRequest, type Verdict } from './task-results.js';
import { readYesNo } from './yes-no.js';

type Decision =
  | { kind: 'fill'; candidates: Candidate[] }
  | { kind: 'yes' }
  | { kind: 'no' }
  | { kind: 'change-slot'; slot: string }
  | { kind: 'keep' }
  | { kind: 'not-understood' };

export interface CompiledContext {
  slots: Slots;
  /** Slot name, `confirmation`, `change`, `handoffOffer`, or null before the first question. */
  awaiting: string | null;
  /** Failed answers to the current question. */
  attempts: number;
  turn: number;
  outcome: DialogOutput['outcome'] | null;
  /** Only between an input and the next question; null in every stored snapshot. */
  conversation: ConversationContext | null;
  staged: Candidate[] | null;
  decision: Decision | null;
}

type DoneEvents =
  | { type: 'xstate.done.actor.validate'; output: Verdict[] }
  | { type: 'xstate.done.actor.fulfil'; output: FulfilmentOutcome };

const keepWords = /^(nothing|none|nada|keep it|it'?s fine|all good|never ?mind|no changes?)\b/i;
const confirmationLike = new Set(['confirmation', 'change', 'handoffOffer']);

export function compileDialog(content: DialogContent, messages: EngineMessages): AnyStateMachine {
  const slotNamed = new Map(content.slots.map((slot) => [slot.name, slot]));
  const yesNoReplies = [
    { title: messages.yes, value: messages.yes.toLowerCase() },
    { title: messages.no, value: messages.no.toLowerCase() },
  ];

  const formatted = (slots: Slots): Record<string, string> =>
    Object.fromEntries(content.slots.filter((slot) => slots[slot.name] !== undefined)
      .map((slot) => [slot.name, formatSlotValue(slots[slot.name]!, slot.type, content.locale)]));
  const say = (text: string, quickReplies?: Message['quickReplies']): DialogEmitted => ({
    type: 'parley.say',
    message: quickReplies?.length ? { text, quickReplies } : { text },
  });
  const maxAttemptsOf = (awaiting: string | null) =>
    awaiting === 'handoffOffer' ? 2 : (awaiting && slotNamed.get(awaiting)?.maxAttempts) || 3;

  function interpret(context: CompiledContext, recognition: Recognition): Decision {
    const awaitedSlot = context.awaiting && slotNamed.has(context.awaiting) ? context.awaiting : null;
    const candidates = candidatesFrom(recognition, content.slots, context.slots, awaitedSlot);
    const answer = confirmationLike.has(context.awaiting ?? '') ? readYesNo(recognition.text, content.locale) : undefined;
    if (context.awaiting === 'handoffOffer' && answer) return { kind: answer };
    if (candidates.length > 0) return { kind: 'fill', candidates };
    if (context.awaiting === 'change') {
      const slot = mentionedSlot(recognition.text, content.slots);
      if (slot) return { kind: 'change-slot', slot };
      if (answer || keepWords.test(recognition.text.trim())) return { kind: 'keep' };
    }
    if (context.awaiting === 'confirmation' && answer) return { kind: answer };
    return { kind: 'not-understood' };
  }

  /** Verdicts applied to the slots: corrections acknowledged, rejections explained and counted. */
  const applyVerdicts = (context: CompiledContext, verdicts: Verdict[]) => {
    const slots = { ...context.slots };
    const said: DialogEmitted[] = [];
    let attempts = context.attempts;
    let progressed = false;
    for (const verdict of verdicts) {
      const slot = slotNamed.get(verdict.slot)!;
      if (verdict.ok) {
        const previous = slots[verdict.slot];
        slots[verdict.slot] = verdict.value;
        progressed = true;
        if (previous !== undefined && verdict.slot !== context.awaiting) {
          said.push(say(fillTemplate(messages.changed, { label: slot.label, value: formatSlotValue(verdict.value, slot.type, content.locale) })));
        }
      } else {
        said.push(say(verdict.reason ?? pick(messages.didNotCatch, attempts)));
        if (verdict.slot === context.awaiting || confirmationLike.has(context.awaiting ?? '')) attempts += 1;
      }
    }
    const awaitedRejected = verdicts.some((verdict) => !verdict.ok && verdict.slot === context.awaiting);
    return { slots, said, attempts: progressed && !awaitedRejected ? 0 : attempts };
  };

  const enterQuestion = (name: string, context: CompiledContext) => {
    const fresh = context.awaiting !== name;
    return {
      update: { awaiting: name, attempts: fresh ? 0 : context.attempts, conversation: null, staged: null, decision: null },
      retry: !fresh && context.attempts > 0,
    };
  };

  const askSlot = (slot: ResolvedSlot) =>
    enqueueActions(({ context, enqueue }: { context: CompiledContext; enqueue: any }) => {
      const { update, retry } = enterQuestion(slot.name, context);
      enqueue.assign(update);
      const text = pick(retry ? slot.reprompt : slot.prompt, context.turn);
      enqueue.emit(say(fillTemplate(text, formatted(context.slots)), slot.quickReplies));
    });

  // Generated per slot; typed loosely because xstate cannot infer a config built from data.
  const slotStates: Record<string, any> = Object.fromEntries(
    content.slots.map((slot) => [
      slot.name,
      {
        tags: [`awaiting:${slot.name}`],
        entry: askSlot(slot),
        on: { 'user.input': { target: `#${content.name}.interpreting`, actions: 'interpret' } },
      },
    ]),
  );

  const decisionIs = (kind: Decision['kind'], awaiting?: string) =>
    ({ context }: { context: CompiledContext }) =>
      context.decision?.kind === kind && (awaiting === undefined || context.awaiting === awaiting);

  return setup({
    types: {} as {
      context: CompiledContext;
      input: DialogInput | undefined;
      events: DialogEvent | DoneEvents;
      emitted: DialogEmitted;
      output: DialogOutput;
    },
    actors: {
      validateSlots: fromPromise<Verdict[], ValidationRequest>(({ input, signal }) => validateCandidates(content, input, signal)),
      fulfil: fromPromise<FulfilmentOutcome, { slots: Slots; conversation: ConversationContext }>(async ({ input, signal }) => {
        const result = await content.fulfil?.(input.slots, { ...input.conversation, slots: input.slots, signal });
        return readFulfilment(result, content.fulfilled.length ? pick(content.fulfilled, input.conversation.turn) : undefined);
      }),
    },
    actions: {
      interpret: assign(({ context, event }) => {
        const input = event as Extract<DialogEvent, { type: 'user.input' }>;
        return { conversation: input.conversation, turn: input.conversation.turn, decision: interpret(context, input.recognition) };
      }),
      noteConversation: assign(({ event }) => {
        const conversation = (event as Extract<DialogEvent, { conversation: ConversationContext }>).conversation;
        return { conversation, turn: conversation.turn };
      }),
      stageDecision: assign(({ context }) => ({ staged: context.decision?.kind === 'fill' ? context.decision.candidates : null })),
      acceptStaged: enqueueActions(({ context, enqueue }) => {
        const { slots, said, attempts } = applyVerdicts(context, acceptAll(context.staged ?? []));
        enqueue.assign({ slots, attempts, staged: null });
        for (const event of said) enqueue.emit(event);
      }),
      applyVerdicts: enqueueActions(({ context, event, enqueue }) => {
        const { slots, said, attempts } = applyVerdicts(context, (event as Extract<DoneEvents, { output: Verdict[] }>).output);
        enqueue.assign({ slots, attempts, staged: null });
        for (const emitted of said) enqueue.emit(emitted);
      }),
      countAttempt: assign(({ context }) => ({ attempts: context.attempts + 1 })),
      clearSlot: assign(({ context }) => {
        const slots = { ...context.slots };
        if (context.decision?.kind === 'change-slot') delete slots[context.decision.slot];
        return { slots };
      }),
      sayDidNotCatch: enqueueActions(({ context, enqueue }) => {
        if (context.awaiting && slotNamed.has(context.awaiting)) enqueue.emit(say(pick(messages.didNotCatch, context.attempts)));
      }),
      sayHelp: enqueueActions(({ context, enqueue }) => {
        const slot = context.awaiting ? slotNamed.get(context.awaiting) : undefined;
        if (slot) enqueue.emit(say(slot.help ?? fillTemplate(messages.slotHelp, { task: content.title, label: slot.label })));
        else if (context.awaiting === 'handoffOffer') enqueue.emit(say(messages.offerAgentReprompt));
        else if (context.awaiting) enqueue.emit(say(messages.confirmationHelp));
      }),
      sayTaskFailed: enqueueActions(({ enqueue }) => enqueue.emit(say(messages.taskFailed))),
      declineAgent: enqueueActions(({ enqueue }) => {
        enqueue.emit(say(messages.agentDeclined));
        enqueue.assign({ attempts: 0, awaiting: null });
      }),
      sayOutcome: enqueueActions(({ event, enqueue }) => {
        const outcome = (event as Extract<DoneEvents, { output: FulfilmentOutcome }>).output;
        for (const message of outcome.messages) enqueue.emit({ type: 'parley.say', message });
        for (const directive of outcome.directives) enqueue.emit({ type: 'parley.directive', directive });
      }),
      handOff: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(say(messages.handingOff));
        enqueue.emit({
          type: 'parley.directive',
          directive: { kind: 'handoff', queue: content.queue(context.slots), reason: 'retries-exhausted', dialog: content.name },
        });
      }),
      rest: assign({ conversation: null, staged: null, decision: null, awaiting: null }),
    },
  }).createMachine({
    id: content.name,
    context: ({ input }) => ({
      slots: {},
      awaiting: null,
      attempts: 0,
      turn: input?.conversation.turn ?? 0,
      outcome: null,
      conversation: input?.conversation ?? null,
      staged: input ? candidatesFrom(input.recognition, content.slots, {}, null) : null,
      decision: null,
    }),
    initial: 'starting',
    on: {
      'dialog.help': { target: '.reasking', actions: ['noteConversation', 'sayHelp'] },
      'dialog.resume': { target: '.reasking', actions: 'noteConversation' },
    },
    states: {
      starting: {
        always: [
          { guard: ({ context }) => needsValidation(content, context.staged ?? []), target: 'validating' },
          { target: 'routing', actions: 'acceptStaged' },
        ],
      },
      interpreting: {
        always: [
          {
            guard: ({ context }) => context.decision?.kind === 'fill' && needsValidation(content, context.decision.candidates),
            target: 'validating',
            actions: 'stageDecision',
          },
          { guard: decisionIs('fill'), target: 'routing', actions: ['stageDecision', 'acceptStaged'] },
          { guard: decisionIs('yes', 'confirmation'), target: 'fulfilling' },
          { guard: decisionIs('no', 'confirmation'), target: 'changing' },
          { guard: decisionIs('change-slot'), target: 'routing', actions: 'clearSlot' },
          { guard: decisionIs('keep'), target: 'confirming' },
          { guard: decisionIs('yes', 'handoffOffer'), target: 'handingOff' },
          { guard: decisionIs('no', 'handoffOffer'), target: 'routing', actions: 'declineAgent' },
          {
            guard: ({ context }) => context.awaiting === 'handoffOffer' && context.attempts + 1 >= maxAttemptsOf('handoffOffer'),
            target: 'handingOff',
          },
          {
            guard: ({ context }) => context.attempts + 1 >= maxAttemptsOf(context.awaiting),
            target: 'offeringAgent',
            actions: 'countAttempt',
          },
          { target: 'reasking', actions: ['countAttempt', 'sayDidNotCatch'] },
        ],
      },
      validating: {
        invoke: {
          id: 'validate',
          src: 'validateSlots',
          input: ({ context }) => ({ candidates: context.staged ?? [], slots: context.slots, conversation: context.conversation! }),
          onDone: { target: 'routing', actions: 'applyVerdicts' },
          onError: { target: 'offeringAgent', actions: 'sayTaskFailed' },
        },
      },
      routing: {
        always: [
          { guard: ({ context }) => context.attempts >= maxAttemptsOf(context.awaiting), target: 'offeringAgent' },
          ...content.slots
            .filter((slot) => slot.required)
            .map((slot) => ({
              guard: ({ context }: { context: CompiledContext }) => context.slots[slot.name] === undefined,
              target: `asking.${slot.name}`,
            })),
          ...(content.confirmation ? [{ target: 'confirming' }] : []),
          { target: 'fulfilling' },
        ],
      },
      reasking: {
        always: [
          { guard: ({ context }) => context.awaiting === 'confirmation', target: 'confirming' },
          { guard: ({ context }) => context.awaiting === 'change', target: 'changing' },
          { guard: ({ context }) => context.awaiting === 'handoffOffer', target: 'offeringAgent' },
          { target: 'routing' },
        ],
      },
      // Entered only through routing, which names the slot; the initial state is xstate's requirement.
      ...(content.slots.length ? { asking: { initial: content.slots[0]!.name, states: slotStates } } : {}),
      confirming: {
        tags: ['awaiting:confirmation'],
        entry: enqueueActions(({ context, enqueue }) => {
          const { update, retry } = enterQuestion('confirmation', context);
          enqueue.assign(update);
          if (retry) enqueue.emit(say(messages.yesOrNo));
          const prompt = pick(content.confirmation?.prompt ?? [], context.turn);
          enqueue.emit(say(fillTemplate(prompt, formatted(context.slots)), yesNoReplies));
        }),
        on: { 'user.input': { target: 'interpreting', actions: 'interpret' } },
      },
      changing: {
        tags: ['awaiting:change'],
        entry: enqueueActions(({ context, enqueue }) => {
          const { update, retry } = enterQuestion('change', context);
          enqueue.assign(update);
          const slots = joinList(content.slots.map((slot) => slot.label), messages.or);
          const declined = content.confirmation?.declined ?? [];
          const text = retry || declined.length === 0
            ? fillTemplate(retry ? messages.changeReprompt : messages.whatToChange, { slots })
            : pick(declined, context.turn);
          enqueue.emit(say(fillTemplate(text, formatted(context.slots))));
        }),
        on: { 'user.input': { target: 'interpreting', actions: 'interpret' } },
      },
      offeringAgent: {
        tags: ['awaiting:handoffOffer'],
        entry: enqueueActions(({ context, enqueue }) => {
          const { update, retry } = enterQuestion('handoffOffer', context);
          enqueue.assign(update);
          enqueue.emit(say(retry ? messages.offerAgentReprompt : messages.offerAgent, yesNoReplies));
        }),
        on: { 'user.input': { target: 'interpreting', actions: 'interpret' } },
      },
      fulfilling: {
        invoke: {
          id: 'fulfil',
          src: 'fulfil',
          input: ({ context }) => ({ slots: context.slots, conversation: context.conversation! }),
          onDone: [
            {
              guard: ({ event }) => event.output.directives.some((directive) => directive.kind === 'handoff'),
              target: 'handedOff',
              actions: 'sayOutcome',
            },
            { target: 'done', actions: 'sayOutcome' },
          ],
          onError: { target: 'offeringAgent', actions: 'sayTaskFailed' },
        },
      },
      handingOff: { entry: 'handOff', always: 'handedOff' },
      done: { type: 'final', entry: ['rest', assign({ outcome: 'completed' as const })] },
      handedOff: { type: 'final', entry: ['rest', assign({ outcome: 'handoff' as const })] },
    },
    output: ({ context }) => ({ outcome: context.outcome ?? 'completed' }),
  });
}

