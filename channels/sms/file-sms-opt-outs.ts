/**
 * Opt-outs in one JSON file, `{"v":1,"numbers":{"<key>":{optedOut,at,eventId}}}`, rewritten whole on
 * each change (written beside, flushed, renamed over: a crash leaves the old file or the new one,
 * never half of one). Opt-outs are few and change rarely, so one file is enough. One process owns
 * the file; processes that share opt-outs need a shared implementation of the seam.
 */
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as z from 'zod';
import { ParleyError } from '../../src/core/errors.js';
import { makeDirectory, replaceFile, syncDirectory } from '../../src/state/conversation-files.js';
import { errorCode } from '../../src/state/fs-error-code.js';
import type { SmsConsent, SmsOptOuts } from './sms-opt-outs.js';

export interface FileSmsOptOutsOptions {
  /** The file, ending in `.json`; its folder is created when missing. */
  file: string;
}

const fileSchema = z.object({
  v: z.literal(1),
  numbers: z.record(z.string(), z.object({ optedOut: z.boolean(), at: z.string(), eventId: z.string() })),
});

/**
 * Opt-outs that survive restarts, in a JSON file.
 *
 * @example
 * const optOuts = createFileSmsOptOuts({ file: '/var/lib/parley/sms-opt-outs.json' });
 */
export function createFileSmsOptOuts({ file }: FileSmsOptOutsOptions): SmsOptOuts {
  if (!file.endsWith('.json')) throw new ParleyError('configuration', 'sms opt-outs: the file name must end in .json (e.g. sms-opt-outs.json)');
  let loaded: Promise<Map<string, SmsConsent>> | undefined;
  // Writes one after another, each of the whole map as it stands.
  let writing: Promise<void> = Promise.resolve();

  async function load(): Promise<Map<string, SmsConsent>> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return new Map();
      throw error;
    }
    let parsed: z.infer<typeof fileSchema>;
    try {
      parsed = fileSchema.parse(JSON.parse(text));
    } catch (error) {
      // Never read a damaged list as "nobody opted out": refuse until someone looks at it.
      throw new ParleyError('configuration', `sms opt-outs: ${file} is not an opt-out file written by Parley; restore it from a backup or move it aside to start an empty list`, { cause: error });
    }
    return new Map(Object.entries(parsed.numbers));
  }

  function numbers(): Promise<Map<string, SmsConsent>> {
    loaded ??= load().catch((error: unknown) => {
      loaded = undefined; // the next call tries again
      throw error;
    });
    return loaded;
  }

  return {
    async read(numberKey) {
      const consent = (await numbers()).get(numberKey);
      return consent && { ...consent };
    },
    async write(numberKey, consent) {
      const map = await numbers();
      map.set(numberKey, { optedOut: consent.optedOut, at: consent.at, eventId: consent.eventId });
      const text = `${JSON.stringify({ v: 1, numbers: Object.fromEntries(map) })}\n`;
      const written = writing.then(async () => {
        await makeDirectory(dirname(file));
        await replaceFile(file, text);
        await syncDirectory(dirname(file));
      });
      // A failed write fails its caller; the next one writes the whole map again.
      writing = written.catch(() => undefined);
      await written;
    },
  };
}
