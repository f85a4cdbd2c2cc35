import type { AttributeValue, ConsumedCapacity, PutItemCommandInput } from '@aws-sdk/client-dynamodb';
import { ConfigurationError, StateConflictError, StateCorruptError, StateTooLargeError } from '../core/errors.js';
import { defaultTtlSeconds, type ConversationStore, type StoredConversation } from './conversation-store.js';
import { connectDynamoDb, type DynamoDbConnectionOptions } from './dynamodb-connection.js';
import { missingTableError, toDynamoDbError } from './dynamodb-errors.js';
import { checkTableShape, expiryAttribute, findTable, partitionKey } from './dynamodb-table.js';
import { assertConversationId, assertExpectedVersion, serializeState } from './store-input.js';

export interface DynamoDbStoreOptions extends DynamoDbConnectionOptions {
  /**
   * How long a conversation is kept after its last write, in seconds (default 86,400: a day). Each
   * write sets the item's `expiresAt` to now plus this; past it the conversation reads as absent, and
   * DynamoDB's TTL deletes the item some time later (usually within days). Keep it longer than the
   * bot's idle timeout, so that a customer coming back to a task left half done can be told it was closed.
   */
  ttlSeconds?: number;
  /** Milliseconds (default `Date.now`), for tests. */
  now?: () => number;
  /**
   * Told about every request the store made that DynamoDB answered, with the capacity units it
   * consumed (what on-demand tables bill): for metrics (`parley_store_capacity_units_total`).
   */
  onRequest?: (request: DynamoDbRequest) => void;
}

/** A request the DynamoDB store made, and what it cost. */
export interface DynamoDbRequest {
  operation: 'GetItem' | 'PutItem' | 'DeleteItem';
  /** Read units for GetItem, write units for PutItem and DeleteItem. */
  kind: 'read' | 'write';
  /**
   * The units DynamoDB reported: a strongly consistent read costs one per 4 KB of item, a write one
   * per KB of the larger of the old and new item. Absent for a put refused by its condition
   * (`StateConflictError`), which DynamoDB bills (at least one unit) but does not report.
   */
  capacityUnits?: number;
}

/** A store in a DynamoDB table; see `createDynamoDbStore`. */
export interface DynamoDbStore extends ConversationStore {
  /** The table's name. */
  readonly table: string;
  /** Checks that the table exists and is keyed as the store needs; throws a `ConfigurationError` naming the fix. */
  open(): Promise<void>;
  /** Destroys the SDK client the store created (not one it was given). */
  close(): Promise<void>;
}

/**
 * The largest item the store writes, in bytes: DynamoDB refuses items over 400 KB with a bare
 * ValidationException; refusing well before it says what to trim, and leaves room for the key.
 */
export const maxItemBytes = 350 * 1024;

/**
 * A conversation store in an Amazon DynamoDB table, for several processes or hosts serving the same
 * conversations. One item per conversation: `conversationId` (the partition key), `state` (the JSON
 * text), `version` and `expiresAt` (epoch seconds, the table's TTL attribute). Writes are conditional
 * puts, so compare-and-set holds across every process; a state whose item would pass 350 KB is
 * refused with a `StateTooLargeError`. Create the table with `parley store create-table` (or
 * `createDynamoDbTable`). The AWS SDK is loaded on first use.
 *
 * `open()` checks that the table exists and is keyed as the store needs, so that a wrong name, region
 * or credentials stop the start with a `ConfigurationError` naming the fix. Throttling and the
 * service's failures reject with a retryable `ProviderCallError`.
 *
 * @example
 * const store = createDynamoDbStore({ table: 'parley-conversations', region: 'eu-west-1' });
 * await store.open(); // at start: a missing table throws a ConfigurationError
 * const version = await store.write('c-1', { step: 'ask-date' }, undefined); // 1
 */
