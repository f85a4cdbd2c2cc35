import { describe, expect, it } from 'vitest';
import { formatMessage, MessageTemplateError } from 'parley-sdk';

// Intl puts a narrow no-break space before AM/PM on current Node versions; compare words, not spaces.
const spaced = (text: string) => text.replace(/\s/g, ' ');
const pizzas = '{count, plural, =0 {no pizzas} one {# pizza} other {# pizzas}}';

describe('formatMessage', () => {
  it('chooses words by the locale plural rules', () => {
    expect([0, 1, 2, 1000].map((count) => formatMessage(pizzas, { count }, { locale: 'en-US' }))).toEqual(['no pizzas', '1 pizza', '2 pizzas', '1,000 pizzas']);
    // Polish has a "few" form that English has not: 2 pizze, 5 pizz.
    const polish = '{count, plural, one {# pizza} few {# pizze} many {# pizz} other {# pizzy}}';
    expect([1, 2, 5].map((count) => formatMessage(polish, { count }, { locale: 'pl-PL' }))).toEqual(['1 pizza', '2 pizze', '5 pizz']);
  });

  it('selects by value, with other as the fallback', () => {
    const template = '{size, select, large {a large one} other {a {size} one}}';
    expect(formatMessage(template, { size: 'large' }, { locale: 'en-US' })).toBe('a large one');
    expect(formatMessage(template, { size: 'small' }, { locale: 'en-US' })).toBe('a small one');
  });

  it('writes a time of day the locale way: 6:00 PM in en-US, 18:00 where the locale writes it so', () => {
    const template = 'Ready by {ready, time, short}.';
    expect(spaced(formatMessage(template, { ready: '18:00' }, { locale: 'en-US' }))).toBe('Ready by 6:00 PM.');
    expect(formatMessage(template, { ready: '18:00' }, { locale: 'en-GB' })).toBe('Ready by 18:00.');
    expect(formatMessage(template, { ready: '18:00' }, { locale: 'de-DE' })).toBe('Ready by 18:00.');
  });

  it('writes a date the locale way', () => {
    const template = '{day, date, short} / {day, date, long}';
    expect(formatMessage(template, { day: '2030-03-08' }, { locale: 'en-US' })).toBe('3/8/30 / March 8, 2030');
    expect(formatMessage(template, { day: '2030-03-08' }, { locale: 'en-GB' })).toBe('08/03/30 / 8 March 2030');
  });

  it('shows an instant in the conversation time zone, and a time written without a zone as written', () => {
    const instant = new Date('2030-03-08T23:30:00Z');
    const template = '{at, time, short} on {at, date, medium}';
    expect(spaced(formatMessage(template, { at: instant }, { locale: 'en-US', timeZone: 'America/New_York' }))).toBe('6:30 PM on Mar 8, 2030');
    expect(spaced(formatMessage(template, { at: instant }, { locale: 'en-US', timeZone: 'Asia/Tokyo' }))).toBe('8:30 AM on Mar 9, 2030');
    expect(spaced(formatMessage(template, { at: '2030-03-08T23:30:00Z' }, { locale: 'en-US', timeZone: 'Asia/Tokyo' }))).toBe('8:30 AM on Mar 9, 2030');
    // A slot's 18:00 is local already: no zone moves it, and none is named after it.
    expect(spaced(formatMessage('{at, time, long}', { at: '18:00' }, { locale: 'en-US', timeZone: 'Asia/Tokyo' }))).toBe('6:00:00 PM');
    expect(formatMessage('{day, date, medium}', { day: '2030-03-08' }, { locale: 'en-US', timeZone: 'Pacific/Kiritimati' })).toBe('Mar 8, 2030');
  });

  it('formats numbers, and takes a number written as text', () => {
    expect(formatMessage('{total, number, ::currency/USD} ({share, number, percent})', { total: 12.5, share: 0.25 }, { locale: 'en-US' })).toBe('$12.50 (25%)');
    expect(formatMessage(pizzas, { count: '3' }, { locale: 'en-US' })).toBe('3 pizzas');
  });

  it('keeps the `{slot}` placeholders of old: text as given, unknown names left as written, apostrophes as text', () => {
    expect(formatMessage("I can't book {date}; {nobody} knows {size, select, large {why} other {}}.", { date: 'Friday' }, { locale: 'en-US' }))
      .toBe("I can't book Friday; {nobody} knows {size, select, large {why} other {}}.");
    expect(formatMessage('Order {order} for {count} people', { order: 10001, count: 1200 }, { locale: 'en-US' })).toBe('Order 10001 for 1200 people');
    expect(formatMessage("Type '{'help'}' for help", {}, { locale: 'en-US' })).toBe('Type {help} for help');
  });

  it('shows a plain list the locale way', () => {
    expect(formatMessage('With {toppings}.', { toppings: ['ham', 'olives', 'basil'] }, { locale: 'en-US' })).toBe('With ham, olives, and basil.');
    expect(formatMessage('Con {toppings}.', { toppings: ['jamón', 'aceitunas'] }, { locale: 'es-US' })).toBe('Con jamón y aceitunas.');
  });

  it('refuses a template it cannot read with a MessageTemplateError that says where and how to fix it', () => {
    const broken = () => formatMessage('You have {count, plural, one {# pizza} other {# pizzas}', { count: 2 }, { locale: 'en-US' });
    expect(broken).toThrow(MessageTemplateError);
    expect(broken).toThrow(/never closed \(at character 10\); write a value as \{name\}/);
    expect(() => formatMessage('{n, plurl, one {#} other {#}}', { n: 1 }, { locale: 'en-US' })).toThrow(/unknown argument type/);
  });

  it('refuses a value that cannot be a date, time or number, without repeating the value', () => {
    expect(() => formatMessage('{at, time, short}', { at: 'teatime' }, { locale: 'en-US' })).toThrow(/needs a Date, milliseconds, a date \(YYYY-MM-DD\), a time \(HH:MM\) or an ISO instant, and was given text in another form$/);
    expect(() => formatMessage(pizzas, { count: 'lots' }, { locale: 'en-US' })).toThrow(/\{count, plural\} needs a number/);
  });
});
