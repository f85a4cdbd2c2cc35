/**
 * Why a bot module did not load, in one sentence with the fix. Node and the TypeScript loader report
 * these as stack traces about loaders and resolvers; a developer needs the file, the line and what to
 * do: add `"type": "module"`, install the SDK, fix a syntax error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigurationError, ParleyError } from '../core/errors.js';
import { packageName, readManifest } from '../core/package-info.js';

/** Extensions whose module format the nearest package.json decides (`.mts`/`.mjs` are always ES modules). */
const formatFromPackage = /\.(ts|tsx|js|jsx)$/;
/** A statement that only an ES module may hold: an `import` or `export` at the start of a line. */
const writtenAsModule = /^[ \t]*(?:import|export)[\s{*]/m;

/**
 * A bot written as an ES module (`import`, `import.meta.url`) in a `.ts` or `.js` file is loaded as
 * one only when the nearest package.json says `"type": "module"`; otherwise Node and tsx load it as
 * CommonJS, and it fails with a cycle or require() error that names neither cause nor fix.
 */
export function checkModuleFormat(file: string, shown: string): void {
  // A CommonJS bot (`require`, `module.exports`) loads as one, and may stay so.
  if (!formatFromPackage.test(file) || !writtenAsModule.test(readFileSync(file, 'utf8'))) return;
  const manifest = nearestPackageJson(dirname(file));
  if (!manifest) {
    throw new ConfigurationError(
      'bot',
      `${shown} has no package.json above it, so Node would load it as CommonJS; create one that says "type": "module" (npm init -y && npm pkg set type=module), or start again with parley init`,
    );
  }
  if (manifest.type !== 'module') {
    throw new ConfigurationError('bot', `${shown} would load as CommonJS: ${displayPath(manifest.path)} has no "type": "module"; add it (npm pkg set type=module)`);
  }
}

interface Manifest {
  path: string;
  type?: unknown;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

function nearestPackageJson(directory: string): Manifest | undefined {
  for (let at = directory; ; at = dirname(at)) {
    const path = join(at, 'package.json');
    if (existsSync(path)) return { ...(readManifest(path) as Omit<Manifest, 'path'> | undefined), path };
    if (dirname(at) === at) return undefined;
  }
}

/** The error to show for a module that threw while loading. Parley's own errors pass through as they are. */
export function describeLoadFailure(error: unknown, file: string, shown: string): Error {
  if (ParleyError.isInstance(error)) return error;
  const fail = (message: string) => new ConfigurationError('bot', message, { cause: error });
  const { code, message = '', name, stack = '' } = (error ?? {}) as { code?: unknown; message?: string; name?: string; stack?: string };

  if (code === 'ERR_MODULE_NOT_FOUND') {
    const missing = /Cannot find package '([^']+)' imported from (.+)$/m.exec(message);
    if (missing) {
      const [, wanted, importer] = missing;
      const project = projectOf(importer!);
      // `npm install` alone installs it only when package.json lists it.
      const install = project.dependencies.includes(wanted!) ? 'npm install' : `npm install ${wanted}`;
      const where = project.folder === process.cwd() ? 'here' : `in ${displayPath(project.folder)}`;
      return fail(`${displayPath(importer!)} imports ${wanted}, which is not installed; run \`${install}\` ${where}`);
    }
    const module = /Cannot find module '([^']+)' imported from (.+)$/m.exec(message);
    if (module) {
      return fail(`${displayPath(module[2]!)} imports ${displayPath(module[1]!)}, which does not exist; check the path (a TypeScript file is imported with its .js name)`);
    }
  }
  // esbuild, which compiles TypeScript as it loads: "Transform failed with 1 error:\n<file>:<line>:<column>: ERROR: <what>".
  if (name === 'TransformError' || message.startsWith('Transform failed')) {
    const first = /^(.+?):(\d+):(\d+): ERROR: (.+)$/m.exec(message);
    if (first) return fail(`${displayPath(first[1]!)}:${first[2]}:${first[3]}: ${first[4]}; fix the syntax and run again`);
  }
  if (code === 'ERR_REQUIRE_CYCLE_MODULE' || code === 'ERR_REQUIRE_ESM' || code === 'ERR_REQUIRE_ASYNC_MODULE') {
    return fail(`${shown} was loaded as CommonJS; make the nearest package.json say "type": "module" (npm pkg set type=module)`);
  }
  const where = locationIn(stack, dirname(file));
  if (error instanceof SyntaxError) {
    return fail(`${where ?? shown}: ${message}; fix it and run again`);
  }
  return fail(`${shown} failed while loading${where ? ` (at ${where})` : ''}: ${name ?? 'Error'}: ${message}`);
}

/** The first place in a stack trace that is the bot's own code (under its folder, not in node_modules). */
function locationIn(stack: string, folder: string): string | undefined {
  for (const line of stack.split('\n')) {
    const found = /(file:\/\/[^\s)]+|\/[^\s)(]+):(\d+)(?::(\d+))?/.exec(line);
    if (!found) continue;
    const path = found[1]!.startsWith('file:') ? fileURLToPath(found[1]!) : found[1]!;
    if (!path.startsWith(folder) || path.includes('/node_modules/')) continue;
    return `${displayPath(path)}:${found[2]}${found[3] ? `:${found[3]}` : ''}`;
  }
  return undefined;
}

/** The project a module belongs to: the folder of its package.json (else its own folder) and what that lists. */
function projectOf(module: string): { folder: string; dependencies: string[] } {
  const path = module.startsWith('file:') ? fileURLToPath(module) : module;
  const manifest = nearestPackageJson(dirname(path));
  if (!manifest) return { folder: dirname(path), dependencies: [] };
  return { folder: dirname(manifest.path), dependencies: [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})] };
}

/** A path as the developer typed it: relative to the working folder when inside it. */
function displayPath(path: string): string {
  const absolute = path.startsWith('file:') ? fileURLToPath(path) : path;
  const shown = relative(process.cwd(), absolute);
  return shown === '' ? '.' : shown.startsWith('..') ? absolute : shown;
}
