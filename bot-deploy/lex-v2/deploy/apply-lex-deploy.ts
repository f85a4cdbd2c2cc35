/**
 * Carries out a plan in its order: bot (Available) -> locales (NotBuilt) -> slot types -> intents
 * and slots -> deletions -> builds (Built, or a clear error naming the failure reasons) -> a version
 * (Available, its description carrying the content hash) -> the alias. What was done stays done
 * when a step fails; the next plan starts from there.
 */
import { ConfigurationError, ProviderCallError } from '../../../src/core/errors.js';
import { putAlias } from './apply-lex-alias.js';
import { applyIntent, applySlotType, deleteIntent } from './apply-lex-content.js';
import { createOrFind, findByName, localeIds, waitUntilWritable, write, type LexApplyContext } from './lex-deploy-writes.js';
import { lexModelsCall, lexModelsProvider, type LexModelsConnection } from './lex-models-calls.js';
import type { LexDeployPlan, LexDeployStep } from './plan-lex-deploy.js';
import { pollUntil, type LexDeployTiming } from './wait-for-lex.js';

export interface LexDeployProgress {
  step: LexDeployStep;
  /** From 1. */
  index: number;
  total: number;
  /** `waiting` comes with the status seen (`locale en_US Building`). */
  state: 'started' | 'waiting' | 'done';
  status?: string;
}

export interface ApplyLexDeployOptions {
  timing?: LexDeployTiming;
  onProgress?: (progress: LexDeployProgress) => void;
}

type Step<Action extends LexDeployStep['action']> = Extract<LexDeployStep, { action: Action }>;

/**
 * Applies the plan; returns the steps done (all of them, or it throws).
 *
 * @example
 * const plan = planLexDeploy(desired, await readDeployedBot(lex, 'AcmeTelecom'), { roleArn })
 * await applyLexDeploy(lex, plan, { onProgress: ({ step, state }) => state === 'started' && console.log(step.description) })
 */
export async function applyLexDeploy(lex: LexModelsConnection, plan: LexDeployPlan, options: ApplyLexDeployOptions = {}): Promise<LexDeployStep[]> {
  if (plan.steps.some((step) => step.action === 'create-bot') && !plan.roleArn) {
    throw new ConfigurationError('--role-arn', `bot ${plan.botName} does not exist yet; creating it needs the ARN of an IAM role Lex can assume (arn:aws:iam::<account>:role/<name>)`);
  }
  let current: LexDeployProgress | undefined;
  const context: LexApplyContext = {
    lex,
    plan,
    timing: options.timing ?? {},
    botId: plan.deployed?.botId ?? '',
    locales: new Map(
      (plan.deployed?.locales ?? []).map((locale) => [
        locale.locale.localeId,
        {
          slotTypeIds: new Map(Object.entries(locale.slotTypeIds)),
          intents: new Map(locale.intents.map((intent) => [intent.intent.intentName, { intentId: intent.intentId, slotIds: new Map(Object.entries(intent.slotIds)) }])),
        },
      ]),
    ),
    onWait: (status) => current && options.onProgress?.({ ...current, state: 'waiting', status }),
  };
  const done: LexDeployStep[] = [];
  for (const [index, step] of plan.steps.entries()) {
    current = { step, index: index + 1, total: plan.steps.length, state: 'started' };
    options.onProgress?.(current);
    await applyStep(context, step);
    done.push(step);
    options.onProgress?.({ ...current, state: 'done' });
  }
  return done;
}

async function applyStep(context: LexApplyContext, step: LexDeployStep): Promise<void> {
  switch (step.action) {
    case 'create-bot':
    case 'update-bot':
      return putBot(context, step.action);
    case 'create-locale':
    case 'update-locale':
      return putLocale(context, step);
    case 'create-slot-type':
    case 'update-slot-type':
    case 'delete-slot-type':
      return applySlotType(context, step);
    case 'create-intent':
    case 'update-intent':
      return applyIntent(context, step);
    case 'delete-intent':
      return deleteIntent(context, step);
    case 'build-locale':
      return buildLocale(context, step.localeId);
    case 'create-version':
      return createVersion(context);
    case 'create-alias':
    case 'update-alias':
      return putAlias(context, step);
  }
}

