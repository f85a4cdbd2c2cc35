/**
 * What the emulated account holds, kept in the SDK's own request shapes, and how asynchronous
 * statuses advance: each resource may have a next status due at an instant, reached the first time
 * anything reads the store after it (so with a delay of 0, the next call sees it).
 */
import type {
  BotAliasStatus,
  BotLocaleStatus,
  BotStatus,
  BotVersionLocaleDetails,
  CreateBotAliasRequest,
  CreateBotLocaleRequest,
  CreateBotRequest,
  CreateSlotRequest,
  CreateSlotTypeRequest,
  UpdateIntentRequest,
} from '@aws-sdk/client-lex-models-v2';
import { createSeededRandom } from '../../../core/seeded-random.js';
import { conflict, notFound } from './models-wire.js';

export interface Lifecycle<Status extends string> {
  status: Status;
  /** The status reached at `at` (epoch ms); `then` runs when it is. */
  next?: { status: Status; at: number; then?: () => void };
}

interface Stamped {
  created: number;
  updated: number;
}

/** A request shape with the members the model requires present (the SDK types them `| undefined`). */
type Checked<Shape, Members extends keyof Shape> = Shape & { [Member in Members]-?: NonNullable<Shape[Member]> };

export type BotSettings = Checked<Omit<CreateBotRequest, 'botTags' | 'testBotAliasTags'>, 'botName' | 'roleArn' | 'dataPrivacy' | 'idleSessionTTLInSeconds'>;
export type LocaleSettings = Omit<CreateBotLocaleRequest, 'botId' | 'botVersion' | 'localeId'>;
export type SlotTypeSettings = Checked<Omit<CreateSlotTypeRequest, 'botId' | 'botVersion' | 'localeId'>, 'slotTypeName'>;
/** The whole UpdateIntent body: an update replaces all of it. */
export type IntentSettings = Checked<Omit<UpdateIntentRequest, 'botId' | 'botVersion' | 'localeId' | 'intentId'>, 'intentName'>;
export type SlotSettings = Checked<Omit<CreateSlotRequest, 'botId' | 'botVersion' | 'localeId' | 'intentId'>, 'slotName' | 'valueElicitationSetting'>;
export type AliasSettings = Checked<Omit<CreateBotAliasRequest, 'botId' | 'tags'>, 'botAliasName'>;

export interface StoredSlot extends Stamped {
  slotId: string;
  settings: SlotSettings;
}

export interface StoredIntent extends Stamped {
  intentId: string;
  settings: IntentSettings;
  slots: Map<string, StoredSlot>;
}

export interface StoredSlotType extends Stamped {
  slotTypeId: string;
  settings: SlotTypeSettings;
}

export interface StoredLocale extends Stamped {
  localeId: string;
  localeName: string;
  settings: LocaleSettings;
  lifecycle: Lifecycle<BotLocaleStatus>;
  failureReasons: string[];
  lastBuildSubmitted?: number;
  slotTypes: Map<string, StoredSlotType>;
  intents: Map<string, StoredIntent>;
}

export interface StoredVersion {
  botVersion: string;
  description?: string;
  created: number;
  spec: Record<string, BotVersionLocaleDetails>;
  /** The bot's settings when the version was made. */
  bot: BotSettings;
  locales: Map<string, StoredLocale>;
  lifecycle: Lifecycle<BotStatus>;
}

export interface StoredAlias extends Stamped {
  botAliasId: string;
  settings: AliasSettings;
  tags: Record<string, string>;
  lifecycle: Lifecycle<BotAliasStatus>;
  history: { botVersion: string; start: number; end?: number }[];
}

export interface StoredBot extends Stamped {
  botId: string;
  settings: BotSettings;
  botTags: Record<string, string>;
  testBotAliasTags: Record<string, string>;
  lifecycle: Lifecycle<BotStatus>;
  draft: Map<string, StoredLocale>;
  versions: Map<string, StoredVersion>;
  /** Version numbers are never reused, even after a delete. */
  versionsMade: number;
  aliases: Map<string, StoredAlias>;
}

export interface LexModelsStore {
  bots: Map<string, StoredBot>;
  /** Epoch milliseconds. */
  now(): number;
  /** How long Creating, Building, Versioning and Deleting last. */
  delayMs: number;
  newId(): string;
}

