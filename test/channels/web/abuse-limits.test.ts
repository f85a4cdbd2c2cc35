// Abuse limits of the web chat: starting conversations and sending messages are rate-limited per
// client address and per conversation (429 with Retry-After), event streams are capped per
// conversation, and time (the injected clock) lets a client back in.
import { describe, expect, it } from 'vitest';
import { createBot, createMemoryStore } from 'parley-sdk';
import { loadRuntimeConfig } from 'parley-sdk/runtime';
import acmeTelecom from '../../../dialogs/index.js';
import { createWebChatApp, defaultWebChatLimits } from '../../../channels/web/index.js';
import { clock, createWebChat, postJson, type ErrorBody } from './web-chat-fixtures.js';

function limitedChat(limits: Record<string, number>) {
  let now = 1_000_000;
  return {
    advance: (ms: number) => (now += ms),
    chat: createWebChat({ limits, now: () => now, tokens: { secret: 'abuse-limits-test-secret-0123456789ab', now: () => now } }),
  };
}

async function expectLimited(response: Response, code = 'rate-limited'): Promise<number> {
  expect(response.status).toBe(429);
  const body = (await response.json()) as ErrorBody;
  expect(body.error.code).toBe(code);
  const retryAfter = Number(response.headers.get('Retry-After'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  return retryAfter;
}

describe('web chat rate limits', () => {
  it('refuse the conversations one address starts beyond the limit, until time lets it back in', async () => {
    const { chat: making, advance } = limitedChat({ conversationsPerMinute: 3 });
    const chat = await making;
    for (let i = 0; i < 3; i++) expect((await chat.app.request('/api/conversations', { method: 'POST' })).status).toBe(201);
    const writes = chat.writes();
    const retryAfter = await expectLimited(await chat.app.request('/api/conversations', { method: 'POST' }));
    expect(retryAfter).toBe(20);
    expect(chat.writes()).toBe(writes);
    advance(20_000);
    expect((await chat.app.request('/api/conversations', { method: 'POST' })).status).toBe(201);
    await expectLimited(await chat.app.request('/api/conversations', { method: 'POST' }));
  });

  it('tell addresses apart by the socket, or behind declared proxies by X-Forwarded-For', async () => {
    const { chat: making } = limitedChat({ conversationsPerMinute: 1, proxyHops: 1 });
    const chat = await making;
    const from = (address: string) => chat.app.request('/api/conversations', { method: 'POST', headers: { 'X-Forwarded-For': `6.6.6.6, ${address}` } });
    expect((await from('203.0.113.1')).status).toBe(201);
    expect((await from('203.0.113.2')).status).toBe(201);
    // The forged first hop is not believed: the proxy's own entry is.
    await expectLimited(await from('203.0.113.1'));
  });

  it('refuse messages beyond the limit of a conversation, and of an address across conversations, changing nothing', async () => {
    const { chat: making, advance } = limitedChat({ messagesPerMinute: 4, messagesPerMinutePerAddress: 6 });
    const chat = await making;
    const first = await chat.start();
    for (const text of ['hi', 'hello', 'help', 'hi']) expect((await chat.send(first, { text })).status).toBe(200);
    const entries = (await chat.transcript(first)).length;
    await expectLimited(await chat.send(first, { text: 'I need a repair' }));
    expect(await chat.transcript(first)).toHaveLength(entries);
    // Another conversation from the same address has two left before the address limit.
    const second = await chat.start();
    expect((await chat.send(second, { text: 'hi' })).status).toBe(200);
    expect((await chat.send(second, { text: 'hi' })).status).toBe(200);
    await expectLimited(await chat.send(second, { text: 'hi' }));
    advance(60_000);
    expect((await chat.send(first, { text: 'I need a repair' })).status).toBe(200);
  });

  it('cap the event streams open on one conversation', async () => {
    const { chat: making } = limitedChat({ eventStreamsPerConversation: 2 });
    const chat = await making;
    const id = await chat.start();
    const open = [await chat.request(`/api/conversations/${id}/events`), await chat.request(`/api/conversations/${id}/events`)];
    expect(open.map((response) => response.status)).toEqual([200, 200]);
    await expectLimited(await chat.request(`/api/conversations/${id}/events`), 'too-many-streams');
    // Another conversation is not affected, and a closed stream frees its place.
    const other = await chat.start();
    const elsewhere = await chat.request(`/api/conversations/${other}/events`);
    expect(elsewhere.status).toBe(200);
    await elsewhere.body?.cancel();
    await open[0]!.body?.cancel();
    await expect.poll(async () => {
      const response = await chat.request(`/api/conversations/${id}/events`);
      await response.body?.cancel();
      return response.status;
    }, { timeout: 20_000 }).toBe(200);
    await open[1]!.body?.cancel();
  });

  it('never let a flood of new conversations push out live ones: the flood gets 503 at-capacity', async () => {
    let now = 0;
    const store = createMemoryStore({ maxConversations: 20, now: () => now });
    const chat = await createWebChat({ bot: await createBot(acmeTelecom, { store, clock }) });
    const live: string[] = [];
    for (let i = 0; i < 20; i++) live.push(await chat.start());
    for (const id of live.slice(0, 5)) await chat.send(id, { text: 'I need a repair' });
    now += 10 * 60_000;
    const flood = await Promise.all(Array.from({ length: 200 }, () => chat.app.request('/api/conversations', { method: 'POST' })));
    expect(flood.every((response) => response.status === 503)).toBe(true);
    const body = (await flood[0]!.json()) as ErrorBody;
    expect(body.error.code).toBe('at-capacity');
    expect(flood[0]!.headers.get('Retry-After')).toBe('60');
    for (const id of live.slice(0, 5)) expect((await chat.send(id, { text: 'friday' })).status).toBe(200);
    for (const id of live) expect(await chat.bot.exists(id, 'web')).toBe(true);
  });

  it('are on by default, and the runtime config has the same defaults', async () => {
    const { bot } = await createWebChat();
    const app = createWebChatApp({ bot });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await app.request('/api/conversations', postJson({}))).status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(defaultWebChatLimits.conversationsPerMinute);
    expect(statuses.at(-1)).toBe(429);
    const { maxBodyBytes: _body, ...limits } = loadRuntimeConfig({ env: {} }).limits;
    expect(limits).toEqual(defaultWebChatLimits);
  });
});
