/**
 * The alias, last: made on the version, or moved to it. UpdateBotAlias replaces the whole alias, so
 * what Parley does not set (description, conversation logs, sentiment) is sent back as it was, and
 * without `--lambda-arn` each locale keeps the code hook it had.
 */
import type { BotAliasLocaleSettings } from '@aws-sdk/client-lex-models-v2';
import { ProviderCallError } from '../../../src/core/errors.js';
import { createOrFind, findByName, write, type LexApplyContext } from './lex-deploy-writes.js';
import { lexModelsCall, lexModelsProvider } from './lex-models-calls.js';
import type { LexDeployPlan, LexDeployStep } from './plan-lex-deploy.js';
import { pollUntil } from './wait-for-lex.js';

type AliasStep = Extract<LexDeployStep, { action: 'create-alias' | 'update-alias' }>;

export async function putAlias(context: LexApplyContext, step: AliasStep): Promise<void> {
  const { client, sdk } = context.lex;
  const { botId, plan } = context;
  const botVersion = step.botVersion ?? context.botVersion;
  if (!botVersion) throw new Error(`alias ${step.aliasName}: the plan gives no version and this deploy made none`);
  const findAlias = async () =>
    (await findByName('ListBotAliases', (nextToken) => client.send(new sdk.ListBotAliasesCommand({ botId, nextToken })), (page) => page.botAliasSummaries, (alias) => alias.botAliasName, step.aliasName))?.botAliasId;
  let botAliasId = step.action === 'update-alias' ? (plan.deployed?.alias?.botAliasId ?? (await findAlias())) : undefined;
  if (!botAliasId) {
    const made = await createOrFind(
      context,
      'CreateBotAlias',
      undefined,
      async () => (await client.send(new sdk.CreateBotAliasCommand({ botId, botAliasName: step.aliasName, botVersion, botAliasLocaleSettings: aliasLocaleSettings(plan, undefined) }))).botAliasId,
      findAlias,
    );
    botAliasId = made.found ? made.id : undefined;
    if (!botAliasId) return waitForAlias(context, made.id);
  }
  const aliasId = botAliasId;
  const current = await lexModelsCall('DescribeBotAlias', () => client.send(new sdk.DescribeBotAliasCommand({ botId, botAliasId: aliasId })));
  await write(context, 'UpdateBotAlias', undefined, () =>
    client.send(
      new sdk.UpdateBotAliasCommand({
        botId,
        botAliasId: aliasId,
        botAliasName: step.aliasName,
        botVersion,
        ...(current.description !== undefined ? { description: current.description } : {}),
        botAliasLocaleSettings: aliasLocaleSettings(plan, current.botAliasLocaleSettings),
        ...(current.conversationLogSettings ? { conversationLogSettings: current.conversationLogSettings } : {}),
        ...(current.sentimentAnalysisSettings ? { sentimentAnalysisSettings: current.sentimentAnalysisSettings } : {}),
      }),
    ),
  );
  await waitForAlias(context, aliasId);
}

/** Each locale of the bot enabled; with `--lambda-arn`, that Lambda as its code hook; else what the alias had. */
function aliasLocaleSettings(plan: LexDeployPlan, current: Record<string, BotAliasLocaleSettings> | undefined): Record<string, BotAliasLocaleSettings> {
  return Object.fromEntries(
    plan.desired.locales.map(({ locale }) => {
      if (plan.lambdaArn) return [locale.localeId, { enabled: true, codeHookSpecification: { lambdaCodeHook: { lambdaARN: plan.lambdaArn, codeHookInterfaceVersion: '1.0' } } }];
      return [locale.localeId, current?.[locale.localeId] ?? { enabled: true }];
    }),
  );
}

async function waitForAlias(context: LexApplyContext, botAliasId: string): Promise<void> {
  const { client, sdk } = context.lex;
  const alias = await pollUntil(
    {
      what: `alias ${context.plan.aliasName}`,
      operation: 'DescribeBotAlias',
      look: () => lexModelsCall('DescribeBotAlias', () => client.send(new sdk.DescribeBotAliasCommand({ botId: context.botId, botAliasId }))),
      settled: (described) => described.botAliasStatus !== 'Creating',
      onWait: (described) => context.onWait(`alias ${described.botAliasStatus}`),
    },
    context.timing,
  );
  if (alias.botAliasStatus !== 'Available') throw new ProviderCallError({ provider: lexModelsProvider, operation: 'CreateBotAlias', retryable: false, message: `alias ${context.plan.aliasName} is ${alias.botAliasStatus}` });
}
