/** Intent content from code -> the intent model, checked exactly like intent files. */
import { IntentFileError } from '../core/errors.js';
import type { IntentFileProblem, SourcePosition } from '../core/errors.js';
import { assembleLocale } from './assemble-locale.js';
import { callSite } from './call-site.js';
import { definitionSource } from './define-intent.js';
import type { IntentEntry } from './intent-entry.js';
import type { IntentModel, LocaleModel } from './intent-model.js';
import type { IntentDefinition, SlotTypeDefinition } from './intent-schema.js';
import type { Locate } from './locate.js';
import { problemAt, sortProblems } from './locate.js';
import { readContentEntries } from './parse-intent-file.js';
import type { SlotTypeEntry } from './slot-type-entry.js';
import { localeProblem } from './locale-folder.js';

export interface IntentContent {
  /** BCP 47: `en-US`. */
  locale: string;
  intents?: IntentDefinition[];
  slotTypes?: SlotTypeDefinition[];
}

/**
 * Builds the model of one locale from intents declared in code, on top of `base` (a model loaded
 * from files, say). Throws `IntentFileError` listing every problem.
 *
 * @example
 * const model = buildIntentModel({ locale: 'en-US', intents: [bookAppointment], slotTypes: [serviceType] })
 */
export function buildIntentModel(content: IntentContent, base?: IntentModel): IntentModel {
  const calledAt = callSite(buildIntentModel) ?? { file: '(code)', line: 1, column: 1 };
  const root = { intents: content.intents ?? [], slotTypes: content.slotTypes ?? [] };
  const locate: Locate = ([list, index]) => {
    const definitions: unknown[] = list === 'intents' ? root.intents : list === 'slotTypes' ? root.slotTypes : [];
    return definitionSource(typeof index === 'number' ? definitions[index] : undefined) ?? calledAt;
  };
  const problems: IntentFileProblem[] = [];
  const invalidLocale = localeProblem(content.locale);
  if (invalidLocale) problems.push(problemAt(calledAt, invalidLocale.message, invalidLocale.hint));
  const entries = readContentEntries(root, locate, content.locale);
  problems.push(...entries.problems);
  const prior = base?.locales[content.locale];
  const locale = assembleLocale(
    content.locale,
    [...(prior ? priorIntents(prior, calledAt) : []), ...entries.intents],
    [...(prior ? priorSlotTypes(prior, calledAt) : []), ...entries.slotTypes],
    problems,
  );
  if (problems.length > 0) throw new IntentFileError(sortProblems(problems));
  return { locales: { ...base?.locales, [content.locale]: locale } };
}

// A base model is already checked; its entries only take part in the checks of what is added.
// Pure built-ins (no source) are left out: the merge makes them again.
function priorIntents(prior: LocaleModel, fallback: SourcePosition): IntentEntry[] {
  return prior.intents
    .filter((intent) => !(intent.builtIn && !intent.source))
    .map((intent) => ({
      intent,
      nameAt: intent.source ?? fallback,
      slotTypeRefs: intent.slots.map((slot) => ({ slot, at: slot.source ?? fallback })),
    }));
}

function priorSlotTypes(prior: LocaleModel, fallback: SourcePosition): SlotTypeEntry[] {
  return prior.slotTypes.map((slotType) => ({ slotType, nameAt: slotType.source ?? fallback }));
}
