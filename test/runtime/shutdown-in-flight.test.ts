// Shutdown with a turn whose client has hung up: the connection is gone, so the HTTP server closes at
// once, but the turn runs on; the store must close after it has written, not under it (a shared
// store would otherwise keep the turn's claim, and the customer's "yes" would be lost).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, loadRuntimeConfig, startRuntime } from 'parley-sdk/runtime';
import { createFileStore } from '../../src/state/index.js';
import { smallBot } from '../fixtures-small-bot.js';

const scratch = await mkdtemp(join(tmpdir(), 'parley-shutdown-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const post = (url: string, body: unknown, token?: string, signal?: AbortSignal) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body), signal });

describe('shutdown', () => {
  it('closes the store only after a turn whose client hung up has stored its answer', async () => {
    let fulfilling!: () => void;
    const started = new Promise<void>((resolve) => (fulfilling = resolve));
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const slow = smallBot({ fulfil: async ({ size }) => (fulfilling(), await finished, `Your ${size} pizza is ordered.`) });
    const directory = join(scratch, 'conversations');
    const config = loadRuntimeConfig({ env: {}, overrides: { port: 0, store: { kind: 'file', directory }, shutdownTimeoutMs: 20_000 } });
    const runtime = await startRuntime(slow, config, createLogger({ level: 'silent' }));
    const { url } = runtime.server;
    const { conversationId, token } = (await (await post(`${url}/api/conversations`, {})).json()) as { conversationId: string; token: string };
    const messages = `${url}/api/conversations/${conversationId}/messages`;
    expect((await post(messages, { text: 'order a large pizza for tomorrow' }, token)).status).toBe(200);
    const hangUp = new AbortController();
    const answer = post(messages, { text: 'yes' }, token, hangUp.signal).catch((error: Error) => error.name);
    await started;
    hangUp.abort();
    expect(await answer).toBe('AbortError');
    const closing = runtime.close();
    // Time for the server to see the connection gone and close: the store must stay open all the same.
    await new Promise((resolve) => setTimeout(resolve, 300));
    finish();
    await closing;
    const store = createFileStore({ directory });
    await store.open();
    try {
      const stored = (await store.read(conversationId))?.state as { dialog: { stack: unknown[]; lastTask: unknown }; transcript: { entries: string[] } };
      expect(stored.dialog).toMatchObject({ stack: [], lastTask: { dialog: 'OrderPizza', outcome: 'completed' } });
      expect(stored.transcript.entries.map((entry) => JSON.parse(entry).text)).toContain('Your large pizza is ordered.');
    } finally {
      await store.close();
    }
  });
});
