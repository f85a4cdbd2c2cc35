/**
 * Imported definitions -> a locale model, through the intent-file loader itself, so an imported model
 * is what reading the written files gives; the loader's problems become loss items.
 */
import type { IntentFileProblem, SourcePosition } from '../../src/core/errors.js';
import { assembleLocale } from '../../src/content/assemble-locale.js';
import type { LocaleModel } from '../../src/content/intent-model.js';
import type { IntentDefinition, SlotTypeDefinition } from '../../src/content/intent-schema.js';
import type { ContentPath } from '../../src/content/locate.js';
import { readContentEntries } from '../../src/content/parse-intent-file.js';
import type { ImportedIntent } from './import-lex-intent.js';
import type { ImportedSlotType } from './import-lex-slot-type.js';
import type { LossItem } from './lex-archive-types.js';

/**
 * Runs the definitions through the intent-file loader. Positions handed to the loader are numbered,
 * so each problem it finds maps back to the file and key inside the archive.
 */
export function assemble(
  tag: string,
  intents: ImportedIntent[],
  slotTypes: (ImportedSlotType & { definition: SlotTypeDefinition })[],
  report: LossItem[],
  slotTypeFile: (name: string) => string,
): LocaleModel {
  const sites: { file: string; path: string }[] = [];
  const locate = (path: ContentPath): SourcePosition => {
    sites.push(site(path, intents, slotTypes, slotTypeFile));
    return { file: sites.at(-1)!.file, line: sites.length, column: 1 };
  };
  const root: { intents: IntentDefinition[]; slotTypes: SlotTypeDefinition[] } = {
    intents: intents.map((entry) => entry.definition),
    slotTypes: slotTypes.map((entry) => entry.definition),
  };
  const entries = readContentEntries(root, locate, tag);
  const problems: IntentFileProblem[] = [...entries.problems];
  const locale = assembleLocale(tag, entries.intents, entries.slotTypes, problems);
  for (const problem of problems) {
    const at = sites[problem.line - 1] ?? { file: problem.file, path: '' };
    report.push({ file: at.file, path: at.path, kind: 'intent-file-rule', message: `${problem.message}${problem.hint ? ` (${problem.hint})` : ''}` });
  }
  // Positions were only keys for the problems; the model points at the archive's files.
  const resite = <Item extends { source?: SourcePosition }>(item: Item) => {
    if (item.source) item.source = { file: item.source.file, line: 1, column: 1 };
  };
  for (const intent of locale.intents) {
    resite(intent);
    intent.utterances.forEach(resite);
    intent.slots.forEach(resite);
  }
  locale.slotTypes.forEach(resite);
  return locale;
}

function site(path: ContentPath, intents: ImportedIntent[], slotTypes: { definition: SlotTypeDefinition; name: string; lexName: string }[], slotTypeFile: (name: string) => string): { file: string; path: string } {
  const [list, index, key, sub, leaf] = path;
  if (list === 'intents' && typeof index === 'number') {
    const intent = intents[index]!;
    if (key === 'utterances' && typeof sub === 'number') return { file: intent.file, path: `sampleUtterances.${intent.utteranceIndexes[sub] ?? sub}` };
    if (key === 'slots' && typeof sub === 'number') {
      const file = intent.slotFiles[sub] ?? intent.file;
      const slotKeys: Record<string, string> = { prompt: 'valueElicitationSetting.promptSpecification', reprompt: 'valueElicitationSetting.promptSpecification', lex: 'valueElicitationSetting.promptSpecification', type: 'slotTypeName', name: 'name', description: 'description' };
      return { file, path: typeof leaf === 'string' ? (slotKeys[leaf] ?? '') : '' };
    }
    const intentKeys: Record<string, string> = { confirmation: 'intentConfirmationSetting', fulfilled: 'intentClosingSetting', name: 'name', description: 'description', utterances: 'sampleUtterances', lex: 'parentIntentSignature' };
    return { file: intent.file, path: typeof key === 'string' ? (intentKeys[key] ?? '') : '' };
  }
  if (list === 'slotTypes' && typeof index === 'number') {
    const slotType = slotTypes[index]!;
    const file = slotTypeFile(slotType.lexName);
    if (key === 'values' && typeof sub === 'number') return { file, path: `slotTypeValues.${sub}` };
    if (key === 'pattern') return { file, path: 'valueSelectionSetting.regexFilter.pattern' };
    return { file, path: typeof key === 'string' && key === 'description' ? 'description' : '' };
  }
  return { file: '', path: '' };
}
