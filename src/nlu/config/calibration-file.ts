/**
 * A calibration file: the Platt curve `parley nlu eval --calibration <file>` fitted for one provider,
 * with a note of what it was fitted on, referenced by a policy's `settings.<provider>.calibrationFile`.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as z from 'zod';
import { ConfigurationError } from '../../core/errors.js';
import type { Calibration } from '../router/calibration.js';

/** What the file holds: the curve, and where it came from (for people; only the curve is read). */
export interface CalibrationFile {
  kind: 'platt';
  a: number;
  b: number;
  /** The provider evaluated (`lex`, `clu`, `local`…). */
  provider: string;
  locale: string;
  /** `val` (the dataset's validation split, in and out of scope) or `test` (no val, or k-fold). */
  fittedOn: 'val' | 'test';
  /** How many (confidence, right or wrong) points the curve was fitted to. */
  points: number;
  /** ISO time of the fit. */
  fittedAt: string;
}

const fileSchema = z.looseObject({ kind: z.literal('platt'), a: z.number(), b: z.number() });

/**
 * Reads the curve; relative paths are from the working directory. `key` names the setting in errors.
 *
 * @example
 * readCalibrationFile('calibration/lex.json') // { kind: 'platt', a: -7.2, b: 3.4 }
 */
export function readCalibrationFile(path: string, key = 'calibrationFile'): Calibration {
  let text: string;
  try {
    text = readFileSync(resolve(path), 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ConfigurationError(key, `cannot read ${path} (${reason}); write it with parley nlu eval --provider <name> --calibration ${path}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigurationError(key, `${path} is not JSON; write it again with parley nlu eval --calibration ${path}`);
  }
  const parsed = fileSchema.safeParse(value);
  if (!parsed.success) throw new ConfigurationError(key, `${path} does not hold a Platt calibration ({ "kind": "platt", "a": …, "b": … })`);
  return { kind: 'platt', a: parsed.data.a, b: parsed.data.b };
}

/**
 * Writes a calibration file (pretty JSON, so it reads well in a review).
 *
 * @example
 * await writeCalibrationFile('lex.json', { kind: 'platt', a: -7.2, b: 3.4, provider: 'lex', locale: 'en-US', fittedOn: 'val', points: 300, fittedAt: new Date().toISOString() });
 */
export async function writeCalibrationFile(path: string, file: CalibrationFile): Promise<void> {
  await writeFile(path, `${JSON.stringify(file, null, 2)}\n`);
}
