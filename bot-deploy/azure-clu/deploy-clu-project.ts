/**
 * Applies a deploy plan through the CLU authoring API: make room for the model, `:import` the
 * project, `:train` the `parley-<hash>` model, point the deployment at it; each a job polled until it
 * ends. An empty plan makes no call. A step that fails throws (a ProviderCallError); what was done
 * stays done, and the next plan picks up from there.
 */
import { createCluAuthoringClient, type CluAuthoringTarget } from './clu-authoring-client.js';
import type { CluProject } from './clu-project.js';
import { planCluDeploy, type CluDeployPlan } from './plan-clu-deploy.js';

export type CluDeployStep = 'remove-model' | 'import' | 'train' | 'deploy';

export interface ApplyCluOptions {
  /** Called as each step starts: for progress output. */
  onStep?: (step: CluDeployStep, name: string) => void;
}

export interface CluDeployResult {
  plan: CluDeployPlan;
  /** The steps taken, in order. */
  done: CluDeployStep[];
}

/**
 * @example
 * const plan = await planCluDeploy(project, target);
 * if (plan.changes.length > 0) await applyCluDeploy(plan, target);
 */
export async function applyCluDeploy(plan: CluDeployPlan, target: CluAuthoringTarget, options: ApplyCluOptions = {}): Promise<CluDeployResult> {
  const client = createCluAuthoringClient({ ...target, projectName: plan.projectName });
  const done: CluDeployStep[] = [];
  const step = async (name: CluDeployStep, subject: string, run: () => Promise<void>) => {
    options.onStep?.(name, subject);
    await run();
    done.push(name);
  };
  for (const label of plan.steps.removeModels) await step('remove-model', label, () => client.deleteModel(label));
  if (plan.steps.import) await step('import', plan.projectName, () => client.importProject(plan.project));
  if (plan.steps.train) await step('train', plan.modelLabel, () => client.train(plan.modelLabel));
  if (plan.steps.deploy) await step('deploy', plan.deploymentName, () => client.deploy(plan.deploymentName, plan.modelLabel));
  return { plan, done };
}

/**
 * Plans and applies in one go.
 *
 * @example
 * await deployCluProject(compileCluProject(model, { projectName: 'Parley' }), { endpoint, credential: new AzureKeyCredential(key), projectName: 'Parley' });
 */
export async function deployCluProject(project: CluProject, target: CluAuthoringTarget, options: ApplyCluOptions = {}): Promise<CluDeployResult> {
  return applyCluDeploy(await planCluDeploy(project, target), target, options);
}
