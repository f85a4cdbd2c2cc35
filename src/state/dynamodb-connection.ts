/**
 * The DynamoDB client the store and the table helper share. The AWS SDK is imported on first use, so
 * a bot on the file or memory store never loads it.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConfigurationError } from '../core/errors.js';

export type DynamoDbSdk = typeof import('@aws-sdk/client-dynamodb');

export interface DynamoDbConnectionOptions {
  /** The table's name. */
  table: string;
  /** The table's region, for the client Parley creates; without it the SDK reads `AWS_REGION` or the profile. */
  region?: string;
  /** Another endpoint than AWS's, for the client Parley creates: DynamoDB Local, or an emulator in tests. */
  endpoint?: string;
  /**
   * The SDK client to use instead of `new DynamoDBClient({ region, endpoint })`: for credentials,
   * retries or settings of your own. Parley never destroys a client it was given.
   */
  client?: DynamoDBClient;
}

export interface DynamoDbConnection {
  sdk: DynamoDbSdk;
  client: DynamoDBClient;
}

/** Table names DynamoDB accepts. */
const tableName = /^[A-Za-z0-9_.-]{3,255}$/;

/**
 * Checks the options now and returns a function that loads the SDK and creates the client once, on
 * its first call; `release` destroys the client if Parley created it.
 */
export function connectDynamoDb(options: DynamoDbConnectionOptions): { connect: () => Promise<DynamoDbConnection>; release: () => Promise<void> } {
  if (typeof options.table !== 'string' || !tableName.test(options.table)) {
    throw new ConfigurationError('table', 'give a DynamoDB table name: 3–255 letters, digits, underscores, dots and dashes');
  }
  let connecting: Promise<DynamoDbConnection> | undefined;
  const connect = () =>
    (connecting ??= import('@aws-sdk/client-dynamodb').then((sdk) => ({
      sdk,
      client:
        options.client ??
        new sdk.DynamoDBClient({ ...(options.region ? { region: options.region } : {}), ...(options.endpoint ? { endpoint: options.endpoint } : {}) }),
    })));
  const release = async () => {
    if (!connecting || options.client) return;
    (await connecting).client.destroy();
    connecting = undefined;
  };
  return { connect, release };
}
