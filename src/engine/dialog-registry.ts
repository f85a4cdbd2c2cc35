/**
 * The bot's dialogs, compiled once per locale at start-up, behind one shape whether they came from
 * defineDialog or are raw xstate machines.
 */
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { DialogDefinitionError } from '../core/errors.js';
import type { SlotValue } from '../core/turn.js';
import type { IntentModel, LocaleModel } from '../content/intent-model.js';
import type { Expectation } from '../nlu/recognizer.js';
import { compileDialog } from './compile-dialog.js';
import type { DialogDefinition } from './define-dialog.js';
import { resolveDialogContent } from './dialog-content.js';
import { awaitingTagPrefix, yesNoTag } from './dialog-protocol.js';
import { engineMessagesFor, joinList, type EngineMessages } from './engine-messages.js';
import { humanise } from './format-values.js';
import { formatMessage } from './message-format.js';
import { taskChangesOf, type TaskChanges } from './task-change.js';

export interface RunnableDialog {
  name: string;
  machine: AnyStateMachine;
  /** What the task does, after "I can …" and "To …" ("book a technician visit"). */
  title: string;
  /** The task under way, after "Back to …" ("your technician visit booking"). */
  resumeTitle: string;
  /** Listed when the bot says what it can do. */
  listed: boolean;
  /** Whether finishing it makes it "the most recent task" (it has slots or a queue of its own). */
  isTask: boolean;
  queue(slots: Record<string, SlotValue>): string;
  /** The type of each slot, when known, so the recognizer can read an answer for it. */
  slotTypes: Record<string, string>;
  /** The slots the task needs before it can be done, in the order it asks for them. */
  requiredSlots: string[];
  timeoutMs: number;
  /** Present when a completed run may be changed afterwards (`changeable`). */
  change?: TaskChanges;
}

export interface LocaleDialogs {
  locale: string;
  messages: EngineMessages;
  dialogs: Map<string, RunnableDialog>;
}

export function buildDialogRegistry(
  definitions: readonly DialogDefinition[],
  model: IntentModel,
  options: { defaultQueue: string; messages?: Record<string, Partial<EngineMessages>> },
): Map<string, LocaleDialogs> {
  const registry = new Map<string, LocaleDialogs>();
  const seen = new Set<string>();
  for (const definition of definitions) {
    if (seen.has(definition.intent)) throw new DialogDefinitionError(definition.intent, 'is defined twice; give each intent one dialog');
    seen.add(definition.intent);
  }
  for (const [locale, localeModel] of Object.entries(model.locales)) {
    const language = locale.split('-')[0] ?? locale;
    const messages = engineMessagesFor(locale, { ...options.messages?.[language], ...options.messages?.[locale] });
    const dialogs = new Map<string, RunnableDialog>();
    for (const definition of definitions) {
      const dialog = runnable(definition, localeModel, messages, options.defaultQueue);
      if (dialog) dialogs.set(dialog.name, dialog);
    }
    registry.set(locale, { locale, messages, dialogs });
  }
  for (const definition of definitions) {
    if (![...registry.values()].some((entry) => entry.dialogs.has(definition.intent))) {
      throw new DialogDefinitionError(definition.intent, `no locale of the intent files has an intent named ${definition.intent}, so nothing can start this dialog`);
    }
  }
  return registry;
}

function runnable(definition: DialogDefinition, model: LocaleModel, messages: EngineMessages, defaultQueue: string): RunnableDialog | undefined {
  if (!model.intents.some((intent) => intent.name === definition.intent)) return undefined;
  const resumeTitle = (title: string, own: string | undefined) => own ?? formatMessage(messages.resumeTitle, { task: title }, model);
  if (definition.kind === 'machine') {
    const title = definition.title ?? humanise(definition.intent);
    const slots = model.intents.find((intent) => intent.name === definition.intent)?.slots ?? [];
    return {
      name: definition.intent,
      machine: definition.machine,
      title,
      resumeTitle: resumeTitle(title, definition.resumeTitle),
      listed: definition.title !== undefined,
      isTask: definition.queue !== undefined,
      queue: () => definition.queue ?? defaultQueue,
      slotTypes: Object.fromEntries(slots.map((slot) => [slot.name, slot.type])),
      requiredSlots: slots.filter((slot) => slot.required).map((slot) => slot.name),
      timeoutMs: definition.timeoutMs ?? 10_000,
    };
  }
  const content = resolveDialogContent(definition.spec, model, defaultQueue);
  return {
    name: content.name,
    machine: compileDialog(content, messages),
    title: content.title,
    resumeTitle: resumeTitle(content.title, definition.spec.resumeTitle),
    listed: content.listed,
    isTask: content.slots.length > 0 || definition.spec.queue !== undefined,
    queue: content.queue,
    slotTypes: Object.fromEntries(content.slots.map((slot) => [slot.name, slot.type])),
    requiredSlots: content.slots.filter((slot) => slot.required).map((slot) => slot.name),
    timeoutMs: content.timeoutMs,
    ...(definition.spec.changeable ? { change: taskChangesOf(content, messages, definition.spec.changeable, model.slotTypes) } : {}),
  };
}

/** What the bot says it can do: the dialogs given a title, in the bot's order. */
export interface Capabilities {
  /** The titled dialogs' intents. */
  intents: string[];
  /** Their titles as one phrase ("check an order, book a visit and reset your password"): `{capabilities}`. */
  text: string;
}

export function capabilitiesOf({ dialogs, messages }: Pick<LocaleDialogs, 'dialogs' | 'messages'>): Capabilities {
  const listed = [...dialogs.values()].filter((dialog) => dialog.listed);
  return { intents: listed.map((dialog) => dialog.name), text: joinList(listed.map((dialog) => dialog.title), messages.and) };
}

/** What a settled snapshot waits for, from its `awaiting:<name>` tag. */
export function awaitingOf(snapshot: AnyMachineSnapshot): string | null {
  for (const tag of snapshot.tags) {
    if (tag.startsWith(awaitingTagPrefix)) return tag.slice(awaitingTagPrefix.length);
  }
  return null;
}

/** Slots as a dialog keeps them in `context.slots` (persisted or live snapshot). */
export function slotsOf(snapshot: unknown): Record<string, SlotValue> {
  const slots = (snapshot as { context?: { slots?: unknown } } | undefined)?.context?.slots;
  return slots && typeof slots === 'object' ? (slots as Record<string, SlotValue>) : {};
}

/** Whether a settled snapshot asks a yes/no question of its own (compiled dialogs' are known by name). */
export function asksYesNo(snapshot: AnyMachineSnapshot): boolean {
  return snapshot.tags.has(yesNoTag);
}

export function isYesNoQuestion(awaiting: string | null, yesNo?: boolean): boolean {
  return yesNo === true || awaiting === 'confirmation' || awaiting === 'change' || awaiting === 'handoffOffer';
}

export function expectationOf(dialog: RunnableDialog, awaiting: string | null, yesNo?: boolean): Expectation {
  if (isYesNoQuestion(awaiting, yesNo)) {
    return { intent: dialog.name, confirmation: true };
  }
  if (awaiting && dialog.slotTypes[awaiting]) return { intent: dialog.name, slot: awaiting, slotType: dialog.slotTypes[awaiting] };
  return { intent: dialog.name };
}
