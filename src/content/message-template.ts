/**
 * Message templates: what prompts, confirmations, fulfilled texts and engine messages are written
 * in. They are ICU MessageFormat, so `{slot}` fills in a value as it always has, and a template can
 * also choose its words by number (`{count, plural, one {# pizza} other {# pizzas}}`), by value
 * (`{size, select, large {a large} other {a}}`) and write dates, times and numbers the customer's
 * way (`{when, time, short}`).
 *
 * Why FormatJS's parser and formatter (`@formatjs/icu-messageformat-parser`, `intl-messageformat`)
 * rather than `Intl.PluralRules` and a parser of our own: ICU's syntax (nested plural and select,
 * `#`, offsets, quoting, number and date skeletons) is the format translators and translation tools
 * already know, and its edge cases are exactly what a hand-written parser gets wrong. FormatJS is the
 * most used implementation, small (about 72 kB of JavaScript in four packages, no native code),
 * ESM, and leans on the runtime's own `Intl` for plural rules and formats, so it runs on Node 20, 22
 * and 24 alike and agrees with them on every locale they carry.
 *
 * This file only reads templates (content is checked when it loads); `engine/message-format.ts`
 * formats them.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/** How a template uses an argument: plain `{name}` (`text`), or with an ICU argument type. */
export type ArgumentKind = 'text' | 'number' | 'date' | 'time' | 'plural' | 'selectordinal' | 'select';

export interface ArgumentUse {
  name: string;
  kind: ArgumentKind;
  /** Characters into the template, where the argument's `{` is. */
  offset: number;
}

export type ParsedTemplate =
  | { kind: 'template'; elements: MessageFormatElement[]; uses: ArgumentUse[] }
  | { kind: 'invalid'; offset: number; message: string; hint: string };

/** ICU's named styles; anything else would be ignored silently by the formatter, so it is refused here. */
const namedStyles: Partial<Record<ArgumentKind, readonly string[]>> = {
  date: ['short', 'medium', 'long', 'full'],
  time: ['short', 'medium', 'long', 'full'],
  number: ['integer', 'percent'],
};

const syntaxHint = 'write a value as {name}, or with a type: {name, plural, one {…} other {…}}, {name, select, a {…} other {…}}, {name, date, short}, {name, time, short}, {name, number}; quote a literal brace as \'{\'';

/**
 * Parses a template once. A problem comes back in plain words with where it is, so intent files,
 * dialog options and bot messages can all report it before the first conversation.
 *
 * @example
 * parseMessageTemplate('{count, plural, one {# pizza} other {# pizzas}}').kind // 'template'
 * parseMessageTemplate('Hello {name').kind // 'invalid'
 */
export function parseMessageTemplate(template: string): ParsedTemplate {
  let elements: MessageFormatElement[];
  try {
    // Tags stay text: a prompt may well say "<3" or "a <b> c", and no channel renders markup from here.
    elements = parse(template, { ignoreTag: true, captureLocation: true, requiresOtherClause: true, shouldParseSkeletons: true });
  } catch (error) {
    // The parser's message is the name of its error kind (`EXPECT_ARGUMENT_CLOSING_BRACE`).
    const { message, location } = error as { message?: string; location?: { start: { offset: number } } };
    return { kind: 'invalid', offset: location?.start.offset ?? 0, message: describeError(message, template), hint: syntaxHint };
  }
  const uses: ArgumentUse[] = [];
  const styleProblem = collectUses(elements, uses);
  if (styleProblem) return { kind: 'invalid', ...styleProblem };
  return { kind: 'template', elements, uses };
}

