/**
 * Writes that converge. A deploy can stop anywhere (a lost answer, a throttle past the SDK's
 * retries, a crash), and the next one must finish the job. So every write here tolerates the state
 * an earlier attempt left: a create whose resource exists adopts it, a delete of what is gone is
 * done, and a ConflictException (the bot or locale still Creating or Building) waits and tries again.
 */
import type { LexDeployPlan } from './plan-lex-deploy.js';
import { ProviderCallError } from '../../../src/core/errors.js';
import { lexModelsCall, lexModelsProvider, listAll, serviceErrorName, type LexModelsConnection } from './lex-models-calls.js';
import { pollUntil, type LexDeployTiming } from './wait-for-lex.js';

export interface LexIntentIds {
  intentId: string;
  /** Slot ids by name. */
  slotIds: Map<string, string>;
}

export interface LexLocaleIds {
  slotTypeIds: Map<string, string>;
  intents: Map<string, LexIntentIds>;
}

/** What an apply knows as it goes: the ids read or made so far. */
export interface LexApplyContext {
  lex: LexModelsConnection;
  plan: LexDeployPlan;
  timing: LexDeployTiming;
  botId: string;
  locales: Map<string, LexLocaleIds>;
  /** The version this deploy made. */
  botVersion?: string;
  /** Reports a status seen while waiting. */
  onWait: (status: string) => void;
}

const attempts = 3;
const busyBot = new Set(['Creating', 'Deleting', 'Importing', 'Updating', 'Versioning']);
const busyLocale = new Set(['Creating', 'Building', 'Deleting', 'Importing', 'Processing', 'ReadyExpressTesting']);

/** The ids of a locale, made empty the first time. */
export function localeIds(context: LexApplyContext, localeId: string): LexLocaleIds {
  let ids = context.locales.get(localeId);
  if (!ids) context.locales.set(localeId, (ids = { slotTypeIds: new Map(), intents: new Map() }));
  return ids;
}

/** Waits while the bot (and the locale, when given) is busy. */
export async function waitUntilWritable(context: LexApplyContext, localeId?: string): Promise<void> {
  const { client, sdk } = context.lex;
  const { botId } = context;
  await pollUntil(
    {
      what: `bot ${context.plan.botName}`,
      operation: 'DescribeBot',
      look: () => lexModelsCall('DescribeBot', () => client.send(new sdk.DescribeBotCommand({ botId }))),
      settled: (bot) => !busyBot.has(bot.botStatus ?? ''),
      onWait: (bot) => context.onWait(`bot ${bot.botStatus}`),
    },
    context.timing,
  );
  if (localeId === undefined) return;
  await pollUntil(
    {
      what: `locale ${localeId}`,
      operation: 'DescribeBotLocale',
      look: () => lexModelsCall('DescribeBotLocale', () => client.send(new sdk.DescribeBotLocaleCommand({ botId, botVersion: 'DRAFT', localeId }))),
      settled: (locale) => !busyLocale.has(locale.botLocaleStatus ?? ''),
      onWait: (locale) => context.onWait(`locale ${localeId} ${locale.botLocaleStatus}`),
    },
    context.timing,
  );
}

/** A write; on ConflictException, waits until the bot and locale are free and tries again. */
export async function write<Output>(context: LexApplyContext, operation: string, localeId: string | undefined, run: () => Promise<Output>): Promise<Output> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await lexModelsCall(operation, run);
    } catch (error) {
      if (serviceErrorName(error) !== 'ConflictException' || attempt >= attempts) throw error;
      await waitUntilWritable(context, localeId);
    }
  }
}

/**
 * A create that returns the new id; when it fails and a resource of that name exists (an earlier
 * attempt made it), that one's id, `found: true`, for the caller to bring up to date.
 */
export async function createOrFind(
  context: LexApplyContext,
  operation: string,
  localeId: string | undefined,
  create: () => Promise<string | undefined>,
  find: () => Promise<string | undefined>,
): Promise<{ id: string; found: boolean }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const id = await lexModelsCall(operation, create);
      if (id) return { id, found: false };
      if (attempt >= attempts) throw new ProviderCallError({ provider: lexModelsProvider, operation, retryable: true, message: 'the service answered without the new id' });
    } catch (error) {
      const id = await find();
      if (id) return { id, found: true };
      if (serviceErrorName(error) !== 'ConflictException' || attempt >= attempts) throw error;
      await waitUntilWritable(context, localeId);
    }
  }
}

/** A delete; done too when the resource is already gone. */
export async function deleteIfThere(context: LexApplyContext, operation: string, localeId: string, run: () => Promise<unknown>, stillThere: () => Promise<boolean>): Promise<void> {
  try {
    await write(context, operation, localeId, run);
  } catch (error) {
    if (await stillThere()) throw error;
  }
}

/** One exact name among a List operation's answers (filtered by the service where it can). */
export async function findByName<Page extends { nextToken?: string | undefined }, Item>(
  operation: string,
  fetch: (nextToken: string | undefined) => Promise<Page>,
  items: (page: Page) => Item[] | undefined,
  name: (item: Item) => string | undefined,
  wanted: string,
): Promise<Item | undefined> {
  return (await listAll(operation, fetch, items)).find((item) => name(item) === wanted);
}

export function findIntentId(context: LexApplyContext, localeId: string, intentName: string): Promise<string | undefined> {
  const { client, sdk } = context.lex;
  const where = { botId: context.botId, botVersion: 'DRAFT', localeId };
  const filters = [{ name: 'IntentName' as const, values: [intentName], operator: 'EQ' as const }];
  return findByName('ListIntents', (nextToken) => client.send(new sdk.ListIntentsCommand({ ...where, filters, nextToken })), (page) => page.intentSummaries, (item) => item.intentName, intentName).then((item) => item?.intentId);
}

export async function listSlotIds(context: LexApplyContext, localeId: string, intentId: string): Promise<Map<string, string>> {
  const { client, sdk } = context.lex;
  const where = { botId: context.botId, botVersion: 'DRAFT', localeId, intentId };
  const slots = await listAll('ListSlots', (nextToken) => client.send(new sdk.ListSlotsCommand({ ...where, nextToken })), (page) => page.slotSummaries);
  return new Map(slots.map((slot) => [slot.slotName!, slot.slotId!]));
}

export function findSlotTypeId(context: LexApplyContext, localeId: string, slotTypeName: string): Promise<string | undefined> {
  const { client, sdk } = context.lex;
  const where = { botId: context.botId, botVersion: 'DRAFT', localeId };
  const filters = [{ name: 'SlotTypeName' as const, values: [slotTypeName], operator: 'EQ' as const }];
  return findByName('ListSlotTypes', (nextToken) => client.send(new sdk.ListSlotTypesCommand({ ...where, filters, nextToken })), (page) => page.slotTypeSummaries, (item) => item.slotTypeName, slotTypeName).then(
    (item) => item?.slotTypeId,
  );
}
