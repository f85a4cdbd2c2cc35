// The reference assistant's content is the example content designers copy: it lints clean.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatReport, lintIntents } from '../../src/lint/index.js';

describe('the reference assistant content', () => {
  it('lints with 0 errors and 0 warnings, confusions measured', { timeout: 300_000 }, async () => {
    const report = await lintIntents(fileURLToPath(new URL('../../intents/', import.meta.url)));
    expect({ errors: report.errors, warnings: report.warnings }, formatReport(report, 'text')).toEqual({ errors: 0, warnings: 0 });
  });
});
