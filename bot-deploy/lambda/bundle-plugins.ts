/**
 * esbuild plugins for the Lambda bundle: the entry, written from the bot module's path, and the
 * bundle's own versions of modules that load code in a way no bundler can follow.
 */
import { existsSync } from 'node:fs';
import type { Plugin } from 'esbuild';

/** The name the bundle's entry is built from; its text comes from `entryPlugin`. */
export const entryName = 'parley-lambda-entry';

/**
 * Serves the entry's text as if it were a file in `resolveDir` (the bot module's folder), so its
 * imports (`parley-sdk/lambda`, `parley-sdk/connect`) resolve as the bot's own do.
 */
export function entryPlugin(contents: string, resolveDir: string): Plugin {
  return {
    name: 'parley-lambda-entry',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${entryName}$`) }, () => ({ path: entryName, namespace: entryName }));
      build.onLoad({ filter: /.*/, namespace: entryName }, () => ({ contents, resolveDir, loader: 'ts' }));
    },
  };
}

/**
 * Puts `X.bundle.ts` (or `.bundle.js`, in an installed package) in the place of a module `X` beside
 * it. `src/slots/slot-libraries.ts` is one: in Node it `require`s chrono and libphonenumber through
 * `createRequire` (chrono's languages by a computed name), which a bundler cannot follow; its bundle
 * version requires each by name.
 */
export function bundleVariantsPlugin(): Plugin {
  const resolving = Symbol('parley-bundle-variants');
  return {
    name: 'parley-bundle-variants',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\/.*\.js$/ }, async (args) => {
        if (args.pluginData === resolving) return undefined;
        const resolved = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: resolving });
        if (resolved.errors.length > 0) return undefined;
        const variant = resolved.path.replace(/\.(ts|js)$/, '.bundle.$1');
        return variant !== resolved.path && existsSync(variant) ? { path: variant } : undefined;
      });
    },
  };
}
