/**
 * CLU entities as slot types, the inverse of compileEntities: a list component becomes a list slot
 * type (restricted when the list is required), a regex component a regex slot type (named by its
 * regexKey, `(?i)` read as case-insensitive), a prebuilt a built-in type, a learned-only entity a
 * `text` slot. An entity keeps one component kind; the rest, and every setting the intent model has
 * no word for, is reported.
 */
import { isBuiltInSlotType, type SlotType, type SlotTypeValue } from '../../src/content/intent-model.js';
import { namePattern } from '../../src/content/intent-schema.js';
import { compileSlotPattern } from '../../src/content/slot-pattern.js';
import type { CluEntityInput } from './clu-project.js';
import { pascalCase, typeOfPrebuilt } from './clu-names.js';
import type { LossItem } from './import-report.js';

export interface EntityType {
  /** A built-in type, or the name of the slot type made for the entity. */
  type: string;
  /** The slot type in a language (lower case), when the type is not built in. */
  slotTypeFor?: (language: string) => SlotType;
}

/** One entity's slot type; its losses are added to the report. */
export function readEntityType(entity: CluEntityInput, slotName: string, path: string, context: { report: LossItem[]; takenNames: Set<string>; languages: string[]; examples: (language: string) => string[] }): EntityType {
  const lose = (message: string) => context.report.push({ kind: 'entity', subject: entity.category, path, message });
  if (entity.compositionSetting && entity.compositionSetting !== 'combineComponents') {
    lose(`compositionSetting ${entity.compositionSetting} is not represented; Parley compiles combineComponents`);
  }
  const sublists = entity.list?.sublists ?? [];
  const expressions = entity.regex?.expressions ?? [];
  const prebuilts = entity.prebuilts ?? [];
  const required = entity.requiredComponents ?? [];
  const kind = sublists.length > 0 ? 'list' : expressions.length > 0 ? 'regex' : 'other';
  if (kind !== 'regex' && expressions.length > 0) lose('its regex component is left out: a slot type is a list or a pattern, and this one is a list');
  if (kind !== 'other' && prebuilts.length > 0) lose(`its prebuilt components (${prebuilts.map((item) => item.category).join(', ')}) are left out: the slot takes the ${kind} type`);
  const unrepresented = required.filter((component) => !(component === 'list' && kind === 'list'));
  if (unrepresented.length > 0) lose(`requiredComponents ${unrepresented.join(', ')} is not represented (only a required list is: a restricted list type)`);

  if (kind === 'other') {
    const types = prebuilts.map((item) => ({ category: item.category, type: typeOfPrebuilt(item.category, slotName) }));
    const chosen = types.find((item) => item.type !== undefined);
    for (const item of types) {
      if (item !== chosen) lose(`prebuilt ${item.category} ${chosen ? `is left out: the slot takes one type, ${chosen.type}` : 'has no Parley slot type: the slot reads any words (type text)'}`);
    }
    return { type: chosen?.type ?? 'text' };
  }
  if (kind === 'regex') {
    const { pattern, caseInsensitive } = readCluPattern(expressions[0]!.regexPattern);
    const compiled = compileSlotPattern(pattern, { caseInsensitive });
    if (compiled.kind === 'refused') {
      lose(`regex ${expressions[0]!.regexKey} ${compiled.problem}; Parley's slot patterns are RE2 (${compiled.hint}): the slot reads any words (type text)`);
      return { type: 'text' };
    }
  }
  const name = typeName(kind === 'regex' ? expressions[0]!.regexKey : undefined, slotName, context.takenNames);
  if (kind === 'regex' && name !== expressions[0]!.regexKey) lose(`regexKey ${expressions[0]!.regexKey} becomes ${name}, the slot type's name`);
  const languages = new Set([...sublists.flatMap((sublist) => sublist.synonyms.map((item) => item.language.toLowerCase())), ...expressions.map((item) => item.language.toLowerCase())]);
  const strays = [...languages].filter((language) => !context.languages.includes(language));
  if (strays.length > 0) lose(`its ${kind} in ${strays.join(', ')} is left out: no utterance of the project is in that language`);
  if (kind === 'list') return { type: name, slotTypeFor: (language) => listType(name, sublists, required.includes('list'), language, lose) };
  return { type: name, slotTypeFor: (language) => regexType(name, expressions, language, context.examples(language), lose) };
}

