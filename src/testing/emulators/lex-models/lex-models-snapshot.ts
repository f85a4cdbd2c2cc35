/** The whole emulated account as nested Describe answers, for tests to assert on. */
import type { DescribeBotAliasResponse, DescribeBotLocaleResponse, DescribeBotResponse, DescribeBotVersionResponse, DescribeIntentResponse, DescribeSlotResponse, DescribeSlotTypeResponse } from '@aws-sdk/client-lex-models-v2';
import { describeAlias } from './alias-operations.js';
import { describeBot } from './bot-operations.js';
import { describeIntent } from './intent-operations.js';
import { describeLocale } from './locale-operations.js';
import type { LexModelsStore, StoredLocale } from './models-store.js';
import type { Wire } from './models-wire.js';
import { describeSlot } from './slot-operations.js';
import { describeSlotType } from './slot-type-operations.js';
import { describeVersion } from './version-operations.js';

export type LexModelsSnapshotIntent = Wire<DescribeIntentResponse> & { slots: Wire<DescribeSlotResponse>[] };

export type LexModelsSnapshotLocale = Wire<DescribeBotLocaleResponse> & {
  slotTypes: Wire<DescribeSlotTypeResponse>[];
  intents: LexModelsSnapshotIntent[];
};

export type LexModelsSnapshotBot = Wire<DescribeBotResponse> & {
  /** The DRAFT locales. */
  locales: LexModelsSnapshotLocale[];
  versions: (Wire<DescribeBotVersionResponse> & { locales: LexModelsSnapshotLocale[] })[];
  aliases: Wire<DescribeBotAliasResponse>[];
};

/** Timestamps are epoch seconds, as on the wire. */
export interface LexModelsSnapshot {
  bots: LexModelsSnapshotBot[];
}

export function snapshotOf(store: LexModelsStore): LexModelsSnapshot {
  const bots = [...store.bots.values()].map((bot) => ({
    ...describeBot(bot),
    locales: [...bot.draft.values()].map((locale) => snapshotLocale(bot.botId, 'DRAFT', locale)),
    versions: [...bot.versions.values()].map((version) => ({
      ...describeVersion(bot, version),
      locales: [...version.locales.values()].map((locale) => snapshotLocale(bot.botId, version.botVersion, locale)),
    })),
    aliases: [...bot.aliases.values()].map((alias) => describeAlias(bot, alias)),
  }));
  return structuredClone({ bots });
}

function snapshotLocale(botId: string, botVersion: string, locale: StoredLocale): LexModelsSnapshotLocale {
  const params = { botId, botVersion, localeId: locale.localeId };
  return {
    ...describeLocale(botId, botVersion, locale),
    slotTypes: [...locale.slotTypes.values()].map((slotType) => describeSlotType(params, slotType)),
    intents: [...locale.intents.values()].map((intent) => ({
      ...describeIntent(params, intent),
      slots: [...intent.slots.values()].map((slot) => describeSlot({ ...params, intentId: intent.intentId }, slot)),
    })),
  };
}
