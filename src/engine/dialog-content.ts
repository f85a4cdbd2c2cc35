/**
 * Joins a dialog spec with its intent's content in one locale: prompts, slot order and types from the
 * intent files, behaviour from the spec. Every gap is reported when the bot is created, not mid-call.
 */
import type { QuickReply } from '../core/turn.js';
import { DialogDefinitionError } from '../core/errors.js';
import { isBuiltInSlotType, type LocaleModel, type SlotType } from '../content/intent-model.js';
import type { DialogSpec, SlotOptions, Slots } from './define-dialog.js';
import { humanise } from './format-values.js';
import type { SlotShape } from './slot-filling.js';

export interface ResolvedSlot extends SlotShape {
  required: boolean;
  prompt: string[];
  reprompt: string[];
  help?: string;
  maxAttempts: number;
  label: string;
  quickReplies?: QuickReply[];
  /** A closed list's values (`restrict`), and whether they are few enough to read out (as many as quick replies show). */
  closedList?: { values: string[]; readOut: boolean };
  validate?: SlotOptions['validate'];
}

export interface DialogContent {
  name: string;
  locale: string;
  title: string;
  /** Listed in help ("I can …") only when the spec gave a title. */
  listed: boolean;
  slots: ResolvedSlot[];
  confirmation: { prompt: string[]; declined: string[] } | null;
  fulfilled: string[];
  queue: (slots: Slots) => string;
  fulfil?: DialogSpec['fulfil'];
  timeoutMs: number;
}

const typeWords: Record<string, string[]> = {
  date: ['date', 'day'],
  time: ['time', 'hour'],
  phone: ['phone', 'phone number', 'number'],
  email: ['email', 'email address', 'address'],
};

const maxQuickReplies = 6;

export function resolveDialogContent(spec: DialogSpec, model: LocaleModel, defaultQueue: string): DialogContent {
  const fail = (message: string): never => {
    throw new DialogDefinitionError(spec.intent, `${message} (locale ${model.locale})`);
  };
  const intent = model.intents.find((candidate) => candidate.name === spec.intent);
  if (!intent) {
    fail(`no intent named ${spec.intent} in the intent files, so nothing can start this dialog; add it to intents/${model.locale}/`);
  }
  const options = (spec.slots ?? {}) as Record<string, SlotOptions | undefined>;
  const fromFiles = intent!.slots.map((slot) => slot.name);
  const order = [...fromFiles, ...Object.keys(options).filter((name) => !fromFiles.includes(name))];

  const slots = order.map((name): ResolvedSlot => {
    const file = intent!.slots.find((slot) => slot.name === name);
    const own = options[name] ?? {};
    const type = own.type ?? file?.type ?? fail(`slot ${name} has no type; give it one in the dialog or the intent file`);
    const slotType = model.slotTypes.find((candidate) => candidate.name === type);
    if (!slotType && !isBuiltInSlotType(type)) fail(`slot ${name} has type ${type}, which is neither built in nor a slot type of the intent files`);
    const prompt = variations(own.prompt) ?? file?.prompt?.variations;
    if (!prompt?.length) fail(`slot ${name} has no prompt; add \`prompt:\` to it in intents/${model.locale}/ or in the dialog`);
    const label = own.label ?? humanise(name);
    return {
      name,
      type,
      required: own.required ?? file?.required ?? true,
      multiple: own.multiple ?? file?.multiple ?? false,
      prompt: prompt!,
      reprompt: variations(own.reprompt) ?? file?.reprompt?.variations ?? prompt!,
      help: own.help ?? file?.help,
      maxAttempts: own.maxAttempts ?? file?.maxAttempts ?? 3,
      label,
      mentions: unique([label, humanise(name), ...(file?.aliases ?? []), ...(typeWords[type] ?? []), ...(slotType ? [humanise(slotType.name).replace(/ type$/, '')] : [])]),
      quickReplies: slotType ? quickRepliesOf(slotType) : undefined,
      closedList: slotType ? closedListOf(slotType) : undefined,
      validate: own.validate,
    };
  });

  const filePrompt = intent!.confirmation?.prompt.variations;
  const wantsConfirmation = spec.confirm ?? Boolean(filePrompt);
  const confirmationPrompt = typeof spec.confirm === 'string' ? [spec.confirm] : filePrompt;
  if (wantsConfirmation && !confirmationPrompt?.length) {
    fail('asks for confirmation but has no confirmation prompt; add `confirmation:` to the intent file or give `confirm` a string');
  }
  const queue = spec.queue;
  return {
    name: spec.intent,
    locale: model.locale,
    title: spec.title ?? humanise(spec.intent),
    listed: spec.title !== undefined,
    slots,
    confirmation: wantsConfirmation
      ? { prompt: confirmationPrompt!, declined: intent!.confirmation?.declined?.variations ?? [] }
      : null,
    fulfilled: intent!.fulfilled?.variations ?? [],
    queue: typeof queue === 'function' ? (filled) => queue(filled) : () => queue ?? defaultQueue,
    fulfil: spec.fulfil,
    timeoutMs: spec.timeoutMs ?? 10_000,
  };
}

function variations(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}

function unique(words: string[]): string[] {
  return [...new Set(words.map((word) => word.toLowerCase()).filter(Boolean))];
}

function closedListOf(slotType: SlotType): ResolvedSlot['closedList'] {
  if (slotType.kind !== 'list' || !slotType.restrict) return undefined;
  return { values: slotType.values.map(({ value }) => value), readOut: slotType.values.length <= maxQuickReplies };
}

function quickRepliesOf(slotType: SlotType): QuickReply[] | undefined {
  if (slotType.kind !== 'list' || slotType.values.length > maxQuickReplies) return undefined;
  return slotType.values.map(({ value }) => ({ title: value.charAt(0).toUpperCase() + value.slice(1), value }));
}
