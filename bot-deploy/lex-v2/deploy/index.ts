// Deploying intent files to an Amazon Lex V2 bot through the model-building API: plan, then apply.

// Commonly used
export { deployLexBot, type DeployLexBotOptions, type LexDeployResult } from './deploy-lex-bot.js';
export type { LexDeployPlan, LexDeployStep, LexDeployAction } from './plan-lex-deploy.js';
export type { LexDeployProgress } from './apply-lex-deploy.js';
export type { LexDeployTiming } from './wait-for-lex.js';

// Advanced: the stages one by one
export { lexApiState, type LexBotState, type LexLocaleState, type LexIntentState, type LexBotInput, type LexLocaleInput, type LexIntentInput, type LexSlotInput, type LexSlotTypeInput } from './lex-api-shapes.js';
export { readDeployedBot, type DeployedLexBot, type DeployedLexLocale, type DeployedLexIntent, type DeployedLexAlias, type DeployedLexVersion, type ReadDeployedBotOptions } from './read-deployed-bot.js';
export { planLexDeploy, type PlanLexDeployOptions } from './plan-lex-deploy.js';
export { applyLexDeploy, type ApplyLexDeployOptions } from './apply-lex-deploy.js';
export { lexContentHash, versionDescription } from './lex-managed-fields.js';
export { toLexModelsError, lexModelsProvider, type LexModelsConnection, type LexModelsSdk } from './lex-models-calls.js';
