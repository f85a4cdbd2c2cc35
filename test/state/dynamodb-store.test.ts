// The DynamoDB store against dynalite (a DynamoDB server in Node) with the real AWS SDK client.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DescribeTableCommand, GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, ParleyError, ProviderCallError, StateConflictError, StateTooLargeError } from '../../src/core/errors.js';
import { createDynamoDbStore, createDynamoDbTable } from '../../src/state/index.js';
import { startDynalite, type DynaliteServer } from '../support/dynalite.js';
import { stubEmulatorCredentials } from '../support/emulator-credentials.js';
import { describeConversationStoreContract } from './conversation-store-contract.js';

let dynamo: DynaliteServer;
let tables = 0;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo.close();
  vi.unstubAllEnvs();
});

/** A new table on the emulator, as `parley store create-table` makes it. */
async function newTable(): Promise<string> {
  const table = `conversations-${++tables}`;
  await createDynamoDbTable({ table, client: dynamo.client });
  return table;
}

async function rawItem(table: string, conversationId: string) {
  return (await dynamo.client.send(new GetItemCommand({ TableName: table, Key: { conversationId: { S: conversationId } }, ConsistentRead: true }))).Item;
}

/** A clock the test moves, in milliseconds. */
function steppedClock(start = Date.UTC(2030, 0, 1)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describeConversationStoreContract('DynamoDB store', async () => {
  const table = await newTable();
  const store = createDynamoDbStore({ table, client: dynamo.client });
  await store.open();
  return {
    store,
    countPersisted: async () => (await dynamo.client.send(new ScanCommand({ TableName: table, Select: 'COUNT' }))).Count ?? 0,
    cleanup: () => store.close(),
  };
});

describe('DynamoDB store', () => {
  it('lets one of two writers (each with its own client, as two processes) win the same version', async () => {
    stubEmulatorCredentials();
    const table = await newTable();
    const [first, second] = [0, 1].map(() => createDynamoDbStore({ table, endpoint: dynamo.endpoint, region: 'us-east-1' }));
    try {
      await first!.write('c-1', { turn: 1 }, undefined);
      const results = await Promise.allSettled([first!.write('c-1', { by: 'first' }, 1), second!.write('c-1', { by: 'second' }, 1)]);
      const won = results.flatMap((result, index) => (result.status === 'fulfilled' ? [index] : []));
      expect(won).toHaveLength(1);
      const lost = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(StateConflictError);
      expect(await second!.read('c-1')).toEqual({ state: { by: won[0] === 0 ? 'first' : 'second' }, version: 2 });
    } finally {
      await first!.close();
      await second!.close();
    }
  });

  it('writes one item per conversation, with its expiry (the TTL attribute) refreshed on each write', async () => {
    const table = await newTable();
    const clock = steppedClock();
    const store = createDynamoDbStore({ table, client: dynamo.client, ttlSeconds: 600, now: clock.now });
    await store.write('c-1', { step: 'ask-date' }, undefined);
    const start = clock.now() / 1000;
    expect(await rawItem(table, 'c-1')).toEqual({
      conversationId: { S: 'c-1' },
      state: { S: '{"step":"ask-date"}' },
      version: { N: '1' },
      expiresAt: { N: String(start + 600) },
    });
    clock.advance(90_000);
    await store.read('c-1'); // a read does not write
    expect((await rawItem(table, 'c-1'))?.expiresAt).toEqual({ N: String(start + 600) });
    await store.write('c-1', { step: 'ask-time' }, 1);
    expect((await rawItem(table, 'c-1'))?.expiresAt).toEqual({ N: String(start + 90 + 600) });
  });

  it('reads an expired conversation that TTL has not deleted yet as absent, and lets it start afresh', async () => {
    const table = await newTable();
    const clock = steppedClock();
    const store = createDynamoDbStore({ table, client: dynamo.client, ttlSeconds: 60, now: clock.now });
    await store.write('c-1', { turn: 1 }, undefined);
    clock.advance(59_999);
    expect(await store.read('c-1')).toEqual({ state: { turn: 1 }, version: 1 });
    clock.advance(1);
    expect(await store.read('c-1')).toBeUndefined();
    expect(await rawItem(table, 'c-1')).toBeDefined(); // still in the table
    await expect(store.write('c-1', { turn: 2 }, 1)).rejects.toBeInstanceOf(StateConflictError);
    expect(await store.write('c-1', { fresh: true }, undefined)).toBe(1);
    expect(await store.read('c-1')).toEqual({ state: { fresh: true }, version: 1 });
  });

  it('refuses a state whose item would pass 350 KB, saying what to trim, and writes nothing', async () => {
    const table = await newTable();
    const store = createDynamoDbStore({ table, client: dynamo.client });
    const error = await store.write('c-big', { transcript: 'x'.repeat(360 * 1024) }, undefined).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StateTooLargeError);
    expect((error as ParleyError).code).toBe('state-too-large');
    expect((error as Error).message).toMatch(/^conversation c-big: its state takes 368,\d{3} bytes, over the store's limit of 358,400; keep less with it \(lower transcript\.entries/);
    expect(await rawItem(table, 'c-big')).toBeUndefined();
    // Just under the limit is stored: the limit sits below DynamoDB's own (400 KB), not above it.
    const large = { transcript: 'é'.repeat(170 * 1024) };
    expect(await store.write('c-big', large, undefined)).toBe(1);
    expect(await store.read('c-big')).toEqual({ state: large, version: 1 });
  });

  it('fails at open() when the table does not exist, naming the command that creates it', async () => {
    const store = createDynamoDbStore({ table: 'no-such-table', client: dynamo.client });
    const error = await store.open().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).key).toBe('store.table');
    expect((error as Error).message).toContain('the DynamoDB table "no-such-table" does not exist in this account and region; create it with `parley store create-table --table no-such-table`');
    // The same on the first operation, for a store that was not opened.
    await expect(store.read('c-1')).rejects.toThrow(/parley store create-table --table no-such-table/);
  });

  it('fails at open() when the table is keyed otherwise', async () => {
    await dynamo.client.send(
      new CreateTableCommand({ TableName: 'keyed-by-id', BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] }),
    );
    await expect(createDynamoDbStore({ table: 'keyed-by-id', client: dynamo.client }).open()).rejects.toThrow(/"keyed-by-id" is keyed by id \(HASH\); the store needs the partition key conversationId/);
    await expect(createDynamoDbTable({ table: 'keyed-by-id', client: dynamo.client })).rejects.toBeInstanceOf(ConfigurationError);
  });

  it('rejects a table name DynamoDB would refuse, and a ttlSeconds below 1, when created', () => {
    expect(() => createDynamoDbStore({ table: 'a b' })).toThrow(ConfigurationError);
    expect(() => createDynamoDbStore({ table: 'ok-table', ttlSeconds: 0 })).toThrow(/ttlSeconds: must be a whole number/);
  });

  it('reports an endpoint that does not answer as a retryable ProviderCallError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    const client = new DynamoDBClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'AKIDPARLEYTEST', secretAccessKey: 'emulator' }, maxAttempts: 1 });
    try {
      const error = await createDynamoDbStore({ table: 'any-table', client }).open().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProviderCallError);
      expect(error).toMatchObject({ provider: 'dynamodb', operation: 'DescribeTable', retryable: true });
    } finally {
      client.destroy();
    }
  });

  it('names the missing credentials and region as settings to fix, without quoting the SDK', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', undefined);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', undefined);
    vi.stubEnv('AWS_SESSION_TOKEN', undefined);
    vi.stubEnv('AWS_PROFILE', undefined);
    vi.stubEnv('AWS_REGION', undefined);
    vi.stubEnv('AWS_DEFAULT_REGION', undefined);
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/credentials');
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/config');
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', undefined);
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', undefined);
    vi.stubEnv('AWS_WEB_IDENTITY_TOKEN_FILE', undefined);
    const noCredentials = createDynamoDbStore({ table: 'any-table', endpoint: dynamo.endpoint, region: 'us-east-1' });
    await expect(noCredentials.open()).rejects.toThrow(/^AWS credentials: DynamoDB DescribeTable on "any-table" found no valid credentials \(CredentialsProviderError\); set AWS_ACCESS_KEY_ID/);
    await noCredentials.close();
    const noRegion = createDynamoDbStore({ table: 'any-table', endpoint: dynamo.endpoint });
    await expect(noRegion.open()).rejects.toThrow(/^store\.region: no AWS region for the DynamoDB table: set store\.region, or AWS_REGION$/);
    await noRegion.close();
    vi.unstubAllEnvs();
  });
});

