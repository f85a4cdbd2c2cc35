// A conversation is reachable only through the channel that owns it, and on the web only with the
// token its start gave: not by guessing or knowing an id.
import { beforeAll, describe, expect, it } from 'vitest';
import { ConversationNotFoundError } from 'parley-sdk';
import { createConversationTokens } from '../../../channels/web/index.js';
import { createWebChat, postJson, testTokenSecret, type ErrorBody, type StartReplyBody, type WebChatFixture } from './web-chat-fixtures.js';

let chat: WebChatFixture;
let now = Date.UTC(2030, 2, 4, 14);
beforeAll(async () => {
  chat = await createWebChat({ tokens: { secret: testTokenSecret, ttlSeconds: 600, now: () => now } });
});

const base64url = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const routes = (id: string) => [
  { method: 'POST', path: `/api/conversations/${id}/messages`, body: { text: 'I need a repair tomorrow at 3pm' } },
  { method: 'GET', path: `/api/conversations/${id}/messages` },
  { method: 'GET', path: `/api/conversations/${id}/events` },
  { method: 'POST', path: `/api/conversations/${id}/token`, body: {} },
];

async function call(route: { method: string; path: string; body?: unknown }, authorization?: string): Promise<Response> {
  const headers: Record<string, string> = authorization ? { Authorization: authorization } : {};
  return route.body === undefined
    ? chat.app.request(route.path, { method: route.method, headers })
    : chat.app.request(route.path, postJson(route.body, headers));
}

describe('web conversation tokens', () => {
  it('are required on every route of a conversation: none, garbage, or another conversation\'s token is a 401', async () => {
    const mine = await chat.start();
    const theirs = await chat.start();
    await chat.send(mine, { text: 'I need a repair tomorrow at 3pm' });
    const writes = chat.writes();
    const transcript = await chat.transcript(mine);
    const forged = [
      undefined,
      'Bearer',
      'Bearer not-a-token',
      `Bearer ${chat.token(theirs)}`,
      `Bearer ${createConversationTokens({ secret: 'another-server-entirely-0123456789abcdef' }).issue(mine).token}`,
      // The last character carries two spare bits: a token differing only there decodes to the same
      // bytes, and is still not the token the server gave.
      `Bearer ${chat.token(mine)!.replace(/.$/, (last) => base64url[base64url.indexOf(last) ^ 1]!)}`,
      `Bearer ${chat.token(mine)!.replace(/^[0-9a-z]+/, (expires) => (parseInt(expires, 36) + 3600).toString(36))}`,
      `Basic ${Buffer.from(`user:${chat.token(mine)}`).toString('base64')}`,
    ];
    for (const route of routes(mine)) {
      for (const authorization of forged) {
        const response = await call(route, authorization);
        expect(response.status, `${route.method} ${route.path} with ${authorization}`).toBe(401);
        expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
        const body = (await response.json()) as ErrorBody;
        expect(body.error.code).toBe('unauthorized');
        // Nothing about the conversation leaks into a refusal.
        expect(JSON.stringify(body)).not.toMatch(/repair|BookAppointment/);
      }
    }
    expect(chat.writes()).toBe(writes);
    expect(await chat.transcript(mine)).toEqual(transcript);
  });

  it('open every route with the conversation\'s own token; the event stream also takes it as ?token=', async () => {
    const id = await chat.start();
    const token = chat.token(id)!;
    for (const route of routes(id)) {
      const response = await call(route, `Bearer ${token}`);
      expect(response.status, `${route.method} ${route.path}`).toBe(200);
      await response.body?.cancel();
    }
    const stream = await chat.app.request(`/api/conversations/${id}/events?token=${encodeURIComponent(token)}`);
    expect(stream.status).toBe(200);
    await stream.body?.cancel();
    // Only the event stream reads the query: elsewhere it would end up in proxies' access logs for nothing.
    expect((await chat.app.request(`/api/conversations/${id}/messages?token=${encodeURIComponent(token)}`)).status).toBe(401);
  });

  it('expire, and can be exchanged for a fresh token before they do', async () => {
    const id = await chat.start();
    const first = chat.token(id)!;
    now += 400_000;
    const renewed = await chat.app.request(`/api/conversations/${id}/token`, postJson({}, { Authorization: `Bearer ${first}` }));
    expect(renewed.status).toBe(200);
    const { token: second, expiresIn } = (await renewed.json()) as StartReplyBody;
    expect(expiresIn).toBe(600);
    now += 300_000;
    // The first has expired, the second has not.
    const expired = await chat.send(id, { text: 'hi' }, { Authorization: `Bearer ${first}` });
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as ErrorBody).error.code).toBe('token-expired');
    expect(expired.headers.get('WWW-Authenticate')).toMatch(/invalid_token/);
    expect((await chat.send(id, { text: 'hi' }, { Authorization: `Bearer ${second}` })).status).toBe(200);
    // An expired token cannot be renewed: the conversation is closed to whoever held it.
    now += 700_000;
    expect((await chat.app.request(`/api/conversations/${id}/token`, postJson({}, { Authorization: `Bearer ${second}` }))).status).toBe(401);
  });
});

describe('conversations of other channels', () => {
  it('are never served by the web API, even with a token the server signed for their id', async () => {
    const bfId = 'bf:emulator:conv-1';
    const booked = await chat.bot.handle({ conversationId: bfId, channel: 'bot-framework', content: { kind: 'text', text: 'I need a repair tomorrow at 3pm' } });
    expect(booked.view.awaiting).toBe('confirmation');
    const signed = createConversationTokens({ secret: testTokenSecret, now: () => now }).issue(bfId).token;
    for (const route of routes(bfId)) {
      const response = await call(route, `Bearer ${signed}`);
      expect(response.status, `${route.method} ${route.path}`).toBe(404);
      expect(((await response.json()) as ErrorBody).error.code).toBe('conversation-not-found');
    }
    // Nothing moved: the booking still waits for its confirmation.
    expect(await chat.bot.view(bfId)).toMatchObject({ dialog: 'BookAppointment', awaiting: 'confirmation' });
  });

  it('are refused by the bot itself when another channel names them', async () => {
    const id = await chat.start();
    await chat.send(id, { text: 'I need a repair' });
    await expect(chat.bot.handle({ conversationId: id, channel: 'bot-framework', content: { kind: 'text', text: 'yes' } })).rejects.toBeInstanceOf(ConversationNotFoundError);
    expect(await chat.bot.transcript(id, { channel: 'bot-framework' })).toBeUndefined();
    expect(await chat.bot.exists(id, 'bot-framework')).toBe(false);
    await expect(chat.bot.append(id, [{ from: 'agent', text: 'hi' }], { channel: 'sms' })).rejects.toBeInstanceOf(ConversationNotFoundError);
    expect(await chat.bot.view(id)).toMatchObject({ dialog: 'BookAppointment', awaiting: 'date' });
  });
});
