import { describe, expect, it } from 'vitest';
import { createBot, createMemoryStore, fixedClock } from 'parley-sdk';
import { createRuntimeMetrics } from '../../src/runtime/metrics.js';
import { createLocalRecognizer } from '../../src/nlu/local/index.js';
import { createRouter } from '../../src/nlu/router/index.js';
import { describeTurn } from '../../src/cli/describe-turn.js';
import { loadIntents } from '../../src/content/index.js';
import acmeTelecom from '../../dialogs/index.js';
import { scripted } from '../nlu/router/fake-recognizer.js';

describe('a bot behind the router', () => {
  it('carries the decision in the turn trace, shows it in --debug and counts it in metrics', async () => {
    const model = await loadIntents(new URL('../../intents/', import.meta.url));
    const cloud = scripted('lex', { kind: 'fail', retryable: false });
    const router = createRouter({
      providers: { lex: cloud, local: createLocalRecognizer({ model }) },
      policy: { default: { strategy: 'single', providers: ['lex'] }, lastResort: 'local' },
    });
    const metrics = createRuntimeMetrics({ processMetrics: false });
    const bot = await createBot(acmeTelecom, { recognizer: router, store: createMemoryStore(), clock: fixedClock('2030-03-04', 'America/New_York'), observer: metrics.observer });
    const output = await bot.handle({ conversationId: 'routed-1', channel: 'web', content: { kind: 'text', text: 'where is my order AB123456' } });
    expect(output.trace?.topIntent).toBe('CheckOrderStatus');
    expect(output.trace?.route).toMatchObject({ winner: 'local', strategy: 'single', attempts: [{ provider: 'lex', outcome: 'error' }, { provider: 'local', lastResort: true }] });
    expect(describeTurn(output)).toMatch(/routed: +single by default, threshold 0\.50: lex failed \(ProviderCallError:provider-call\); local \(last resort\) confident/);
    const text = await metrics.render();
    expect(text).toMatch(/parley_router_decisions_total\{rule="default",strategy="single",winner="local",last_resort="true"\} 1/);
    expect(text).toMatch(/parley_recognizer_calls_total\{provider="lex",outcome="error"\} 1/);
  });
});

describe('parley serve with a shadow policy', () => {
  it('counts shadow comparisons in /metrics, after the reply', async () => {
    const { loadRuntimeConfig, startRuntime, createLogger } = await import('parley-sdk/runtime');
    const config = loadRuntimeConfig({
      env: {},
      overrides: {
        port: 0,
        store: { kind: 'memory' },
        nlu: { providers: { main: { kind: 'local' }, candidate: { kind: 'local' } }, policy: { default: { strategy: 'shadow', providers: ['main', 'candidate'] } } },
      },
    });
    const runtime = await startRuntime(acmeTelecom, config, createLogger({ level: 'silent' }));
    try {
      const started = await fetch(`${runtime.server.url}/api/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      const { conversationId, token } = (await started.json()) as { conversationId: string; token: string };
      const turn = await fetch(`${runtime.server.url}/api/conversations/${conversationId}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ text: 'where is my order' }),
      });
      expect(turn.status).toBe(200);
      await expect.poll(async () => (await fetch(`${runtime.server.url}/metrics`)).text(), { timeout: 20_000 }).toMatch(/parley_router_shadow_total\{primary="main",shadow="candidate",agree="true"\} 1/);
    } finally {
      await runtime.close();
    }
  });
});
