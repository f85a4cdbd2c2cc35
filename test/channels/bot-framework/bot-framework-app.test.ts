import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, createFileStore } from 'parley-sdk';
import { conversationIdOf, createBotFrameworkApp, handoffEnvelopeContentType } from '../../../channels/bot-framework/index.js';
import { captureLogs, countingStore, createTestBot, messageActivity, mount, postActivity, startConnector, type ConnectorRequest } from './helpers.js';

type Replies = { activities: Array<Record<string, unknown>> };

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let testBot: Awaited<ReturnType<typeof createTestBot>>;
let written: string[];
beforeAll(async () => {
  const counting = countingStore();
  written = counting.written;
  testBot = await createTestBot(counting.store);
});

let conversations = 0;
/** A fresh conversation, and a function that says something in it with `expectReplies`. */
function conversation(app = mount({ bot: testBot.bot, logger: captureLogs().logger })) {
  conversations += 1;
  const id = `conv-${conversations}`;
  return {
    id,
    async say(text: string, overrides: Record<string, unknown> = {}) {
      const response = await postActivity(app, messageActivity(text, { conversation: { id }, deliveryMode: 'expectReplies', ...overrides }));
      expect(response.status).toBe(200);
      return ((await response.json()) as Replies).activities;
    },
  };
}

describe('POST /api/messages with deliveryMode expectReplies', () => {
  it('books a repair: the question comes with Yes/No suggested actions, "yes" books it', async () => {
    const { id, say } = conversation();
    const [question, ...rest] = await say('I need a repair tomorrow at 3pm');
    expect(rest).toEqual([]);
    expect(question).toMatchObject({
      type: 'message',
      text: expect.stringMatching(/visit for repair on Tuesday, March 5 at 3:00 PM.*book it\?/),
      inputHint: 'expectingInput',
      suggestedActions: { actions: [{ type: 'imBack', title: 'Yes', value: 'yes' }, { type: 'imBack', title: 'No', value: 'no' }] },
      // botbuilder addresses the reply: back to the customer, in reply to their activity.
      conversation: { id },
      from: { id: 'bot-1' },
      recipient: { id: 'user-1' },
      replyToId: expect.stringMatching(/^act-/),
    });
    const [booked] = await say('yes');
    expect(booked).toMatchObject({ type: 'message', text: expect.stringMatching(/booked/i) });
    expect(await testBot.bot.view(conversationIdOf('emulator', id))).toMatchObject({ dialog: null, slots: { service: 'repair', date: '2030-03-05', time: '15:00' } });
  });

  it('hands off: the text, then a handoff.initiate event carrying the queue and the envelope', async () => {
    const { say } = conversation();
    const activities = await say('agent please');
    expect(activities.map((activity) => activity.type)).toEqual(['message', 'event']);
    expect(activities[0]).toMatchObject({ text: expect.stringMatching(/connect you with a person/) });
    expect(activities[1]).toMatchObject({
      name: 'handoff.initiate',
      value: { queue: 'General', reason: 'requested', summary: expect.stringMatching(/^The conversation was about TalkToAgent\./) },
      relatesTo: { channelId: 'emulator' },
    });
    const [envelope, transcript] = activities[1]!.attachments as Array<{ contentType: string; content: any }>;
    expect(envelope).toMatchObject({ contentType: handoffEnvelopeContentType, content: { v: 1, channel: 'bot-framework', queue: 'General', reason: 'requested', intents: ['TalkToAgent'] } });
    expect(transcript).toMatchObject({ contentType: 'Transcript', content: { activities: [{ type: 'message', text: 'agent please', from: { role: 'user' } }, { type: 'message', from: { role: 'bot' } }] } });
  });

  it('says goodbye with an endOfConversation activity', async () => {
    const { say } = conversation();
    const activities = await say('bye');
    expect(activities.map((activity) => activity.type)).toEqual(['message', 'endOfConversation']);
    expect(activities[1]).toMatchObject({ code: 'completedSuccessfully' });
  });

  it('greets a customer who joins when a welcome event is configured, and runs known event activities only', async () => {
    const app = mount({ bot: testBot.bot, logger: captureLogs().logger, welcomeEvent: 'Greeting' });
    const { id, say } = conversation(app);
    const joined = { type: 'conversationUpdate', text: undefined, membersAdded: [{ id: 'user-1', name: 'User' }] };
    const [greeting] = await say('', joined);
    expect(greeting).toMatchObject({ type: 'message', text: expect.stringMatching(/^Hi! I'm Acme Telecom's virtual assistant/) });
    expect(await say('', { type: 'event', name: 'webchat/join', value: {} })).toEqual([]);
    const before = written.length;
    expect(await say('', { type: 'event', name: 'webchat/join' })).toEqual([]);
    expect(written.length).toBe(before);
    const handoff = await say('', { type: 'event', name: 'TalkToAgent' });
    expect(handoff.map((activity) => activity.type)).toEqual(['message', 'event']);
    expect(written.at(-1)).toBe(conversationIdOf('emulator', id));
  });
});

