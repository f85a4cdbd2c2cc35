/**
 * A code hook behind a Lambda invoke endpoint (what `sam local start-lambda` serves), stood in for by a
 * small local HTTP server: the emulator POSTs the event to it and answers the real LexRuntimeV2Client
 * with the function's response, or with DependencyFailedException when the function fails.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambdaEndpointCodeHook, startLexRuntimeEmulator, type LexRuntimeEmulator } from 'parley-sdk/testing';
import type { LexCodeHookEvent } from '../../../channels/connect/lex-code-hook-event.js';
import { lexClient, model } from '../../nlu/lex-v2/lex-fixture.js';

const functionPath = '/2015-03-31/functions/PizzaHook/invocations';

interface Received {
  method: string;
  url: string;
  contentType: string | undefined;
  event: LexCodeHookEvent;
}

/** The function: closes every intent with a message, except that "explode" makes it fail as Lambda reports a failure. */
async function startLambdaEndpoint(received: Received[]): Promise<Server> {
  const server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (request.url !== functionPath) {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ Type: 'User', Message: 'Function not found' }));
      return;
    }
    const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as LexCodeHookEvent;
    received.push({ method: request.method!, url: request.url, contentType: request.headers['content-type'], event });
    if (event.inputTranscript === 'explode') {
      response.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' }).end(JSON.stringify({ errorType: 'Error', errorMessage: 'boom' }));
      return;
    }
    const intent = { ...event.sessionState.intent, state: 'Fulfilled' };
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ sessionState: { sessionAttributes: { via: 'lambda' }, dialogAction: { type: 'Close' }, intent }, messages: [{ contentType: 'PlainText', content: `Done: ${intent.name}.` }] }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

const received: Received[] = [];
let lambda: Server;
let lex: LexRuntimeEmulator;
let base: string;

beforeAll(async () => {
  lambda = await startLambdaEndpoint(received);
  base = `http://127.0.0.1:${(lambda.address() as AddressInfo).port}`;
  lex = await startLexRuntimeEmulator({
    model,
    bots: [
      { botId: 'LAMBDABOT1', codeHook: createLambdaEndpointCodeHook(`${base}${functionPath}`) },
      { botId: 'MISSINGFN1', codeHook: createLambdaEndpointCodeHook(`${base}/2015-03-31/functions/Missing/invocations`) },
    ],
  });
});
afterAll(async () => {
  await lex?.close();
  if (lambda) await new Promise((resolve) => lambda.close(resolve));
});

function say(botId: string, sessionId: string, text: string) {
  const client = lexClient(lex.url);
  return client.send(new RecognizeTextCommand({ botId, botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId, text })).finally(() => client.destroy());
}

describe('Lex runtime emulator: a code hook at a Lambda invoke endpoint', () => {
  it('POSTs the event as JSON and answers with the function response', async () => {
    const answer = await say('LAMBDABOT1', 'endpoint-1', 'order a large pizza');
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'POST', url: functionPath, contentType: 'application/json' });
    expect(received[0]!.event).toEqual(lex.codeHookInvocations[0]!.event);
    expect(received[0]!.event).toMatchObject({ invocationSource: 'DialogCodeHook', inputTranscript: 'order a large pizza', bot: { id: 'LAMBDABOT1' } });
    expect(answer.messages).toEqual([{ contentType: 'PlainText', content: 'Done: OrderPizza.' }]);
    expect(answer.sessionState).toMatchObject({ dialogAction: { type: 'Close' }, intent: { name: 'OrderPizza', state: 'Fulfilled' }, sessionAttributes: { via: 'lambda' } });
  });

  it('answers a function error as Lex does: DependencyFailedException, "Received error response from Lambda: Unhandled"', async () => {
    await expect(say('LAMBDABOT1', 'endpoint-2', 'explode')).rejects.toMatchObject({
      name: 'DependencyFailedException',
      $metadata: { httpStatusCode: 424 },
      message: 'Invalid Lambda Response: Received error response from Lambda: Unhandled',
    });
  });

  it('says which endpoint answered what when the function cannot be invoked', async () => {
    await expect(say('MISSINGFN1', 'endpoint-3', 'hello')).rejects.toMatchObject({
      name: 'DependencyFailedException',
      message: `Invalid Lambda Response: the Lambda endpoint ${base}/2015-03-31/functions/Missing/invocations answered HTTP 404: {"Type":"User","Message":"Function not found"}`,
    });
  });

  it('refuses a target that is not an http(s) URL', () => {
    expect(() => createLambdaEndpointCodeHook('file:///tmp/bot.ts')).toThrow(/is not an http\(s\) URL; give the function's invoke URL/);
  });
});
