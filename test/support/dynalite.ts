// dynalite, a DynamoDB server in Node (in memory), on 127.0.0.1 at a free port: the real
// @aws-sdk/client-dynamodb talks to it over the wire, as it would to AWS.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

type Dynalite = (options: { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number }) => Server;
const dynalite = createRequire(import.meta.url)('dynalite') as Dynalite;

/** What the emulator takes: any key works, but the SDK signs every request with one. */
export const dynaliteCredentials = { accessKeyId: 'AKIDPARLEYTEST', secretAccessKey: 'emulator' };
export const dynaliteRegion = 'us-east-1';

export interface DynaliteServer {
  endpoint: string;
  /** A client of the emulator, with the emulator's credentials; destroyed by `close`. */
  client: DynamoDBClient;
  close(): Promise<void>;
}

/** Starts dynalite; tables become active at once. */
export async function startDynalite(): Promise<DynaliteServer> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ endpoint, region: dynaliteRegion, credentials: dynaliteCredentials });
  return {
    endpoint,
    client,
    async close() {
      client.destroy();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
