/**
 * Bot locales: created Creating → NotBuilt with the FallbackIntent in them; BuildBotLocale takes
 * them Building → Built (or Failed, with `failureReasons`); any change to a built locale's contents
 * sets it back to NotBuilt (see `changed`).
 */
import type { BotLocaleSummary, CreateBotLocaleResponse, DescribeBotLocaleResponse, ListBotLocalesResponse, UpdateBotLocaleResponse } from '@aws-sdk/client-lex-models-v2';
import { buildFailures } from './build-locale.js';
import { fallbackIntent, localeNameOf } from './lex-catalog.js';
import { listPage } from './models-list.js';
import { botOf, changed, later, localeOf, localesOf, writableBot, writableLocale, type LocaleSettings, type StoredLocale } from './models-store.js';
import { checkPath, checkRequest } from './models-validation.js';
import { conflict, deleteOfMissing, seconds, type ModelsRoute, type Wire } from './models-wire.js';

const draftLocales = '/bots/{botId}/botversions/{botVersion}/botlocales';
const oneLocale = `${draftLocales}/{localeId}`;

function checkLocaleBody(body: Record<string, unknown>): LocaleSettings {
  checkRequest((check) => {
    if (check.required('nluIntentConfidenceThreshold', body.nluIntentConfidenceThreshold)) check.number('nluIntentConfidenceThreshold', body.nluIntentConfidenceThreshold, 0, 1);
    check.text('description', body.description, { max: 200 });
    const voice = body.voiceSettings as { voiceId?: unknown; engine?: unknown } | undefined;
    if (voice !== undefined) {
      check.required('voiceSettings.voiceId', voice.voiceId);
      check.oneOf('voiceSettings.engine', voice.engine, ['standard', 'neural', 'long-form', 'generative']);
    }
  });
  const { localeId: _localeId, ...settings } = body;
  return settings as unknown as LocaleSettings;
}

export function describeLocale(botId: string, botVersion: string, locale: StoredLocale): Wire<DescribeBotLocaleResponse> {
  return {
    botId,
    botVersion,
    localeId: locale.localeId,
    localeName: locale.localeName,
    ...locale.settings,
    intentsCount: locale.intents.size,
    slotTypesCount: locale.slotTypes.size,
    botLocaleStatus: locale.lifecycle.status,
    ...(locale.lifecycle.status === 'Failed' ? { failureReasons: locale.failureReasons } : {}),
    creationDateTime: seconds(locale.created),
    lastUpdatedDateTime: seconds(locale.updated),
    ...(locale.lastBuildSubmitted !== undefined ? { lastBuildSubmittedDateTime: seconds(locale.lastBuildSubmitted) } : {}),
  };
}

export const localeRoutes: ModelsRoute[] = [
  {
    operation: 'CreateBotLocale',
    method: 'PUT',
    path: draftLocales,
    handler({ params, body }, store) {
      checkPath(params, 'draft');
      checkRequest((check) => check.required('localeId', body.localeId));
      const localeId = String(body.localeId);
      const localeName = localeNameOf(localeId);
      const settings = checkLocaleBody(body);
      const bot = writableBot(store, params.botId!);
      if (bot.draft.has(localeId)) throw conflict(`Bot locale ${localeId} already exists in bot ${bot.botId}.`);
      const now = store.now();
      const locale: StoredLocale = { localeId, localeName, settings, lifecycle: { status: 'Creating' }, failureReasons: [], created: now, updated: now, slotTypes: new Map(), intents: new Map() };
      const { intentId, ...fallback } = fallbackIntent;
      locale.intents.set(intentId, { intentId, settings: { ...fallback, slotPriorities: [] }, slots: new Map(), created: now, updated: now });
      later(store, locale.lifecycle, 'NotBuilt');
      bot.draft.set(localeId, locale);
      const { intentsCount: _intents, slotTypesCount: _slotTypes, lastUpdatedDateTime: _updated, ...described } = describeLocale(bot.botId, 'DRAFT', locale);
      const answer: Wire<CreateBotLocaleResponse> = described;
      return { status: 202, body: answer };
    },
  },
  {
    operation: 'DescribeBotLocale',
    method: 'GET',
    path: oneLocale,
    handler({ params }, store) {
      checkPath(params);
      const bot = botOf(store, params.botId!);
      return { status: 200, body: describeLocale(bot.botId, params.botVersion!, localeOf(bot, params.botVersion!, params.localeId!)) };
    },
  },
  {
    operation: 'UpdateBotLocale',
    method: 'PUT',
    path: oneLocale,
    handler({ params, body }, store) {
      checkPath(params, 'draft');
      const settings = checkLocaleBody(body);
      const locale = writableLocale(store, params);
      locale.settings = settings;
      changed(store, locale);
      const { intentsCount: _intents, slotTypesCount: _slotTypes, lastBuildSubmittedDateTime: _built, ...described } = describeLocale(params.botId!, 'DRAFT', locale);
      const answer: Wire<UpdateBotLocaleResponse> = described;
      return { status: 202, body: answer };
    },
  },
  {
    operation: 'ListBotLocales',
    method: 'POST',
    path: draftLocales,
    handler({ params, body }, store) {
      checkPath(params);
      const bot = botOf(store, params.botId!);
      const { page, nextToken } = listPage([...localesOf(bot, params.botVersion!).values()], body, {
        filters: { BotLocaleName: (locale) => locale.localeName },
        sorts: { BotLocaleName: (locale) => locale.localeName },
      });
      const summaries = page.map((locale): Wire<BotLocaleSummary> => {
        const { localeId, localeName, description, botLocaleStatus, lastUpdatedDateTime, lastBuildSubmittedDateTime } = describeLocale(bot.botId, params.botVersion!, locale);
        return { localeId, localeName, description, botLocaleStatus, lastUpdatedDateTime, lastBuildSubmittedDateTime };
      });
      const answer: Wire<ListBotLocalesResponse> = { botId: bot.botId, botVersion: params.botVersion!, botLocaleSummaries: summaries, ...(nextToken ? { nextToken } : {}) };
      return { status: 200, body: answer };
    },
  },
  {
    operation: 'DeleteBotLocale',
    method: 'DELETE',
    path: oneLocale,
    handler({ params }, store) {
      checkPath(params, 'draft');
      const bot = store.bots.get(params.botId!);
      const locale = bot?.draft.get(params.localeId!);
      if (!bot || !locale) throw deleteOfMissing();
      const answer = { botId: bot.botId, botVersion: 'DRAFT', localeId: locale.localeId, botLocaleStatus: 'Deleting' };
      if (locale.lifecycle.status === 'Deleting') return { status: 202, body: answer };
      writableLocale(store, params);
      locale.lifecycle.status = 'Deleting';
      later(store, locale.lifecycle, 'Deleting', () => bot.draft.delete(locale.localeId));
      return { status: 202, body: answer };
    },
  },
  {
    operation: 'BuildBotLocale',
    method: 'POST',
    path: oneLocale,
    handler({ params }, store) {
      checkPath(params, 'draft');
      const locale = writableLocale(store, params);
      const failures = buildFailures(locale);
      locale.lastBuildSubmitted = store.now();
      locale.lifecycle.status = 'Building';
      locale.failureReasons = [];
      later(store, locale.lifecycle, failures.length ? 'Failed' : 'Built', () => {
        locale.failureReasons = failures;
      });
      return {
        status: 202,
        body: { botId: params.botId, botVersion: 'DRAFT', localeId: locale.localeId, botLocaleStatus: 'Building', lastBuildSubmittedDateTime: seconds(locale.lastBuildSubmitted) },
      };
    },
  },
];
