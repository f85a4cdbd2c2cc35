import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, loadRuntimeConfig, startRuntime, type Runtime } from 'parley-sdk/runtime';
import { smallBot } from '../fixtures-small-bot.js';

const operatorToken = 'op-token-0123456789-abcdefghijklmnopqrstuvwxyz';
const runtimes: Runtime[] = [];
afterEach(async () => {
  for (const runtime of runtimes.splice(0)) await runtime.close();
});

async function start(token: string | null = operatorToken) {
  const lines: string[] = [];
  const destination = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } });
  const config = loadRuntimeConfig({ env: token ? { PARLEY_OPERATOR_TOKEN: token } : {}, overrides: { port: 0, store: { kind: 'memory' } } });
  const runtime = await startRuntime(smallBot(), config, createLogger({ level: 'info', destination }));
  runtimes.push(runtime);
  return { runtime, url: runtime.server.url, lines };
}

/** A web conversation with one turn in it. */
async function conversationWithATurn(url: string): Promise<string> {
  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  const { conversationId, token } = (await (await post('/api/conversations', {})).json()) as { conversationId: string; token: string };
  expect((await post(`/api/conversations/${conversationId}/messages`, { text: 'my email is jo@example.com, I want a pizza' }, token)).status).toBe(200);
  return conversationId;
}

const asOperator = (token = operatorToken) => ({ headers: { authorization: `Bearer ${token}` } });

describe('the operator routes', () => {
  it('show what is kept about a conversation, then erase it and everything in it', async () => {
    const { url, lines } = await start();
    const id = await conversationWithATurn(url);
    const kept = await fetch(`${url}/operator/conversations/${id}`, asOperator());
    expect(kept.status).toBe(200);
    const body = (await kept.json()) as { view: { dialog: string }; transcript: Array<{ text: string }> };
    expect(body.view.dialog).toBe('OrderPizza');
    expect(body.transcript[0]!.text).toContain('jo@example.com');

    const erased = await fetch(`${url}/operator/conversations/${id}`, { method: 'DELETE', ...asOperator() });
    expect(erased.status).toBe(200);
    expect(await erased.json()).toEqual({ conversationId: id, erased: true });
    expect((await fetch(`${url}/operator/conversations/${id}`, asOperator())).status).toBe(404);
    const again = await fetch(`${url}/operator/conversations/${id}`, { method: 'DELETE', ...asOperator() });
    expect(again.status).toBe(404);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('conversation-not-found');
    // The audit line names the conversation, never what was said in it.
    const audit = lines.filter((line) => line.includes('conversation erased'));
    expect(audit).toHaveLength(2);
    expect(audit.join('')).toContain(id);
    expect(lines.join('')).not.toContain('jo@example.com');
  });

  it('send a notification into a conversation, and refuse what is wrong with it clearly', async () => {
    const { url, lines } = await start();
    const id = await conversationWithATurn(url);
    const notify = (conversationId: string, body: unknown, token = operatorToken) =>
      fetch(`${url}/operator/conversations/${conversationId}/notify`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    const sent = await notify(id, { text: 'Your pizza is on its way.' });
    expect(sent.status).toBe(200);
    // Web chat has no way to write first: an open page shows it at once, a closed one at the next visit.
    expect(await sent.json()).toEqual({ conversationId: id, status: 'stored', offered: false });
    const kept = (await (await fetch(`${url}/operator/conversations/${id}`, asOperator())).json()) as { transcript: Array<{ text: string }> };
    expect(kept.transcript.at(-1)!.text).toBe('Your pizza is on its way.');
    expect((await notify(id, { text: '' })).status).toBe(422);
    expect((await notify(id, { text: 'Hi', offer: { dialog: 'NoSuchDialog' } })).status).toBe(422);
    expect((await notify('nobody-here', { text: 'Hi' })).status).toBe(404);
    expect((await notify(id, { text: 'Hi' }, 'wrong-token-0123456789-abcdefghijklmnopqrstuvwxyz')).status).toBe(401);
    expect(lines.filter((line) => line.includes('notification by an operator')).join('')).not.toContain('pizza is on its way');
  });

  it('refuse callers without the token, and never say what was presented', async () => {
    const { url, lines } = await start();
    const id = await conversationWithATurn(url);
    const none = await fetch(`${url}/operator/conversations/${id}`, { method: 'DELETE' });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await fetch(`${url}/operator/conversations/${id}`, { method: 'DELETE', ...asOperator('guess-0123456789-0123456789-0123456789') });
    expect(wrong.status).toBe(401);
    expect(lines.join('')).not.toContain('guess-0123456789');
    expect((await fetch(`${url}/metrics`).then((response) => response.text()))).toMatch(/parley_errors_total\{stage="operator-auth"\} 2/);
    // Nothing was erased.
    expect((await fetch(`${url}/operator/conversations/${id}`, asOperator())).status).toBe(200);
  });

  it('are off until a token is configured, and say how to turn them on', async () => {
    const { url } = await start(null);
    const response = await fetch(`${url}/operator/conversations/c1`, { method: 'DELETE', ...asOperator() });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/PARLEY_OPERATOR_TOKEN/);
  });

  it('answer a bad conversation id with 400', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/operator/conversations/.hidden`, { method: 'DELETE', ...asOperator() });
    expect(response.status).toBe(400);
  });

  it('take no token shorter than 32 characters, and the error does not show it', () => {
    expect(() => loadRuntimeConfig({ env: { PARLEY_OPERATOR_TOKEN: 'short-secret' } })).toThrow(/32 characters.*PARLEY_OPERATOR_TOKEN/s);
    expect(() => loadRuntimeConfig({ env: { PARLEY_OPERATOR_TOKEN: 'short-secret' } })).not.toThrow(/short-secret/);
  });
});
