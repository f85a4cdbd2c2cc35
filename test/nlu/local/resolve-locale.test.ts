import { describe, expect, it } from 'vitest';
import { outOfScopeSentences } from '../../../src/nlu/local/out-of-scope-sentences.js';
import { resolveModelLocale } from '../../../src/nlu/local/resolve-locale.js';

const model = {
  locales: {
    'en-US': { locale: 'en-US', intents: [], slotTypes: [] },
    'es-US': { locale: 'es-US', intents: [], slotTypes: [] },
    'en-GB': { locale: 'en-GB', intents: [], slotTypes: [] },
  },
};

describe('resolveModelLocale', () => {
  it('prefers the exact locale, whatever its case or separator', () => {
    expect(resolveModelLocale(model, 'en-GB')).toBe('en-GB');
    expect(resolveModelLocale(model, 'EN_gb')).toBe('en-GB');
  });

  it('falls back to the same language, alphabetically first', () => {
    expect(resolveModelLocale(model, 'es-MX')).toBe('es-US');
    expect(resolveModelLocale(model, 'en-AU')).toBe('en-GB');
    expect(resolveModelLocale(model, 'es')).toBe('es-US');
  });

  it('gives up on other languages', () => {
    expect(resolveModelLocale(model, 'fr-FR')).toBeUndefined();
    expect(resolveModelLocale(model, '')).toBeUndefined();
  });
});

describe('outOfScopeSentences', () => {
  it('holds about 150 distinct sentences', () => {
    expect(outOfScopeSentences.length).toBeGreaterThanOrEqual(140);
    expect(new Set(outOfScopeSentences.map((sentence) => sentence.toLowerCase())).size).toBe(outOfScopeSentences.length);
  });
});
