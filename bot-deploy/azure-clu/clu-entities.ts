/**
 * The project's entities, one per slot name: CLU entities belong to the project, not to an intent,
 * and the runtime recognizer finds a slot by its entity's name. Each slot type used under that name
 * adds its component: a list slot type its sublists (list key = canonical value, synonyms per
 * language), a regex slot type its expression, a built-in type its prebuilt; every entity also learns
 * from its labels. Only a restricted list is required (`requiredComponents: ['list']`), the one rule
 * the intent model states; dates, numbers and patterns are read again by Parley's slot readers.
 */
import { findSlotType, type LocaleModel } from '../../src/content/intent-model.js';
import type { CluEntity, CluRegexExpression, CluSublist } from './clu-project.js';
import { cluLanguageOf, prebuiltOfType } from './clu-names.js';

interface Use {
  locale: LocaleModel;
  type: string;
}

/**
 * @example
 * compileEntities([model.locales['en-US']!]) // [{ category: 'service', compositionSetting: 'combineComponents', list: { sublists: [...] }, requiredComponents: ['list'] }, …]
 */
export function compileEntities(locales: readonly LocaleModel[]): CluEntity[] {
  const uses = new Map<string, Use[]>();
  for (const locale of locales) {
    for (const intent of locale.intents) {
      for (const slot of intent.slots) {
        const list = uses.get(slot.name) ?? [];
        if (!list.some((use) => use.locale === locale && use.type === slot.type)) list.push({ locale, type: slot.type });
        uses.set(slot.name, list);
      }
    }
  }
  return [...uses].map(([name, slotUses]) => entityOf(name, slotUses));
}

function entityOf(category: string, uses: Use[]): CluEntity {
  const sublists = new Map<string, Map<string, string[]>>();
  const expressions: CluRegexExpression[] = [];
  const prebuilts: string[] = [];
  let restricted = uses.length > 0;
  for (const { locale, type } of uses) {
    const language = cluLanguageOf(locale.locale);
    const slotType = findSlotType(locale, type);
    if (slotType?.kind !== 'list' || !slotType.restrict) restricted = false;
    if (slotType?.kind === 'list') {
      for (const value of slotType.values) {
        const byLanguage = sublists.get(value.value) ?? new Map<string, string[]>();
        byLanguage.set(language, unique([...(byLanguage.get(language) ?? []), value.value, ...value.synonyms]));
        sublists.set(value.value, byLanguage);
      }
    } else if (slotType?.kind === 'regex') {
      const regexPattern = `${slotType.caseInsensitive ? '(?i)' : ''}${slotType.pattern}`;
      if (!expressions.some((known) => known.regexKey === slotType.name && known.language === language)) {
        expressions.push({ regexKey: slotType.name, language, regexPattern });
      }
    } else if (prebuiltOfType[type] && !prebuilts.includes(prebuiltOfType[type])) {
      prebuilts.push(prebuiltOfType[type]);
    }
  }
  const entity: CluEntity = { category, compositionSetting: 'combineComponents' };
  if (sublists.size > 0) entity.list = { sublists: [...sublists].map(([listKey, byLanguage]): CluSublist => ({ listKey, synonyms: [...byLanguage].map(([language, values]) => ({ language, values })) })) };
  if (prebuilts.length > 0) entity.prebuilts = prebuilts.map((name) => ({ category: name }));
  if (expressions.length > 0) entity.regex = { expressions };
  if (restricted) entity.requiredComponents = ['list'];
  return entity;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
