/**
 * What a compiled dialog does with one input, decided once by a pure function: the slots and
 * counters after it, what to say, and which state comes next. The machine (compile-dialog.ts) has
 * one guarded transition per possible next state, so an answer costs one xstate microstep.
 */
import type { DialogEmitted, ConversationContext, TaskChange } from './dialog-protocol.js';
import type { DialogContent, ResolvedSlot } from './dialog-content.js';
import type { Slots } from './define-dialog.js';
import { pick, type EngineMessages } from './engine-messages.js';
import { formatSlotValues } from './format-values.js';
import { formatMessage } from './message-format.js';
import { renderSlots } from './render-slots.js';
import { notAnOptionLines } from './unlisted-answers.js';
import { candidatesFrom, mentionedSlot, type Candidate } from './slot-filling.js';
import { startFulfilment, startValidation, type LazyAbort, type Verdict } from './task-results.js';
import type { Recognition } from '../nlu/recognizer.js';
import { readYesNo } from './yes-no.js';

export interface CompiledContext {
  slots: Slots;
  /** Slot name, `confirmation`, `change`, `handoffOffer`, or null before the first question. */
  awaiting: string | null;
  /** Failed answers to the current question. */
  attempts: number;
  turn: number;
  outcome: 'completed' | 'handoff' | null;
  /** Only while validating or fulfilling; null in every stored snapshot. */
  conversation: ConversationContext | null;
  /** Candidates being validated; null at rest. */
  staged: Candidate[] | null;
  /** Present while the dialog runs again to change its completed task: the slots it completed with. */
  change?: { previous: Slots };
}

/** State ids a plan can lead to (relative to the dialog root). */
export type Next = `asking.${string}` | 'confirming' | 'changing' | 'offeringAgent' | 'validating' | 'fulfilling' | 'done' | 'handedOff';

export interface Plan {
  next: Next;
  update: Partial<CompiledContext>;
  said: DialogEmitted[];
  /** Work the plan started that is still running (validation or fulfilment), for the state that awaits it. */
  pending?: { pending: Promise<unknown>; abort: LazyAbort };
}

