/**
 * `parley clu`: Azure CLU projects from intent files, and back.
 *   parley clu build [intents-dir] [--out dist/clu/<Project>.json] [--project Name]
 *   parley clu import <project.json> [--out intents]
 *   parley clu deploy [intents-dir] --endpoint URL --project Name [--deployment production] [--api-key-env CLU_AUTHORING_KEY] [--plan]
 * Build and deploy lint the files for CLU first and refuse any with errors.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AzureKeyCredential } from '@azure/core-auth';
import { Command, InvalidArgumentError } from 'commander';
import type { IntentModel } from '../content/intent-model.js';
import { readIntents } from '../content/read-intents.js';
import { writeIntentFiles } from '../content/write-intent-files.js';
import { describeSyntaxError, parseConfigText } from '../core/config-text.js';
import { ConfigurationError, IntentFileError } from '../core/errors.js';
import { lintIntents } from '../lint/index.js';
import { cluCompileLosses, compileCluProject, type CompileCluOptions } from '../../bot-deploy/azure-clu/compile-clu-project.js';
import { applyCluDeploy } from '../../bot-deploy/azure-clu/deploy-clu-project.js';
import { formatCluPlan } from '../../bot-deploy/azure-clu/format-clu-plan.js';
import { importCluProject } from '../../bot-deploy/azure-clu/import-clu-project.js';
import { formatLossReport } from '../../bot-deploy/azure-clu/import-report.js';
import { planCluDeploy } from '../../bot-deploy/azure-clu/plan-clu-deploy.js';

/**
 * @example
 * program.addCommand(cluCommand()); // parley clu deploy intents --endpoint https://… --project Parley
 */
export function cluCommand(): Command {
  return new Command('clu').description('Azure CLU: build a project from intent files, import one, or deploy').addCommand(buildCommand()).addCommand(importCommand()).addCommand(deployCommand());
}

interface ProjectOptions {
  project: string;
  description?: string;
  threshold?: number;
  locales?: string[];
}

const projectOption = (command: Command) =>
  command
    .option('--description <text>', "the project's description")
    .option('--threshold <confidence>', 'under this confidence CLU answers None, 0–1 (default 0)', parseShare)
    .option('--locales <list>', 'the locales to compile, the primary first (default all)', (raw: string) => raw.split(',').map((item) => item.trim()).filter(Boolean));

function buildCommand(): Command {
  return projectOption(
    new Command('build')
      .description('compile intent files into a CLU project file (for :import or Language Studio); refuses files with lint errors')
      .argument('[intents-dir]', 'the intents folder (one folder per locale)', 'intents')
      .option('-o, --out <file>', 'where to write the project JSON (default dist/clu/<Project>.json)')
      .option('--project <name>', "the CLU project's name", 'Parley'),
  ).action(async (dir: string, options: ProjectOptions & { out?: string }) => {
    const model = await lintedModel(dir);
    const project = compileCluProject(model, compileOptions(options));
    const out = options.out ?? join('dist', 'clu', `${options.project}.json`);
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, `${JSON.stringify(project, null, 2)}\n`);
    const { intents, entities, utterances } = project.assets;
    console.log(`Wrote ${out}: CLU project ${project.metadata.projectName} (${project.metadata.language}${project.metadata.multilingual ? ', multilingual' : ''}): ${intents.length} intents (None included), ${entities.length} entities, ${utterances.length} utterances`);
    const losses = cluCompileLosses(model, compileOptions(options));
    if (losses.length > 0) console.log(`Not in the project (only the Lex build carries them):\n${losses.map((line) => `  ${line}`).join('\n')}`);
  });
}