describe('POST /api/messages with normal delivery', () => {
  it('POSTs each reply to the serviceUrl with the real ConnectorClient, and answers 200', async () => {
    const connector = await startConnector();
    cleanups.push(connector.close);
    const app = mount({ bot: testBot.bot, logger: captureLogs().logger });
    const activity = messageActivity('I need a repair tomorrow at 3pm', { serviceUrl: connector.url, conversation: { id: 'a:1 Teams/Like|id' } });
    const response = await postActivity(app, activity);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(connector.requests).toHaveLength(1);
    const [request] = connector.requests as [ConnectorRequest];
    expect(request.method).toBe('POST');
    expect(request.path).toBe(`/v3/conversations/${encodeURIComponent('a:1 Teams/Like|id')}/activities/${activity.id as string}`);
    // Authentication is off: botbuilder signs nothing.
    expect(request.headers.authorization).toBeUndefined();
    expect(request.body).toMatchObject({
      type: 'message',
      text: expect.stringMatching(/Shall I book it\?/),
      suggestedActions: { actions: [{ type: 'imBack', title: 'Yes', value: 'yes' }, { type: 'imBack', title: 'No', value: 'no' }] },
      replyToId: activity.id,
      conversation: { id: 'a:1 Teams/Like|id' },
      serviceUrl: connector.url,
    });
  });

  it('answers a redelivered activity without a second turn: the same replies, or none sent again', async () => {
    const app = mount({ bot: testBot.bot, logger: captureLogs().logger });
    // Turns the bot ran, as the conversation's transcript counts them (a redelivery adds none).
    const turns = async (id: string) => ((await testBot.bot.transcript(conversationIdOf('emulator', id))) ?? []).filter((entry) => entry.from === 'customer').length;
    const asked = messageActivity('I need a repair tomorrow at 3pm', { conversation: { id: 'redelivered-1' }, deliveryMode: 'expectReplies' });
    const first = (await (await postActivity(app, asked)).json()) as Replies;
    const again = (await (await postActivity(app, asked)).json()) as Replies;
    expect(again.activities.map((reply) => reply.text)).toEqual(first.activities.map((reply) => reply.text));
    expect(await turns('redelivered-1')).toBe(1);
    // A new activity id is a new turn.
    await postActivity(app, messageActivity('yes', { conversation: { id: 'redelivered-1' }, deliveryMode: 'expectReplies' }));
    expect(await turns('redelivered-1')).toBe(2);
    // The same id with another text is not a redelivery: 409, and nothing runs.
    const reused = await postActivity(app, { ...asked, text: 'cancel' });
    expect(reused.status).toBe(409);
    expect(await reused.json()).toMatchObject({ error: { code: 'activity-id-reused' } });
    expect(await turns('redelivered-1')).toBe(2);

    const connector = await startConnector();
    cleanups.push(connector.close);
    const sent = messageActivity('where is order AB123456', { serviceUrl: connector.url, conversation: { id: 'redelivered-2' } });
    expect((await postActivity(app, sent)).status).toBe(200);
    // Redelivered to another instance of the channel (another process, or after a restart): the
    // answer is in the conversation's store, so it is not sent again.
    const elsewhere = mount({ bot: testBot.bot, logger: captureLogs().logger });
    expect((await postActivity(elsewhere, sent)).status).toBe(200);
    expect(connector.requests).toHaveLength(1);
    expect(await turns('redelivered-2')).toBe(1);
  });

  it('answers 502 without details when the connector refuses the reply (the turn itself is saved)', async () => {
    const connector = await startConnector(404);
    cleanups.push(connector.close);
    const { lines, logger } = captureLogs();
    const app = mount({ bot: testBot.bot, logger });
    const response = await postActivity(app, messageActivity('where is my order AB123456', { serviceUrl: connector.url, conversation: { id: 'gone' } }));
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ error: { code: 'connector-failed', message: 'The turn was answered, but the replies could not be sent to the serviceUrl.' } });
    expect(connector.requests).toHaveLength(1);
    const failure = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.outcome === 'failed');
    expect(failure).toMatchObject({ stage: 'send', conversationId: 'bf:emulator:gone', err: { statusCode: 404 } });
    expect(lines.join('\n')).not.toMatch(/AB123456/);
  });
});