const keepWords = /^(nothing|none|nada|keep it|it'?s fine|all good|never ?mind|no changes?)\b/i;
const yesNoQuestions = new Set(['confirmation', 'change', 'handoffOffer']);
const questionStates: Record<string, Next> = { confirmation: 'confirming', change: 'changing', handoffOffer: 'offeringAgent' };

export function createPlanner(content: DialogContent, messages: EngineMessages) {
  const slotNamed = new Map<string, ResolvedSlot>(content.slots.map((slot) => [slot.name, slot]));
  const say = (text: string): DialogEmitted => ({ type: 'parley.say', message: { text } });
  const maxAttemptsOf = (awaiting: string | null) =>
    awaiting === 'handoffOffer' ? 2 : (awaiting && slotNamed.get(awaiting)?.maxAttempts) || 3;

  /** The question to ask next for these slots; attempts carry over only when it is the same question. */
  function route(context: CompiledContext, slots: Slots, attempts: number, said: DialogEmitted[], conversation: ConversationContext | null): Plan {
    const ask = (name: string): Plan => ({
      next: questionStates[name] ?? `asking.${name}`,
      update: { slots, awaiting: name, attempts: name === context.awaiting ? attempts : 0, conversation: null, staged: null },
      said,
    });
    if (attempts >= maxAttemptsOf(context.awaiting)) return { ...ask('handoffOffer'), update: { slots, awaiting: 'handoffOffer', attempts: 0, conversation: null, staged: null } };
    const missing = content.slots.find((slot) => slot.required && slots[slot.name] === undefined);
    if (missing) return ask(missing.name);
    // A change was agreed to when it was offered: asking to confirm it again would be asking twice.
    if (content.confirmation && !context.change) return ask('confirmation');
    return fulfil({ ...context, slots }, said, conversation);
  }

  /** Starts the task's work; a synchronous result ends the dialog in this same step. */
  function fulfil(context: CompiledContext, said: DialogEmitted[], conversation: ConversationContext | null): Plan {
    const current = conversation ?? context.conversation!;
    const fallback = content.fulfilled.length ? renderSlots(pick(content.fulfilled, current.turn), content, context.slots, messages.and) : undefined;
    const started = startFulfilment(content, context.slots, current, context.change, fallback);
    const update: Partial<CompiledContext> = { slots: context.slots, staged: null };
    if ('pending' in started) return { next: 'fulfilling', update: { ...update, conversation }, said, pending: started };
    for (const message of started.messages) said.push({ type: 'parley.say', message });
    for (const directive of started.directives) said.push({ type: 'parley.directive', directive });
    const handedOff = started.directives.some((directive) => directive.kind === 'handoff');
    return {
      next: handedOff ? 'handedOff' : 'done',
      update: { ...update, outcome: handedOff ? 'handoff' : 'completed', awaiting: null, conversation: null },
      said,
    };
  }

  /** Verdicts applied: corrections acknowledged, rejections explained and counted. */
  function applyVerdicts(context: CompiledContext, verdicts: readonly Verdict[], conversation: ConversationContext | null): Plan {
    const slots = { ...context.slots };
    const said: DialogEmitted[] = [];
    let attempts = context.attempts;
    let awaitedRejected = false;
    let progressed = false;
    for (const verdict of verdicts) {
      const slot = slotNamed.get(verdict.slot)!;
      if (verdict.ok) {
        // In a change, the slots being changed start empty (so a refused value is asked again), yet a
        // value taken is still a change of what the task completed with.
        const previous = slots[verdict.slot] ?? context.change?.previous[verdict.slot];
        slots[verdict.slot] = verdict.value;
        progressed = true;
        if (previous !== undefined && verdict.slot !== context.awaiting) {
          const value = formatSlotValues(verdict.value, slot.type, content.locale, messages.and);
          said.push(say(formatMessage(Array.isArray(verdict.value) ? messages.changedList : messages.changed, { label: slot.label, value }, content)));
        }
      } else {
        said.push(say(verdict.reason ?? pick(messages.didNotCatch, attempts)));
        if (verdict.slot === context.awaiting || yesNoQuestions.has(context.awaiting ?? '')) {
          attempts += 1;
          awaitedRejected = true;
        }
      }
    }
    return route(context, slots, progressed && !awaitedRejected ? 0 : attempts, said, conversation);
  }

  function fill(context: CompiledContext, candidates: Candidate[], conversation: ConversationContext): Plan {
    const started = startValidation(content, { candidates, slots: context.slots, conversation, change: context.change });
    if (Array.isArray(started)) return applyVerdicts(context, started, conversation);
    return { next: 'validating', update: { staged: candidates, conversation }, said: [], pending: started };
  }

  function handOff(context: CompiledContext, said: DialogEmitted[]): Plan {
    const queue = content.queue(context.slots);
    // The queue routes; the customer hears of a person, or of the team the bot names for that queue.
    const team = Object.hasOwn(messages.teamNames, queue) ? messages.teamNames[queue] : undefined;
    said.push(say(team ? formatMessage(messages.handingOffToTeam, { team }, content) : messages.handingOff));
    said.push({
      type: 'parley.directive',
      directive: { kind: 'handoff', queue, reason: 'retries-exhausted', dialog: content.name },
    });
    return { next: 'handedOff', update: { outcome: 'handoff', awaiting: null, conversation: null, staged: null }, said };
  }

  /** "We don't have anchovies…" for the closed lists given a value they lack, bar the slots in `valued`. */
  function notAnOption(recognition: Recognition, valued: readonly Candidate[] = []): DialogEmitted[] {
    return notAnOptionLines(recognition, content.slots, new Set(valued.map((candidate) => candidate.slot)), messages, content).map(say);
  }

  function notUnderstood(context: CompiledContext, recognition: Recognition): Plan {
    const attempts = context.attempts + 1;
    if (context.awaiting === 'handoffOffer' && attempts >= maxAttemptsOf('handoffOffer')) return handOff(context, []);
    if (attempts >= maxAttemptsOf(context.awaiting)) {
      return { next: 'offeringAgent', update: { awaiting: 'handoffOffer', attempts: 0, conversation: null }, said: [] };
    }
    // A value the list does not have is told as such, in place of "Sorry, I didn't catch that".
    const unlisted = notAnOption(recognition);
    const said = unlisted.length ? unlisted : context.awaiting && slotNamed.has(context.awaiting) ? [say(pick(messages.didNotCatch, context.attempts))] : [];
    return { next: questionStates[context.awaiting ?? ''] ?? `asking.${context.awaiting}`, update: { attempts, conversation: null }, said };
  }

  return {
    /** The first plan, from the utterance that started the dialog, or from the values of a change agreed to. */
    start(context: CompiledContext, recognition: Recognition, conversation: ConversationContext, change?: TaskChange): Plan {
      const candidates = change
        ? content.slots.filter((slot) => change.values[slot.name] !== undefined).map((slot) => ({ slot: slot.name, value: change.values[slot.name]!, text: String(change.values[slot.name]) }))
        : candidatesFrom(recognition, content.slots, {}, null);
      const plan = candidates.length ? fill(context, candidates, conversation) : route(context, context.slots, 0, [], conversation);
      // "A pizza with anchovies": said before the first question.
      if (!change) plan.said.unshift(...notAnOption(recognition, candidates));
      return plan;
    },

    input(context: CompiledContext, recognition: Recognition, conversation: ConversationContext): Plan {
      const base = { ...context, turn: conversation.turn };
      const awaitedSlot = context.awaiting && slotNamed.has(context.awaiting) ? context.awaiting : null;
      const candidates = candidatesFrom(recognition, content.slots, context.slots, awaitedSlot);
      const answer = yesNoQuestions.has(context.awaiting ?? '') ? readYesNo(recognition.text, content.locale) : undefined;
      const plan = ((): Plan => {
        if (context.awaiting === 'handoffOffer' && answer === 'yes') return handOff(base, []);
        if (context.awaiting === 'handoffOffer' && answer === 'no') {
          return route({ ...base, awaiting: null }, context.slots, 0, [say(messages.agentDeclined)], conversation);
        }
        if (candidates.length > 0) {
          const filled = fill(base, candidates, conversation);
          filled.said.unshift(...notAnOption(recognition, candidates));
          return filled;
        }
        if (context.awaiting === 'change') {
          const slot = mentionedSlot(recognition.text, content.slots);
          if (slot) {
            const slots = { ...context.slots };
            delete slots[slot];
            return route(base, slots, 0, [], conversation);
          }
          if (answer || keepWords.test(recognition.text.trim())) return route({ ...base, awaiting: null }, context.slots, 0, [], conversation);
        }
        if (context.awaiting === 'confirmation' && answer === 'yes') return fulfil(base, [], conversation);
        if (context.awaiting === 'confirmation' && answer === 'no') {
          return { next: 'changing', update: { awaiting: 'change', attempts: 0, conversation: null }, said: [] };
        }
        return notUnderstood(base, recognition);
      })();
      plan.update.turn = conversation.turn;
      return plan;
    },

    validated(context: CompiledContext, verdicts: readonly Verdict[]): Plan {
      return applyVerdicts(context, verdicts, context.conversation);
    },

    /** Every state a plan can lead to, for compiling one transition per outcome. */
    targets(): Next[] {
      const asking = content.slots.map((slot) => `asking.${slot.name}` as Next);
      return [...asking, 'confirming', 'changing', 'offeringAgent', 'validating', 'fulfilling', 'done', 'handedOff'];
    },
  };
}

export type Planner = ReturnType<typeof createPlanner>;
