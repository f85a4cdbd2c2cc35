/**
 * Formats message templates (ICU MessageFormat, read by content/message-template.ts, which says why
 * FormatJS) for one conversation: its locale's plural rules and ways of writing numbers, dates and
 * times, and its time zone for instants.
 *
 * Two rules keep `{slot}` templates saying what they always said: a plain `{name}` shows its value
 * as text (a caller may say how, as dialogs do for date and time slots), and a value that is not
 * given leaves its argument as written, so a prompt naming a slot not filled yet never fails a turn.
 */
import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat, type Formatters } from 'intl-messageformat';
import { parseMessageTemplate, type ArgumentKind } from '../content/message-template.js';
import { MessageTemplateError } from '../core/errors.js';
import { cachedIntl } from '../core/intl-formats.js';

/** A value a template can show. Dates and times: see `MessageFormatOptions.timeZone`. */
export type MessageValue = string | number | boolean | Date | readonly (string | number)[] | null | undefined;
export type MessageValues = Readonly<Record<string, MessageValue>>;

export interface MessageFormatOptions {
  /** BCP 47 locale: plural rules, and how numbers, dates and times are written. */
  locale: string;
  /**
   * IANA zone in which instants are shown (a `Date`, milliseconds, or an ISO string with `Z` or an
   * offset). Default `UTC`. Dates and times written without a zone (`2030-03-08`, `18:00`, as date
   * and time slots hold them) are already local and read as written, whatever the zone.
   */
  timeZone?: string;
}

/** How a caller shows a plain `{name}` value; undefined leaves it to the default. */
export type ShowAsText = (name: string, value: MessageValue) => string | undefined;

/**
 * Fills a template for one conversation. Pass the dialog's context as the options: it carries the
 * conversation's `locale` and `timeZone`. Why a function and not a method on the context: the same
 * call works in `fulfil`, in validators, in a raw machine's `say(({ event }) => …)` (whose events
 * carry the context as plain data) and outside any dialog.
 *
 * @example
 * formatMessage('{count, plural, one {# pizza} other {# pizzas}}, ready at {ready, time, short}', { count: 2, ready: '18:00' }, context)
 * // en-US: '2 pizzas, ready at 6:00 PM'; en-GB: '2 pizzas, ready at 18:00'
 */
export function formatMessage(template: string, values: MessageValues, options: MessageFormatOptions): string {
  return compileMessage(template, options.locale).format(values, { timeZone: options.timeZone });
}

export interface CompiledMessage {
  format(values: MessageValues, options?: { timeZone?: string; showAsText?: ShowAsText }): string;
}

// Templates are few (prompts, engine messages, a dialog's own lines) and said again and again.
const compiled = new Map<string, CompiledMessage>();
const maxCompiled = 2_000;

/** A template parsed once per locale; a broken one throws MessageTemplateError. */
export function compileMessage(template: string, locale: string): CompiledMessage {
  // Most lines have no argument: with no brace and no doubled quote, ICU reads them as written.
  if (!template.includes('{') && !template.includes("''")) return { format: () => template };
  const key = `${locale}\u0000${template}`;
  let message = compiled.get(key);
  if (!message) {
    message = compile(template, locale);
    if (compiled.size >= maxCompiled) compiled.clear();
    compiled.set(key, message);
  }
  return message;
}

/**
 * Plain `{name}` arguments are renamed to `{` + name (no argument name can hold a brace), so a name
 * used both plainly and with a type (`{date}`, `{date, date, short}`) gets its text and its value.
 */
const textKey = (name: string) => `{${name}`;

function compile(template: string, locale: string): CompiledMessage {
  const parsed = parseMessageTemplate(template);
  if (parsed.kind === 'invalid') throw new MessageTemplateError(template, parsed.offset, parsed.message, parsed.hint);
  const kinds = new Map<string, ArgumentKind>();
  const textNames = new Set<string>();
  for (const use of parsed.uses) {
    if (use.kind === 'text') textNames.add(use.name);
    // A name used with two types (a plural and a number) gets the value both need: a number.
    else if (!kinds.has(use.name) || use.kind !== 'select') kinds.set(use.name, use.kind);
  }
  const elements = renameTextArguments(parsed.elements);
  // One formatter per time zone and per set of absent values, made when first needed.
  const formats = new Map<string, IntlMessageFormat>();
  const formatFor = (timeZone: string, absent: readonly string[]) => {
    const key = `${timeZone}\u0000${absent.join('\u0000')}`;
    let format = formats.get(key);
    if (!format) {
      const ast = absent.length ? asWritten(elements, new Set(absent), template) : elements;
      format = new IntlMessageFormat(ast, locale, undefined, { formatters: formattersFor(timeZone) });
      formats.set(key, format);
    }
    return format;
  };

  return {
    format(values, options = {}) {
      const timeZone = options.timeZone ?? 'UTC';
      const given: Record<string, string | number | Date> = {};
      for (const name of textNames) {
        const value = valueOf(values, name);
        given[textKey(name)] = value === undefined ? `{${name}}` : (options.showAsText?.(name, value) ?? asText(value, locale, timeZone));
      }
      let absent: string[] | undefined;
      for (const [name, kind] of kinds) {
        const value = valueOf(values, name);
        if (value === undefined) (absent ??= []).push(name);
        else given[name] = asArgument(name, kind, value);
      }
      return String(formatFor(timeZone, absent ?? []).format(given));
    },
  };
}

