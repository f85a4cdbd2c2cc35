// `parley serve` hosting careless dialog code, as a real process: whatever the dialogs throw, reject
// or leave behind, the customer gets an answer, the operator a log line and a metric, and the process
// lives on.
import { describe, expect, it } from 'vitest';
import { runParley } from '../support/run-parley.js';

interface Started {
  conversationId: string;
  token: string;
}

describe('parley serve with careless dialogs', () => {
  it('answers every turn, logs and counts each failure with its dialog and stage, and stays up', async () => {
    const server = runParley(['serve', 'test/runtime/fixtures/careless-bot.ts', '--port', '0', '--store', 'memory'], { LOG_LEVEL: 'info' });
    const [, url] = await server.waitFor(/"url":"(http:[^"]+)"/, 60_000);
    const started = (await (await fetch(`${url}/api/conversations`, { method: 'POST' })).json()) as Started;
    const say = async (text: string) => {
      const response = await fetch(`${url}/api/conversations/${started.conversationId}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${started.token}` },
        body: JSON.stringify({ text }),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { messages: Array<{ text: string }> }).messages.map((message) => message.text);
    };

    expect(await say('hello')).toEqual(['Hello!']);
    expect((await say('I want a refund')).join(' ')).toMatch(/something went wrong on my side/);
    // Declining the person runs the task again: it fails again, and says so again.
    expect((await say('no')).join(' ')).toMatch(/something went wrong on my side/);
    expect((await say('can I get a large pizza for tomorrow')).join(' ')).toMatch(/something went wrong on my side.*connect you with a person/);

    // The forgotten promise and the timer fail after the turn answered: logged and counted, nothing more.
    await expect
      .poll(async () => (await fetch(`${url}/metrics`)).text(), { timeout: 30_000 })
      .toMatch(/parley_errors_total\{stage="unhandled"\} 2/);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/parley_errors_total\{stage="fulfil"\} 3/);
    expect(metrics).toMatch(/parley_turns_total\{channel="web",outcome="failed"\} 3/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    const logs = server.output().stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    const failures = logs.filter((line) => line.msg === 'turn failed');
    expect(failures.map((line) => [line.level, line.stage, line.dialog])).toEqual([
      [50, 'fulfil', 'RequestRefund'],
      [50, 'fulfil', 'RequestRefund'],
      [50, 'fulfil', 'OrderPizza'],
    ]);
    expect(logs.filter((line) => line.stage === 'unhandled').every((line) => line.level === 50)).toBe(true);
    expect(server.child.exitCode).toBeNull();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 120_000);
});
