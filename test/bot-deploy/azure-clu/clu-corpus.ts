// The real CLU project files of the shared corpus, read as a project file (the spec example wraps its body).
import { readdirSync, readFileSync } from 'node:fs';
import { corpusAvailable, corpusPath } from '../../support/shared-corpus.js';

export const cluCorpusAvailable = corpusAvailable('clu-projects', 'the CLU corpus round trips');

export interface CorpusProject {
  name: string;
  json: unknown;
}

/** Every file of corpus/clu-projects, as the JSON a CLU import takes. */
export function corpusProjects(): CorpusProject[] {
  if (!cluCorpusAvailable) return [];
  return readdirSync(corpusPath('clu-projects'))
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const json = JSON.parse(readFileSync(corpusPath(`clu-projects/${name}`), 'utf8')) as { parameters?: { body?: unknown } };
      // The REST spec's example is a request: its body is the project.
      return { name, json: json.parameters?.body ?? json };
    });
}

/** The keys objects of each kind carry across projects: `metadata`, `entity`, `utterance`, `label`… */
export function keySets(projects: unknown[]): Map<string, Set<string>> {
  const kinds = new Map<string, Set<string>>();
  const add = (kind: string, value: unknown) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    const keys = kinds.get(kind) ?? new Set<string>();
    for (const key of Object.keys(value)) keys.add(key);
    kinds.set(kind, keys);
  };
  for (const project of projects as Array<Record<string, any>>) {
    add('project', project);
    add('metadata', project.metadata);
    add('settings', project.metadata?.settings);
    add('assets', project.assets);
    for (const intent of project.assets?.intents ?? []) add('intent', intent);
    for (const entity of project.assets?.entities ?? []) {
      add('entity', entity);
      for (const sublist of entity.list?.sublists ?? []) add('sublist', sublist);
      for (const expression of entity.regex?.expressions ?? []) add('expression', expression);
    }
    for (const utterance of project.assets?.utterances ?? []) {
      add('utterance', utterance);
      for (const label of utterance.entities ?? []) add('label', label);
    }
  }
  return kinds;
}
