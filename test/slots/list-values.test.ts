import { describe, expect, it } from 'vitest';
import type { SlotType } from '../../src/content/intent-model.js';
import { findAllListValues, findListValues } from '../../src/slots/list-values.js';
import { device, orderNumber, serviceType } from './telecom-slot-types.js';

const plan: Extract<SlotType, { kind: 'list' }> = {
  kind: 'list',
  name: 'Plan',
  restrict: true,
  values: [
    { value: 'internet', synonyms: ['broadband'] },
    { value: 'bundle', synonyms: ['internet and tv', 'tv and internet'] },
  ],
};

function values(text: string, slotType = serviceType) {
  return findListValues(text, slotType).map((match) => match.value);
}

describe('findListValues', () => {
  it('resolves values and synonyms to the canonical value, whatever the case and punctuation', () => {
    expect(values('I need a repair')).toEqual(['repair']);
    expect(values('FIX!!')).toEqual(['repair']);
    expect(values('can you... Install it?')).toEqual(['installation']);
    expect(values('a speed boost, please')).toEqual(['upgrade']);
  });

  it('matches multi-word synonyms across extra spaces and hyphens', () => {
    expect(values('my tv is not   working')).toEqual(['repair']);
    expect(values('it is not-working')).toEqual(['repair']);
    expect(values('a new connection')).toEqual(['installation']);
  });

  it('treats spaced, hyphenated and joined spellings alike', () => {
    expect(values('reset the wifi hub', device)).toEqual(['router']);
    expect(values('reset the wi-fi hub', device)).toEqual(['router']);
    expect(values('the set up went wrong')).toEqual(['installation']);
    expect(values('the setup went wrong')).toEqual(['installation']);
  });

  it('tolerates one typo in words of 4–7 letters and two from 8 letters', () => {
    expect(values('book a repiar')).toEqual(['repair']);
    expect(values('book a reapir')).toEqual(['repair']);
    expect(values('an instalation')).toEqual(['installation']);
    expect(values('an instalatoin')).toEqual(['installation']);
    expect(values('it is not wroking')).toEqual(['repair']);
  });

  it('rejects typos beyond the allowance and any typo in short words', () => {
    expect(values('book a rpeiar')).toEqual([]);
    expect(values('can you fxi it')).toEqual([]);
    expect(values('can you fox it')).toEqual([]);
  });

  it('never matches inside a longer word', () => {
    expect(values('the prefix is wrong')).toEqual([]);
  });

  it('prefers the longest match', () => {
    const [match, ...others] = findListValues('I want internet and tv', plan);
    expect(others).toEqual([]);
    expect(match).toMatchObject({ value: 'bundle', text: 'internet and tv', start: 7, end: 22 });
  });

  it('reports exact UTF-16 offsets of the words as written', () => {
    const text = '  Ça va? I need a FIX, please 🙂 and an Install';
    const matches = findListValues(text, serviceType);
    expect(matches.map((match) => [match.text, text.slice(match.start, match.end), match.value])).toEqual([
      ['FIX', 'FIX', 'repair'],
      ['Install', 'Install', 'installation'],
    ]);
    expect(matches[0]).toMatchObject({ type: 'ServiceType', start: 18, end: 21, confidence: 1 });
  });

  it('reads a word guarded against a type only as itself, never as a typo of its phrases', () => {
    const size: Extract<SlotType, { kind: 'list' }> = {
      kind: 'list',
      name: 'PizzaSize',
      restrict: true,
      values: [{ value: 'small', synonyms: ['personal'] }, { value: 'medium', synonyms: [] }],
    };
    const guarded = new Map([['person', new Set(['PizzaSize'])]]);
    // "person" is two edits from "personal", which allows two.
    expect(findListValues('talk to a person', size).map((match) => match.value)).toEqual(['small']);
    expect(findListValues('talk to a person', size, undefined, new Map([['person', new Set(['Crust'])]]))).toHaveLength(1);
    expect(findListValues('talk to a person', size, undefined, guarded)).toEqual([]);
    expect(findAllListValues('talk to a person', [size], undefined, guarded)).toEqual([]);
    expect(findListValues('personal', size, undefined, guarded)).toMatchObject([{ value: 'small', confidence: 1 }]);
    expect(findListValues('a medum one', size, undefined, guarded)).toMatchObject([{ value: 'medium' }]);
  });

  it('gives typo matches a lower confidence than exact ones', () => {
    const [typo] = findListValues('a repiar', serviceType);
    expect(typo?.confidence).toBeLessThan(1);
    expect(typo?.confidence).toBeGreaterThan(0.5);
  });
});

describe('findAllListValues', () => {
  const slotTypes: SlotType[] = [serviceType, orderNumber, plan, device];
  const texts = ['a repiar for my internet and tv', 'my router is not wroking, fix the brodband', 'nothing here', 'install tv and internet on the modem', ''];

  it("finds what findListValues finds for each list type, in the types' order", () => {
    for (const text of texts) {
      const oneByOne = [serviceType, plan, device].flatMap((slotType) => findListValues(text, slotType));
      expect(findAllListValues(text, slotTypes)).toEqual(oneByOne);
    }
  });

  it('finds nothing when the locale has no list types', () => {
    expect(findAllListValues('a repair', [slotTypes[1]!])).toEqual([]);
  });
});
