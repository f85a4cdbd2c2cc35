import { describe, expect, it } from 'vitest';
import { editDistance, typoAllowance } from '../../src/core/edit-distance.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps as one edit each', () => {
    expect(editDistance('repair', 'repair', 2)).toBe(0);
    expect(editDistance('repair', 'repairs', 2)).toBe(1);
    expect(editDistance('repair', 'repar', 2)).toBe(1);
    expect(editDistance('repair', 'rapair', 2)).toBe(1);
    expect(editDistance('repair', 'reapir', 2)).toBe(1);
    expect(editDistance('installation', 'instlalation', 3)).toBe(1);
    expect(editDistance('installation', 'instalatoin', 3)).toBe(2);
  });

  it('stops at the limit', () => {
    expect(editDistance('repair', 'xxxxxx', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 1)).toBe(2);
  });
});

describe('typoAllowance', () => {
  it('allows none under 4 letters, 1 up to 7 and 2 from 8', () => {
    expect([3, 4, 7, 8, 12].map((length) => typoAllowance('x'.repeat(length)))).toEqual([0, 1, 1, 2, 2]);
  });
});
