import { describe, expect, it } from 'vitest';
import { formatUtteranceMarkup, normaliseUtterance, parseUtteranceMarkup, utteranceText } from '../../src/content/index.js';

describe('parseUtteranceMarkup', () => {
  it('splits text, placeholders and slots with examples', () => {
    const { parts, slots, problems } = parseUtteranceMarkup('book a {service} for {date=next Friday} please');
    expect(problems).toEqual([]);
    expect(parts).toEqual([
      { kind: 'text', text: 'book a ' },
      { kind: 'slot', slot: 'service' },
      { kind: 'text', text: ' for ' },
      { kind: 'slot', slot: 'date', example: 'next Friday' },
      { kind: 'text', text: ' please' },
    ]);
    expect(slots).toEqual([
      { slot: 'service', offset: 7 },
      { slot: 'date', offset: 21 },
    ]);
  });

  it('accepts an utterance that is only slots, and spaces inside the braces', () => {
    expect(parseUtteranceMarkup('{date} {time = at 3pm}').parts).toEqual([
      { kind: 'slot', slot: 'date' },
      { kind: 'text', text: ' ' },
      { kind: 'slot', slot: 'time', example: 'at 3pm' },
    ]);
  });

  it('counts offsets in the utterance as written, leading spaces included', () => {
    expect(parseUtteranceMarkup('  hi {}').problems[0]?.offset).toBe(5);
  });

  it.each([
    ['book a {service', 7, 'is never closed'],
    ['book a service}', 14, 'has no matching `{`'],
    ['book {a {service}', 5, 'is never closed'],
    ['book {} now', 5, 'is empty'],
    ['book {=repair} now', 5, 'has no slot name'],
    ['book {service=} now', 5, 'empty example'],
    ['book {my service} now', 5, 'is not a slot name'],
    ['   ', 0, 'utterance is empty'],
  ])('reports malformed markup in %j at offset %i', (written, offset, message) => {
    const { problems } = parseUtteranceMarkup(written);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.offset).toBe(offset);
    expect(problems[0]?.message).toContain(message);
  });

  it('writes an utterance back as markup and as plain text', () => {
    const utterance = parseUtteranceMarkup('at {time=3pm} on {date}');
    expect(formatUtteranceMarkup(utterance)).toBe('at {time=3pm} on {date}');
    expect(utteranceText(utterance)).toBe('at 3pm on {date}');
  });
});

describe('normaliseUtterance', () => {
  it('ignores case, punctuation, spacing and slot examples, and reduces slots to their type', () => {
    const types = new Map([
      ['day', 'date'],
      ['when', 'date'],
    ]);
    const a = normaliseUtterance(parseUtteranceMarkup("Book it for {day=Friday}, OK?  I'm ready!"), types);
    const b = normaliseUtterance(parseUtteranceMarkup('book it for {when} ok im ready'), types);
    expect(a).toBe('book it for {date} ok im ready');
    expect(b).toBe(a);
  });

  it('keeps slots of different types apart', () => {
    const types = new Map([
      ['day', 'date'],
      ['hour', 'time'],
    ]);
    expect(normaliseUtterance(parseUtteranceMarkup('at {day}'), types)).not.toBe(
      normaliseUtterance(parseUtteranceMarkup('at {hour}'), types),
    );
  });
});
