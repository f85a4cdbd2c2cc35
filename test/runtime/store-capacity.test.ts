// What a turn costs on DynamoDB, as `/metrics` shows it (`parley_store_requests_total`,
// `parley_store_capacity_units_total`): the reference assistant served over the web API on dynalite,
// which reports consumed capacity as DynamoDB does (a strongly consistent read: one unit per 4 KB of
// item; a write: one per KB of the larger of the old and new item). docs/runtime.md quotes these.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger, loadRuntimeConfig, startRuntime, type Runtime } from 'parley-sdk/runtime';
import acmeTelecom from '../../dialogs/index.js';
import { createDynamoDbTable } from '../../src/state/index.js';
import { dynaliteRegion, startDynalite, type DynaliteServer } from '../support/dynalite.js';
import { stubEmulatorCredentials } from '../support/emulator-credentials.js';

const table = 'capacity';
let dynamo: DynaliteServer;
let runtime: Runtime;
let url: string;

beforeAll(async () => {
  stubEmulatorCredentials();
  dynamo = await startDynalite();
  await createDynamoDbTable({ table, client: dynamo.client });
  const config = loadRuntimeConfig({ env: {}, overrides: { port: 0, store: { kind: 'dynamodb', table, endpoint: dynamo.endpoint, region: dynaliteRegion } } });
  runtime = await startRuntime(acmeTelecom, config, createLogger({ level: 'silent' }));
  url = runtime.server.url;
});
afterAll(async () => {
  await runtime?.close();
  await dynamo?.close();
  vi.unstubAllEnvs();
});

interface StoreCounts {
  GetItem: number;
  PutItem: number;
  readUnits: number;
  writeUnits: number;
}

async function storeCounts(): Promise<StoreCounts> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (pattern: string) => Number(new RegExp(`^${pattern} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  return {
    GetItem: value('parley_store_requests_total\\{operation="GetItem"\\}'),
    PutItem: value('parley_store_requests_total\\{operation="PutItem"\\}'),
    readUnits: value('parley_store_capacity_units_total\\{kind="read"\\}'),
    writeUnits: value('parley_store_capacity_units_total\\{kind="write"\\}'),
  };
}

/** What `step` cost the store. */
async function cost(step: () => Promise<unknown>): Promise<StoreCounts> {
  const before = await storeCounts();
  await step();
  const after = await storeCounts();
  return { GetItem: after.GetItem - before.GetItem, PutItem: after.PutItem - before.PutItem, readUnits: after.readUnits - before.readUnits, writeUnits: after.writeUnits - before.writeUnits };
}

async function post(path: string, body: unknown, token?: string) {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  expect(response.status).toBeLessThan(300);
  return response.json() as Promise<any>;
}

/** The conversation's item as stored, in bytes as DynamoDB counts them (attribute names and values). */
async function itemBytes(conversationId: string): Promise<number> {
  const { Item: item } = await dynamo.client.send(new GetItemCommand({ TableName: table, Key: { conversationId: { S: conversationId } }, ConsistentRead: true }));
  return Object.entries(item!).reduce((bytes, [name, value]) => bytes + Buffer.byteLength(name) + (value.S !== undefined ? Buffer.byteLength(value.S) : 21), 0);
}

describe('DynamoDB requests and capacity per turn', () => {
  it('costs one strongly consistent read and two writes (the claim, then the answer) per web turn', async () => {
    let conversation = { conversationId: '', token: '' };
    const started = await cost(async () => (conversation = await post('/api/conversations', {})));
    // Reading an absent item costs a unit all the same.
    expect(started).toEqual({ GetItem: 1, PutItem: 1, readUnits: 1, writeUnits: 1 });
    const path = `/api/conversations/${conversation.conversationId}/messages`;
    const script = ['I need a repair tomorrow at 3pm', 'actually make it friday', 'yes', 'where is order AB123456?', 'is there an outage in 94105?', 'thanks, bye'];
    const turns: StoreCounts[] = [];
    let bytesBefore = 0;
    for (const [index, text] of script.entries()) {
      if (index === script.length - 1) bytesBefore = await itemBytes(conversation.conversationId);
      turns.push(await cost(() => post(path, { text, clientMessageId: `m-${index}` }, conversation.token)));
    }
    for (const turn of turns) expect(turn).toMatchObject({ GetItem: 1, PutItem: 2 });
    const bytes = await itemBytes(conversation.conversationId);
    // The last turn read the item before it and wrote it twice (claimed as it was, then answered as it
    // is): units follow from its sizes.
    expect(turns.at(-1)!.readUnits).toBeGreaterThanOrEqual(1);
    expect(turns.at(-1)!.writeUnits).toBeGreaterThanOrEqual(Math.ceil(bytesBefore / 1024) + Math.ceil(bytes / 1024));

    // A redelivered message (the same clientMessageId) is answered from the item: one read, no write.
    const redelivered = await cost(() => post(path, { text: 'thanks, bye', clientMessageId: `m-${script.length - 1}` }, conversation.token));
    expect(redelivered).toEqual({ GetItem: 1, PutItem: 0, readUnits: Math.ceil(bytes / 4096), writeUnits: 0 });

    // The web API's reads besides turns: the transcript (a reload), a token renewal (the conversation exists?).
    const transcript = await cost(() => fetch(`${url}${path}?after=0`, { headers: { authorization: `Bearer ${conversation.token}` } }).then((response) => response.json()));
    expect(transcript).toMatchObject({ GetItem: 1, PutItem: 0 });
    const renewal = await cost(() => post(`/api/conversations/${conversation.conversationId}/token`, {}, conversation.token));
    expect(renewal).toMatchObject({ GetItem: 1, PutItem: 0 });
    // An event stream asks whether the conversation exists, then reads the entries it has missed.
    const stream = await cost(async () => {
      const aborted = new AbortController();
      const response = await fetch(`${url}/api/conversations/${conversation.conversationId}/events?after=0&token=${conversation.token}`, { signal: aborted.signal });
      await response.body!.getReader().read(); // the first event: the backlog is read by then
      aborted.abort();
    });
    expect(stream).toMatchObject({ GetItem: 2, PutItem: 0 });
  });
});