describe('authentication', () => {
  it('with an app id, refuses a request without a valid token (401) and never runs the bot', async () => {
    const { bot, inputs } = await createTestBot();
    const app = mount({ bot, logger: captureLogs().logger, auth: { appId: '00000000-0000-0000-0000-000000000001', appPassword: 'not-a-secret' } });
    for (const authorization of [undefined, 'Bearer', 'Bearer not-a-jwt', 'Basic dXNlcjpwYXNz']) {
      const response = await postActivity(app, messageActivity('hi', { deliveryMode: 'expectReplies' }), authorization ? { Authorization: authorization } : {});
      expect(response.status, authorization).toBe(401);
      expect(response.headers.get('WWW-Authenticate')).toBe('Bearer');
      expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: 'The request has no valid Bot Framework token.' } });
    }
    expect(inputs).toEqual([]);
  });

  it('without an app id, accepts requests without Authorization (the Emulator mode) and warns once', async () => {
    const { bot, inputs } = await createTestBot();
    const { lines, logger } = captureLogs();
    const app = mount({ bot, logger });
    expect(lines.filter((line) => /authentication is off/.test(line))).toHaveLength(1);
    const response = await postActivity(app, messageActivity('hi', { deliveryMode: 'expectReplies' }));
    expect(response.status).toBe(200);
    expect(inputs).toHaveLength(1);
  });

  it('refuses settings that cannot work, naming the key', async () => {
    const make = (auth: Parameters<typeof createBotFrameworkApp>[0]['auth']) => () => createBotFrameworkApp({ bot: testBot.bot, auth, logger: captureLogs().logger });
    expect(make({ appId: ' ' })).toThrow(ConfigurationError);
    expect(make({ appId: '', appPassword: 'x' })).toThrow(/^auth\.appId: is required when appPassword is set/);
    expect(make({ appId: 'app' })).toThrow(/auth\.appPassword/);
    expect(make({ appId: 'app', appPassword: 'x', appType: 'SingleTenant' })).toThrow(/auth\.tenantId/);
    expect(make({ appId: 'app', appPassword: 'x', appType: 'UserAssignedMSI', tenantId: 't' })).toThrow(/auth\.appPassword/);
    expect(make({ appId: 'app', appType: 'UserAssignedMSI', tenantId: 't' })).not.toThrow();
    expect(make({ appId: 'app', appPassword: 'x', appType: 'SingleTenant', tenantId: 't' })).not.toThrow();
    expect(() => createBotFrameworkApp({ bot: testBot.bot, maxBodyBytes: 0, logger: captureLogs().logger })).toThrow(/maxBodyBytes/);
  });
});

