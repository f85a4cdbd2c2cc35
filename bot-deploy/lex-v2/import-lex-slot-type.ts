/** SlotType.json -> a slot-type definition (list or pattern), reporting what intent files cannot hold. */
import { isBuiltInSlotType } from '../../src/content/intent-model.js';
import type { SlotTypeDefinition } from '../../src/content/intent-schema.js';
import type { ReadLexSlotType } from './lex-archive-schemas.js';
import { reportUnknownKeys } from './import-lex-keys.js';
import type { FileReport } from './import-lex-messages.js';

export interface ImportedSlotType {
  /** The Lex name, which slots refer to. */
  lexName: string;
  /** The name in intent files: the Lex name, unless it is a Parley built-in's. */
  name: string;
  /** Undefined when intent files cannot define it (composite and grammar types): its slots become `text`. */
  definition?: SlotTypeDefinition;
}

const handledKeys = ['name', 'identifier', 'description', 'slotTypeValues', 'parentSlotTypeSignature', 'valueSelectionSetting'];

export function importSlotType(slotType: ReadLexSlotType, at: FileReport, renamed: (name: string) => string): ImportedSlotType {
  const name = renamed(slotType.name);
  if (name !== slotType.name) at.add('name', 'renamed', `slot type ${slotType.name} is named ${name} in intent files: ${slotType.name.toLowerCase()} is a Parley built-in type`);
  reportUnknownKeys(slotType, handledKeys, at, '', {
    compositeSlotTypeSetting: ['composite-slot', 'composite slot types (sub-slots) cannot be written in intent files; its slots become text'],
    externalSourceSetting: ['grammar', 'grammar slot types (an SRGS file in S3) cannot be written in intent files; its slots become text'],
  });
  const selection = slotType.valueSelectionSetting;
  if (selection) {
    reportUnknownKeys(selection, ['resolutionStrategy', 'regexFilter'], at, 'valueSelectionSetting', {
      advancedRecognitionSetting: ['audio-recognition', 'using the values as a custom vocabulary for speech is a Lex setting intent files do not have'],
    });
  }
  const base = { lexName: slotType.name, name };
  const description = slotType.description?.trim() || undefined;
  const values = slotType.slotTypeValues ?? [];
  const pattern = selection?.regexFilter?.pattern;
  if (pattern !== undefined) {
    if (slotType.parentSlotTypeSignature !== 'AMAZON.AlphaNumeric') at.add('parentSlotTypeSignature', 'slot-type-parent', `a pattern type on ${slotType.parentSlotTypeSignature ?? 'no parent'} is written as a Parley pattern type (AMAZON.AlphaNumeric in Lex)`);
    if (values.length > 0) at.add('slotTypeValues', 'pattern-values', `the ${values.length} sample values of a pattern type are not kept; a pattern type has examples instead`);
    if (selection?.resolutionStrategy && selection.resolutionStrategy !== 'ORIGINAL_VALUE') {
      at.add('valueSelectionSetting.resolutionStrategy', 'resolution', `${selection.resolutionStrategy} on a pattern type: Parley's pattern types keep the value as matched (ORIGINAL_VALUE in Lex)`);
    }
    return { ...base, definition: { name, ...(description ? { description } : {}), pattern } };
  }
  if (slotType.parentSlotTypeSignature) at.add('parentSlotTypeSignature', 'slot-type-parent', `a list type extending ${slotType.parentSlotTypeSignature} is written as a plain list type`);
  if (values.length === 0) {
    if (!slotType.compositeSlotTypeSetting && !slotType.externalSourceSetting) at.add('', 'slot-type', `slot type ${slotType.name} has neither values nor a pattern, which intent files cannot define; its slots become text`);
    return base;
  }
  const strategy = selection?.resolutionStrategy ?? 'ORIGINAL_VALUE';
  if (strategy === 'CONCATENATION') at.add('valueSelectionSetting.resolutionStrategy', 'resolution', 'CONCATENATION (joining several values) has no intent-file setting; the type lets other values through (restrict: false)');
  return {
    ...base,
    definition: {
      name,
      ...(description ? { description } : {}),
      restrict: strategy === 'TOP_RESOLUTION',
      values: values.map((value) => {
        const synonyms = (value.synonyms ?? []).map((synonym) => synonym.value);
        return synonyms.length > 0 ? { value: value.sampleValue.value, synonyms } : value.sampleValue.value;
      }),
    },
  };
}

/** Lex slot-type names that are Parley built-ins (`Date`, `Number`) get a suffix. */
export function slotTypeRenamer(lexNames: string[]): (name: string) => string {
  const taken = new Set(lexNames.map((name) => name.toLowerCase()));
  const renames = new Map<string, string>();
  for (const name of lexNames) {
    if (!isBuiltInSlotType(name.toLowerCase())) continue;
    let candidate = `${name}Type`;
    for (let index = 2; taken.has(candidate.toLowerCase()); index++) candidate = `${name}Type${index}`;
    taken.add(candidate.toLowerCase());
    renames.set(name, candidate);
  }
  return (name) => renames.get(name) ?? name;
}
