import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { afterEach } from 'vitest';
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

/**
 * `writeTree` for a test file whose trees are removed after each test.
 *
 * @example
 * const tree = temporaryTrees();
 * const root = await tree({ 'en-US/a.yaml': lines('intents:') });
 */
export function temporaryTrees(): (files: Record<string, string>) => Promise<string> {
  const roots: string[] = [];
  afterEach(async () => {
    await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
  });
  return async (files) => {
    const root = await writeTree(files);
    roots.push(root);
    return root;
  };
}

/** The model without `source` positions, to compare content from different places. */
export function withoutSources(model: IntentModel): unknown {
  return JSON.parse(JSON.stringify(model, (key, value: unknown) => (key === 'source' ? undefined : value)));
}
