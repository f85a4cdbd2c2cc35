import { isAbsolute, relative } from 'node:path';

/** A path as problems show it: relative to the working directory when inside it, else absolute. */
export function displayPath(absolute: string): string {
  const shown = relative(process.cwd(), absolute);
  return shown !== '' && !shown.startsWith('..') && !isAbsolute(shown) ? shown : absolute;
}
