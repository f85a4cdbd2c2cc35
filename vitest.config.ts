import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests run against the sources: `parley-sdk` resolves to src/, as it does for the type checker.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^parley-sdk\/lambda$/, replacement: fileURLToPath(new URL('./src/runtime/lambda/index.ts', import.meta.url)) },
      { find: /^parley-sdk\/connect$/, replacement: fileURLToPath(new URL('./channels/connect/index.ts', import.meta.url)) },
      { find: /^parley-sdk\/acs$/, replacement: fileURLToPath(new URL('./channels/acs-chat/index.ts', import.meta.url)) },
      { find: /^parley-sdk\/sms$/, replacement: fileURLToPath(new URL('./channels/sms/index.ts', import.meta.url)) },
      { find: /^parley-sdk\/runtime$/, replacement: fileURLToPath(new URL('./src/runtime/index.ts', import.meta.url)) },
      { find: /^parley-sdk\/testing$/, replacement: fileURLToPath(new URL('./src/testing/index.ts', import.meta.url)) },
      { find: /^parley-sdk$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    // Sized for a loaded 2-core CI machine, where a test that takes one second idle may take ten.
    // Tests do not assert elapsed real time (fake timers assert durations exactly; bench/ measures
    // real ones), so a busy machine makes a test slower, never wrong. Tests that start processes
    // set longer limits of their own (test/support/process-timeouts.ts).
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
