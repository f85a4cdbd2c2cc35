import { beforeAll, describe, expect, it } from 'vitest';
import { isSafeId } from '../../../src/core/ids.js';
import {
  createCapturedLogger,
  createWebChat,
  postJson,
  type ErrorBody,
  type TurnReplyBody,
  type WebChatFixture,
  testTokenSecret,
  type StartReplyBody,
} from './web-chat-fixtures.js';
import { createConversationTokens } from '../../../channels/web/index.js';

let chat: WebChatFixture;
beforeAll(async () => {
  chat = await createWebChat();
});

describe('web chat API: conversations and turns', () => {
  it('starts a conversation with an unguessable id and a token for it, stored before any turn', async () => {
    const writesBefore = chat.writes();
    const response = await chat.app.request('/api/conversations', { method: 'POST' });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { conversationId, token, expiresIn } = (await response.json()) as StartReplyBody;
    expect(conversationId).toMatch(/^web-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(isSafeId(conversationId)).toBe(true);
    expect(token).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
    expect(expiresIn).toBe(3600);
    // Stored at once: a restart before the first message keeps it.
    expect(chat.writes()).toBe(writesBefore + 1);
    expect(await chat.bot.exists(conversationId, 'web')).toBe(true);
    expect(await chat.start()).not.toBe(conversationId);
  });

  it('accepts a locale, and an empty body whatever its content type', async () => {
    expect((await chat.app.request('/api/conversations', postJson({ locale: 'en-GB' }))).status).toBe(201);
    expect((await chat.app.request('/api/conversations', postJson({}))).status).toBe(201);
    expect((await chat.app.request('/api/conversations', { method: 'POST', body: '', headers: { 'Content-Type': 'text/plain' } })).status).toBe(201);
    const conversationId = await chat.start({ locale: 'en-GB' });
    const reply = (await (await chat.send(conversationId, { text: 'hi' })).json()) as TurnReplyBody;
    expect(reply.messages[0]!.text).toMatch(/virtual assistant/);
  });

  it('books a repair: a confirmation with Yes/No quick replies, then "booked"', async () => {
    const conversationId = await chat.start();
    const first = await chat.send(conversationId, { text: 'I need a repair tomorrow at 3pm' });
    expect(first.status).toBe(200);
    const asked = (await first.json()) as TurnReplyBody;
    expect(asked.customer).toMatchObject({ id: 1, from: 'customer', text: 'I need a repair tomorrow at 3pm' });
    expect(asked.messages).toHaveLength(1);
    expect(asked.messages[0]).toMatchObject({ id: 2, from: 'bot', quickReplies: [{ title: 'Yes', value: 'yes' }, { title: 'No', value: 'no' }] });
    expect(asked.messages[0]!.text).toMatch(/visit for repair on Tuesday, March 5 at 3:00 PM.*book it\?/);
    expect(asked.messages[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(asked.directives).toEqual([]);
    expect(asked.view).toMatchObject({ dialog: 'BookAppointment', awaiting: 'confirmation', slots: { service: 'repair', date: '2030-03-05', time: '15:00' } });
    expect(asked).not.toHaveProperty('trace');

    const booked = (await (await chat.send(conversationId, { text: 'yes' })).json()) as TurnReplyBody;
    expect(booked.customer).toMatchObject({ id: 3, text: 'yes' });
    expect(booked.messages.map((message) => message.text)).toEqual([expect.stringMatching(/booked.*confirmation code is [0-9A-F]{6}/)]);
    expect(booked.view).toMatchObject({ dialog: null });
    // The stored transcript holds the whole exchange, for a reload or another tab.
    expect((await chat.transcript(conversationId)).map(({ id, from }) => `${id}:${from}`)).toEqual(['1:customer', '2:bot', '3:customer', '4:bot']);
  });

  it('catches a reloaded page up on the transcript', async () => {
    const conversationId = await chat.start();
    await chat.send(conversationId, { text: 'I need a repair tomorrow at 3pm' });
    await chat.send(conversationId, { text: 'yes' });
    const all = (await (await chat.request(`/api/conversations/${conversationId}/messages`)).json()) as { messages: Array<{ id: number; text: string }> };
    expect(all.messages.map((entry) => entry.id)).toEqual([1, 2, 3, 4]);
    const later = await chat.request(`/api/conversations/${conversationId}/messages?after=2`);
    expect(later.status).toBe(200);
    const { messages } = (await later.json()) as { messages: Array<{ id: number; text: string }> };
    expect(messages.map((entry) => entry.id)).toEqual([3, 4]);
    expect(messages[1]!.text).toMatch(/booked/);
    expect(((await (await chat.request(`/api/conversations/${conversationId}/messages?after=4`)).json()) as { messages: unknown[] }).messages).toEqual([]);
    expect((await chat.request(`/api/conversations/${conversationId}/messages?after=two`)).status).toBe(422);
  });

  it('passes events to the bot, with no customer entry', async () => {
    const conversationId = await chat.start();
    const reply = (await (await chat.send(conversationId, { event: { name: 'Greeting' } })).json()) as TurnReplyBody;
    expect(reply.customer).toBeNull();
    expect(reply.messages[0]!.text).toMatch(/virtual assistant/);
    expect((await chat.transcript(conversationId)).map((entry) => entry.from)).toEqual(['bot']);
  });

  it('records a handoff as a directive entry, so a reload shows it too', async () => {
    const conversationId = await chat.start();
    await chat.send(conversationId, { text: 'I need a repair' });
    const reply = (await (await chat.send(conversationId, { text: 'talk to a person' })).json()) as TurnReplyBody;
    expect(reply.directives).toEqual([{ kind: 'handoff', queue: 'TechSupport', reason: 'requested' }]);
    expect(reply.messages.at(-1)).toMatchObject({ from: 'bot', text: '', directive: { kind: 'handoff', queue: 'TechSupport' } });
    expect((await chat.transcript(conversationId)).at(-1)).toMatchObject({ directive: { kind: 'handoff', queue: 'TechSupport' } });
    const goodbye = (await (await chat.send(conversationId, { text: 'bye' })).json()) as TurnReplyBody;
    expect(goodbye.messages.at(-1)).toMatchObject({ directive: { kind: 'end' } });
  });

  it('runs a retried message once (same clientMessageId) and keeps two quick turns in order', async () => {
    const conversationId = await chat.start();
    const body = { text: 'I need a repair tomorrow at 3pm', clientMessageId: 'm-1' };
    const [first, retry] = await Promise.all([chat.send(conversationId, body), chat.send(conversationId, body)]);
    const a = (await first.json()) as TurnReplyBody;
    const b = (await retry.json()) as TurnReplyBody;
    expect(b).toEqual(a);
    expect(await chat.transcript(conversationId)).toHaveLength(2);

    await Promise.all([chat.send(conversationId, { text: 'no' }), chat.send(conversationId, { text: 'the time' })]);
    expect((await chat.transcript(conversationId)).map((entry) => `${entry.from}:${entry.text}`)).toEqual([
      'customer:I need a repair tomorrow at 3pm',
      expect.stringMatching(/^bot:So that's a technician visit for repair/),
      'customer:no',
      expect.stringMatching(/^bot:.*change/),
      'customer:the time',
      expect.stringMatching(/^bot:.*time/i),
    ]);
  });

  it('leaves text over the bot limit to the bot, which answers politely and leaves the dialog as it was', async () => {
    const conversationId = await chat.start();
    await chat.send(conversationId, { text: 'I need a repair' });
    const response = await chat.send(conversationId, { text: 'x'.repeat(5000) });
    expect(response.status).toBe(200);
    const reply = (await response.json()) as TurnReplyBody;
    expect(reply.messages[0]!.text).toMatch(/too long/i);
    expect(reply.view).toMatchObject({ dialog: 'BookAppointment', awaiting: 'date' });
    // The transcript keeps a bounded copy of what was typed.
    expect(reply.customer!.text).toHaveLength(2001);
  });

  it('answers a clientMessageId used again for a different message with 409, and runs nothing', async () => {
    const conversationId = await chat.start();
    const first = await chat.send(conversationId, { text: 'I need a repair', clientMessageId: 'same-id' });
    expect(first.status).toBe(200);
    const entries = (await chat.transcript(conversationId)).length;
    const reused = await chat.send(conversationId, { text: 'where is my order', clientMessageId: 'same-id' });
    expect(reused.status).toBe(409);
    expect(((await reused.json()) as ErrorBody).error.code).toBe('message-id-reused');
    expect(await chat.transcript(conversationId)).toHaveLength(entries);
    expect(await chat.bot.view(conversationId)).toMatchObject({ dialog: 'BookAppointment', awaiting: 'date' });
  });
});

describe('web chat API: refused requests change nothing', () => {
  let conversationId: string;
  beforeAll(async () => {
    conversationId = await chat.start();
    await chat.send(conversationId, { text: 'I need a repair' });
  });

  async function expectRefused(response: Response, status: number, code: string | RegExp) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as ErrorBody;
    expect(Object.keys(body)).toEqual(['error']);
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message']);
    expect(body.error.code).toMatch(code);
    expect(body.error.message).not.toMatch(/\n\s+at |\.ts:\d|node_modules/);
    return body;
  }

  async function unchanged(request: () => Response | Promise<Response>, status: number, code: string | RegExp) {
    const entries = (await chat.transcript(conversationId)).length;
    const writes = chat.writes();
    const body = await expectRefused(await request(), status, code);
    expect(chat.writes()).toBe(writes);
    expect(await chat.transcript(conversationId)).toHaveLength(entries);
    return body;
  }

  it('401s a conversation without its token, and 404s one that does not exist, writing nothing', async () => {
    const writes = chat.writes();
    const body = await expectRefused(await chat.send('web-00000000-0000-0000-0000-000000000000', { text: 'hi' }), 401, 'unauthorized');
    expect(body.error.message).toMatch(/POST \/api\/conversations/);
    await expectRefused(await chat.app.request('/api/conversations/web-unknown/messages'), 401, 'unauthorized');
    await expectRefused(await chat.app.request('/api/conversations/web-unknown/events'), 401, 'unauthorized');
    // A token the server signed, for a conversation it does not have (forgotten, or never stored).
    const tokens = createConversationTokens({ secret: testTokenSecret });
    const { token } = tokens.issue('web-00000000-0000-0000-0000-000000000000');
    const missing = await chat.send('web-00000000-0000-0000-0000-000000000000', { text: 'hi' }, { Authorization: `Bearer ${token}` });
    const notFound = await expectRefused(missing, 404, 'conversation-not-found');
    expect(notFound.error.message).toMatch(/POST \/api\/conversations/);
    expect(chat.writes()).toBe(writes);
  });

  it('404s unsafe ids without asking the store about them', async () => {
    const calls = chat.calls.length;
    // `..` (even percent-encoded) is resolved away by URL parsing before routing: a plain 404.
    for (const id of ['..', '%2E%2E', '.%2e']) await expectRefused(await chat.send(id, { text: 'hi' }), 404, 'not-found');
    for (const id of ['.hidden', 'a%2Fb', '..%2F..%2Fetc%2Fpasswd', `web-${'x'.repeat(201)}`, '%00', 'a%20b', '%E2%80%AEabc', 'bf:emulator:conv-1', 'test-1']) {
      await expectRefused(await chat.send(id, { text: 'hi' }), 404, 'conversation-not-found');
      await expectRefused(await chat.app.request(`/api/conversations/${id}/messages`), 404, 'conversation-not-found');
      await expectRefused(await chat.app.request(`/api/conversations/${id}/events`), 404, 'conversation-not-found');
    }
    expect(chat.calls.slice(calls)).toEqual([]);
  });

  it('400s malformed JSON', async () => {
    for (const raw of ['{"text": "hi"', '', 'text=hi', '{text: "hi"}']) {
      await unchanged(() => chat.send(conversationId, raw), 400, 'invalid-json');
    }
    await unchanged(() => chat.app.request('/api/conversations', postJson('{"locale":')), 400, 'invalid-json');
  });

  it('415s a body that is not JSON', async () => {
    const send = (headers: Record<string, string>) =>
      chat.request(`/api/conversations/${conversationId}/messages`, { method: 'POST', headers, body: '{"text":"hi"}' });
    await unchanged(() => send({ 'Content-Type': 'text/plain' }), 415, 'unsupported-media-type');
    await unchanged(() => send({ 'Content-Type': 'application/x-www-form-urlencoded' }), 415, 'unsupported-media-type');
    await unchanged(() => send({}), 415, 'unsupported-media-type');
    await unchanged(() => chat.app.request('/api/conversations', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' }), 415, 'unsupported-media-type');
    // JSON with a charset, or a +json type, is JSON.
    expect((await send({ 'Content-Type': 'application/json; charset=utf-8' })).status).toBe(200);
  });

  it('413s a body over maxBodyBytes, declared or streamed', async () => {
    const small = await createWebChat({ bot: chat.bot, maxBodyBytes: 1024 });
    const big = JSON.stringify({ text: 'a'.repeat(2000) });
    await unchanged(() => small.send(conversationId, big), 413, 'payload-too-large');
    await unchanged(
      () => small.request(`/api/conversations/${conversationId}/messages`, postJson(big, { 'Content-Length': String(big.length) })),
      413,
      'payload-too-large',
    );
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new TextEncoder().encode(' '.repeat(400)));
        controller.close();
      },
    });
    await unchanged(
      () => small.request(`/api/conversations/${conversationId}/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit),
      413,
      'payload-too-large',
    );
    // The default is 64 kB.
    await unchanged(() => chat.send(conversationId, JSON.stringify({ text: 'a'.repeat(64 * 1024) })), 413, 'payload-too-large');
    expect((await small.send(conversationId, { text: 'friday' })).status).toBe(200);
  });

  it('422s the wrong shape, without echoing what was sent', async () => {
    const shapes: unknown[] = [
      { text: 42 },
      { txt: 'hi' },
      { text: 'hi', event: { name: 'Greeting' } },
      { text: 'hi', extra: true },
      { event: { name: '' } },
      { event: { name: '../../etc' } },
      { event: 'Greeting' },
      { text: 'hi', locale: 'not a locale!' },
      { text: 'hi', clientMessageId: 'has spaces' },
      [],
      null,
      'secret-canary-string',
      42,
    ];
    for (const shape of shapes) {
      const body = await unchanged(() => chat.send(conversationId, JSON.stringify(shape)), 422, 'invalid-payload');
      expect(body.error.message).not.toContain('secret-canary');
      expect(body.error.message).toMatch(/"text"/);
    }
    await unchanged(() => chat.app.request('/api/conversations', postJson({ locale: 42 })), 422, 'invalid-payload');
    await unchanged(() => chat.app.request('/api/conversations', postJson({ name: 'x' })), 422, 'invalid-payload');
  });

  it('answers JSON 404 for unknown routes and methods', async () => {
    await expectRefused(await chat.app.request('/api/nothing'), 404, 'not-found');
    await expectRefused(await chat.request(`/api/conversations/${conversationId}`, { method: 'DELETE' }), 404, 'not-found');
  });
});

describe('web chat API: failures and logs', () => {
  it('answers 500 with no stack trace or internals when the bot fails', async () => {
    const { logger, lines } = createCapturedLogger();
    const broken = await createWebChat({
      logger,
      bot: { ...chat.bot, handle: () => Promise.reject(new Error('the store at /var/lib/parley is on fire')) },
    });
    const conversationId = await broken.start();
    const response = await broken.send(conversationId, { text: 'my card number is 4111 1111 1111 1111' });
    expect(response.status).toBe(500);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe('internal');
    expect(JSON.stringify(body)).not.toMatch(/fire|\/var\/lib|\.ts:|at /);
    expect(await broken.transcript(conversationId)).toEqual([]);
    expect(lines.join('')).toContain('web chat request failed');
    expect(lines.join('')).not.toContain('4111');
  });

  it('never logs what customers write', async () => {
    const { logger, lines } = createCapturedLogger();
    const logged = await createWebChat({ logger, bot: chat.bot });
    const conversationId = await logged.start();
    for (const text of ['my email is canary@example.com', 'I need a repair tomorrow at 3pm', 'yes']) {
      expect((await logged.send(conversationId, { text })).status).toBe(200);
    }
    await logged.send(conversationId, '{"text": "canary-in-broken-json"');
    await logged.send(conversationId, JSON.stringify({ text: 7, note: 'canary-in-wrong-shape' }));
    const text = lines.join('');
    expect(lines.length).toBeGreaterThan(3);
    expect(text).toContain(conversationId);
    expect(text).not.toMatch(/canary|repair tomorrow|booked/);
  });
});
