import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatConversationResults, loadConversationTests, runConversationTest } from 'parley-sdk/testing';
import acmeTelecom from '../dialogs/index.js';

const tests = await loadConversationTests([fileURLToPath(new URL('./conversations/', import.meta.url))]);

describe('conversation tests of the reference assistant', () => {
  it('has at least 30 tests', () => expect(tests.length).toBeGreaterThanOrEqual(30));
  for (const test of tests) {
    it(test.name, async () => {
      const result = await runConversationTest(test, acmeTelecom);
      expect(result.passed, formatConversationResults([result])).toBe(true);
    });
  }
});