const idCharacters = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function createStore(options: { now: () => Date; delayMs: number; seed?: number }): LexModelsStore {
  const random = createSeededRandom(options.seed ?? 1);
  const used = new Set<string>(['TSTALIASID', 'FALLBCKINT']);
  return {
    bots: new Map(),
    now: () => options.now().getTime(),
    delayMs: options.delayMs,
    newId() {
      let id: string;
      do id = Array.from({ length: 10 }, () => idCharacters[Math.floor(random() * idCharacters.length)]).join('');
      while (used.has(id));
      used.add(id);
      return id;
    },
  };
}

/** Sets the status a resource reaches once the store's delay has passed. */
export function later<Status extends string>(store: LexModelsStore, lifecycle: Lifecycle<Status>, status: Status, then?: () => void): void {
  lifecycle.next = { status, at: store.now() + store.delayMs, ...(then ? { then } : {}) };
}

function advance<Status extends string>(lifecycle: Lifecycle<Status>, now: number): void {
  const next = lifecycle.next;
  if (!next || now < next.at) return;
  lifecycle.status = next.status;
  delete lifecycle.next;
  next.then?.();
}

/** Moves every status whose time has come. */
export function settle(store: LexModelsStore): void {
  const now = store.now();
  for (const bot of [...store.bots.values()]) {
    advance(bot.lifecycle, now);
    for (const locale of [...bot.draft.values()]) advance(locale.lifecycle, now);
    for (const version of [...bot.versions.values()]) advance(version.lifecycle, now);
    for (const alias of [...bot.aliases.values()]) advance(alias.lifecycle, now);
  }
}

export function botOf(store: LexModelsStore, botId: string): StoredBot {
  const bot = store.bots.get(botId);
  if (!bot) throw notFound(`Could not find bot with id ${botId}`);
  return bot;
}

/** The bot, when it can take changes: not while it is being created or deleted. */
export function writableBot(store: LexModelsStore, botId: string): StoredBot {
  const bot = botOf(store, botId);
  const status = bot.lifecycle.status;
  if (status === 'Creating' || status === 'Deleting' || status === 'Importing') throw conflict(`Bot ${botId} is in ${status} status; wait until it is Available.`);
  return bot;
}

/** The locales of DRAFT or of a numbered version. */
export function localesOf(bot: StoredBot, botVersion: string): Map<string, StoredLocale> {
  if (botVersion === 'DRAFT') return bot.draft;
  const version = bot.versions.get(botVersion);
  if (!version) throw notFound(`Could not find version ${botVersion} of bot ${bot.botId}`);
  return version.locales;
}

export function localeOf(bot: StoredBot, botVersion: string, localeId: string): StoredLocale {
  const locale = localesOf(bot, botVersion).get(localeId);
  if (!locale) throw notFound(`Could not find locale ${localeId} in version ${botVersion} of bot ${bot.botId}`);
  return locale;
}

/** A DRAFT locale whose contents can change: not while it is being created, built or deleted. */
export function writableLocale(store: LexModelsStore, params: Record<string, string>): StoredLocale {
  const locale = localeOf(writableBot(store, params.botId!), 'DRAFT', params.localeId!);
  const status = locale.lifecycle.status;
  if (status === 'Creating' || status === 'Building' || status === 'Deleting' || status === 'Importing') {
    throw conflict(`Bot locale ${locale.localeId} of bot ${params.botId} is in ${status} status; wait until it leaves it.`);
  }
  return locale;
}

export function intentOf(locale: StoredLocale, intentId: string): StoredIntent {
  const intent = locale.intents.get(intentId);
  if (!intent) throw notFound(`Could not find intent with id ${intentId} in locale ${locale.localeId}`);
  return intent;
}

/** Records a change to a locale's contents: a Built (or Failed) locale needs building again. */
export function changed(store: LexModelsStore, locale: StoredLocale): void {
  locale.updated = store.now();
  if (locale.lifecycle.status === 'Built' || locale.lifecycle.status === 'Failed') {
    locale.lifecycle.status = 'NotBuilt';
    locale.failureReasons = [];
  }
}

/** A deep copy, for versions (which must not change when DRAFT does); a pending status is not copied. */
export function copyLocale(locale: StoredLocale): StoredLocale {
  return structuredClone({ ...locale, lifecycle: { status: locale.lifecycle.status } });
}