describe('createDynamoDbTable', () => {
  it('creates an on-demand table keyed by conversationId, and does nothing more the second time', async () => {
    expect(await createDynamoDbTable({ table: 'made-twice', client: dynamo.client })).toEqual({ table: 'made-twice', created: true, timeToLive: 'unsupported' });
    expect(await createDynamoDbTable({ table: 'made-twice', client: dynamo.client })).toEqual({ table: 'made-twice', created: false, timeToLive: 'unsupported' });
    const { Table } = await dynamo.client.send(new DescribeTableCommand({ TableName: 'made-twice' }));
    expect(Table).toMatchObject({
      TableStatus: 'ACTIVE',
      BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
      KeySchema: [{ AttributeName: 'conversationId', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'conversationId', AttributeType: 'S' }],
    });
  });

  describe('where the endpoint has TTL', () => {
    // dynalite has no UpdateTimeToLive: a proxy in front of it answers the two TTL operations as
    // DynamoDB does, and passes everything else on.
    let proxy: Server;
    let endpoint: string;
    const ttl = { status: 'DISABLED', attribute: undefined as string | undefined, updates: [] as unknown[] };
    beforeAll(async () => {
      proxy = createServer(async (request, response) => {
        const chunks: Buffer[] = [];
        for await (const chunk of request) chunks.push(chunk as Buffer);
        const body = Buffer.concat(chunks);
        const target = String(request.headers['x-amz-target']);
        const json = (value: unknown) => response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify(value));
        if (target.endsWith('.UpdateTimeToLive')) {
          const { TimeToLiveSpecification: spec } = JSON.parse(body.toString()) as { TimeToLiveSpecification: { AttributeName: string; Enabled: boolean } };
          ttl.updates.push(spec);
          [ttl.status, ttl.attribute] = ['ENABLED', spec.AttributeName];
          return json({ TimeToLiveSpecification: spec });
        }
        if (target.endsWith('.DescribeTimeToLive')) return json({ TimeToLiveDescription: { TimeToLiveStatus: ttl.status, ...(ttl.attribute ? { AttributeName: ttl.attribute } : {}) } });
        const forwarded = await fetch(`${dynamo.endpoint}${request.url}`, { method: request.method, headers: request.headers as Record<string, string>, body });
        response.writeHead(forwarded.status, Object.fromEntries(forwarded.headers)).end(Buffer.from(await forwarded.arrayBuffer()));
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      endpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => proxy.close(() => resolve())));

    it('turns TTL on for expiresAt once', async () => {
      stubEmulatorCredentials();
      expect(await createDynamoDbTable({ table: 'with-ttl', endpoint, region: 'us-east-1' })).toEqual({ table: 'with-ttl', created: true, timeToLive: 'enabled' });
      expect(await createDynamoDbTable({ table: 'with-ttl', endpoint, region: 'us-east-1' })).toEqual({ table: 'with-ttl', created: false, timeToLive: 'already-enabled' });
      expect(ttl.updates).toEqual([{ AttributeName: 'expiresAt', Enabled: true }]);
    });

    it('refuses a table whose TTL is on another attribute', async () => {
      [ttl.status, ttl.attribute] = ['ENABLED', 'deleteAfter'];
      await expect(createDynamoDbTable({ table: 'with-ttl', endpoint, region: 'us-east-1' })).rejects.toThrow(/has TTL on deleteAfter; the store writes its expiry to expiresAt/);
    });
  });
});
