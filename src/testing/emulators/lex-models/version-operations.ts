/**
 * Bot versions: CreateBotVersion copies each named locale (from DRAFT, which must be Built, or from
 * a numbered version) into version "1", "2", … (numbers are never reused), Creating → Available,
 * the bot Versioning meanwhile. ListBotVersions lists DRAFT too, as the service does.
 */
import type { BotVersionLocaleDetails, BotVersionSummary, CreateBotVersionResponse, DescribeBotVersionResponse, ListBotVersionsResponse } from '@aws-sdk/client-lex-models-v2';
import { testBotAlias } from './lex-catalog.js';
import { listPage } from './models-list.js';
import { botOf, copyLocale, later, writableBot, type StoredBot, type StoredLocale, type StoredVersion } from './models-store.js';
import { checkPath, checkRequest } from './models-validation.js';
import { conflict, deleteOfMissing, notFound, preconditionFailed, seconds, type ModelsRoute, type Wire } from './models-wire.js';

/** The locale a version takes, checked: it exists in its source and, from DRAFT, is Built. */
function sourceLocale(bot: StoredBot, localeId: string, sourceBotVersion: string): StoredLocale {
  if (sourceBotVersion === 'DRAFT') {
    const locale = bot.draft.get(localeId);
    if (!locale) throw preconditionFailed(`Bot ${bot.botId} has no locale ${localeId} in DRAFT.`);
    if (locale.lifecycle.status !== 'Built') throw preconditionFailed(`Bot locale ${localeId} of DRAFT is ${locale.lifecycle.status}; build it (status Built) before creating a version.`);
    return locale;
  }
  const locale = bot.versions.get(sourceBotVersion)?.locales.get(localeId);
  if (!locale) throw preconditionFailed(`Version ${sourceBotVersion} of bot ${bot.botId} does not exist or has no locale ${localeId}.`);
  return locale;
}

export function describeVersion(bot: StoredBot, version: StoredVersion): Wire<DescribeBotVersionResponse> {
  const { botName, description: _botDescription, roleArn, dataPrivacy, idleSessionTTLInSeconds, botType } = version.bot;
  return {
    botId: bot.botId,
    botName,
    botVersion: version.botVersion,
    ...(version.description !== undefined ? { description: version.description } : {}),
    roleArn,
    dataPrivacy,
    idleSessionTTLInSeconds,
    botStatus: version.lifecycle.status,
    creationDateTime: seconds(version.created),
    botType: botType ?? 'Bot',
  };
}

export const versionRoutes: ModelsRoute[] = [
  {
    operation: 'CreateBotVersion',
    method: 'PUT',
    path: '/bots/{botId}/botversions',
    handler({ params, body }, store) {
      checkPath(params);
      const spec = body.botVersionLocaleSpecification as Record<string, Partial<BotVersionLocaleDetails>> | undefined;
      checkRequest((check) => {
        if (check.required('botVersionLocaleSpecification', spec) && Object.keys(spec!).length === 0) check.problem("Value {} at 'botVersionLocaleSpecification' failed to satisfy constraint: Member must have at least 1 entry");
        for (const [localeId, details] of Object.entries(spec ?? {})) check.required(`botVersionLocaleSpecification.${localeId}.member.sourceBotVersion`, details?.sourceBotVersion);
        check.text('description', body.description, { max: 200 });
      });
      const bot = writableBot(store, params.botId!);
      if (bot.lifecycle.status === 'Versioning') throw conflict(`Bot ${bot.botId} is already creating a version; wait until it is Available.`);
      const locales = new Map(Object.entries(spec!).map(([localeId, details]) => [localeId, copyLocale(sourceLocale(bot, localeId, details.sourceBotVersion!))]));
      bot.versionsMade += 1;
      const version: StoredVersion = {
        botVersion: String(bot.versionsMade),
        ...(typeof body.description === 'string' ? { description: body.description } : {}),
        created: store.now(),
        spec: spec as Record<string, BotVersionLocaleDetails>,
        bot: structuredClone(bot.settings),
        locales,
        lifecycle: { status: 'Creating' },
      };
      bot.versions.set(version.botVersion, version);
      later(store, version.lifecycle, 'Available');
      bot.lifecycle.status = 'Versioning';
      later(store, bot.lifecycle, 'Available');
      const answer: Wire<CreateBotVersionResponse> = {
        botId: bot.botId,
        ...(version.description !== undefined ? { description: version.description } : {}),
        botVersion: version.botVersion,
        botVersionLocaleSpecification: version.spec,
        botStatus: 'Creating',
        creationDateTime: seconds(version.created),
      };
      return { status: 202, body: answer };
    },
  },
  {
    operation: 'DescribeBotVersion',
    method: 'GET',
    path: '/bots/{botId}/botversions/{botVersion}',
    handler({ params }, store) {
      checkPath(params, 'numbered');
      const bot = botOf(store, params.botId!);
      const version = bot.versions.get(params.botVersion!);
      if (!version) throw notFound(`Could not find version ${params.botVersion} of bot ${bot.botId}`);
      return { status: 200, body: describeVersion(bot, version) };
    },
  },
  {
    operation: 'ListBotVersions',
    method: 'POST',
    path: '/bots/{botId}/botversions',
    handler({ params, body }, store) {
      checkPath(params);
      const bot = botOf(store, params.botId!);
      const draft: Wire<BotVersionSummary> = { botName: bot.settings.botName, botVersion: 'DRAFT', description: bot.settings.description, botStatus: bot.lifecycle.status, creationDateTime: seconds(bot.created) };
      const numbered = [...bot.versions.values()].map((version): Wire<BotVersionSummary> => {
        const { botName, botVersion, description, botStatus, creationDateTime } = describeVersion(bot, version);
        return { botName, botVersion, description, botStatus, creationDateTime };
      });
      const { page, nextToken } = listPage([draft, ...numbered], body, { filters: {}, sorts: { BotVersion: (summary) => (summary.botVersion === 'DRAFT' ? 0 : Number(summary.botVersion)) } });
      const answer: Wire<ListBotVersionsResponse> = { botId: bot.botId, botVersionSummaries: page, ...(nextToken ? { nextToken } : {}) };
      return { status: 200, body: answer };
    },
  },
  {
    operation: 'DeleteBotVersion',
    method: 'DELETE',
    path: '/bots/{botId}/botversions/{botVersion}',
    handler({ params, query }, store) {
      checkPath(params, 'numbered');
      const bot = store.bots.get(params.botId!);
      const version = bot?.versions.get(params.botVersion!);
      if (!bot || !version) throw deleteOfMissing();
      const answer = { botId: bot.botId, botVersion: version.botVersion, botStatus: 'Deleting' };
      if (version.lifecycle.status === 'Deleting') return { status: 202, body: answer };
      const users = [...bot.aliases.values()].filter((alias) => alias.botAliasId !== testBotAlias.botAliasId && alias.settings.botVersion === version.botVersion);
      if (users.length > 0 && query.get('skipResourceInUseCheck') !== 'true') {
        throw preconditionFailed(`Version ${version.botVersion} of bot ${bot.botId} is used by alias ${users.map((alias) => alias.settings.botAliasName).join(', ')}. Point the alias elsewhere first, or set skipResourceInUseCheck to true.`);
      }
      version.lifecycle.status = 'Deleting';
      later(store, version.lifecycle, 'Deleting', () => bot.versions.delete(version.botVersion));
      return { status: 202, body: answer };
    },
  },
];
