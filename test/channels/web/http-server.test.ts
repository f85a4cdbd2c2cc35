import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebChat, entryOf, readEvents, waitFor, type ErrorBody, type TurnReplyBody, type WebChatFixture } from './web-chat-fixtures.js';

let chat: WebChatFixture;
let server: Server;
let base: string;
const shutdown = new AbortController();

beforeAll(async () => {
  chat = await createWebChat({ maxBodyBytes: 4096, heartbeatMs: 5000, signal: shutdown.signal });
  server = await new Promise<Server>((resolve) => {
    const listening = serve({ fetch: chat.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(listening as Server));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  shutdown.abort();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
});

/** A request with the path sent exactly as written (fetch would resolve `..` first). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { port } = server.address() as AddressInfo;
    const request = httpRequest({ host: '127.0.0.1', port, path, method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('web chat over a real HTTP socket', () => {
  it('books a repair, and the event stream carries the turn and a later message from a person', async () => {
    const started = await fetch(`${base}/api/conversations`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(started.status).toBe(201);
    const { conversationId, token } = (await started.json()) as { conversationId: string; token: string };
    const authorization = { Authorization: `Bearer ${token}` };

    // A browser's EventSource sends no headers: the token rides in the query.
    const stream = await fetch(`${base}/api/conversations/${conversationId}/events?token=${encodeURIComponent(token)}`, { headers: { Accept: 'text/event-stream' } });
    expect(stream.status).toBe(200);
    const events = readEvents(stream);
    await events.until(() => true);

    const send = (text: string) =>
      fetch(`${base}/api/conversations/${conversationId}/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...authorization }, body: JSON.stringify({ text }) });
    const asked = (await (await send('I need a repair tomorrow at 3pm')).json()) as TurnReplyBody;
    expect(asked.messages[0]!.quickReplies?.map((reply) => reply.title)).toEqual(['Yes', 'No']);
    const booked = (await (await send('yes')).json()) as TurnReplyBody;
    expect(booked.messages[0]!.text).toMatch(/booked/);

    const turns = await events.until((frame) => frame.id === '4');
    expect(turns.filter((frame) => frame.event === 'message').map((frame) => entryOf(frame).from)).toEqual(['customer', 'bot', 'customer', 'bot']);
    await chat.bot.append(conversationId, [{ from: 'agent', text: 'A technician will call you first.' }], { channel: 'web' });
    const [agent] = await events.until((frame) => frame.id === '5');
    expect(entryOf(agent!)).toMatchObject({ from: 'agent', text: 'A technician will call you first.' });

    // The client hangs up: the server stops watching the transcript.
    await events.close();
    await waitFor(() => chat.watching() === 0);
  });

  it('413s a body over the limit, declared or chunked, and keeps serving', async () => {
    const conversationId = await chat.start();
    const authorization = { Authorization: `Bearer ${chat.token(conversationId)}` };
    const writes = chat.writes();
    const declared = await fetch(`${base}/api/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...authorization },
      body: JSON.stringify({ text: 'a'.repeat(10_000) }),
    });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as ErrorBody).error.code).toBe('payload-too-large');
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"text":"'));
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('b'.repeat(1000)));
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      },
    });
    const chunked = await fetch(`${base}/api/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...authorization },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(chat.writes()).toBe(writes);
    expect(await chat.transcript(conversationId)).toEqual([]);
    expect((await fetch(`${base}/`)).status).toBe(200);
  });

  it('serves no file outside the public folder for raw path tricks', async () => {
    for (const path of ['/assets/../../package.json', '/assets/..%2f..%2f..%2fpackage.json', '/assets/%2e%2e/%2e%2e/package.json', '/assets/....//package.json', '/assets/chat.js/../../../package.json']) {
      const { status, body } = await rawGet(path);
      expect(status, path).toBe(404);
      expect(body, path).not.toContain('"name": "parley"');
    }
    const page = await rawGet('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('assets/chat.js');
  });
});
