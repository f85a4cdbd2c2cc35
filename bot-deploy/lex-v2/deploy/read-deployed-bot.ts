/**
 * The bot as the account holds it, read through the List and Describe operations (every page) and
 * cut down to the fields Parley sets, so it compares with the compiled bot field for field. Slots
 * name their slot type, and intents their slot priorities, by name, as the compiled bot does.
 */
import type { DescribeBotAliasResponse, DescribeIntentResponse, DescribeSlotResponse } from '@aws-sdk/client-lex-models-v2';
import type { LexBotInput, LexIntentInput, LexIntentState, LexLocaleInput, LexLocaleState, LexSlotInput, LexSlotTypeInput } from './lex-api-shapes.js';
import { botFields, intentFields, localeFields, managedFields, managedSlotFields, slotTypeFields } from './lex-managed-fields.js';
import { lexModelsCall, listAll, mapLimit, type LexModelsConnection } from './lex-models-calls.js';

export interface DeployedLexIntent extends LexIntentState {
  intentId: string;
  /** Slot ids by slot name. */
  slotIds: Record<string, string>;
}

export interface DeployedLexLocale extends LexLocaleState {
  /** `NotBuilt`, `Building`, `Built`, `Failed`… */
  status: string;
  failureReasons: string[];
  /** Slot type ids by name. */
  slotTypeIds: Record<string, string>;
  intents: DeployedLexIntent[];
}

export interface DeployedLexVersion {
  botVersion: string;
  description?: string | undefined;
  status?: string | undefined;
}

export type DeployedLexAlias = Omit<DescribeBotAliasResponse, '$metadata' | 'botAliasHistoryEvents' | 'creationDateTime' | 'lastUpdatedDateTime'> & { botAliasId: string; botAliasName: string };

export interface DeployedLexBot {
  botId: string;
  /** `Available`, `Creating`… */
  status: string;
  roleArn?: string | undefined;
  bot: LexBotInput;
  /** The DRAFT locales read (those asked for). */
  locales: DeployedLexLocale[];
  /** DRAFT locales that were not read. */
  otherLocaleIds: string[];
  /** Numbered versions, oldest first. */
  versions: DeployedLexVersion[];
  /** The alias asked for, when it exists. */
  alias?: DeployedLexAlias | undefined;
}

export interface ReadDeployedBotOptions {
  /** The alias to describe (default `live`). */
  aliasName?: string;
  /** Read only these DRAFT locales' contents (default all). */
  localeIds?: readonly string[];
}

/** Describe calls in flight at once. */
const fanOut = 4;

/**
 * The bot named `botName` (exactly), or `undefined` when the account has none.
 *
 * @example
 * const deployed = await readDeployedBot({ client, sdk: await import('@aws-sdk/client-lex-models-v2') }, 'AcmeTelecom')
 */
export async function readDeployedBot(lex: LexModelsConnection, botName: string, options: ReadDeployedBotOptions = {}): Promise<DeployedLexBot | undefined> {
  const { client, sdk } = lex;
  const summaries = await listAll(
    'ListBots',
    (nextToken) => client.send(new sdk.ListBotsCommand({ filters: [{ name: 'BotName', values: [botName], operator: 'EQ' }], nextToken })),
    (page) => page.botSummaries,
  );
  const botId = summaries.find((summary) => summary.botName === botName)?.botId;
  if (!botId) return undefined;
  const described = await lexModelsCall('DescribeBot', () => client.send(new sdk.DescribeBotCommand({ botId })));
  const localeIds = (await listAll('ListBotLocales', (nextToken) => client.send(new sdk.ListBotLocalesCommand({ botId, botVersion: 'DRAFT', nextToken })), (page) => page.botLocaleSummaries)).map(
    (summary) => summary.localeId!,
  );
  const wanted = localeIds.filter((localeId) => options.localeIds?.includes(localeId) ?? true);
  const locales = await mapLimit(wanted, 1, (localeId) => readLocale(lex, botId, localeId));
  const versions = await listAll('ListBotVersions', (nextToken) => client.send(new sdk.ListBotVersionsCommand({ botId, nextToken })), (page) => page.botVersionSummaries);
  const aliasName = options.aliasName ?? 'live';
  const aliases = await listAll('ListBotAliases', (nextToken) => client.send(new sdk.ListBotAliasesCommand({ botId, nextToken })), (page) => page.botAliasSummaries);
  const aliasId = aliases.find((alias) => alias.botAliasName === aliasName)?.botAliasId;
  let alias: DeployedLexAlias | undefined;
  if (aliasId) {
    const { $metadata: _metadata, botAliasHistoryEvents: _history, creationDateTime: _created, lastUpdatedDateTime: _updated, ...rest } = await lexModelsCall('DescribeBotAlias', () =>
      client.send(new sdk.DescribeBotAliasCommand({ botId, botAliasId: aliasId })),
    );
    alias = { ...rest, botAliasId: aliasId, botAliasName: aliasName };
  }
  return {
    botId,
    status: described.botStatus ?? 'Available',
    roleArn: described.roleArn,
    bot: managedFields(described, botFields) as LexBotInput,
    locales,
    otherLocaleIds: localeIds.filter((localeId) => !wanted.includes(localeId)),
    versions: versions
      .filter((version) => version.botVersion !== 'DRAFT')
      .map((version) => ({ botVersion: version.botVersion!, description: version.description, status: version.botStatus }))
      .sort((one, other) => Number(one.botVersion) - Number(other.botVersion)),
    alias,
  };
}

