/** What differs between two CLU projects, meaning for meaning (see normalizeCluProject). */
import type { CluProject, CluProjectInput } from './clu-project.js';
import { normalizeCluProject } from './normalize-clu-project.js';

/** Content (settings, intents, entities, utterances), and what a deploy does besides: the project, a trained model, the deployment. */
export type CluChangeKind = 'settings' | 'intent' | 'entity' | 'utterance' | 'project' | 'model' | 'deployment';

export interface CluChange {
  kind: CluChangeKind;
  change: 'added' | 'removed' | 'changed';
  /** The setting, intent or entity name, the utterance text, or the project, model or deployment name. */
  name: string;
  /** What changed: the parts of an entity, an utterance's language and intent, a setting's values. */
  detail?: string;
}

/**
 * The changes that turn `current` into `desired`; none when they mean the same.
 *
 * @example
 * diffCluProjects(exported, compiled) // [{ kind: 'utterance', change: 'added', name: 'book a repair', detail: 'en-us, BookAppointment' }]
 */
export function diffCluProjects(current: CluProject | CluProjectInput, desired: CluProject | CluProjectInput): CluChange[] {
  const from = normalizeCluProject(current);
  const to = normalizeCluProject(desired);
  const changes: CluChange[] = [];
  for (const key of Object.keys(to.settings) as (keyof typeof to.settings)[]) {
    if (from.settings[key] !== to.settings[key]) changes.push({ kind: 'settings', change: 'changed', name: key, detail: `${JSON.stringify(from.settings[key])} → ${JSON.stringify(to.settings[key])}` });
  }
  for (const name of to.intents) if (!from.intents.includes(name)) changes.push({ kind: 'intent', change: 'added', name });
  for (const name of from.intents) if (!to.intents.includes(name)) changes.push({ kind: 'intent', change: 'removed', name });
  for (const [name, entity] of to.entities) {
    const before = from.entities.get(name);
    if (before === undefined) changes.push({ kind: 'entity', change: 'added', name });
    else if (before !== entity) changes.push({ kind: 'entity', change: 'changed', name, detail: changedParts(before, entity) });
  }
  for (const name of from.entities.keys()) if (!to.entities.has(name)) changes.push({ kind: 'entity', change: 'removed', name });
  for (const [key, utterance] of to.utterances) {
    const before = from.utterances.get(key);
    if (before === utterance) continue;
    changes.push({ kind: 'utterance', change: before === undefined ? 'added' : 'changed', ...utteranceName(key, utterance, before) });
  }
  for (const [key, utterance] of from.utterances) if (!to.utterances.has(key)) changes.push({ kind: 'utterance', change: 'removed', ...utteranceName(key, utterance) });
  return changes;
}

function changedParts(before: string, after: string): string {
  const a = JSON.parse(before) as Record<string, unknown>;
  const b = JSON.parse(after) as Record<string, unknown>;
  return Object.keys(b).filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key])).join(', ');
}

function utteranceName(key: string, utterance: string, before?: string): { name: string; detail: string } {
  const space = key.indexOf(' ');
  const { intent } = JSON.parse(utterance) as { intent: string };
  const previous = before === undefined ? undefined : (JSON.parse(before) as { intent: string }).intent;
  const moved = previous !== undefined && previous !== intent ? `${previous} → ${intent}` : intent;
  return { name: key.slice(space + 1), detail: `${key.slice(0, space)}, ${moved}${before !== undefined && previous === intent ? ', labels or dataset' : ''}` };
}
