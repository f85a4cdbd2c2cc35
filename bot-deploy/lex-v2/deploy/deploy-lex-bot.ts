/**
 * `parley lex deploy` as a function: lint the intent files (a deploy never starts from files with
 * errors), compile them, read the bot from the account, plan, and apply unless asked only to plan.
 */
import type { LexModelsV2Client } from '@aws-sdk/client-lex-models-v2';
import type { IntentModel } from '../../../src/content/intent-model.js';
import { ConfigurationError, IntentFileError } from '../../../src/core/errors.js';
import { checkTargetLimits, lintIntents, type LintFinding } from '../../../src/lint/index.js';
import { compileLexBot, type CompileLexBotOptions } from '../compile-lex-bot.js';
import { readLexBotSettings } from '../lex-bot-settings.js';
import { lexNamePattern } from '../lex-names.js';
import { applyLexDeploy, type LexDeployProgress } from './apply-lex-deploy.js';
import { lexApiState } from './lex-api-shapes.js';
import type { LexModelsConnection } from './lex-models-calls.js';
import { planLexDeploy, type LexDeployPlan, type LexDeployStep } from './plan-lex-deploy.js';
import { readDeployedBot } from './read-deployed-bot.js';
import type { LexDeployTiming } from './wait-for-lex.js';

export interface DeployLexBotOptions {
  /** The intents folder; its `lex-bot.json` (if any) gives the bot settings. */
  intentsDir?: string;
  /** Or an intent model already loaded (only the Lex limits are checked then). */
  model?: IntentModel;
  botName: string;
  /** Bot settings over `lex-bot.json`'s (threshold, voice, session timeout…). */
  settings?: Omit<CompileLexBotOptions, 'botName'>;
  /** The IAM role of the bot: needed to create it. */
  roleArn?: string;
  /** Default `live`. */
  aliasName?: string;
  /** A Lambda the alias calls as its code hook, in every locale. */
  lambdaArn?: string;
  /** A client to use; else one is made from `region`, `endpoint` and the SDK's default credentials. */
  client?: LexModelsV2Client;
  region?: string;
  endpoint?: string;
  /** The SDK's attempts per call, for throttling and server errors (default 5). */
  maxAttempts?: number;
  /** Only plan: change nothing. */
  plan?: boolean;
  /** Called with the plan before anything is changed (to print it). */
  onPlan?: (plan: LexDeployPlan) => void;
  onProgress?: (progress: LexDeployProgress) => void;
  timing?: LexDeployTiming;
}

export interface LexDeployResult {
  plan: LexDeployPlan;
  /** The steps carried out: none with `plan: true`. */
  applied: LexDeployStep[];
}

/**
 * @example
 * const { plan } = await deployLexBot({ intentsDir: 'intents', botName: 'AcmeTelecom', roleArn, region: 'us-east-1' })
 * console.log(plan.steps.length === 0 ? 'up to date' : `${plan.steps.length} changes made`)
 */
export async function deployLexBot(options: DeployLexBotOptions): Promise<LexDeployResult> {
  const aliasName = options.aliasName ?? 'live';
  checkNames(options.botName, aliasName);
  const model = await lintedModel(options);
  const fileSettings = options.intentsDir !== undefined ? await readLexBotSettings(options.intentsDir) : {};
  const { botName: _fileBotName, ...settings } = { ...fileSettings, ...options.settings };
  const desired = lexApiState(compileLexBot(model, { ...settings, botName: options.botName }));

  const sdk = await import('@aws-sdk/client-lex-models-v2');
  const client = options.client ?? new sdk.LexModelsV2Client({ ...(options.region ? { region: options.region } : {}), ...(options.endpoint ? { endpoint: options.endpoint } : {}), maxAttempts: options.maxAttempts ?? 5 });
  const lex: LexModelsConnection = { client, sdk };
  try {
    const deployed = await readDeployedBot(lex, options.botName, { aliasName, localeIds: desired.locales.map(({ locale }) => locale.localeId) });
    const plan = planLexDeploy(desired, deployed, {
      aliasName,
      ...(options.lambdaArn !== undefined ? { lambdaArn: options.lambdaArn } : {}),
      ...(options.roleArn !== undefined ? { roleArn: options.roleArn } : {}),
    });
    options.onPlan?.(plan);
    if (options.plan || plan.steps.length === 0) return { plan, applied: [] };
    const applied = await applyLexDeploy(lex, plan, { ...(options.timing ? { timing: options.timing } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
    return { plan, applied };
  } finally {
    if (!options.client) client.destroy();
  }
}

function checkNames(botName: string, aliasName: string): void {
  if (!lexNamePattern.test(botName)) throw new ConfigurationError('--bot', `"${botName}" is not a Lex bot name; use letters and digits with single _ or - between them`);
  if (!lexNamePattern.test(aliasName)) throw new ConfigurationError('--alias', `"${aliasName}" is not a Lex alias name; use letters and digits with single _ or - between them`);
  if (aliasName === 'TestBotAlias') throw new ConfigurationError('--alias', 'TestBotAlias always serves DRAFT; name another alias');
}

/** The model, after the lint for Lex; any error refuses the deploy before a single call. */
async function lintedModel(options: DeployLexBotOptions): Promise<IntentModel> {
  let findings: LintFinding[];
  let model: IntentModel;
  if (options.model) {
    model = options.model;
    findings = checkTargetLimits(model, ['lex'], '(intent model)');
  } else if (options.intentsDir !== undefined) {
    const report = await lintIntents(options.intentsDir, { targets: ['lex'], measure: false });
    ({ model, findings } = report);
  } else {
    throw new ConfigurationError('intentsDir', 'give the intents folder (or an intent model) to deploy');
  }
  const errors = findings.filter((finding) => finding.severity === 'error');
  if (errors.length > 0) throw new IntentFileError(errors.map(({ file, line, column, message, hint }) => (hint === undefined ? { file, line, column, message } : { file, line, column, message, hint })));
  return model;
}
