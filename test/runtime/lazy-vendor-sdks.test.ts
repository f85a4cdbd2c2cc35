// `parley serve` (the CLI built to dist/) loads a vendor's SDK only when the bot uses that vendor:
// with Bot Framework off, botbuilder loads with the first activity to /api/messages, never at start;
// the AWS and Azure SDKs never; the slot libraries only for a message that needs them, and the YAML
// library only to read a YAML file.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processTestTimeoutMs, repositoryRoot, runCommand, runParley, stopCommand } from '../support/run-parley.js';
import { messageActivity } from '../support/bot-framework-activity.js';

const scratch = await mkdtemp(join(tmpdir(), 'parley-lazy-sdks-'));
const modelCache = join(scratch, 'model');
afterAll(() => rm(scratch, { recursive: true, force: true }));
// As deployed: the model artefact written by `parley build`, so a start trains nothing (training reads
// dates and phone numbers in every utterance, and would load their libraries).
beforeAll(async () => {
  expect(await runParley(['build', 'dialogs/index.ts', '--out', modelCache]).exited).toBe(0);
}, processTestTimeoutMs);
const recorder = join(repositoryRoot, 'test', 'support', 'record-loaded-modules.mjs');

/** The packages a process loaded, from its module log. */
async function loadedPackages(log: string): Promise<string[]> {
  const urls = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  return [...new Set(urls.map((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1]).filter((name): name is string => name !== undefined))].sort();
}

/** `parley serve` of the reference assistant with Bot Framework off, its modules recorded; its URL and how to stop it. */
async function serve(name: string) {
  const log = join(scratch, `${name}.log`);
  const server = runCommand(process.execPath, ['--import', recorder, join(repositoryRoot, 'bin', 'parley.js'), 'serve', 'dialogs/index.ts', '--port', '0', '--store', 'memory'], {
    env: { PARLEY_MODULE_LOG: log, PARLEY_MODEL_CACHE: modelCache, MICROSOFT_APP_ID: '', MicrosoftAppId: '', LOG_LEVEL: 'warn' },
  });
  const [, url] = await server.waitFor(/open (http:\/\/localhost:\d+) /);
  return {
    url: url!.replace('localhost', '127.0.0.1'),
    async stop() {
      await stopCommand(server);
      return loadedPackages(log);
    },
  };
}

const vendorSdk = /^(botbuilder|botframework-.*|@aws-sdk\/.*|@azure\/.*|@azure-rest\/.*|microsoft-cognitiveservices-speech-sdk)$/;

describe('parley serve with Bot Framework off', { timeout: processTestTimeoutMs }, () => {
  it('serves web chat turns without loading any vendor SDK, nor the libraries a message or a start does not need', async () => {
    const server = await serve('web');
    const started = (await (await fetch(`${server.url}/api/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { conversationId: string; token: string };
    const reply = await fetch(`${server.url}/api/conversations/${started.conversationId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${started.token}` },
      body: JSON.stringify({ text: 'hi' }),
    });
    expect(reply.status).toBe(200);
    const loaded = await server.stop();
    expect(loaded).toEqual(expect.arrayContaining(['hono', 'xstate', 'zod']));
    expect(loaded.filter((name) => vendorSdk.test(name))).toEqual([]);
    expect(loaded).not.toContain('chrono-node');
    expect(loaded).not.toContain('libphonenumber-js');
    // No YAML config, and the intents come with the model artefact: nothing to parse.
    expect(loaded).not.toContain('yaml');
  });

  it('loads botbuilder with the first Bot Framework activity, and answers it', async () => {
    const server = await serve('bot-framework');
    const activity = messageActivity('hi', { conversation: { id: 'lazy-1' }, deliveryMode: 'expectReplies' });
    const answered = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(answered.status).toBe(200);
    expect(((await answered.json()) as { activities: Array<{ text: string }> }).activities[0]?.text).toMatch(/Acme Telecom/);
    expect(await server.stop()).toContain('botbuilder');
  });
});
