import { fileURLToPath } from 'node:url';
import type { SourcePosition } from '../core/errors.js';
import { displayPath } from './display-path.js';

/** The file, line and column of the code that called `boundary`, when the stack trace shows it. */
export function callSite(boundary: (...args: never[]) => unknown): SourcePosition | undefined {
  const holder: { stack?: string } = {};
  Error.captureStackTrace?.(holder, boundary);
  for (const frame of holder.stack?.split('\n').slice(1) ?? []) {
    const match = /\(?((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)\)?$/.exec(frame.trim());
    if (!match || frame.includes('node:internal')) continue;
    const [, location = '', line = '1', column = '1'] = match;
    const file = location.startsWith('file://') ? fileURLToPath(location) : location;
    return { file: displayPath(file), line: Number(line), column: Number(column) };
  }
  return undefined;
}
