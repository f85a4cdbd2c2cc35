// Azure CLU from intent files and back: compile, import, plan and deploy through the authoring API.

// Commonly used
export { cluCompileLosses, compileCluProject, noneIntent, type CompileCluOptions } from './compile-clu-project.js';
export { importCluProject, type ImportedCluProject, type CluProjectSettings } from './import-clu-project.js';
export { planCluDeploy, cluModelLimit, type CluDeployPlan } from './plan-clu-deploy.js';
export { applyCluDeploy, deployCluProject, type ApplyCluOptions, type CluDeployResult, type CluDeployStep } from './deploy-clu-project.js';
export { formatCluPlan } from './format-clu-plan.js';
export { formatLossReport, type LossItem, type LossKind, type LossReport } from './import-report.js';

// The project file
export {
  cluProjectSchema,
  cluProjectFileVersion,
  cluProjectFileVersions,
  readCluProject,
  type CluProject,
  type CluProjectInput,
  type CluEntity,
  type CluUtterance,
  type CluLabel,
  type CompositionSetting,
  type EntityComponent,
} from './clu-project.js';
export { diffCluProjects, type CluChange, type CluChangeKind } from './diff-clu-projects.js';
export { normalizeCluProject, cluContentHash } from './normalize-clu-project.js';
export { cluLanguageOf, localeOfCluLanguage, prebuiltOfType, typeOfPrebuilt } from './clu-names.js';

// Advanced: the authoring REST client
export { createCluAuthoringClient, cluAuthoringApiVersion, type CluAuthoringClient, type CluAuthoringTarget, type CluDeployment, type CluTrainedModel } from './clu-authoring-client.js';
export { cluAuthoringProvider } from './clu-authoring-errors.js';
