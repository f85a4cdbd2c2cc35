/**
 * The installed SDK package: its name, folder and version. Found by walking up from this module to
 * the package.json that names it, so the answer is the same from the sources (`src/core/*.ts`, as tests
 * and type checks see them) and from the build (`dist/src/core/*.js`, as users run it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigurationError } from './errors.js';

/** The package's name on the npm registry, as users install and import it. */
export const packageName = 'parley-sdk';

export interface PackageInfo {
  name: string;
  version: string;
  /** The folder holding package.json. */
  root: string;
  /** package.json as parsed. */
  manifest: Readonly<Record<string, unknown>>;
}

let found: PackageInfo | undefined;

export function packageInfo(): PackageInfo {
  found ??= findPackage(fileURLToPath(import.meta.url));
  return found;
}

/** A path inside the installed package, from its root: `packagePath('channels', 'web', 'public')`. */
export function packagePath(...parts: string[]): string {
  return join(packageInfo().root, ...parts);
}

/** The package above a module (a path or file URL): for tools and tests that look from elsewhere. */
export function findPackage(from: string | URL): PackageInfo {
  if (from instanceof URL || from.startsWith('file:')) from = fileURLToPath(from);
  let directory = dirname(from);
  for (;;) {
    const manifest = readManifest(join(directory, 'package.json'));
    if (manifest?.name === packageName) return { name: packageName, version: String(manifest.version ?? '0.0.0'), root: directory, manifest };
    const parent = dirname(directory);
    if (parent === directory) {
      throw new ConfigurationError('package', `cannot find the ${packageName} package root (a package.json named "${packageName}") above ${from}; reinstall ${packageName}`);
    }
    directory = parent;
  }
}

/** A package.json as parsed; undefined when there is none, or it is not JSON. */
export function readManifest(path: string): Record<string, unknown> | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
