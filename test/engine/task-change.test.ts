import { describe, expect, it } from 'vitest';
import { readsAsCorrection } from '../../src/engine/task-change.js';

describe('readsAsCorrection', () => {
  it('reads English corrections at the start, after hesitations, and "instead" anywhere', () => {
    for (const text of ['actually make it Friday', '  Sorry, wait... make that 3pm', 'no, oh, change it to Friday', 'Friday instead', 'I would rather go Friday']) {
      expect(readsAsCorrection(text, 'en-US'), text).toBe(true);
    }
    for (const text of ['book a repair on Friday', 'make a booking', 'I rathered', 'well actually make it Friday']) {
      expect(readsAsCorrection(text, 'en-US'), text).toBe(false);
    }
  });

  it('reads Spanish corrections as whole words, accented or not, and "en su lugar" anywhere', () => {
    for (const text of ['en realidad, el viernes', 'No, mejor el viernes', 'cambialo al viernes', 'Muévelo al viernes', 'el viernes en su lugar', 'EN SU LUGAR, el viernes']) {
      expect(readsAsCorrection(text, 'es-US'), text).toBe(true);
    }
    for (const text of ['mejorar mi plan', 'no, mejores precios', 'reserva el viernes', 'en su lugares', 'ven su lugar']) {
      expect(readsAsCorrection(text, 'es-US'), text).toBe(false);
    }
  });

  it('reads nothing as a correction in a language it has no words for', () => {
    expect(readsAsCorrection('actually make it Friday', 'de-DE')).toBe(false);
  });
});
