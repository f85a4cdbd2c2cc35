/**
 * A local Amazon Lex V2 model-building API (`lexv2-models`, rest-json over HTTP/1.1): bots, locales,
 * slot types, intents, slots, builds, versions and aliases, with the service's asynchronous statuses,
 * validation and errors, for testing a deploy with the real LexModelsV2Client.
 *
 * Where the service's documented behaviour was unclear the emulator is the stricter of the
 * plausible choices, so a deploy that works here should work on AWS: writes wait for Creating,
 * Building and Deleting to end (ConflictException); a version needs its DRAFT locales Built; a
 * non-test alias needs an Available numbered version; List pages hold 10 items unless asked;
 * a build fails on a slot missing from its intent's slotPriorities and on an utterance shared by two
 * intents. Deletes of missing resources and of resources in use answer PreconditionFailedException.
 */
import { setMaxListeners } from 'node:events';
import { createServer, type Server } from 'node:http';
import { createFaultPlan, type EmulatorFaults } from '../faults.js';
import { handleModelsRequest, type LexModelsEmulatorCall, type LexModelsOperation, type PlannedFailure } from './handle-models-request.js';
import { snapshotOf, type LexModelsSnapshot, type LexModelsSnapshotBot } from './lex-models-snapshot.js';
import { createStore, settle } from './models-store.js';
import { LexWireError, sendError, type LexModelsErrorName } from './models-wire.js';
import { listenLocally } from '../listen-locally.js';

export interface LexModelsEmulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  faults?: EmulatorFaults;
  /**
   * How long Creating, Building, Versioning and Deleting last, in milliseconds (default 5). With 0,
   * the call after the one that started it already sees the next status.
   */
  statusDelayMs?: number;
  /** The service's clock, for timestamps and statuses (default: the machine's). */
  now?: () => Date;
  /** Seed of the generated ids (default 1): the same calls give the same ids. */
  seed?: number;
}

export interface FailNextOptions {
  /** How many of the next calls of the operation fail (default 1). */
  times?: number;
  /** Default `ThrottlingException`. */
  error?: LexModelsErrorName;
  message?: string;
  /** Carry the operation out before answering the error, as when a reply is lost (default false). */
  afterApplying?: boolean;
}

export interface LexModelsEmulator {
  /** `http://127.0.0.1:PORT`: the `endpoint` of a `LexModelsV2Client`. */
  readonly url: string;
  /** Every request so far, oldest first; `calls.filter((call) => call.write)` are the changes. */
  readonly calls: readonly LexModelsEmulatorCall[];
  /** Makes the next call(s) of an operation fail with a service error. */
  failNext(operation: LexModelsOperation, options?: FailNextOptions): void;
  /** Everything in the account, as the Describe operations would answer it, nested. */
  snapshot(): LexModelsSnapshot;
  /** One bot of the snapshot, by name. */
  findBot(botName: string): LexModelsSnapshotBot | undefined;
  setFaults(faults: EmulatorFaults): void;
  /** Ends open and hanging calls, then stops listening. */
  close(): Promise<void>;
}

/**
 * Starts the emulator. Point the real SDK client at `url` with fake credentials; nothing is mocked.
 *
 * @example
 * const lex = await startLexModelsEmulator({ statusDelayMs: 0 });
 * const client = new LexModelsV2Client({ region: 'us-east-1', endpoint: lex.url, credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake' } });
 * const { botId } = await client.send(new CreateBotCommand({ botName: 'Pizza', roleArn, dataPrivacy: { childDirected: false }, idleSessionTTLInSeconds: 300 }));
 * await lex.close();
 */
export async function startLexModelsEmulator(options: LexModelsEmulatorOptions = {}): Promise<LexModelsEmulator> {
  const statusDelayMs = options.statusDelayMs ?? 5;
  if (!(statusDelayMs >= 0)) throw new RangeError(`startLexModelsEmulator: statusDelayMs must be at least 0 (got ${statusDelayMs})`);
  const store = createStore({ now: options.now ?? (() => new Date()), delayMs: statusDelayMs, ...(options.seed !== undefined ? { seed: options.seed } : {}) });
  const plan = createFaultPlan(options.faults);
  const planned = new Map<string, PlannedFailure[]>();
  const calls: LexModelsEmulatorCall[] = [];
  const closing = new AbortController();
  // Every call waiting out its latency listens for the close: many at once is normal here.
  setMaxListeners(0, closing.signal);

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const call: LexModelsEmulatorCall = { operation: 'Unknown', method: request.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), body: undefined, write: false };
    calls.push(call);
    response.on('finish', () => {
      call.status = response.statusCode;
      const errorType = response.getHeader('x-amzn-errortype');
      if (typeof errorType === 'string') call.errorType = errorType.split(':')[0];
    });
    handleModelsRequest(request, response, call, { store, plan, planned, closing: closing.signal }).catch((error: unknown) => {
      sendError(response, error instanceof LexWireError ? error : new LexWireError(500, 'InternalServerException', `the emulator failed: ${String(error)}`));
    });
  });
  const url = await listenLocally(server, options);

  const snapshot = () => {
    settle(store);
    return snapshotOf(store);
  };
  return {
    url,
    calls,
    failNext(operation, { times = 1, error = 'ThrottlingException', message, afterApplying = false } = {}) {
      const queue = planned.get(operation) ?? [];
      for (let count = 0; count < times; count++) queue.push({ error, message: message ?? `${operation} failed (planned by failNext)`, afterApplying });
      planned.set(operation, queue);
    },
    snapshot,
    findBot: (botName) => snapshot().bots.find((bot) => bot.botName === botName),
    setFaults: (faults) => plan.set(faults),
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
