/** One Parley slot type -> SlotType.json: a list of values, or a pattern on AMAZON.AlphaNumeric. */
import type { SlotType } from '../../src/content/intent-model.js';
import { lose, refuse, type CompileContext, type CompileSite } from './compile-context.js';
import { checkName, type IntentTarget } from './compile-lex-intent.js';
import { slotTypePath } from './lex-archive-paths.js';
import type { LexSlotType } from './lex-archive-types.js';
import { lexIdentifier } from './lex-names.js';
import { toLexPattern } from './lex-regex.js';

/** Lex's limit on a value or synonym. */
export const lexValueMaxLength = 140;

export function compileSlotType(slotType: SlotType, target: IntentTarget, context: CompileContext): LexSlotType {
  const site: CompileSite = { file: slotTypePath(target.botName, target.localeId, slotType.name), source: slotType.source };
  checkName(slotType.name, `slot type ${slotType.name}`, context, site);
  const common = {
    name: slotType.name,
    identifier: lexIdentifier('slotType', target.botName, target.localeId, slotType.name),
    description: slotType.description ?? null,
  };
  if (slotType.kind === 'list') {
    for (const spelling of slotType.values.flatMap((value) => [value.value, ...value.synonyms])) {
      if (spelling.length > lexValueMaxLength) refuse(context, site, `value "${spelling.slice(0, 40)}…" of slot type ${slotType.name} is ${spelling.length} characters long; Lex takes at most ${lexValueMaxLength}`);
    }
    return {
      ...common,
      slotTypeValues: slotType.values.map((value) => ({
        sampleValue: { value: value.value },
        synonyms: value.synonyms.length > 0 ? value.synonyms.map((synonym) => ({ value: synonym })) : null,
      })),
      parentSlotTypeSignature: null,
      // TOP_RESOLUTION: only the values (and synonyms) resolve; ORIGINAL_VALUE: what was said passes through.
      valueSelectionSetting: { resolutionStrategy: slotType.restrict ? 'TOP_RESOLUTION' : 'ORIGINAL_VALUE', regexFilter: null },
    };
  }
  const lex = toLexPattern(slotType.pattern);
  if ('problem' in lex) {
    refuse(context, site, `the pattern of slot type ${slotType.name} cannot be written for Lex: ${lex.problem}`, 'give repeats an upper bound ({1,8} rather than +) and list characters in [] rather than .');
  }
  const what = `slot type ${slotType.name}`;
  if (slotType.caseInsensitive && /[a-zA-Z]/.test(slotType.pattern)) {
    lose(context, site, 'valueSelectionSetting.regexFilter', 'regex-case', `${what}: Lex matches the pattern as written (caseInsensitive is Parley's); Parley still reads any case`);
  }
  if (slotType.separators !== '') lose(context, site, 'valueSelectionSetting.regexFilter', 'regex-separators', `${what}: Lex does not skip the separators "${slotType.separators}" inside a value; Parley does`);
  if (slotType.transform !== 'none') lose(context, site, 'valueSelectionSetting.regexFilter', 'regex-transform', `${what}: Lex does not write values ${slotType.transform} case; Parley does`);
  if (slotType.examples.length > 0) lose(context, site, 'slotTypeValues', 'regex-examples', `${what}: the examples have no place in a Lex pattern type; the local recognizer still trains on them`);
  return {
    ...common,
    slotTypeValues: null,
    parentSlotTypeSignature: 'AMAZON.AlphaNumeric',
    valueSelectionSetting: { resolutionStrategy: 'ORIGINAL_VALUE', regexFilter: { pattern: 'pattern' in lex ? lex.pattern : slotType.pattern } },
  };
}