async function putBot(context: LexApplyContext, action: 'create-bot' | 'update-bot'): Promise<void> {
  const { client, sdk } = context.lex;
  const { plan } = context;
  const roleArn = plan.roleArn ?? plan.deployed?.roleArn ?? '';
  const body = { ...plan.desired.bot, roleArn };
  const findBot = async () =>
    (await findByName('ListBots', (nextToken) => client.send(new sdk.ListBotsCommand({ filters: [{ name: 'BotName', values: [plan.botName], operator: 'EQ' }], nextToken })), (page) => page.botSummaries, (bot) => bot.botName, plan.botName))?.botId;
  let update = action === 'update-bot';
  if (action === 'create-bot') {
    const made = await createOrFind(context, 'CreateBot', undefined, async () => (await client.send(new sdk.CreateBotCommand(body))).botId, findBot);
    context.botId = made.id;
    update = made.found;
  }
  if (update) await write(context, 'UpdateBot', undefined, () => client.send(new sdk.UpdateBotCommand({ botId: context.botId, ...body })));
  await waitUntilWritable(context);
}

async function putLocale(context: LexApplyContext, step: Step<'create-locale' | 'update-locale'>): Promise<void> {
  const { client, sdk } = context.lex;
  const body = context.plan.desired.locales.find((locale) => locale.locale.localeId === step.localeId)!.locale;
  const where = { botId: context.botId, botVersion: 'DRAFT' };
  const exists = () => lexModelsCall('DescribeBotLocale', () => client.send(new sdk.DescribeBotLocaleCommand({ ...where, localeId: step.localeId }))).then((locale) => locale.localeId, () => undefined);
  let update = step.action === 'update-locale';
  if (step.action === 'create-locale') {
    update = (await createOrFind(context, 'CreateBotLocale', undefined, async () => (await client.send(new sdk.CreateBotLocaleCommand({ ...where, ...body }))).localeId, exists)).found;
    localeIds(context, step.localeId);
  }
  if (update) await write(context, 'UpdateBotLocale', step.localeId, () => client.send(new sdk.UpdateBotLocaleCommand({ ...where, ...body })));
  await waitUntilWritable(context, step.localeId);
}

async function buildLocale(context: LexApplyContext, localeId: string): Promise<void> {
  const { client, sdk } = context.lex;
  const where = { botId: context.botId, botVersion: 'DRAFT', localeId };
  await write(context, 'BuildBotLocale', localeId, () => client.send(new sdk.BuildBotLocaleCommand(where)));
  const built = await pollUntil(
    {
      what: `the build of locale ${localeId}`,
      operation: 'BuildBotLocale',
      look: () => lexModelsCall('DescribeBotLocale', () => client.send(new sdk.DescribeBotLocaleCommand(where))),
      settled: (locale) => locale.botLocaleStatus === 'Built' || locale.botLocaleStatus === 'Failed',
      onWait: (locale) => context.onWait(`locale ${localeId} ${locale.botLocaleStatus}`),
    },
    context.timing,
  );
  if (built.botLocaleStatus === 'Failed') {
    const reasons = built.failureReasons?.length ? built.failureReasons.map((reason) => `\n  - ${reason}`).join('') : ' (the service gave no reason)';
    throw new ProviderCallError({ provider: lexModelsProvider, operation: 'BuildBotLocale', retryable: false, message: `locale ${localeId} of bot ${context.plan.botName} failed to build:${reasons}` });
  }
}

async function createVersion(context: LexApplyContext): Promise<void> {
  const { client, sdk } = context.lex;
  const { botId, plan } = context;
  const botVersionLocaleSpecification = Object.fromEntries(plan.desired.locales.map(({ locale }) => [locale.localeId, { sourceBotVersion: 'DRAFT' }]));
  const made = await write(context, 'CreateBotVersion', undefined, () => client.send(new sdk.CreateBotVersionCommand({ botId, description: plan.versionDescription, botVersionLocaleSpecification })));
  const botVersion = made.botVersion!;
  const version = await pollUntil(
    {
      what: `version ${botVersion}`,
      operation: 'CreateBotVersion',
      look: () => lexModelsCall('DescribeBotVersion', () => client.send(new sdk.DescribeBotVersionCommand({ botId, botVersion }))),
      settled: (described) => described.botStatus !== 'Creating' && described.botStatus !== 'Versioning',
      onWait: (described) => context.onWait(`version ${botVersion} ${described.botStatus}`),
    },
    context.timing,
  );
  if (version.botStatus !== 'Available') {
    const reasons = version.failureReasons?.join('; ') || 'no reason given';
    throw new ProviderCallError({ provider: lexModelsProvider, operation: 'CreateBotVersion', retryable: false, message: `version ${botVersion} is ${version.botStatus}: ${reasons}` });
  }
  context.botVersion = botVersion;
}