function importCommand(): Command {
  return new Command('import')
    .description('import a CLU project export (or an utterances file) into intent files, with a report of what they cannot hold')
    .argument('<project.json>', 'the exported project file')
    .option('-o, --out <dir>', 'the intents folder to write', 'intents')
    .option('--overwrite', "write into a folder that is not empty (its locale folders' YAML files are replaced)")
    .action(async (source: string, options: { out: string; overwrite?: boolean }) => {
      let text: string;
      try {
        text = await readFile(source, 'utf8');
      } catch (error) {
        throw new ConfigurationError(source, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
      }
      // By position only: JSON.parse's message quotes the text around the mistake.
      const parsed = parseConfigText(text, 'json');
      if (parsed.kind === 'syntax-error') throw new ConfigurationError(source, `is not valid JSON: ${describeSyntaxError(parsed)}`);
      const json = parsed.value;
      const { model, settings, report } = importCluProject(json);
      const { files } = await writeIntentFiles(model, options.out, { overwrite: options.overwrite ?? false });
      console.log(`Imported CLU project ${settings.projectName} into ${options.out}: ${files.length} files`);
      for (const locale of Object.values(model.locales)) {
        const utterances = locale.intents.reduce((sum, intent) => sum + intent.utterances.length, 0);
        console.log(`  ${locale.locale}: ${locale.intents.length} intents, ${locale.slotTypes.length} slot types, ${utterances} utterances`);
      }
      const description = settings.description ? ` --description ${JSON.stringify(settings.description)}` : '';
      console.log(`To build it again: parley clu build ${options.out} --project ${settings.projectName} --threshold ${settings.confidenceThreshold}${description}`);
      console.log(report.length === 0 ? 'Nothing was left out.' : `Not imported or changed (${report.length} items):\n${formatLossReport(report)}`);
      const { problems } = await readIntents(options.out);
      if (problems.length > 0) {
        console.log(`The written files have ${problems.length} problems to fix (parley intents lint ${options.out}):`);
        for (const problem of problems) console.log(`  ${problem.file}:${problem.line}:${problem.column}: ${problem.message}`);
      }
    });
}

interface DeployOptions extends ProjectOptions {
  endpoint: string;
  deployment: string;
  apiKeyEnv: string;
  plan?: boolean;
  pollInterval: number;
}

function deployCommand(): Command {
  return projectOption(
    new Command('deploy')
      .description('deploy intent files to a CLU project: import, train and deploy what changed (--plan: only show it); refuses files with lint errors')
      .argument('[intents-dir]', 'the intents folder (one folder per locale)', 'intents')
      .requiredOption('--endpoint <url>', 'the Language resource: https://<resource>.cognitiveservices.azure.com')
      .requiredOption('--project <name>', 'the CLU project (made when missing)')
      .option('--deployment <name>', 'the deployment to serve the trained model', 'production')
      .option('--api-key-env <variable>', "the environment variable holding the resource's key", 'CLU_AUTHORING_KEY')
      .option('--plan', 'show what would change, and change nothing')
      .option('--poll-interval <ms>', 'between two looks at a running job', parseWhole, 2000),
  ).action(async (dir: string, options: DeployOptions) => {
    const target = targetOf(options);
    const project = compileCluProject(await lintedModel(dir), compileOptions(options));
    const plan = await planCluDeploy(project, target);
    console.log(formatCluPlan(plan));
    if (options.plan || plan.changes.length === 0) return;
    const doing = { 'remove-model': 'Removing model', import: 'Importing project', train: 'Training model', deploy: 'Deploying to' } as const;
    await applyCluDeploy(plan, target, { onStep: (step, name) => console.log(`${doing[step]} ${name}…`) });
    console.log(`Deployed: ${plan.projectName}/${plan.deploymentName} serves model ${plan.modelLabel}`);
  });
}

/** The files' model, after the lint for CLU: a deploy never starts from files with errors. */
async function lintedModel(dir: string): Promise<IntentModel> {
  const report = await lintIntents(dir, { targets: ['clu'], measure: false });
  const errors = report.findings.filter((finding) => finding.severity === 'error');
  if (errors.length > 0) throw new IntentFileError(errors.map(({ file, line, column, message, hint }) => (hint === undefined ? { file, line, column, message } : { file, line, column, message, hint })));
  return report.model;
}

function compileOptions(options: ProjectOptions): CompileCluOptions {
  return {
    projectName: options.project,
    ...(options.description !== undefined ? { description: options.description } : {}),
    ...(options.threshold !== undefined ? { confidenceThreshold: options.threshold } : {}),
    ...(options.locales !== undefined ? { locales: options.locales } : {}),
  };
}

function targetOf(options: DeployOptions) {
  let url: URL;
  try {
    url = new URL(options.endpoint);
  } catch {
    throw new ConfigurationError('--endpoint', `${options.endpoint} is not a URL; give https://<resource>.cognitiveservices.azure.com`);
  }
  // Plain http only to this machine: an emulator. The key never crosses a network unencrypted.
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) throw new ConfigurationError('--endpoint', 'must be https:// (http:// only for an emulator on this machine)');
  const key = process.env[options.apiKeyEnv];
  if (!key) throw new ConfigurationError(options.apiKeyEnv, `is not set; export it with the Language resource's key (or name another variable with --api-key-env)`);
  return {
    endpoint: options.endpoint,
    credential: new AzureKeyCredential(key),
    projectName: options.project,
    deploymentName: options.deployment,
    pollIntervalMs: options.pollInterval,
    ...(url.protocol === 'http:' ? { clientOptions: { allowInsecureConnection: true } } : {}),
  };
}

function parseShare(raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !(value >= 0 && value <= 1)) throw new InvalidArgumentError('give a number from 0 to 1');
  return value;
}

function parseWhole(raw: string): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value > 600_000) throw new InvalidArgumentError('give a whole number of milliseconds');
  return value;
}