describe('bad input', () => {
  let app: ReturnType<typeof mount>;
  let inputs: unknown[];
  let writes: string[];
  beforeAll(async () => {
    const counting = countingStore();
    writes = counting.written;
    const created = await createTestBot(counting.store);
    inputs = created.inputs;
    app = mount({ bot: created.bot, logger: captureLogs().logger, maxBodyBytes: 4096 });
  });

  async function expectError(response: Response, status: number, code: string) {
    expect(response.status).toBe(status);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code, message: expect.any(String) } });
    expect(text).not.toMatch(/\bat .*\.(?:ts|js):\d+|Error:/);
    return JSON.parse(text) as { error: { details?: string[] } };
  }

  it('refuses malformed JSON (400), another content type (415) and a body over the limit (413)', async () => {
    await expectError(await postActivity(app, '{"type": "message", '), 400, 'invalid-json');
    await expectError(await postActivity(app, ''), 400, 'invalid-json');
    const plain = { 'Content-Type': 'text/plain' };
    await expectError(await postActivity(app, messageActivity('hi'), plain), 415, 'unsupported-media-type');
    await expectError(await app.request('/api/messages', { method: 'POST', body: JSON.stringify(messageActivity('hi')) }), 415, 'unsupported-media-type');
    await expectError(await postActivity(app, messageActivity('x'.repeat(5000))), 413, 'payload-too-large');
  });

  it('refuses activities without a type or a conversation id (400), naming the field', async () => {
    const withoutType = await expectError(await postActivity(app, messageActivity('hi', { type: undefined })), 400, 'invalid-activity');
    expect(withoutType.error.details?.join('\n')).toMatch(/^type: /m);
    const withoutConversation = await expectError(await postActivity(app, messageActivity('hi', { conversation: { name: 'x' } })), 400, 'invalid-activity');
    expect(withoutConversation.error.details?.join('\n')).toMatch(/^conversation\.id: /m);
    await expectError(await postActivity(app, '[]'), 400, 'invalid-activity');
    await expectError(await postActivity(app, 'null'), 400, 'invalid-activity');
  });

  it('acknowledges activity types that run no turn: 200, or 501 for an invoke nobody answers', async () => {
    for (const type of ['typing', 'trace', 'messageReaction', 'installationUpdate', 'endOfConversation', 'someFutureType']) {
      const response = await postActivity(app, messageActivity('hi', { type }));
      expect(response.status, type).toBe(200);
    }
    const invoke = await postActivity(app, messageActivity('', { type: 'invoke', name: 'adaptiveCard/action', value: {} }));
    expect(invoke.status).toBe(501);
  });

  it('answers other methods with 405', async () => {
    const response = await app.request('/api/messages', { method: 'GET' });
    await expectError(response, 405, 'method-not-allowed');
    expect(response.headers.get('Allow')).toBe('POST');
  });

  // Runs last (tests in a file run in order): whatever was refused or ignored above ran no turn.
  it('never ran the bot nor wrote to the store for any of the above', () => {
    expect(inputs).toEqual([]);
    expect(writes).toEqual([]);
  });
});

describe('conversation ids from outside', () => {
  it('keeps a path-trick conversation id inside the file store, under a hashed name', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'parley-bf-'));
    cleanups.push(() => rm(directory, { recursive: true, force: true }));
    const store = join(directory, 'store');
    const { bot, inputs } = await createTestBot(createFileStore({ directory: store }));
    const app = mount({ bot, logger: captureLogs().logger });
    const response = await postActivity(app, messageActivity('I need a repair', { conversation: { id: '../../etc' }, deliveryMode: 'expectReplies' }));
    expect(response.status).toBe(200);
    expect(((await response.json()) as Replies).activities[0]).toMatchObject({ conversation: { id: '../../etc' }, text: expect.stringMatching(/day/i) });
    expect(inputs[0]?.conversationId).toMatch(/^bfh:emulator:[0-9a-f]{64}$/);
    expect(await readdir(directory)).toEqual(['store']);
    const files = await readdir(store, { recursive: true });
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((file) => !file.includes('..'))).toBe(true);
  });
});

describe('logs', () => {
  it('hold ids, types, outcome and latency, never what the customer wrote', async () => {
    const { lines, logger } = captureLogs();
    const app = mount({ bot: testBot.bot, logger });
    const response = await postActivity(app, messageActivity('reset my password, my email is jane.doe@example.com', { conversation: { id: 'logged' }, deliveryMode: 'expectReplies' }));
    expect(response.status).toBe(200);
    const entry = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.outcome === 'answered');
    expect(entry).toMatchObject({ channel: 'bot-framework', conversationId: 'bf:emulator:logged', activityType: 'message', deliveryMode: 'expectReplies', status: 200, replies: 1 });
    expect(entry?.latencyMs).toEqual(expect.any(Number));
    expect(lines.join('\n')).not.toMatch(/jane|password|example\.com/i);
  });
});

describe('over a real socket', () => {
  let server: ServerType;
  let url: string;
  beforeAll(async () => {
    const app = createBotFrameworkApp({ bot: testBot.bot, logger: captureLogs().logger, maxBodyBytes: 4096 });
    server = await new Promise<ServerType>((resolve) => {
      const listening = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(listening));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    await closed;
  });

  it('answers a message, and refuses an oversized body whether or not it declares its length', async () => {
    const ok = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(messageActivity('hi', { conversation: { id: 'socket' }, deliveryMode: 'expectReplies' })) });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as Replies).activities[0]).toMatchObject({ type: 'message', text: expect.stringMatching(/^Hi!/) });
    const big = JSON.stringify(messageActivity('x'.repeat(10_000)));
    const declared = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: big });
    expect(declared.status).toBe(413);
    const chunked = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: Readable.toWeb(Readable.from([big.slice(0, 3000), big.slice(3000)])) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await chunked.json()).toMatchObject({ error: { code: 'payload-too-large' } });
  });
});
