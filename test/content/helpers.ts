import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { IntentModel } from '../../src/content/index.js';

/** Joins lines into file text, so tests can count lines and columns by eye. */
export function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

/** Writes `{ 'en-US/a.yaml': '...' }` under a fresh temp folder and returns the folder. */
export async function writeTree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'parley-intents-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

/** The model without `source` positions, to compare content from different places. */
export function withoutSources(model: IntentModel): unknown {
  return JSON.parse(JSON.stringify(model, (key, value: unknown) => (key === 'source' ? undefined : value)));
}
