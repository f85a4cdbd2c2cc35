/**
 * The table the DynamoDB store needs: its shape (one item per conversation, keyed by
 * `conversationId`), a check of an existing table, and `createDynamoDbTable` to make one.
 */
import type { TableDescription } from '@aws-sdk/client-dynamodb';
import { ConfigurationError } from '../core/errors.js';
import { connectDynamoDb, type DynamoDbConnection, type DynamoDbConnectionOptions } from './dynamodb-connection.js';
import { toDynamoDbError } from './dynamodb-errors.js';

/** The partition key (a string) and the TTL attribute (epoch seconds) of the store's items. */
export const partitionKey = 'conversationId';
export const expiryAttribute = 'expiresAt';

/** Throws a `ConfigurationError` naming the fix when the table is not keyed the way the store writes. */
export function checkTableShape(table: string, description: TableDescription | undefined): void {
  const keys = description?.KeySchema ?? [];
  const type = description?.AttributeDefinitions?.find((attribute) => attribute.AttributeName === partitionKey)?.AttributeType;
  if (keys.length === 1 && keys[0]!.AttributeName === partitionKey && keys[0]!.KeyType === 'HASH' && type === 'S') return;
  const has = keys.map((key) => `${key.AttributeName} (${key.KeyType})`).join(', ') || 'no key';
  throw new ConfigurationError(
    'store.table',
    `the DynamoDB table "${table}" is keyed by ${has}; the store needs the partition key ${partitionKey} (a string) and no sort key: create a table for it with \`parley store create-table --table <name>\``,
  );
}

/** The table's description, or `undefined` when there is no such table. */
export async function findTable({ sdk, client }: DynamoDbConnection, table: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new sdk.DescribeTableCommand({ TableName: table }))).Table ?? {};
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return undefined;
    throw toDynamoDbError(error, 'DescribeTable', table);
  }
}

/** What `createDynamoDbTable` did. */
export interface CreatedDynamoDbTable {
  table: string;
  /** False when the table was there already (and keyed as the store needs). */
  created: boolean;
  /**
   * `enabled`: TTL on `expiresAt` was turned on now; `already-enabled`: it was on; `unsupported`: the
   * endpoint has no `UpdateTimeToLive` (some local emulators): expired conversations still read as
   * absent, but are never deleted there.
   */
  timeToLive: 'enabled' | 'already-enabled' | 'unsupported';
}

/** How long to wait for a new table to become active. */
const activeWithinSeconds = 300;

/**
 * Creates the conversation table (on-demand billing, partition key `conversationId`) and turns on TTL
 * on `expiresAt`, so DynamoDB deletes conversations idle past the store's `ttlSeconds`. Idempotent:
 * an existing table of the right shape is left as it is, and TTL turned on if it is off.
 *
 * @example
 * await createDynamoDbTable({ table: 'parley-conversations', region: 'eu-west-1' });
 */
export async function createDynamoDbTable(options: DynamoDbConnectionOptions): Promise<CreatedDynamoDbTable> {
  const { table } = options;
  const { connect, release } = connectDynamoDb(options);
  try {
    const connection = await connect();
    const { sdk, client } = connection;
    let created = false;
    const existing = await findTable(connection, table);
    if (existing) checkTableShape(table, existing);
    else {
      try {
        await client.send(
          new sdk.CreateTableCommand({
            TableName: table,
            BillingMode: 'PAY_PER_REQUEST',
            AttributeDefinitions: [{ AttributeName: partitionKey, AttributeType: 'S' }],
            KeySchema: [{ AttributeName: partitionKey, KeyType: 'HASH' }],
          }),
        );
        created = true;
      } catch (error) {
        // Another process created it meanwhile: then it is checked like any existing table.
        if ((error as Error).name !== 'ResourceInUseException') throw toDynamoDbError(error, 'CreateTable', table);
      }
    }
    try {
      await sdk.waitUntilTableExists({ client, minDelay: 1, maxDelay: 5, maxWaitTime: activeWithinSeconds }, { TableName: table });
    } catch (error) {
      throw toDynamoDbError(error, 'DescribeTable', table);
    }
    if (!created && !existing) checkTableShape(table, await findTable(connection, table));
    return { table, created, timeToLive: await enableTimeToLive(connection, table) };
  } finally {
    await release();
  }
}

async function enableTimeToLive({ sdk, client }: DynamoDbConnection, table: string): Promise<CreatedDynamoDbTable['timeToLive']> {
  let current;
  try {
    current = (await client.send(new sdk.DescribeTimeToLiveCommand({ TableName: table }))).TimeToLiveDescription;
  } catch (error) {
    throw toDynamoDbError(error, 'DescribeTimeToLive', table);
  }
  const status = current?.TimeToLiveStatus;
  if ((status === 'ENABLED' || status === 'ENABLING') && current?.AttributeName === expiryAttribute) return 'already-enabled';
  if (status === 'ENABLED' || status === 'ENABLING') {
    throw new ConfigurationError(
      'store.table',
      `the DynamoDB table "${table}" has TTL on ${String(current?.AttributeName)}; the store writes its expiry to ${expiryAttribute}: turn TTL off on the table and run this again, or use another table`,
    );
  }
  try {
    await client.send(new sdk.UpdateTimeToLiveCommand({ TableName: table, TimeToLiveSpecification: { AttributeName: expiryAttribute, Enabled: true } }));
    return 'enabled';
  } catch (error) {
    // Only an endpoint that does not know the operation (dynalite, older DynamoDB Local); AWS has it.
    if ((error as Error).name === 'UnknownOperationException') return 'unsupported';
    throw toDynamoDbError(error, 'UpdateTimeToLive', table);
  }
}
