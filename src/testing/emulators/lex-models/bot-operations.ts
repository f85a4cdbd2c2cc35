/** Bots: CreateBot (which also makes the test alias), DescribeBot, UpdateBot, ListBots, DeleteBot. */
import type { BotSummary, CreateBotResponse, DescribeBotResponse, ListBotsResponse, UpdateBotResponse } from '@aws-sdk/client-lex-models-v2';
import { testBotAlias } from './lex-catalog.js';
import { listPage } from './models-list.js';
import { botOf, later, type BotSettings, type LexModelsStore, type StoredBot } from './models-store.js';
import { checkPath, checkRequest } from './models-validation.js';
import { conflict, deleteOfMissing, preconditionFailed, seconds, type ModelsRoute, type Wire } from './models-wire.js';

function checkBotBody(body: Record<string, unknown>): BotSettings {
  checkRequest((check) => {
    check.name('botName', body.botName);
    if (check.required('roleArn', body.roleArn)) {
      if (typeof body.roleArn !== 'string' || !/^arn:aws[a-zA-Z-]*:iam::[0-9]{12}:role\/.+$/.test(body.roleArn)) {
        check.problem(`Value '${String(body.roleArn)}' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ^arn:aws:iam::[0-9]{12}:role/.*$`);
      }
    }
    if (check.required('dataPrivacy', body.dataPrivacy)) {
      const childDirected = (body.dataPrivacy as { childDirected?: unknown }).childDirected;
      if (check.required('dataPrivacy.childDirected', childDirected)) check.boolean('dataPrivacy.childDirected', childDirected);
    }
    if (check.required('idleSessionTTLInSeconds', body.idleSessionTTLInSeconds)) check.number('idleSessionTTLInSeconds', body.idleSessionTTLInSeconds, 60, 86400);
    check.text('description', body.description, { max: 200 });
    check.oneOf('botType', body.botType, ['Bot', 'BotNetwork']);
  });
  const { botTags: _tags, testBotAliasTags: _aliasTags, ...settings } = body;
  return settings as unknown as BotSettings;
}

function assertNameFree(store: LexModelsStore, botName: string, except?: string): void {
  for (const bot of store.bots.values()) {
    if (bot.botId !== except && bot.settings.botName === botName) throw conflict(`A bot with the name ${botName} already exists (id ${bot.botId}).`);
  }
}

export function describeBot(bot: StoredBot): Wire<DescribeBotResponse> {
  return {
    botId: bot.botId,
    ...bot.settings,
    botType: bot.settings.botType ?? 'Bot',
    botStatus: bot.lifecycle.status,
    creationDateTime: seconds(bot.created),
    lastUpdatedDateTime: seconds(bot.updated),
  };
}

function summaryOf(bot: StoredBot): Wire<BotSummary> {
  const numbers = [...bot.versions.keys()].map(Number);
  return {
    botId: bot.botId,
    botName: bot.settings.botName,
    ...(bot.settings.description !== undefined ? { description: bot.settings.description } : {}),
    botStatus: bot.lifecycle.status,
    ...(numbers.length ? { latestBotVersion: String(Math.max(...numbers)) } : {}),
    lastUpdatedDateTime: seconds(bot.updated),
    botType: bot.settings.botType ?? 'Bot',
  };
}

export const botRoutes: ModelsRoute[] = [
  {
    operation: 'CreateBot',
    method: 'PUT',
    path: '/bots',
    handler({ body }, store) {
      const settings = checkBotBody(body);
      assertNameFree(store, settings.botName);
      const now = store.now();
      const bot: StoredBot = {
        botId: store.newId(),
        settings,
        botTags: { ...(body.botTags as Record<string, string> | undefined) },
        testBotAliasTags: { ...(body.testBotAliasTags as Record<string, string> | undefined) },
        lifecycle: { status: 'Creating' },
        created: now,
        updated: now,
        draft: new Map(),
        versions: new Map(),
        versionsMade: 0,
        aliases: new Map(),
      };
      bot.aliases.set(testBotAlias.botAliasId, {
        botAliasId: testBotAlias.botAliasId,
        settings: { botAliasName: testBotAlias.botAliasName, description: testBotAlias.description, botVersion: 'DRAFT' },
        tags: bot.testBotAliasTags,
        lifecycle: { status: 'Available' },
        created: now,
        updated: now,
        history: [],
      });
      later(store, bot.lifecycle, 'Available');
      store.bots.set(bot.botId, bot);
      const { lastUpdatedDateTime: _updated, ...described } = describeBot(bot);
      const answer: Wire<CreateBotResponse> = { ...described, botTags: bot.botTags, testBotAliasTags: bot.testBotAliasTags };
      return { status: 202, body: answer };
    },
  },
  {
    operation: 'DescribeBot',
    method: 'GET',
    path: '/bots/{botId}',
    handler({ params }, store) {
      checkPath(params);
      return { status: 200, body: describeBot(botOf(store, params.botId!)) };
    },
  },
  {
    operation: 'UpdateBot',
    method: 'PUT',
    path: '/bots/{botId}',
    handler({ params, body }, store) {
      checkPath(params);
      const settings = checkBotBody(body);
      const bot = botOf(store, params.botId!);
      if (bot.lifecycle.status !== 'Available' && bot.lifecycle.status !== 'Failed') throw conflict(`Bot ${bot.botId} is in ${bot.lifecycle.status} status; wait until it is Available.`);
      assertNameFree(store, settings.botName, bot.botId);
      bot.settings = settings;
      bot.updated = store.now();
      bot.lifecycle.status = 'Updating';
      later(store, bot.lifecycle, 'Available');
      const answer: Wire<UpdateBotResponse> = describeBot(bot);
      return { status: 202, body: answer };
    },
  },
  {
    operation: 'ListBots',
    method: 'POST',
    path: '/bots',
    handler({ body }, store) {
      const { page, nextToken } = listPage([...store.bots.values()], body, {
        filters: { BotName: (bot) => bot.settings.botName, BotType: (bot) => bot.settings.botType ?? 'Bot' },
        sorts: { BotName: (bot) => bot.settings.botName },
        operators: ['CO', 'EQ', 'NE'],
      });
      const answer: Wire<ListBotsResponse> = { botSummaries: page.map(summaryOf), ...(nextToken ? { nextToken } : {}) };
      return { status: 200, body: answer };
    },
  },
  {
    operation: 'DeleteBot',
    method: 'DELETE',
    path: '/bots/{botId}',
    handler({ params, query }, store) {
      checkPath(params);
      const bot = store.bots.get(params.botId!);
      if (!bot) throw deleteOfMissing();
      if (bot.lifecycle.status === 'Deleting') return { status: 202, body: { botId: bot.botId, botStatus: 'Deleting' } };
      const aliases = [...bot.aliases.keys()].filter((id) => id !== testBotAlias.botAliasId);
      if (aliases.length > 0 && query.get('skipResourceInUseCheck') !== 'true') {
        throw preconditionFailed(`Bot ${bot.botId} is used by alias ${aliases.join(', ')}. Delete the aliases first, or set skipResourceInUseCheck to true.`);
      }
      bot.lifecycle.status = 'Deleting';
      later(store, bot.lifecycle, 'Deleting', () => store.bots.delete(bot.botId));
      return { status: 202, body: { botId: bot.botId, botStatus: 'Deleting' } };
    },
  },
];
