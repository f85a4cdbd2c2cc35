/** One intent entry, checked on its own: schema, slot markup, slots it refers to. */
import type { IntentFileProblem, SourcePosition } from '../core/errors.js';
import { builtInIntents, hasBuiltInUtterances, lexBuiltInSignatures } from './builtin-intents.js';
import { valueAt } from '../core/value-at.js';
import type { Intent, LexIntentBinding, LexPromptSettings, Prompt, Slot, Utterance } from './intent-model.js';
import { intentEntrySchema, namePattern, slotSchema, utteranceSchema, withAnyName } from './intent-schema.js';
import type { PromptDefinition } from './intent-schema.js';
import type { LexIntentDefinition, LexPromptDefinition } from './lex-schema.js';
import type { ContentPath, Locate, LocateOptions } from './locate.js';
import { problemAt } from './locate.js';
import { parseAt } from './schema-problems.js';
import { closest, listWords } from './suggest.js';
import { parseMessageTemplate, slotTypesFor } from './message-template.js';
import { parseUtteranceMarkup } from './utterance-markup.js';

/** An intent with what the locale-wide checks need to point back at its source. */
export interface IntentEntry {
  intent: Intent;
  nameAt: SourcePosition;
  slotTypeRefs: { slot: Slot; at: SourcePosition }[];
}

export interface EntryContext {
  /** File-shaped content: `{ intents: [...], slotTypes: [...] }`. */
  root: unknown;
  locate: Locate;
  locale: string;
  problems: IntentFileProblem[];
}

type PromptSite = [ContentPath, PromptDefinition | undefined];

export function readIntentEntry(path: ContentPath, context: EntryContext): IntentEntry | undefined {
  const data = parseAt(intentEntrySchema, path, context, context.problems, withAnyName(intentEntrySchema));
  if (!data) return undefined;
  const at = (sub: ContentPath, options?: LocateOptions) => context.locate([...path, ...sub], options);
  const { slots, slotTypeRefs, prompts, brokenSlots } = readSlots(data.name, path, data.slots.length, context);
  const usable = [...slots.map((slot) => slot.name), ...brokenSlots];
  const utterances: Utterance[] = [];
  (data.utterances ?? []).forEach((_, index) => {
    const written = parseAt(utteranceSchema, [...path, 'utterances', index], context, context.problems);
    if (written === undefined) return;
    const parsed = parseUtteranceMarkup(written);
    for (const problem of parsed.problems) {
      context.problems.push(problemAt(at(['utterances', index], { offset: problem.offset }), problem.message, problem.hint));
    }
    const unknown = parsed.slots.filter(({ slot }) => !usable.includes(slot));
    for (const { slot, offset } of unknown) {
      context.problems.push(unknownSlot('utterance', slot, data.name, slots, at(['utterances', index], { offset })));
    }
    if (parsed.problems.length === 0 && unknown.length === 0) {
      utterances.push({ parts: parsed.parts, source: at(['utterances', index]) });
    }
  });
  const written = valueAt(context.root, [...path, 'utterances']);
  const none = written === undefined || (Array.isArray(written) && written.length === 0);
  if (none && !hasBuiltInUtterances(context.locale, data.name)) {
    const position = written === undefined ? at(['name']) : at(['utterances'], { key: true });
    const message = `intent ${data.name} has no utterances`;
    context.problems.push(problemAt(position, message, 'add a few ways a customer would say it under utterances:'));
  }
  const intent: Intent = { name: data.name, utterances, slots, source: at([]) };
  if (data.description !== undefined) intent.description = data.description;
  if (data.confirmation !== undefined) {
    const confirmation = typeof data.confirmation === 'string' ? { prompt: data.confirmation } : data.confirmation;
    const base: ContentPath = typeof data.confirmation === 'string' ? [] : ['prompt'];
    prompts.push([['confirmation', ...base], confirmation.prompt], [['confirmation', 'declined'], confirmation.declined]);
    intent.confirmation = { prompt: toPrompt(confirmation.prompt) };
    if (confirmation.declined !== undefined) intent.confirmation.declined = toPrompt(confirmation.declined);
    if (typeof data.confirmation !== 'string' && data.confirmation.lex !== undefined) intent.confirmation.lex = toLexPrompt(data.confirmation.lex);
  }
  if (data.fulfilled !== undefined) intent.fulfilled = toPrompt(data.fulfilled);
  if (data.lex !== undefined) {
    const lex = readLexBindings(data.name, data.lex, (sub) => at(['lex', ...sub]), context);
    if (lex) intent.lex = lex;
  }
  prompts.push([['fulfilled'], data.fulfilled]);
  checkPromptSlots(data.name, path, prompts, slots, usable, context);
  return namePattern.test(data.name) ? { intent, nameAt: at(['name']), slotTypeRefs } : undefined;
}

