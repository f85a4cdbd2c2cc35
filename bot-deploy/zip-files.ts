/** Files as `.zip` bytes: entries sorted, fixed times, so the same files give the same bytes. */
import { zipSync } from 'fflate';
import { compareText } from '../src/content/locate.js';

// Zip entry times are local DOS times from 1980; built from local parts, this is the same everywhere.
const fixedEntryTime = new Date(1980, 0, 1, 0, 0, 0);

/**
 * @example
 * zipFiles(new Map([['Manifest.json', bytes]]))
 */
export function zipFiles(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const path of [...files.keys()].sort(compareText)) entries[path] = [files.get(path)!, { mtime: fixedEntryTime }];
  return zipSync(entries, { level: 9 });
}
