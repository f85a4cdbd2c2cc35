// The real Lex V2 exports of the shared corpus, and the shapes of their files.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { corpusAvailable, corpusPath } from '../../support/shared-corpus.js';

export const lexCorpusAvailable = corpusAvailable('lex-exports', 'the Lex V2 export tests against real exports');

/** Every export: each zip, each extracted tree beside it, and folder exports (a folder holding Manifest.json). */
export function corpusExports(): { name: string; path: string }[] {
  const root = corpusPath('lex-exports');
  if (!existsSync(root)) return [];
  const found: { name: string; path: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (existsSync(join(path, 'Manifest.json'))) found.push({ name: path.slice(root.length + 1), path });
        else walk(path);
      } else if (name.endsWith('.zip')) found.push({ name: path.slice(root.length + 1), path });
    }
  };
  walk(root);
  return found;
}

export type FileKind = 'Manifest' | 'Bot' | 'BotLocale' | 'Intent' | 'Slot' | 'SlotType';

export function fileKind(path: string): FileKind | undefined {
  const name = path.split('/').at(-1)!;
  const kinds: Record<string, FileKind> = { 'Manifest.json': 'Manifest', 'Bot.json': 'Bot', 'BotLocale.json': 'BotLocale', 'Intent.json': 'Intent', 'Slot.json': 'Slot', 'SlotType.json': 'SlotType' };
  return kinds[name];
}

/**
 * Every key path of a JSON value: `valueElicitationSetting.promptSpecification.maxRetries`, arrays as
 * `[]`. A message group's variations are messages, so they are counted as the message's keys.
 */
export function keyPaths(value: unknown, prefix = ''): Set<string> {
  const paths = new Set<string>();
  const visit = (node: unknown, path: string) => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, `${path}.[]`);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [key, child] of Object.entries(node)) {
      const next = path === '' ? key : `${path}.${key}`;
      paths.add(next.replace(/\.variations\.\[\]/g, '.message'));
      visit(child, next);
    }
  };
  visit(value, prefix);
  return new Set([...paths].map((path) => path.replace(/\.variations\.\[\]/g, '.message')));
}
