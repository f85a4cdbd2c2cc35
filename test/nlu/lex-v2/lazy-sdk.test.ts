/**
 * `parley` exports createLexV2Recognizer, so the Lex folder must not import the AWS SDK at load time:
 * a bot that never uses Lex would pay for it (and the convention is that vendor SDKs load on demand).
 */
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const folders = [new URL('../../../src/nlu/lex-v2/', import.meta.url), new URL('../../../src/testing/emulators/lex-runtime/', import.meta.url)];

describe('the Lex V2 sources load the AWS SDK only on demand', () => {
  it('import it for types only, and load it with import() on the first call', async () => {
    const loads: string[] = [];
    for (const folder of folders) {
      for (const file of (await readdir(folder)).filter((name) => name.endsWith('.ts'))) {
        const source = await readFile(new URL(file, folder), 'utf8');
        for (const match of source.matchAll(/^(import|export)\s+(type\s+)?[^;]*?from\s+'(@aws-sdk\/[^']+)'/gms)) {
          if (!match[2]) loads.push(`${file}: ${match[0].split('\n')[0]}`);
        }
        if (/(?<!typeof )import\('@aws-sdk\//.test(source)) loads.push(`${file}: dynamic`);
      }
    }
    expect(loads).toEqual(['lex-v2-recognizer.ts: dynamic']);
  });
});
