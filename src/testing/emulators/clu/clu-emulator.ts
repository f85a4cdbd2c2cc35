import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { IntentModel } from '../../../content/intent-model.js';
import { systemClock, type Clock } from '../../../core/clock.js';
import { createFaultPlan, delay, type EmulatorFaults } from '../faults.js';
import { authoringBase, createCluAuthoring } from './clu-authoring.js';
import type { JobKind } from './clu-jobs.js';
import * as reply from './clu-replies.js';
import { cluApiVersions } from './clu-request.js';
import { createCluRuntime } from './clu-runtime.js';
import { listenLocally } from '../listen-locally.js';

/** A CLU project the emulator serves. */
export interface CluEmulatorProject {
  projectName: string;
  /** Its deployments (default `['production']`); another name answers 404. */
  deployments?: string[];
  /** The project's `settings.confidenceThreshold`: under it the top intent is `None`. Default 0. */
  confidenceThreshold?: number;
  /** Its language, used when a request names none (default the model's first locale). */
  language?: string;
}

export interface CluEmulatorOptions {
  /**
   * What the emulated projects understand: the local recognizer is trained on it. Without it, only
   * projects deployed through the authoring API answer.
   */
  model?: IntentModel;
  /** The projects served from `model`; when absent, any project and deployment name is. Deployed projects are served besides. */
  projects?: CluEmulatorProject[];
  port?: number;
  host?: string;
  faults?: EmulatorFaults;
  /** When set, calls must carry it in `Ocp-Apim-Subscription-Key` (else 401, as the service answers). */
  apiKey?: string;
  /** The service's clock: CLU reads "tomorrow" in UTC, on its own clock. Default: the system clock, UTC. */
  clock?: Clock;
}

/** One call the emulator received: what the client sent, and what it got. Holds customer text: for tests only. */
export interface CluEmulatorCall {
  method: string;
  /** The path, without the query: `/language/authoring/analyze-conversations/projects/Parley/:import`. */
  path: string;
  apiVersion: string | null;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** The HTTP status answered, or `hang` for a call never answered. */
  status: number | 'hang';
}

export interface CluEmulator {
  /** `http://127.0.0.1:PORT`: the endpoint to give the client. */
  readonly url: string;
  readonly calls: readonly CluEmulatorCall[];
  /** Replaces the fault knobs while running. */
  setFaults(faults: EmulatorFaults): void;
  /** The next `count` authoring jobs of this kind (`train`, `import`, `deployment`…) fail. */
  failNextJob(kind: JobKind, count?: number): void;
  /** Stops listening and ends every call still open (hanging ones included). */
  close(): Promise<void>;
}

const route = '/language/:analyze-conversations';
const largestBody = 1_000_000;

/**
 * A wire-compatible Azure CLU on node:http. The runtime, `POST /language/:analyze-conversations`, is
 * answered by Parley's local recognizer in CLU's response shape, for testing with the real
 * ConversationAnalysisClient (`allowInsecureConnection: true`); the authoring API
 * (`/language/authoring/analyze-conversations/projects/…`: import, export, train, deploy and their
 * jobs) keeps projects in memory, and a deployment made through it answers at the runtime. Faults:
 * error → 500, throttle → 429 with `Retry-After`, malformed → a broken 200, hang → no answer until
 * `close()`; `failNextJob('train')` fails a job.
 *
 * @example
 * const clu = await startCluEmulator({ model, apiKey: 'test-key' });
 * const client = new ConversationAnalysisClient(clu.url, new AzureKeyCredential('test-key'), { allowInsecureConnection: true });
 * await clu.close();
 */
export async function startCluEmulator(options: CluEmulatorOptions): Promise<CluEmulator> {
  const plan = createFaultPlan(options.faults);
  const clock = options.clock ?? systemClock('UTC');
  const authoring = createCluAuthoring(clock);
  const runtime = createCluRuntime(options, authoring, clock);
  const closing = new AbortController();
  // Every call waiting out its latency listens for the close: many at once is normal here.
  setMaxListeners(0, closing.signal);
  const calls: CluEmulatorCall[] = [];

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const body = await readBody(request);
    const call: CluEmulatorCall = {
      method: request.method ?? 'GET',
      path: url.pathname,
      apiVersion: url.searchParams.get('api-version'),
      headers: request.headers,
      body: parseJson(body),
      status: 'hang',
    };
    calls.push(call);
    const answer = (status: number, send: () => void) => {
      call.status = status;
      send();
    };
    if (options.apiKey !== undefined && request.headers['ocp-apim-subscription-key'] !== options.apiKey) {
      return answer(401, () => reply.sendError(response, 401, reply.accessDenied));
    }
    const authoringPath = url.pathname === authoringBase || url.pathname.startsWith(`${authoringBase}/`);
    if ((!authoringPath && (request.method !== 'POST' || url.pathname !== route)) || !cluApiVersions.includes(call.apiVersion ?? '')) {
      return answer(404, () => reply.sendError(response, 404, reply.resourceNotFound));
    }
    const decision = plan.next();
    if (decision.kind === 'hang') return; // answered by close() tearing the connection down
    await delay(decision.delayMs, closing.signal);
    if (closing.signal.aborted) return;
    if (decision.kind === 'error') return answer(500, () => reply.sendError(response, 500, reply.internalError));
    if (decision.kind === 'throttle') return answer(429, () => reply.sendError(response, 429, reply.throttled, { 'retry-after': '1' }));
    if (decision.kind === 'malformed') return answer(200, () => reply.sendMalformed(response));

    const result = authoringPath
      ? authoring.handle({ method: call.method, path: url.pathname.slice(authoringBase.length), apiVersion: call.apiVersion!, body: call.body, origin: `http://${request.headers.host ?? 'localhost'}` })
      : await runtime.answer(call.body);
    if ('error' in result) return answer(result.status, () => reply.sendError(response, result.status, result.error));
    if (result.body === undefined) return answer(result.status, () => reply.sendEmpty(response, result.status, result.headers));
    answer(result.status, () => reply.sendJson(response, result.status, result.body, result.headers));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) reply.sendError(response, 500, reply.internalError);
      else response.destroy();
    });
  });
  const url = await listenLocally(server, options);

  return {
    url,
    calls,
    setFaults: (faults) => plan.set(faults),
    failNextJob: (kind, count = 1) => authoring.failNext(kind, count),
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Past the limit the rest is read and dropped: the body then fails to parse, a 400.
    if (size <= largestBody) chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
