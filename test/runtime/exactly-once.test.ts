// Exactly-once turns across processes: three runtimes (each with its own DynamoDB client, as three
// processes or hosts would have) share one table. A platform that retries delivers the customer's
// "yes" to all of them at once, and again to a runtime started afterwards: the order reaches the
// kitchen once (the turn claims the conversation before dialog code runs: turn-claims.ts), and every
// delivery gets the same answer.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationBusyError, createBot, createDynamoDbStore, createDynamoDbTable, createFileStore, fixedClock, type Bot, type FileStore, type TurnInput, type TurnOutput } from 'parley-sdk';
import pizzaShop, { kitchen } from '../../examples/pizza-shop/bot.js';
import { dynaliteCredentials, dynaliteRegion, startDynalite, type DynaliteServer } from '../support/dynalite.js';

const table = 'parley-exactly-once';
const clock = fixedClock('2030-03-04', 'America/New_York');
let dynamo: DynaliteServer;
const clients: DynamoDBClient[] = [];

beforeAll(async () => {
  dynamo = await startDynalite();
  await createDynamoDbTable({ table, client: dynamo.client });
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await dynamo?.close();
});

/** A runtime as one process has it: its own client, store and bot over the shared table. */
async function runtime(): Promise<Bot> {
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: dynaliteRegion, credentials: dynaliteCredentials });
  clients.push(client);
  const store = createDynamoDbStore({ table, client });
  await store.open();
  return createBot(pizzaShop, { store, clock });
}

const say = (conversationId: string, text: string, idempotencyKey: string): TurnInput => ({ conversationId, channel: 'test', content: { kind: 'text', text }, idempotencyKey });
const texts = (output: TurnOutput) => output.messages.map((message) => message.text);

describe('a turn delivered more than once, to several processes sharing a store', () => {
  it('runs once on DynamoDB: the kitchen gets one order, and every delivery the same answer', async () => {
    await deliveredToAll([await runtime(), await runtime(), await runtime()], runtime, 'web-exactly-once-1');
  });

  it('runs once on a shared file directory', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'parley-exactly-once-'));
    const stores: FileStore[] = [];
    const fileRuntime = async () => {
      const store = createFileStore({ directory, shared: true });
      stores.push(store);
      return createBot(pizzaShop, { store, clock });
    };
    try {
      await deliveredToAll([await fileRuntime(), await fileRuntime(), await fileRuntime()], fileRuntime, 'web-exactly-once-2');
    } finally {
      for (const store of stores) await store.close();
      await rm(directory, { recursive: true, force: true });
    }
  });
});

/** A pizza ordered through three processes; the customer's "yes" delivered to all three, then to a fourth. */
async function deliveredToAll([one, two, three]: Bot[], later: () => Promise<Bot>, id: string): Promise<void> {
  await one!.handle(say(id, 'a large pizza with olives', 'activity-1'));
  const confirming = await two!.handle(say(id, 'a large pizza with olives', 'activity-1'));
  expect(confirming.redelivered).toBe(true);
  expect(texts(confirming).join(' ')).toMatch(/large pizza with olives\. Shall I place the order\?/);

  const before = kitchen.orders.length;
  // The same "yes", delivered to all three at once: one runs it; the others wait for its claim and
  // replay its answer (or, on a machine too slow to finish within the wait, are told to retry).
  const settled = await Promise.allSettled([one, two, three].map((bot) => bot!.handle(say(id, 'yes', 'activity-2'))));
  expect(kitchen.orders.length - before).toBe(1);
  const answers = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  for (const outcome of settled) if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(ConversationBusyError);
  expect(answers.filter((answer) => !answer.redelivered)).toHaveLength(1);
  for (const answer of answers) expect(texts(answer)).toEqual(texts(answers[0]!));
  expect(texts(answers[0]!).join(' ')).toMatch(/in the oven/);

  // Once more, to a process started after the others (a restart, or a new host).
  const again = await (await later()).handle(say(id, 'yes', 'activity-2'));
  expect(again.redelivered).toBe(true);
  expect(texts(again)).toEqual(texts(answers[0]!));
  expect(kitchen.orders.length - before).toBe(1);
}
