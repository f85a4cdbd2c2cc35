/** How slot values are said back to the customer ("Friday, March 8", "3:00 PM"). */
import type { SingleSlotValue, SlotValue } from '../core/turn.js';
import { cachedIntl } from '../core/intl-formats.js';
import { joinList } from './engine-messages.js';

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

const dateFormat = (locale: string) => cachedIntl(dateFormats, locale, { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' }, Intl.DateTimeFormat);
const timeFormat = (locale: string) => cachedIntl(timeFormats, locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }, Intl.DateTimeFormat);

// Intl formatting costs microseconds a call, and the same dates and times come up again and again.
const formatted = new Map<string, string>();
const maxRemembered = 5_000;

/**
 * A slot's value as it reads in a sentence: each value by the slot's type, a list joined with the
 * locale's `and` ("pepperoni, mushroom and olives").
 */
export function formatSlotValues(value: SlotValue, type: string, locale: string, and: string): string {
  return Array.isArray(value) ? joinList(value.map((one) => formatSlotValue(one, type, locale)), and) : formatSlotValue(value, type, locale);
}

/** One slot value as it reads in a sentence, by the slot's type. */
export function formatSlotValue(value: SingleSlotValue, type: string, locale: string): string {
  if (type !== 'date' && type !== 'time') return String(value);
  const key = `${locale}|${type}|${value}`;
  let text = formatted.get(key);
  if (text === undefined) {
    text = format(value, type, locale);
    if (formatted.size >= maxRemembered) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

function format(value: SingleSlotValue, type: string, locale: string): string {
  if (typeof value === 'string') {
    if (type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      const [year, month, day] = value.split('-').map(Number);
      return dateFormat(locale).format(new Date(Date.UTC(year!, month! - 1, day!)));
    }
    if (type === 'time' && /^\d{2}:\d{2}$/.test(value)) {
      const [hour, minute] = value.split(':').map(Number);
      return timeFormat(locale).format(new Date(Date.UTC(1970, 0, 1, hour!, minute!)));
    }
  }
  return String(value);
}

/** `orderNumber` -> `order number`, `ZipCode` -> `zip code`. */
export function humanise(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
}
