/**
 * `parley lex deploy [intents-dir] --bot <name> [--plan] [--region r] [--endpoint url] [--role-arn arn]
 * [--alias live] [--lambda-arn arn]`: make a Lex V2 bot match the intent files, through the
 * model-building API. Credentials come from the AWS SDK's default chain and are never printed.
 */
import { Command } from 'commander';
import { ConfigurationError } from '../core/errors.js';
import { deployLexBot, type LexDeployPlan } from '../../bot-deploy/lex-v2/deploy/index.js';

interface DeployOptions {
  bot: string;
  plan?: boolean;
  region?: string;
  endpoint?: string;
  roleArn?: string;
  alias: string;
  lambdaArn?: string;
}

/**
 * The `deploy` sub-command of `parley lex`.
 *
 * @example
 * lexCommand().addCommand(lexDeployCommand()) // parley lex deploy intents --bot AcmeTelecom --plan
 */
export function lexDeployCommand(): Command {
  return new Command('deploy')
    .description('deploy intent files to an Amazon Lex V2 bot: change what differs, build, make a version, move the alias (--plan: only show it); refuses files with lint errors')
    .argument('[intents-dir]', 'the intents folder (one folder per locale)', 'intents')
    .requiredOption('--bot <name>', "the Lex bot's name (made when missing)")
    .option('--plan', 'show what would change, and change nothing')
    .option('--region <region>', 'the AWS region (default: the SDK\'s, from AWS_REGION or the profile)')
    .option('--endpoint <url>', 'another model-building endpoint, such as an emulator on this machine')
    .option('--role-arn <arn>', 'the IAM role the bot runs as; needed when the bot is created')
    .option('--alias <name>', 'the alias to point at the new version', 'live')
    .option('--lambda-arn <arn>', "a Lambda to set as the alias's code hook in every locale")
    .action(async (dir: string, options: DeployOptions) => {
      checkEndpoint(options.endpoint);
      const { plan } = await deployLexBot({
        intentsDir: dir,
        botName: options.bot,
        aliasName: options.alias,
        plan: options.plan ?? false,
        ...definedOnly({ region: options.region, endpoint: options.endpoint, roleArn: options.roleArn, lambdaArn: options.lambdaArn }),
        onPlan: (planned) => console.log(formatLexPlan(planned)),
        onProgress: ({ step, index, total, state, status }) => {
          if (state === 'started') console.log(`[${index}/${total}] ${step.description}…`);
          if (state === 'waiting') console.log(`        ${status}`);
        },
      });
      if (options.plan || plan.steps.length === 0) return;
      const version = plan.steps.some((step) => step.action === 'create-version') ? 'a new version' : 'an existing version';
      console.log(`Deployed: alias ${plan.aliasName} of bot ${plan.botName} serves ${version} built from these files.`);
    });
}

/**
 * The plan, one line per step.
 *
 * @example
 * console.log(formatLexPlan(plan)) // Plan for Lex bot AcmeTelecom, alias live: 21 steps …
 */
export function formatLexPlan(plan: LexDeployPlan): string {
  if (plan.steps.length === 0) return `Lex bot ${plan.botName} is up to date: alias ${plan.aliasName} serves these files.`;
  const lines = plan.steps.map((step, index) => `  ${String(index + 1).padStart(2)}. ${step.description}`);
  return [`Plan for Lex bot ${plan.botName}, alias ${plan.aliasName}: ${plan.steps.length} step${plan.steps.length === 1 ? '' : 's'}`, ...lines].join('\n');
}

/** Plain http only to this machine: an emulator. Signed requests never cross a network unencrypted. */
function checkEndpoint(endpoint: string | undefined): void {
  if (endpoint === undefined) return;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ConfigurationError('--endpoint', `${endpoint} is not a URL`);
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) throw new ConfigurationError('--endpoint', 'must be https:// (http:// only for an emulator on this machine)');
}

function definedOnly<Values extends Record<string, unknown>>(values: Values): Partial<Values> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<Values>;
}
