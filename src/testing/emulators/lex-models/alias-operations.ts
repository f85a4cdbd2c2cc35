/**
 * Bot aliases. Every bot has the test alias `TSTALIASID` on DRAFT, which cannot move to a numbered
 * version or be deleted; other aliases point at an Available numbered version, and enable only
 * locales that version has. Moving an alias records a `botAliasHistoryEvents` entry.
 */
import type { BotAliasSummary, CreateBotAliasResponse, DescribeBotAliasResponse, ListBotAliasesResponse, UpdateBotAliasResponse } from '@aws-sdk/client-lex-models-v2';
import { testBotAlias } from './lex-catalog.js';
import { listPage } from './models-list.js';
import { botOf, later, writableBot, type AliasSettings, type StoredAlias, type StoredBot } from './models-store.js';
import { checkPath, checkRequest } from './models-validation.js';
import { conflict, deleteOfMissing, notFound, preconditionFailed, seconds, validationFailed, type ModelsRoute, type Wire } from './models-wire.js';

function checkAliasBody(body: Record<string, unknown>): AliasSettings {
  checkRequest((check) => {
    check.name('botAliasName', body.botAliasName);
    check.text('description', body.description, { max: 200 });
    if (body.botVersion !== undefined && (typeof body.botVersion !== 'string' || !/^(DRAFT|[0-9]+)$/.test(body.botVersion))) {
      check.problem(`Value '${String(body.botVersion)}' at 'botVersion' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(DRAFT|[0-9]+)$`);
    }
    for (const [localeId, setting] of Object.entries((body.botAliasLocaleSettings ?? {}) as Record<string, { enabled?: unknown; codeHookSpecification?: { lambdaCodeHook?: Record<string, unknown> } }>)) {
      const field = `botAliasLocaleSettings.${localeId}.member`;
      if (check.required(`${field}.enabled`, setting.enabled)) check.boolean(`${field}.enabled`, setting.enabled);
      const hook = setting.codeHookSpecification;
      if (hook !== undefined && check.required(`${field}.codeHookSpecification.lambdaCodeHook`, hook.lambdaCodeHook)) {
        check.required(`${field}.codeHookSpecification.lambdaCodeHook.lambdaARN`, hook.lambdaCodeHook!.lambdaARN);
        check.text(`${field}.codeHookSpecification.lambdaCodeHook.codeHookInterfaceVersion`, hook.lambdaCodeHook!.codeHookInterfaceVersion ?? null, { min: 1, max: 5 });
      }
    }
    const sentiment = body.sentimentAnalysisSettings as { detectSentiment?: unknown } | undefined;
    if (sentiment !== undefined) check.required('sentimentAnalysisSettings.detectSentiment', sentiment.detectSentiment);
  });
  const { tags: _tags, ...settings } = body;
  return settings as unknown as AliasSettings;
}

/** The version an alias may point at, and the locales it may enable. */
function checkTarget(bot: StoredBot, settings: AliasSettings, botAliasId?: string): void {
  for (const alias of bot.aliases.values()) {
    if (alias.botAliasId !== botAliasId && alias.settings.botAliasName === settings.botAliasName) throw conflict(`An alias named ${settings.botAliasName} already exists for bot ${bot.botId} (id ${alias.botAliasId}).`);
  }
  const isTest = botAliasId === testBotAlias.botAliasId;
  if (isTest && settings.botVersion !== undefined && settings.botVersion !== 'DRAFT') throw validationFailed(`The test alias ${testBotAlias.botAliasId} always uses the DRAFT version.`);
  if (!isTest && settings.botVersion === 'DRAFT') throw validationFailed(`Only the test alias ${testBotAlias.botAliasId} can use the DRAFT version; give a numbered version.`);
  const version = settings.botVersion;
  if (version === undefined || version === 'DRAFT') return;
  const stored = bot.versions.get(version);
  if (!stored) throw preconditionFailed(`Version ${version} of bot ${bot.botId} does not exist.`);
  if (stored.lifecycle.status !== 'Available') throw conflict(`Version ${version} of bot ${bot.botId} is ${stored.lifecycle.status}; wait until it is Available.`);
  for (const localeId of Object.keys(settings.botAliasLocaleSettings ?? {})) {
    if (!stored.locales.has(localeId)) throw preconditionFailed(`Version ${version} of bot ${bot.botId} has no locale ${localeId}.`);
  }
}

export function describeAlias(bot: StoredBot, alias: StoredAlias): Wire<DescribeBotAliasResponse> {
  return {
    botAliasId: alias.botAliasId,
    ...alias.settings,
    botAliasHistoryEvents: alias.history.map((event) => ({ botVersion: event.botVersion, startDate: seconds(event.start), ...(event.end !== undefined ? { endDate: seconds(event.end) } : {}) })),
    botAliasStatus: alias.lifecycle.status,
    botId: bot.botId,
    creationDateTime: seconds(alias.created),
    lastUpdatedDateTime: seconds(alias.updated),
  };
}

