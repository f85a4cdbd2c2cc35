/**
 * The chat page's files, `channels/web/public/`, served from memory after the first read. Only flat
 * file names with a known extension are served, so no path can leave the folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigurationError } from '../../src/core/errors.js';

const contentTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
};

const assetName = /^[a-z0-9][a-z0-9_-]*\.([a-z0-9]+)$/;

export interface Asset {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
}

export interface AssetFolder {
  /** The file, or undefined when the name is not a servable file of the folder. */
  read(name: string): Promise<Asset | undefined>;
}

/**
 * The `public/` folder beside this channel's sources. Found by walking up to the `parley` package
 * root, so it works from `channels/web/*.ts` (tests) and from `dist/channels/web/*.js` (the build).
 */
export function findPublicDirectory(from: string | URL = import.meta.url): string {
  let directory = dirname(fileURLToPath(from));
  for (;;) {
    if (isParleyRoot(directory)) return join(directory, 'channels', 'web', 'public');
    const parent = dirname(directory);
    if (parent === directory) {
      throw new ConfigurationError('channels/web', 'cannot find the parley package root (package.json named "parley") above this module, so the chat page cannot be served');
    }
    directory = parent;
  }
}

function isParleyRoot(directory: string): boolean {
  const manifest = join(directory, 'package.json');
  if (!existsSync(manifest)) return false;
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'parley';
  } catch {
    return false;
  }
}

export function createAssetFolder(directory: string): AssetFolder {
  const cache = new Map<string, Promise<Asset | undefined>>();
  return {
    read(name) {
      const extension = assetName.exec(name)?.[1];
      const contentType = extension ? contentTypes[extension] : undefined;
      if (!contentType) return Promise.resolve(undefined);
      let asset = cache.get(name);
      if (!asset) {
        asset = readFile(join(directory, name)).then(
          (body): Asset => ({ body: new Uint8Array(body), contentType }),
          () => undefined,
        );
        cache.set(name, asset);
        // A missing file is looked for again next time, and the cache holds only real files.
        void asset.then((found) => {
          if (!found) cache.delete(name);
        });
      }
      return asset;
    },
  };
}
