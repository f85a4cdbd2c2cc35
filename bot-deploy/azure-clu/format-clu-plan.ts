/** A deploy plan as lines for people: each intent and entity change, utterances counted (a few shown). */
import type { CluChange } from './diff-clu-projects.js';
import type { CluDeployPlan } from './plan-clu-deploy.js';

const marks = { added: '+', removed: '-', changed: '~' } as const;
const shownUtterances = 10;

/**
 * @example
 * console.log(formatCluPlan(plan));
 * // CLU project Parley, deployment production (http://…):
 * //   + intent BookAppointment …
 */
export function formatCluPlan(plan: CluDeployPlan): string {
  const head = `CLU project ${plan.projectName}, deployment ${plan.deploymentName} (${plan.endpoint})`;
  if (plan.changes.length === 0) return `${head}: up to date, nothing to change`;
  const line = (change: CluChange) => `  ${marks[change.change]} ${change.kind} ${change.kind === 'utterance' ? JSON.stringify(change.name) : change.name}${change.detail ? ` (${change.detail})` : ''}`;
  const lines = [`${head}:`];
  const utterances = plan.changes.filter((change) => change.kind === 'utterance');
  for (const change of plan.changes.filter((item) => item.kind !== 'utterance' && item.kind !== 'model' && item.kind !== 'deployment')) lines.push(line(change));
  lines.push(...utterances.slice(0, shownUtterances).map(line));
  if (utterances.length > shownUtterances) {
    const count = (kind: CluChange['change']) => utterances.filter((change) => change.change === kind).length;
    lines.push(`  … ${utterances.length} utterance changes in all: ${count('added')} added, ${count('removed')} removed, ${count('changed')} changed`);
  }
  for (const change of plan.changes.filter((item) => item.kind === 'model' || item.kind === 'deployment')) lines.push(line(change));
  return lines.join('\n');
}
