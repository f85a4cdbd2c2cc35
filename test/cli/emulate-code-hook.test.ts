// `parley emulate lex --code-hook <url>` as a process (the CLI built to dist/ by `npm test`): each
// RecognizeText of the real AWS SDK client invokes the Lambda behind the URL, here a small local server.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LexRuntimeV2Client, RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LexCodeHookEvent } from '../../channels/connect/lex-code-hook-event.js';
import { runParley as parley, processTestTimeoutMs } from '../support/run-parley.js';

const events: LexCodeHookEvent[] = [];
let lambda: Server;
let invokeUrl: string;

beforeAll(async () => {
  lambda = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as LexCodeHookEvent;
    events.push(event);
    const intent = { ...event.sessionState.intent, state: 'Fulfilled' };
    response.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({ sessionState: { sessionAttributes: {}, dialogAction: { type: 'Close' }, intent }, messages: [{ contentType: 'PlainText', content: `The Lambda heard ${intent.name}.` }] }),
    );
  });
  lambda.listen(0, '127.0.0.1');
  await once(lambda, 'listening');
  invokeUrl = `http://127.0.0.1:${(lambda.address() as AddressInfo).port}/2015-03-31/functions/ParleyBot/invocations`;
});
afterAll(() => new Promise((resolve) => lambda?.close(resolve)));

describe('parley emulate lex --code-hook', { timeout: processTestTimeoutMs }, () => {
  it('invokes the Lambda at the URL on each turn and answers with its response', async () => {
    const lex = parley(['emulate', 'lex', 'intents', '--port', '0', '--code-hook', invokeUrl, '--code-hook-timeout', '5000']);
    const [, endpoint] = await lex.waitFor(/^Amazon Lex V2 runtime emulator: (http:\/\/127\.0\.0\.1:\d+)$/m);
    expect(lex.output().stdout).toContain(`  code hook: the Lambda function at ${invokeUrl}, waited for up to 5000 ms\n`);
    const client = new LexRuntimeV2Client({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'AKIDPARLEYTEST', secretAccessKey: 'emulator' }, maxAttempts: 1 });
    try {
      const answer = await client.send(new RecognizeTextCommand({ botId: 'PARLEYBOT1', botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId: 'hook-1', text: 'where is my order AB123456' }));
      expect(answer.messages).toEqual([{ contentType: 'PlainText', content: 'The Lambda heard CheckOrderStatus.' }]);
      expect(answer.sessionState?.intent).toMatchObject({ name: 'CheckOrderStatus', state: 'Fulfilled' });
      expect(events).toMatchObject([{ invocationSource: 'DialogCodeHook', sessionId: 'hook-1', inputTranscript: 'where is my order AB123456', bot: { id: 'PARLEYBOT1' } }]);
    } finally {
      client.destroy();
    }
    lex.child.kill('SIGTERM');
    expect(await lex.exited).toBe(0);
  });

  it('names the option that is wrong', async () => {
    const clu = parley(['emulate', 'clu', 'intents', '--code-hook', invokeUrl]);
    expect(await clu.exited).toBe(1);
    expect(clu.output().stderr).toBe('parley: --code-hook: only parley emulate lex invokes a code hook, not clu\n');
    const ftp = parley(['emulate', 'lex', 'intents', '--code-hook', 'ftp://example.com/bot']);
    expect(await ftp.exited).toBe(1);
    expect(ftp.output().stderr).toBe('parley: --code-hook: ftp://example.com/bot: give an http(s) URL of a Lambda invoke endpoint, or the path of a bot module (bot.ts)\n');
  });
});
