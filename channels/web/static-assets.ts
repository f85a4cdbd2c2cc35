/**
 * The chat page's files, `channels/web/public/`, served from memory after the first read. Only flat
 * file names with a known extension are served, so no path can leave the folder.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findPackage, packagePath } from '../../src/core/package-info.js';

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

/** The chat page's `public/` folder, inside the installed package (from the sources or the build alike). */
export function findPublicDirectory(from?: string | URL): string {
  const parts = ['channels', 'web', 'public'];
  return from === undefined ? packagePath(...parts) : join(findPackage(from).root, ...parts);
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