export function createDynamoDbStore(options: DynamoDbStoreOptions): DynamoDbStore {
  const { table } = options;
  const ttlSeconds = options.ttlSeconds ?? defaultTtlSeconds;
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds < 1) {
    throw new ConfigurationError('ttlSeconds', `must be a whole number of seconds, at least 1 (got ${String(ttlSeconds)})`);
  }
  const now = options.now ?? Date.now;
  const onRequest = options.onRequest ?? (() => {});
  const { connect, release } = connectDynamoDb(options);

  async function send<T extends { ConsumedCapacity?: ConsumedCapacity }>(
    operation: DynamoDbRequest['operation'],
    run: (connection: Awaited<ReturnType<typeof connect>>) => Promise<T>,
  ): Promise<T> {
    const connection = await connect();
    const kind = operation === 'GetItem' ? 'read' : 'write';
    try {
      const result = await run(connection);
      onRequest({ operation, kind, capacityUnits: result.ConsumedCapacity?.CapacityUnits });
      return result;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') {
        onRequest({ operation, kind });
        throw error;
      }
      throw toDynamoDbError(error, operation, table);
    }
  }

  return {
    table,
    shared: true,

    async open(): Promise<void> {
      const description = await findTable(await connect(), table);
      if (!description) throw missingTableError(table);
      checkTableShape(table, description);
    },

    async read(conversationId): Promise<StoredConversation | undefined> {
      assertConversationId(conversationId);
      // Strongly consistent: the turn compares and sets the version it reads, and an eventually
      // consistent read may return the item as it was before the last turn (another process's),
      // which would make every turn after a fast reply conflict and run again.
      const { Item: item } = await send('GetItem', ({ sdk, client }) =>
        client.send(new sdk.GetItemCommand({ TableName: table, Key: { [partitionKey]: { S: conversationId } }, ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' })),
      );
      if (!item || isExpired(item, nowSeconds())) return undefined;
      return decode(conversationId, item);
    },

    async write(conversationId, state, expectedVersion): Promise<number> {
      assertConversationId(conversationId);
      assertExpectedVersion(conversationId, expectedVersion);
      const json = serializeState(conversationId, state);
      const version = (expectedVersion ?? 0) + 1;
      const time = nowSeconds();
      const item: Record<string, AttributeValue> = {
        [partitionKey]: { S: conversationId },
        state: { S: json },
        version: { N: String(version) },
        [expiryAttribute]: { N: String(time + ttlSeconds) },
      };
      const bytes = itemBytes(item);
      if (bytes > maxItemBytes) throw new StateTooLargeError(conversationId, bytes, maxItemBytes);
      const condition = writeCondition(expectedVersion, time);
      try {
        await send('PutItem', ({ sdk, client }) => client.send(new sdk.PutItemCommand({ TableName: table, Item: item, ...condition, ReturnConsumedCapacity: 'TOTAL' })));
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') throw new StateConflictError(conversationId);
        throw error;
      }
      return version;
    },

    async delete(conversationId): Promise<void> {
      assertConversationId(conversationId);
      await send('DeleteItem', ({ sdk, client }) => client.send(new sdk.DeleteItemCommand({ TableName: table, Key: { [partitionKey]: { S: conversationId } }, ReturnConsumedCapacity: 'TOTAL' })));
    },

    close: release,
  };

  function nowSeconds(): number {
    return Math.floor(now() / 1000);
  }
}

/**
 * The put's condition: the version read is still there, or for a new conversation no item is. An
 * expired item that TTL has not deleted yet (that can take days) counts as absent, as in `read`;
 * `NOT (#expiresAt <= :now)` holds for an item without the attribute, which never expires.
 */
function writeCondition(expectedVersion: number | undefined, nowSeconds: number): Pick<PutItemCommandInput, 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'> {
  const now = { N: String(nowSeconds) };
  if (expectedVersion === undefined) {
    return { ConditionExpression: `attribute_not_exists(${partitionKey}) OR #expiresAt <= :now`, ExpressionAttributeNames: { '#expiresAt': expiryAttribute }, ExpressionAttributeValues: { ':now': now } };
  }
  return {
    ConditionExpression: '#version = :expected AND NOT (#expiresAt <= :now)',
    ExpressionAttributeNames: { '#version': 'version', '#expiresAt': expiryAttribute },
    ExpressionAttributeValues: { ':expected': { N: String(expectedVersion) }, ':now': now },
  };
}

function isExpired(item: Record<string, AttributeValue>, nowSeconds: number): boolean {
  const expiresAt = item[expiryAttribute]?.N;
  return expiresAt !== undefined && Number(expiresAt) <= nowSeconds;
}

function decode(conversationId: string, item: Record<string, AttributeValue>): StoredConversation {
  const json = item.state?.S;
  const version = Number(item.version?.N);
  if (json === undefined || !Number.isSafeInteger(version) || version < 1) {
    throw new StateCorruptError(conversationId, 'its DynamoDB item has no state text or no version; delete the item to start the conversation afresh');
  }
  try {
    return { state: JSON.parse(json), version };
  } catch (error) {
    throw new StateCorruptError(conversationId, 'its DynamoDB item holds state that is not JSON; delete the item to start the conversation afresh', { cause: error });
  }
}

/**
 * An item's size as DynamoDB counts it: the UTF-8 length of each attribute's name and string value;
 * a number counts at most 21 bytes.
 */
function itemBytes(item: Record<string, AttributeValue>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) {
    bytes += Buffer.byteLength(name) + (value.S !== undefined ? Buffer.byteLength(value.S) : 21);
  }
  return bytes;
}
