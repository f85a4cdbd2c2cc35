/** Plain-words names for places in intent-file content: "slot service of intent BookAppointment". */
import { lexInputMappings } from './lex-schema.js';
import type { ContentPath } from './locate.js';
import { valueAt } from '../core/value-at.js';

export type MappingKind =
  | 'file'
  | 'intent'
  | 'slot'
  | 'confirmation'
  | 'slot type'
  | 'value'
  | 'Lex intent'
  | 'Lex prompt'
  | 'Lex attempts'
  | 'Lex attempt'
  | 'allowedInputTypes'
  | 'audioAndDTMFInputSpecification'
  | 'audioSpecification'
  | 'dtmfSpecification'
  | 'textInputSpecification';

const itemKinds: Record<string, MappingKind> = {
  intents: 'intent',
  slots: 'slot',
  slotTypes: 'slot type',
  values: 'value',
};

/** What kind of mapping sits at a path (the file's top level, an intent, a slot…). */
export function mappingKind(path: ContentPath): MappingKind | undefined {
  if (path.length === 0) return 'file';
  const last = path.at(-1);
  if (last === 'confirmation') return 'confirmation';
  const parent = path.at(-2);
  // An intent's `lex:` names Lex intents; a slot's or a confirmation's holds its question's settings.
  if (last === 'lex') return path.at(-3) === 'intents' ? 'Lex intent' : 'Lex prompt';
  if (parent === 'lex') return typeof last === 'number' ? 'Lex intent' : last === 'attempts' ? 'Lex attempts' : undefined;
  if (path.at(-3) === 'lex' && parent === 'attempts') return 'Lex attempt';
  if (typeof last === 'string' && lexInputMappings.includes(last) && path.includes('lex')) return last as MappingKind;
  return typeof last === 'number' && typeof parent === 'string' ? itemKinds[parent] : undefined;
}

/** Names the content at `path`, reading names out of `root` where it can. */
export function describePath(root: unknown, path: ContentPath): string {
  if (path.length === 0) return 'the file';
  const last = path.at(-1);
  const parentPath = path.slice(0, -1);
  if (typeof last !== 'number') {
    if (last === 'confirmation') return `the confirmation of ${describePath(root, parentPath)}`;
    return `\`${String(last)}\` of ${describePath(root, parentPath)}`;
  }
  const list = String(path.at(-2));
  const owner = path.length > 2 ? ` of ${describePath(root, path.slice(0, -2))}` : '';
  const value = valueAt(root, path);
  switch (list) {
    case 'intents':
      return nameOf(value) ? `intent ${nameOf(value)}` : `intent #${last + 1}`;
    case 'slotTypes':
      return nameOf(value) ? `slot type ${nameOf(value)}` : `slot type #${last + 1}`;
    case 'slots':
      return nameOf(value) ? `slot ${nameOf(value)}${owner}` : `slot #${last + 1}${owner}`;
    case 'values': {
      const spelled = typeof value === 'string' ? value : nameOf(value, 'value');
      return spelled ? `value ${spelled}${owner}` : `value #${last + 1}${owner}`;
    }
    case 'utterances':
      return `utterance ${last + 1}${owner}`;
    default:
      return `item ${last + 1} of ${describePath(root, parentPath)}`;
  }
}


function nameOf(value: unknown, key = 'name'): string | undefined {
  const name = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return typeof name === 'string' && name.trim() !== '' ? name : undefined;
}

/** How a value reads to a content designer: "text (`yes`)", "a list". */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `text (\`${value.length > 40 ? `${value.slice(0, 40)}…` : value}\`)`;
  if (typeof value === 'number') return `a number (${value})`;
  if (typeof value === 'boolean') return `${value}`;
  return 'a mapping';
}