function readSlots(intent: string, path: ContentPath, count: number, context: EntryContext) {
  const slots: Slot[] = [];
  const slotTypeRefs: IntentEntry['slotTypeRefs'] = [];
  const prompts: PromptSite[] = [];
  // Slots that failed their own checks still count as declared, so their uses are not reported too.
  const brokenSlots: string[] = [];
  for (let index = 0; index < count; index++) {
    const slotPath = [...path, 'slots', index];
    const definition = parseAt(slotSchema, slotPath, context, context.problems, withAnyName(slotSchema));
    if (!definition || !namePattern.test(definition.name)) {
      const name = valueAt(context.root, [...slotPath, 'name']);
      if (typeof name === 'string') brokenSlots.push(name);
      continue;
    }
    const first = slots.find((slot) => slot.name.toLowerCase() === definition.name.toLowerCase());
    if (first) {
      const message = `intent ${intent} declares slot ${definition.name} twice`;
      const hint = `first at line ${first.source?.line ?? '?'}; remove one`;
      context.problems.push(problemAt(context.locate([...slotPath, 'name']), message, hint));
      continue;
    }
    const { prompt, reprompt, multiple, lex, ...rest } = definition;
    const slot: Slot = { ...rest, source: context.locate(slotPath) };
    if (multiple) slot.multiple = true;
    if (lex !== undefined) slot.lex = toLexPrompt(lex);
    if (prompt !== undefined) slot.prompt = toPrompt(prompt);
    if (reprompt !== undefined) slot.reprompt = toPrompt(reprompt);
    slots.push(slot);
    slotTypeRefs.push({ slot, at: context.locate([...slotPath, 'type']) });
    prompts.push([['slots', index, 'prompt'], prompt], [['slots', index, 'reprompt'], reprompt], [['slots', index, 'help'], definition.help]);
  }
  return { slots, slotTypeRefs, prompts, brokenSlots };
}

function toPrompt(definition: PromptDefinition): Prompt {
  return { variations: typeof definition === 'string' ? [definition] : [...definition] };
}

function toLexPrompt(definition: LexPromptDefinition): LexPromptSettings {
  return structuredClone(definition);
}

/**
 * The Lex intents an intent compiles to. Only a repair intent may be a Lex built-in, and only one of
 * its own (`Cancel`: AMAZON.CancelIntent or AMAZON.StopIntent); several entries are for such a repair
 * intent standing for several built-ins at once, which Lex tells apart and Parley does not.
 */
function readLexBindings(intent: string, written: LexIntentDefinition | LexIntentDefinition[], at: (sub: ContentPath) => SourcePosition, context: EntryContext): LexIntentBinding[] | undefined {
  const listed = Array.isArray(written);
  const bindings = listed ? written : [written];
  const role = builtInIntents.find((builtIn) => builtIn.name === intent)?.role;
  const own = role === undefined ? [] : lexBuiltInSignatures[role];
  let fine = true;
  bindings.forEach((binding, index) => {
    const signature = binding.parentIntentSignature;
    if (signature === undefined || own.includes(signature)) return;
    fine = false;
    const where = at([...(listed ? [index] : []), 'parentIntentSignature']);
    const repairs = builtInIntents.map((builtIn) => `${builtIn.name} (${lexBuiltInSignatures[builtIn.role].join(' or ')})`).join(', ');
    const message = role === undefined
      ? `intent ${intent} cannot be the Lex built-in ${signature}: only Parley's repair intents are Lex built-ins`
      : `intent ${intent} cannot be the Lex built-in ${signature}`;
    const hint = role === undefined
      ? `the repair intents stand for ${repairs}; keep another built-in intent as Lex has it in lex-passthrough/ (docs/bot-deploy.md)`
      : `${intent} stands for ${own.join(' or ')}`;
    context.problems.push(problemAt(where, message, hint));
  });
  if (listed && bindings.length > 1 && bindings.some((binding) => binding.parentIntentSignature === undefined)) {
    fine = false;
    const message = `intent ${intent} lists several Lex intents, but only Lex built-ins may share one Parley intent`;
    context.problems.push(problemAt(at([]), message, 'give each a parentIntentSignature (Cancel as AMAZON.CancelIntent and AMAZON.StopIntent), or keep one'));
  }
  return fine ? bindings.map((binding) => ({ ...binding })) : undefined;
}

function unknownSlot(where: string, slot: string, intent: string, declared: Slot[], at: SourcePosition): IntentFileProblem {
  const names = declared.map((each) => each.name);
  const near = closest(slot, names);
  const declaredText = names.length > 0 ? ` (it has ${listWords(names, (name) => `{${name}}`)})` : '';
  const hint = near ? `declare it under slots:, or did you mean {${near}}?` : `declare it under slots:${declaredText}`;
  return problemAt(at, `${where} uses slot {${slot}} but intent ${intent} has no such slot`, hint);
}

// Prompts are message templates that may name the intent's slots (`A {service} visit on {date}?`,
// `{count, plural, one {# pizza} other {# pizzas}}`): one that cannot be read, a misspelt slot, or a
// slot of the wrong type for its argument is found here, when the files load, not mid-conversation.
function checkPromptSlots(intent: string, path: ContentPath, sites: PromptSite[], slots: Slot[], usable: string[], context: EntryContext): void {
  for (const [sub, prompt] of sites) {
    if (prompt === undefined) continue;
    const variations = typeof prompt === 'string' ? [[sub, prompt] as const] : prompt.map((text, i) => [[...sub, i], text] as const);
    for (const [variationPath, text] of variations) {
      const at = (offset: number) => context.locate([...path, ...variationPath], { offset });
      const template = parseMessageTemplate(text);
      if (template.kind === 'invalid') {
        context.problems.push(problemAt(at(template.offset), template.message, template.hint));
        continue;
      }
      for (const use of template.uses) {
        if (!usable.includes(use.name)) {
          context.problems.push(unknownSlot('prompt', use.name, intent, slots, at(use.offset)));
          continue;
        }
        const type = slots.find((slot) => slot.name === use.name)?.type;
        const needs = slotTypesFor(use.kind);
        if (type !== undefined && needs !== undefined && !needs.includes(type)) {
          const wanted = needs.join(' or ');
          const message = `prompt uses slot {${use.name}}, of type ${type}, in a ${use.kind} argument, which needs a slot of type ${wanted}`;
          context.problems.push(problemAt(at(use.offset), message, `write it as {${use.name}}, or use a slot of type ${wanted}`));
        }
      }
    }
  }
}
