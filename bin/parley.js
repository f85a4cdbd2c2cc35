#!/usr/bin/env node
// The `parley` command. The CLI itself is compiled to dist/: shipped so in the package, built by
// `npm run build` (or `npm start`, `npm test`) in a clone of the repository.
import module from 'node:module';

// Node 22.8 and later keep the code they compile for the CLI's modules (V8's code cache, checked
// against each file's contents) in the OS temp folder, or NODE_COMPILE_CACHE; a start after the first
// skips most of compiling them. Older Node has no such cache, and a start compiles as before.
module.enableCompileCache?.();
try {
  const { main } = await import('../dist/src/cli/main.js');
  await main(process.argv);
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/src/cli')) {
    console.error('parley: the CLI is not built yet; run `npm run build` in the parley-sdk folder first.');
    process.exit(1);
  }
  throw error;
}
