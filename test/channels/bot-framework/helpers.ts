import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { Writable } from 'node:stream';
import { Hono } from 'hono';
import { pino } from 'pino';
import { createBot, createMemoryStore, fixedClock, type Bot, type ConversationStore, type TurnInput } from 'parley-sdk';
import acmeTelecom from '../../../dialogs/index.js';
import { corpusAvailable, corpusPath } from '../../support/shared-corpus.js';
export { messageActivity } from '../../support/bot-framework-activity.js';
import { createBotFrameworkApp, type BotFrameworkAppOptions } from '../../../channels/bot-framework/index.js';

/** The recorded activities of the shared corpus (`../shared/corpus/activities`); CI always has them. */
export const corpusDirectory = pathToFileURL(corpusPath('activities/'));
export const corpusPresent = corpusAvailable('activities', 'the tests that replay recorded Bot Framework activities');

export async function readCorpus<T = Record<string, unknown>>(file: string): Promise<T> {
  return JSON.parse(await readFile(new URL(file, corpusDirectory), 'utf8')) as T;
}

/** A store that counts writes, so a test can say "nothing was written". */
export function countingStore(inner: ConversationStore = createMemoryStore()) {
  const written: string[] = [];
  const store: ConversationStore = {
    read: (id) => inner.read(id),
    write: (id, state, version) => {
      written.push(id);
      return inner.write(id, state, version);
    },
    delete: (id) => inner.delete(id),
  };
  return { store, written };
}

/** The reference assistant on a fixed Monday, with a bot.handle counter. */
export async function createTestBot(store: ConversationStore = createMemoryStore()) {
  const bot = await createBot(acmeTelecom, { store, clock: fixedClock('2030-03-04', 'America/New_York') });
  const inputs: TurnInput[] = [];
  const counted: Bot = { ...bot, handle: (input) => (inputs.push(input), bot.handle(input)) };
  return { bot: counted, inputs };
}

export function captureLogs() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: pino({ level: 'debug' }, destination) };
}

/** The sub-app mounted where the server mounts it. */
export function mount(options: BotFrameworkAppOptions): Hono {
  return new Hono().route('/api/messages', createBotFrameworkApp(options));
}

export function postActivity(app: Hono, body: unknown, headers: Record<string, string> = {}) {
  return app.request('/api/messages', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export interface ConnectorRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/**
 * A Bot Connector stand-in on 127.0.0.1: records what botbuilder's ConnectorClient POSTs and answers
 * `{ id }` (or `status`, to make sending fail).
 */
export async function startConnector(status = 200) {
  const requests: ConnectorRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(status < 300 ? { id: `reply-${requests.length}` } : { error: { code: 'ConversationNotFound', message: 'no such conversation' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
