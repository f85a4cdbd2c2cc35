/**
 * What a deploy would change, found without changing anything: the project as deployed (exported)
 * against the compiled one, meaning for meaning; whether a model trained from this content exists
 * (Parley labels models `parley-<content hash>`); whether the deployment serves it. A deploy that
 * stopped half-way (imported, then training failed) is finished by the next plan's training and
 * deployment steps.
 */
import { ConfigurationError } from '../../src/core/errors.js';
import { createCluAuthoringClient, type CluAuthoringTarget, type CluTrainedModel } from './clu-authoring-client.js';
import { cluProjectSchema, type CluProject } from './clu-project.js';
import { diffCluProjects, type CluChange } from './diff-clu-projects.js';
import { cluContentHash } from './normalize-clu-project.js';

/** CLU keeps at most this many trained models per project. */
export const cluModelLimit = 10;

export interface CluDeployPlan {
  endpoint: string;
  projectName: string;
  deploymentName: string;
  /** The project an apply imports, named after the target project. */
  project: CluProject;
  /** The model an apply trains and deploys: `parley-<content hash>`. */
  modelLabel: string;
  /** Everything that differs; empty when the deployment already serves these files. */
  changes: CluChange[];
  steps: { removeModels: string[]; import: boolean; train: boolean; deploy: boolean };
}

/**
 * @example
 * const plan = await planCluDeploy(compileCluProject(model, { projectName: 'Parley' }), { endpoint, credential, projectName: 'Parley' });
 * console.log(formatCluPlan(plan)); // nothing is changed yet
 */
export async function planCluDeploy(compiled: CluProject, target: CluAuthoringTarget): Promise<CluDeployPlan> {
  const project: CluProject = { ...compiled, metadata: { ...compiled.metadata, projectName: target.projectName } };
  const deploymentName = target.deploymentName ?? 'production';
  const modelLabel = `parley-${cluContentHash(project)}`;
  const client = createCluAuthoringClient(target);
  const changes: CluChange[] = [];
  const info = await client.getProject();
  if (info && info.projectKind !== 'Conversation') {
    throw new ConfigurationError('--project', `${target.projectName} is a ${info.projectKind} project; choose the name of a Conversation project, or a new name`);
  }
  if (!info) changes.push({ kind: 'project', change: 'added', name: target.projectName });
  const current = info ? cluProjectSchema.safeParse(await client.exportProject()) : undefined;
  if (current && !current.success) changes.push({ kind: 'project', change: 'changed', name: target.projectName, detail: 'the exported project cannot be read; it is replaced' });
  const base = current?.success ? current.data : emptyLike(project);
  changes.push(...diffCluProjects(base, project));
  const needsImport = changes.length > 0;

  const models = info ? await client.listModels() : [];
  const trained = models.find((model) => model.label === modelLabel);
  if (!trained) changes.push({ kind: 'model', change: 'added', name: modelLabel, detail: needsImport ? 'trained from the new content' : 'no model is trained from the current content' });
  const deployment = info ? await client.getDeployment(deploymentName) : undefined;
  const deploy = !trained || deployment?.modelId !== trained.modelId;
  if (deploy) changes.push({ kind: 'deployment', change: deployment ? 'changed' : 'added', name: deploymentName, detail: `to serve ${modelLabel}` });
  const removeModels = !trained && models.length >= cluModelLimit ? await roomForOne(models, client) : [];
  for (const label of removeModels) changes.push({ kind: 'model', change: 'removed', name: label, detail: `CLU keeps at most ${cluModelLimit} models` });
  return {
    endpoint: target.endpoint,
    projectName: target.projectName,
    deploymentName,
    project,
    modelLabel,
    changes,
    steps: { removeModels, import: needsImport, train: !trained, deploy },
  };
}

/** The oldest models Parley trained that no deployment serves, enough to leave room for one more. */
async function roomForOne(models: CluTrainedModel[], client: ReturnType<typeof createCluAuthoringClient>): Promise<string[]> {
  const served = new Set((await client.listDeployments()).map((deployment) => deployment.modelId));
  const spare = models
    .filter((model) => model.label.startsWith('parley-') && !served.has(model.modelId))
    .sort((a, b) => (a.lastTrainedDateTime ?? '').localeCompare(b.lastTrainedDateTime ?? ''));
  const needed = models.length - (cluModelLimit - 1);
  if (spare.length < needed) throw new ConfigurationError('--project', `the project has ${models.length} trained models (CLU keeps ${cluModelLimit}) and too few are Parley's and unused to make room; delete some in Language Studio`);
  return spare.slice(0, needed).map((model) => model.label);
}

function emptyLike(project: CluProject): CluProject {
  return { ...project, metadata: { ...project.metadata, description: '', multilingual: false, settings: { confidenceThreshold: 0 } }, assets: { projectKind: 'Conversation', intents: [], entities: [], utterances: [] } };
}
