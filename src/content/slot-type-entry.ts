/** One slot-type entry, checked on its own: kind, values and synonyms, pattern and examples. */
import type * as z from 'zod';
import type { SourcePosition } from '../core/errors.js';
import type { EntryContext } from './intent-entry.js';
import type { SlotType, SlotTypeValue } from './intent-model.js';
import { listOnlyKeys, listValueItemSchema, namePattern, regexOnlyKeys, slotTypeEntrySchema, withAnyName } from './intent-schema.js';
import type { ContentPath, LocateOptions } from './locate.js';
import { formatPosition, problemAt } from './locate.js';
import { parseAt } from './schema-problems.js';
import { compileSlotPattern } from './slot-pattern.js';

export interface SlotTypeEntry {
  slotType: SlotType;
  nameAt: SourcePosition;
}

export function readSlotTypeEntry(path: ContentPath, context: EntryContext): SlotTypeEntry | undefined {
  const data = parseAt(slotTypeEntrySchema, path, context, context.problems, withAnyName(slotTypeEntrySchema));
  if (!data) return undefined;
  const at = (sub: ContentPath, options: LocateOptions = {}) => context.locate([...path, ...sub], options);
  const report = (position: SourcePosition, message: string, hint?: string) =>
    context.problems.push(problemAt(position, message, hint));
  const isRegex = data.pattern !== undefined;
  if (isRegex && data.values !== undefined) {
    report(at(['values'], { key: true }), `slot type ${data.name} has both \`values\` and \`pattern\``, 'a slot type is a list of values or a pattern; split it into two slot types');
    return undefined;
  }
  if (!isRegex && data.values === undefined) {
    report(at([]), `slot type ${data.name} needs \`values\` (a list type) or \`pattern\` (a regex type)`);
    return undefined;
  }
  for (const key of isRegex ? listOnlyKeys : regexOnlyKeys) {
    if (data[key] === undefined) continue;
    const only = isRegex ? 'list types (with `values`)' : 'regex types (with `pattern`)';
    report(at([key], { key: true }), `\`${key}\` of slot type ${data.name} only applies to ${only}`, `remove \`${key}\``);
  }
  const values = (data.values ?? []).map((_, index) => parseAt(listValueItemSchema, [...path, 'values', index], context, context.problems));
  const slotType = isRegex ? readRegex(data, at, report) : readList(data, values, at, report);
  if (!slotType || !namePattern.test(data.name)) return undefined;
  if (data.description !== undefined) slotType.description = data.description;
  return { slotType, nameAt: at(['name']) };
}

type SlotTypeData = z.output<typeof slotTypeEntrySchema>;
type ValueDefinition = z.output<typeof listValueItemSchema>;
type At = (sub: ContentPath, options?: LocateOptions) => SourcePosition;
type Report = (position: SourcePosition, message: string, hint?: string) => void;

function readRegex(data: SlotTypeData, at: At, report: Report): SlotType {
  const pattern = data.pattern ?? '';
  const caseInsensitive = data.caseInsensitive ?? true;
  const separators = data.separators ?? '';
  const examples = data.examples ?? [];
  const compiled = compileSlotPattern(pattern, { caseInsensitive });
  if (compiled.kind === 'refused') {
    report(at(['pattern'], { offset: compiled.offset }), `pattern of slot type ${data.name} ${compiled.problem}`, compiled.hint);
  } else {
    examples.forEach((example, index) => {
      const bare = [...example].filter((char) => !separators.includes(char)).join('');
      if (!compiled.regex.matches(bare)) report(at(['examples', index]), `example \`${example}\` does not match the pattern of slot type ${data.name}`);
    });
  }
  // A refused pattern still defines the type, so slots using it are not reported as well.
  const name = data.name;
  return { kind: 'regex', name, pattern, caseInsensitive, separators, transform: data.transform ?? 'none', examples, source: at([]) };
}

function readList(data: SlotTypeData, definitions: (ValueDefinition | undefined)[], at: At, report: Report): SlotType | undefined {
  if (definitions.length === 0) {
    report(at(['values'], { key: true }), `slot type ${data.name} has no values`, 'list the values a customer may say under values:');
    return undefined;
  }
  const values: SlotTypeValue[] = [];
  // Every spelling (value or synonym) -> the value it belongs to and where it was written.
  const spellings = new Map<string, { value: string; at: SourcePosition; isValue: boolean }>();
  definitions.forEach((definition, index) => {
    if (definition === undefined) return;
    const { value, synonyms } = typeof definition === 'string' ? { value: definition, synonyms: [] } : definition;
    const valuePath = typeof definition === 'string' ? ['values', index] : ['values', index, 'value'];
    const seen = spellings.get(normalise(value));
    if (seen) {
      const what = seen.isValue ? 'listed twice' : `already a synonym of ${seen.value}`;
      report(at(valuePath), `value \`${value}\` of slot type ${data.name} is ${what}`, `first at ${formatPosition(seen.at)}`);
      return;
    }
    spellings.set(normalise(value), { value, at: at(valuePath), isValue: true });
    const kept: string[] = [];
    synonyms.forEach((synonym, synonymIndex) => {
      const position = at(['values', index, 'synonyms', synonymIndex]);
      const owner = spellings.get(normalise(synonym));
      if (owner?.value === value) return;
      if (owner) {
        const role = owner.isValue ? 'a value' : `a synonym of ${owner.value}`;
        report(position, `synonym \`${synonym}\` of value ${value} is also ${role} in slot type ${data.name}`, `first at ${formatPosition(owner.at)}; keep it in one place`);
        return;
      }
      spellings.set(normalise(synonym), { value, at: position, isValue: false });
      kept.push(synonym);
    });
    values.push({ value, synonyms: kept });
  });
  return { kind: 'list', name: data.name, values, restrict: data.restrict ?? true, source: at([]) };
}

function normalise(spelling: string): string {
  return spelling.trim().toLowerCase().replace(/\s+/g, ' ');
}