/** Own values only: a template naming `{constructor}` must not find the object's prototype. */
function valueOf(values: MessageValues, name: string): MessageValue {
  return Object.hasOwn(values, name) ? values[name] : undefined;
}

function renameTextArguments(elements: readonly MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((element) => {
    if (element.type === TYPE.argument) return { ...element, value: textKey(element.value) };
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      const options = Object.fromEntries(Object.entries(element.options).map(([key, option]) => [key, { ...option, value: renameTextArguments(option.value) }]));
      return { ...element, options } as MessageFormatElement;
    }
    return element;
  });
}

/** The template with the typed arguments that have no value put back as they were written. */
function asWritten(elements: readonly MessageFormatElement[], absent: ReadonlySet<string>, template: string): MessageFormatElement[] {
  return elements.map((element): MessageFormatElement => {
    if (element.type === TYPE.literal || element.type === TYPE.pound || element.type === TYPE.argument || element.type === TYPE.tag) return element;
    if (absent.has(element.value) && element.location) {
      return { type: TYPE.literal, value: template.slice(element.location.start.offset, element.location.end.offset) };
    }
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      const options = Object.fromEntries(Object.entries(element.options).map(([key, option]) => [key, { ...option, value: asWritten(option.value, absent, template) }]));
      return { ...element, options } as MessageFormatElement;
    }
    return element;
  });
}

/** A plain `{name}`: text as is, a list joined the locale's way, an instant as a short date and time. */
function asText(value: MessageValue, locale: string, timeZone: string): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return cachedIntl(dateTimeFormats, locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }, Intl.DateTimeFormat).format(value);
  if (Array.isArray(value)) return cachedIntl(listFormats, locale, { type: 'conjunction' }, Intl.ListFormat).format(value.map(String));
  return String(value);
}

function asArgument(name: string, kind: ArgumentKind, value: Exclude<MessageValue, undefined>): string | number | Date {
  if (kind === 'select') return String(value);
  if (kind === 'date' || kind === 'time') return asDate(name, kind, value);
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || Number.isNaN(number)) {
    throw new TypeError(`{${name}, ${kind}} needs a number, and was given ${describe(value)}`);
  }
  return number;
}

/** A date or time written without a zone: shown as written, never moved into another zone. */
class LocalDateTime extends Date {}

const localDate = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const localTime = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;
const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

function asDate(name: string, kind: 'date' | 'time', value: Exclude<MessageValue, undefined>): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  if (typeof value === 'string') {
    const date = localDate.exec(value);
    if (date) return new LocalDateTime(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]), Number(date[4] ?? 0), Number(date[5] ?? 0), Number(date[6] ?? 0)));
    const time = localTime.exec(value);
    if (time) return new LocalDateTime(Date.UTC(1970, 0, 1, Number(time[1]), Number(time[2]), Number(time[3] ?? 0)));
    if (instant.test(value)) return new Date(value);
  }
  throw new TypeError(
    `{${name}, ${kind}} needs a Date, milliseconds, a date (YYYY-MM-DD), a time (HH:MM) or an ISO instant, and was given ${describe(value)}`,
  );
}

/** What kind of value it was, never the value: it may be the customer's. */
function describe(value: unknown): string {
  if (typeof value === 'string') return 'text in another form';
  if (Array.isArray(value)) return 'a list';
  return value === null ? 'null' : typeof value;
}

const formatters = new Map<string, Formatters>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();
const listFormats = new Map<string, Intl.ListFormat>();

/** The formatters intl-messageformat calls, with dates and times shown in one zone. */
function formattersFor(timeZone: string): Formatters {
  let made = formatters.get(timeZone);
  if (!made) {
    const zonedFormats = new Map<string, Intl.DateTimeFormat>();
    made = {
      getNumberFormat: (locales, options) => cachedIntl(numberFormats, locales, options as Intl.NumberFormatOptions, Intl.NumberFormat),
      getPluralRules: (locales, options = {}) => cachedIntl(pluralRules, locales, options, Intl.PluralRules),
      getDateTimeFormat: (locales, options = {}) => {
        const key = `${String(locales)}\u0000${JSON.stringify(options)}`;
        let format = zonedFormats.get(key);
        if (!format) {
          const zoned = new Intl.DateTimeFormat(locales, { ...options, timeZone });
          // Written without a zone, so shown in UTC, where it was put, and with no zone name to show.
          const { timeZoneName: _none, ...local } = options;
          const asWritten = new Intl.DateTimeFormat(locales, { ...local, timeZone: 'UTC' });
          format = { format: (date?: Date | number) => (date instanceof LocalDateTime ? asWritten : zoned).format(date) } as Intl.DateTimeFormat;
          zonedFormats.set(key, format);
        }
        return format;
      },
    };
    formatters.set(timeZone, made);
  }
  return made;
}
