/**
 * The ACS emulator on a clock the test moves, the real CommunicationIdentityClient, ChatClient and
 * SmsClient pointed at it (trusting its certificate, without retries), and a tiny webhook server for
 * Event Grid deliveries, whose answers each test scripts. Nothing of the SDKs is mocked.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChatClient } from '@azure/communication-chat';
import { AzureCommunicationTokenCredential } from '@azure/communication-common';
import { CommunicationIdentityClient } from '@azure/communication-identity';
import { SmsClient } from '@azure/communication-sms';
import { startAcsEmulator, type AcsEmulatorOptions } from 'parley-sdk/testing';

export async function startAcsFixture(options: AcsEmulatorOptions = {}) {
  let now = Date.now();
  const emulator = await startAcsEmulator({ now: () => new Date(now), ...options });
  const clientOptions = { tlsOptions: { ca: emulator.ca }, retryOptions: { maxRetries: 0 } };
  return {
    emulator,
    clientOptions,
    identity: new CommunicationIdentityClient(emulator.connectionString, clientOptions),
    sms: new SmsClient(emulator.connectionString, clientOptions),
    /** A ChatClient acting as the holder of this token. */
    chatAs: (token: string) => new ChatClient(emulator.url, new AzureCommunicationTokenCredential(token), clientOptions),
    /** Moves the emulator's clock on. */
    advance(ms: number) {
      now += ms;
    },
    close: () => emulator.close(),
  };
}

export interface WebhookRequest {
  method: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (an array of events), if any. */
  body: unknown;
}

export type WebhookAnswer = { status: number; headers?: Record<string, string>; body?: unknown };

/** The answer Event Grid's handshakes want, under either schema; 200 to everything else. */
export function validatingAnswer(request: WebhookRequest): WebhookAnswer {
  if (request.method === 'OPTIONS') return { status: 200, headers: { 'webhook-allowed-origin': String(request.headers['webhook-request-origin']) } };
  const [first] = request.body as Array<{ eventType?: string; data?: { validationCode?: string } }>;
  if (first?.eventType === 'Microsoft.EventGrid.SubscriptionValidationEvent') return { status: 200, body: { validationResponse: first.data?.validationCode } };
  return { status: 200 };
}

/** A webhook on 127.0.0.1 that keeps every request and answers as `answer` says. */
export async function startWebhook(answer: (request: WebhookRequest, index: number) => WebhookAnswer | Promise<WebhookAnswer> = validatingAnswer) {
  const requests: WebhookRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const received: WebhookRequest = { method: request.method ?? 'GET', headers: request.headers, body: text === '' ? undefined : JSON.parse(text) };
      requests.push(received);
      void Promise.resolve(answer(received, requests.length - 1)).then(({ status, headers = {}, body }) => {
        response.writeHead(status, { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }).end(body === undefined ? undefined : JSON.stringify(body));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/events`,
    requests,
    /** The events delivered (handshakes left out), each with its request's headers. */
    deliveries: () =>
      requests
        .filter((request) => request.method === 'POST' && request.headers['aeg-event-type'] === 'Notification')
        .map((request) => ({ headers: request.headers, events: request.body as Array<Record<string, unknown>> })),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