/** Every argument of a template, nested ones (inside plural and select) included, in order. */
function collectUses(elements: readonly MessageFormatElement[], uses: ArgumentUse[]): { offset: number; message: string; hint: string } | undefined {
  for (const element of elements) {
    const kind = kindOf(element);
    if (!kind) continue;
    const { value: name, location } = element as { value: string; location?: { start: { offset: number } } };
    const offset = location?.start.offset ?? 0;
    uses.push({ name, kind, offset });
    const style = (element as { style?: unknown }).style;
    const allowed = namedStyles[kind];
    if (typeof style === 'string' && allowed && !allowed.includes(style)) {
      return {
        offset,
        message: `{${name}, ${kind}, ${style}} has an unknown style \`${style}\``,
        hint: `use one of ${allowed.join(', ')}, or a skeleton such as ${kind === 'number' ? '::currency/USD' : kind === 'date' ? '::yMMMd' : '::jmm'}`,
      };
    }
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) {
        const problem = collectUses(option.value, uses);
        if (problem) return problem;
      }
    }
  }
  return undefined;
}

function kindOf(element: MessageFormatElement): ArgumentKind | undefined {
  switch (element.type) {
    case TYPE.argument:
      return 'text';
    case TYPE.number:
      return 'number';
    case TYPE.date:
      return 'date';
    case TYPE.time:
      return 'time';
    case TYPE.select:
      return 'select';
    case TYPE.plural:
      return element.pluralType === 'ordinal' ? 'selectordinal' : 'plural';
    default:
      return undefined;
  }
}

function describeError(kind: string | undefined, template: string): string {
  const quoted = `"${template.length > 80 ? `${template.slice(0, 80)}…` : template}"`;
  switch (kind) {
    case 'EXPECT_ARGUMENT_CLOSING_BRACE':
      return `a \`{\` in ${quoted} is never closed`;
    case 'EMPTY_ARGUMENT':
      return `${quoted} has an empty \`{}\`: it names no value`;
    case 'MALFORMED_ARGUMENT':
      return `${quoted} has braces around something that is not a value name`;
    case 'EXPECT_ARGUMENT_TYPE':
    case 'INVALID_ARGUMENT_TYPE':
      return `${quoted} uses an unknown argument type; the types are plural, selectordinal, select, number, date and time`;
    case 'EXPECT_ARGUMENT_STYLE':
      return `${quoted} has a \`,\` after the argument type but no style`;
    case 'INVALID_NUMBER_SKELETON':
    case 'EXPECT_NUMBER_SKELETON':
      return `${quoted} has a number skeleton that cannot be read`;
    case 'INVALID_DATE_TIME_SKELETON':
    case 'EXPECT_DATE_TIME_SKELETON':
      return `${quoted} has a date or time skeleton that cannot be read`;
    case 'MISSING_OTHER_CLAUSE':
      return `a plural or select in ${quoted} has no \`other {…}\` case, which is said when no other case fits`;
    case 'DUPLICATE_PLURAL_ARGUMENT_SELECTOR':
    case 'DUPLICATE_SELECT_ARGUMENT_SELECTOR':
      return `a plural or select in ${quoted} has the same case twice`;
    case 'EXPECT_SELECT_ARGUMENT_OPTIONS':
    case 'EXPECT_SELECT_ARGUMENT_SELECTOR':
    case 'EXPECT_PLURAL_ARGUMENT_SELECTOR':
    case 'EXPECT_SELECT_ARGUMENT_SELECTOR_FRAGMENT':
    case 'EXPECT_PLURAL_ARGUMENT_SELECTOR_FRAGMENT':
    case 'INVALID_PLURAL_ARGUMENT_SELECTOR':
      return `a plural or select in ${quoted} has a case that is not written \`name {text}\` (plural cases: zero, one, two, few, many, other, or =N)`;
    case 'EXPECT_PLURAL_ARGUMENT_OFFSET_VALUE':
    case 'INVALID_PLURAL_ARGUMENT_OFFSET_VALUE':
      return `a plural in ${quoted} has an \`offset:\` that is not a whole number`;
    case 'UNCLOSED_QUOTE_IN_ARGUMENT_STYLE':
      return `a style in ${quoted} opens a quote \`'\` it never closes`;
    default:
      return `${quoted} is not a valid message template`;
  }
}

/** The slot types an argument used this way can show, or undefined when any type will do. */
export function slotTypesFor(kind: ArgumentKind): readonly string[] | undefined {
  if (kind === 'date' || kind === 'time') return ['date', 'time'];
  if (kind === 'plural' || kind === 'selectordinal' || kind === 'number') return ['number'];
  return undefined;
}