async function readLocale(lex: LexModelsConnection, botId: string, localeId: string): Promise<DeployedLexLocale> {
  const { client, sdk } = lex;
  const where = { botId, botVersion: 'DRAFT', localeId };
  const locale = await lexModelsCall('DescribeBotLocale', () => client.send(new sdk.DescribeBotLocaleCommand(where)));
  const typeSummaries = await listAll('ListSlotTypes', (nextToken) => client.send(new sdk.ListSlotTypesCommand({ ...where, nextToken })), (page) => page.slotTypeSummaries);
  const slotTypes = await mapLimit(typeSummaries, fanOut, ({ slotTypeId }) => lexModelsCall('DescribeSlotType', () => client.send(new sdk.DescribeSlotTypeCommand({ ...where, slotTypeId }))));
  const slotTypeIds = Object.fromEntries(slotTypes.map((slotType) => [slotType.slotTypeName!, slotType.slotTypeId!]));
  const slotTypeNames = new Map(slotTypes.map((slotType) => [slotType.slotTypeId!, slotType.slotTypeName!]));
  const intentSummaries = await listAll('ListIntents', (nextToken) => client.send(new sdk.ListIntentsCommand({ ...where, nextToken })), (page) => page.intentSummaries);
  const intents = await mapLimit(intentSummaries, fanOut, async ({ intentId }) => {
    const intent = await lexModelsCall('DescribeIntent', () => client.send(new sdk.DescribeIntentCommand({ ...where, intentId })));
    const slotSummaries = await listAll('ListSlots', (nextToken) => client.send(new sdk.ListSlotsCommand({ ...where, intentId, nextToken })), (page) => page.slotSummaries);
    const slots: DescribeSlotResponse[] = [];
    for (const { slotId } of slotSummaries) slots.push(await lexModelsCall('DescribeSlot', () => client.send(new sdk.DescribeSlotCommand({ ...where, intentId, slotId }))));
    return intentState(intent, slots, slotTypeNames);
  });
  return {
    locale: managedFields(locale, localeFields) as LexLocaleInput,
    status: locale.botLocaleStatus ?? 'NotBuilt',
    failureReasons: locale.failureReasons ?? [],
    slotTypes: slotTypes.map((slotType) => managedFields(slotType, slotTypeFields) as LexSlotTypeInput),
    slotTypeIds,
    intents,
  };
}

function intentState(intent: DescribeIntentResponse, slots: DescribeSlotResponse[], slotTypeNames: ReadonlyMap<string, string>): DeployedLexIntent {
  const slotNames = new Map(slots.map((slot) => [slot.slotId!, slot.slotName!]));
  const priorities = [...(intent.slotPriorities ?? [])].sort((one, other) => (one.priority ?? 0) - (other.priority ?? 0));
  return {
    intentId: intent.intentId!,
    intent: managedFields(intent, intentFields) as LexIntentInput,
    slots: slots.map((slot) => {
      const typeId = slot.slotTypeId ?? '';
      // A type that is gone keeps a name no file can have, so the slot shows as changed.
      const slotTypeName = typeId.startsWith('AMAZON.') ? typeId : (slotTypeNames.get(typeId) ?? `(missing slot type ${typeId})`);
      return managedSlotFields({ ...slot, slotTypeName }) as LexSlotInput;
    }),
    slotPriorities: priorities.flatMap((priority) => slotNames.get(priority.slotId ?? '') ?? []),
    slotIds: Object.fromEntries(slots.map((slot) => [slot.slotName!, slot.slotId!])),
  };
}
