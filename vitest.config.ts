import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests run against the sources: `parley` resolves to src/, as it does for the type checker.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^parley\/runtime$/, replacement: fileURLToPath(new URL('./src/runtime/index.ts', import.meta.url)) },
      { find: /^parley\/testing$/, replacement: fileURLToPath(new URL('./src/testing/index.ts', import.meta.url)) },
      { find: /^parley$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
  },
});