function aliasOf(bot: StoredBot, botAliasId: string): StoredAlias {
  const alias = bot.aliases.get(botAliasId);
  if (!alias) throw notFound(`Could not find alias with id ${botAliasId} for bot ${bot.botId}`);
  return alias;
}

export const aliasRoutes: ModelsRoute[] = [
  {
    operation: 'CreateBotAlias',
    method: 'PUT',
    path: '/bots/{botId}/botaliases',
    handler({ params, body }, store) {
      checkPath(params);
      const settings = checkAliasBody(body);
      const bot = writableBot(store, params.botId!);
      checkTarget(bot, settings);
      const now = store.now();
      const tags = { ...(body.tags as Record<string, string> | undefined) };
      const alias: StoredAlias = { botAliasId: store.newId(), settings, tags, lifecycle: { status: 'Creating' }, created: now, updated: now, history: settings.botVersion ? [{ botVersion: settings.botVersion, start: now }] : [] };
      bot.aliases.set(alias.botAliasId, alias);
      later(store, alias.lifecycle, 'Available');
      const { botAliasHistoryEvents: _history, lastUpdatedDateTime: _updated, ...described } = describeAlias(bot, alias);
      const answer: Wire<CreateBotAliasResponse> = { ...described, tags };
      return { status: 202, body: answer };
    },
  },
  {
    operation: 'DescribeBotAlias',
    method: 'GET',
    path: '/bots/{botId}/botaliases/{botAliasId}',
    handler({ params }, store) {
      checkPath(params);
      const bot = botOf(store, params.botId!);
      return { status: 200, body: describeAlias(bot, aliasOf(bot, params.botAliasId!)) };
    },
  },
  {
    operation: 'UpdateBotAlias',
    method: 'PUT',
    path: '/bots/{botId}/botaliases/{botAliasId}',
    handler({ params, body }, store) {
      checkPath(params);
      const settings = checkAliasBody(body);
      const bot = writableBot(store, params.botId!);
      const alias = aliasOf(bot, params.botAliasId!);
      if (alias.lifecycle.status !== 'Available') throw conflict(`Alias ${alias.botAliasId} is ${alias.lifecycle.status}; wait until it is Available.`);
      checkTarget(bot, settings, alias.botAliasId);
      const now = store.now();
      if (settings.botVersion !== undefined && settings.botVersion !== alias.settings.botVersion) {
        const current = alias.history.at(-1);
        if (current && current.end === undefined) current.end = now;
        alias.history.push({ botVersion: settings.botVersion, start: now });
      }
      alias.settings = alias.botAliasId === testBotAlias.botAliasId ? { ...settings, botVersion: 'DRAFT' } : settings;
      alias.updated = now;
      const { botAliasHistoryEvents: _history, ...answer } = describeAlias(bot, alias);
      return { status: 202, body: answer satisfies Wire<UpdateBotAliasResponse> };
    },
  },
  {
    operation: 'ListBotAliases',
    method: 'POST',
    path: '/bots/{botId}/botaliases',
    handler({ params, body }, store) {
      checkPath(params);
      const bot = botOf(store, params.botId!);
      const { page, nextToken } = listPage([...bot.aliases.values()], body, { filters: {}, sorts: { BotAliasName: (alias) => alias.settings.botAliasName } });
      const summaries = page.map((alias): Wire<BotAliasSummary> => {
        const { botAliasId, botAliasName, description, botVersion, botAliasStatus, creationDateTime, lastUpdatedDateTime } = describeAlias(bot, alias);
        return { botAliasId, botAliasName, description, botVersion, botAliasStatus, creationDateTime, lastUpdatedDateTime };
      });
      const answer: Wire<ListBotAliasesResponse> = { botId: bot.botId, botAliasSummaries: summaries, ...(nextToken ? { nextToken } : {}) };
      return { status: 200, body: answer };
    },
  },
  {
    operation: 'DeleteBotAlias',
    method: 'DELETE',
    path: '/bots/{botId}/botaliases/{botAliasId}',
    handler({ params }, store) {
      checkPath(params);
      const bot = store.bots.get(params.botId!);
      const alias = bot?.aliases.get(params.botAliasId!);
      if (!bot || !alias) throw deleteOfMissing();
      if (alias.botAliasId === testBotAlias.botAliasId) throw validationFailed(`The test alias ${testBotAlias.botAliasId} cannot be deleted; it goes with its bot.`);
      const answer = { botAliasId: alias.botAliasId, botId: bot.botId, botAliasStatus: 'Deleting' };
      if (alias.lifecycle.status === 'Deleting') return { status: 202, body: answer };
      alias.lifecycle.status = 'Deleting';
      later(store, alias.lifecycle, 'Deleting', () => bot.aliases.delete(alias.botAliasId));
      return { status: 202, body: answer };
    },
  },
];