function listType(name: string, sublists: NonNullable<CluEntityInput['list']>['sublists'], restrict: boolean, language: string, lose: (message: string) => void): SlotType {
  const spellings = new Set<string>();
  const values: SlotTypeValue[] = [];
  for (const sublist of sublists) {
    const said = sublist.synonyms.find((item) => item.language.toLowerCase() === language);
    if (!said) continue;
    if (!said.values.includes(sublist.listKey)) lose(`list key ${sublist.listKey} is not among its ${language} synonyms; Parley's list value matches itself too, so the compiled list adds it`);
    spellings.add(normalise(sublist.listKey));
    const synonyms: string[] = [];
    for (const value of said.values) {
      if (value === sublist.listKey) continue;
      if (spellings.has(normalise(value))) {
        lose(`synonym "${value}" of ${sublist.listKey} (${language}) is left out: it is already a value or synonym of the list`);
        continue;
      }
      spellings.add(normalise(value));
      synonyms.push(value);
    }
    values.push({ value: sublist.listKey, synonyms });
  }
  if (values.length === 0) {
    lose(`the list has no ${language} synonyms; the ${language} slot type lists the keys alone`);
    values.push(...sublists.map((sublist) => ({ value: sublist.listKey, synonyms: [] })));
  }
  return { kind: 'list', name, values, restrict };
}

function regexType(name: string, expressions: NonNullable<CluEntityInput['regex']>['expressions'], language: string, labelled: string[], lose: (message: string) => void): SlotType {
  const own = expressions.filter((item) => item.language.toLowerCase() === language);
  if (own.length === 0) lose(`the regex has no ${language} expression; the ${language} slot type uses the ${expressions[0]!.language} one`);
  if (own.length > 1) lose(`only the first of its ${own.length} ${language} expressions is kept (${own.slice(1).map((item) => item.regexKey).join(', ')} left out)`);
  const expression = own[0] ?? expressions[0]!;
  const { pattern, caseInsensitive } = readCluPattern(expression.regexPattern);
  const compiled = compileSlotPattern(pattern, { caseInsensitive });
  // Only the first expression decides the slot's type; a later language's may still be one RE2 refuses.
  if (compiled.kind === 'refused') lose(`the ${language} expression ${expression.regexKey} ${compiled.problem}; it is written as is, for \`parley intents lint\` to point at (${compiled.hint})`);
  const examples = compiled.kind === 'compiled' ? [...new Set(labelled)].filter((example) => compiled.regex.matches(example)).slice(0, 10) : [];
  return { kind: 'regex', name, pattern, caseInsensitive, separators: '', transform: 'none', examples };
}

/** A CLU pattern's leading `(?i)` is the slot type's caseInsensitive. */
function readCluPattern(written: string): { pattern: string; caseInsensitive: boolean } {
  const caseInsensitive = written.startsWith('(?i)');
  return { pattern: caseInsensitive ? written.slice(4) : written, caseInsensitive };
}

/** The regexKey when it can name a slot type, else `<Slot>Type`; never a built-in's name or a taken one. */
function typeName(regexKey: string | undefined, slotName: string, taken: Set<string>): string {
  const usable = (name: string) => namePattern.test(name) && !isBuiltInSlotType(name.toLowerCase()) && !taken.has(name.toLowerCase());
  let name = regexKey !== undefined && usable(regexKey) ? regexKey : `${pascalCase(slotName)}Type`;
  for (let suffix = 2; !usable(name); suffix++) name = `${pascalCase(slotName)}Type${suffix}`;
  taken.add(name.toLowerCase());
  return name;
}

function normalise(spelling: string): string {
  return spelling.trim().toLowerCase().replace(/\s+/g, ' ');
}
