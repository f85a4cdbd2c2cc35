import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IntentModel } from '../../../content/intent-model.js';
import { systemClock, type Clock } from '../../../core/clock.js';
import { createLocalRecognizer } from '../../../nlu/local/index.js';
import { resolveModelLocale } from '../../../nlu/local/resolve-locale.js';
import { createFaultPlan, delay, type EmulatorFaults } from '../faults.js';
import { predictionFor } from './clu-prediction.js';
import * as reply from './clu-replies.js';
import { cluApiVersions, readCluRequest } from './clu-request.js';

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
  /** What the emulated projects understand: the local recognizer is trained on it. */
  model: IntentModel;
  /** The projects served; when absent, any project and deployment name is served. */
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
  /** Stops listening and ends every call still open (hanging ones included). */
  close(): Promise<void>;
}

const route = '/language/:analyze-conversations';
const largestBody = 1_000_000;

/**
 * A wire-compatible Azure CLU runtime on node:http: `POST /language/:analyze-conversations`,
 * answered by Parley's local recognizer in CLU's response shape, for testing with the real
 * ConversationAnalysisClient (`allowInsecureConnection: true`). Faults: error → 500, throttle → 429
 * with `Retry-After`, malformed → a broken 200, hang → no answer until `close()`.
 *
 * @example
 * const clu = await startCluEmulator({ model, apiKey: 'test-key' });
 * const client = new ConversationAnalysisClient(clu.url, new AzureKeyCredential('test-key'), { allowInsecureConnection: true });
 * await clu.close();
 */
export async function startCluEmulator(options: CluEmulatorOptions): Promise<CluEmulator> {
  const recognizer = createLocalRecognizer({ model: options.model });
  const plan = createFaultPlan(options.faults);
  const clock = options.clock ?? systemClock('UTC');
  const closing = new AbortController();
  // Every call waiting out its latency listens for the close: many at once is normal here.
  setMaxListeners(0, closing.signal);
  const calls: CluEmulatorCall[] = [];

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const body = await readBody(request);
    const call: CluEmulatorCall = { apiVersion: url.searchParams.get('api-version'), headers: request.headers, body: parseJson(body), status: 'hang' };
    calls.push(call);
    const answer = (status: number, send: () => void) => {
      call.status = status;
      send();
    };
    if (options.apiKey !== undefined && request.headers['ocp-apim-subscription-key'] !== options.apiKey) {
      return answer(401, () => reply.sendError(response, 401, reply.accessDenied));
    }
    if (request.method !== 'POST' || url.pathname !== route || !cluApiVersions.includes(call.apiVersion ?? '')) {
      return answer(404, () => reply.sendError(response, 404, reply.resourceNotFound));
    }
    const decision = plan.next();
    if (decision.kind === 'hang') return; // answered by close() tearing the connection down
    await delay(decision.delayMs, closing.signal);
    if (closing.signal.aborted) return;
    if (decision.kind === 'error') return answer(500, () => reply.sendError(response, 500, reply.internalError));
    if (decision.kind === 'throttle') return answer(429, () => reply.sendError(response, 429, reply.throttled, { 'retry-after': '1' }));
    if (decision.kind === 'malformed') return answer(200, () => reply.sendMalformed(response));

    if (call.body === undefined) return answer(400, () => reply.sendError(response, 400, reply.invalidRequest('The request body is not valid JSON.', 'InvalidRequestBodyFormat')));
    const read = readCluRequest(call.body);
    if (!read.ok) return answer(400, () => reply.sendError(response, 400, reply.invalidRequest(read.message)));
    const { text, language, projectName, deploymentName, stringIndexType } = read.request;
    const project = projectOf(projectName);
    if (!project) return answer(404, () => reply.sendError(response, 404, { code: 'ProjectNotFound', message: `The project ${projectName} could not be found.` }));
    if (!servesDeployment(project, deploymentName)) {
      return answer(404, () => reply.sendError(response, 404, { code: 'NotFound', message: `The deployment ${deploymentName} of project ${projectName} could not be found.` }));
    }
    const locale = resolveModelLocale(options.model, language ?? project.language ?? Object.keys(options.model.locales)[0] ?? '');
    const localeModel = locale === undefined ? undefined : options.model.locales[locale];
    if (!locale || !localeModel) {
      return answer(400, () => reply.sendError(response, 400, reply.invalidRequest(`The language code "${language}" is not supported by this project.`, 'UnsupportedLanguageCode')));
    }
    const recognition = await recognizer.recognize({ text, locale, now: clock.now(), timeZone: clock.timeZone });
    const prediction = predictionFor(recognition, localeModel, project.confidenceThreshold ?? 0, stringIndexType);
    answer(200, () => reply.sendJson(response, 200, { kind: 'ConversationResult', result: { query: text, prediction } }));
  }

  function projectOf(name: string): CluEmulatorProject | undefined {
    if (!options.projects) return { projectName: name };
    return options.projects.find((project) => project.projectName === name);
  }

  function servesDeployment(project: CluEmulatorProject, name: string): boolean {
    return !options.projects || (project.deployments ?? ['production']).includes(name);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) reply.sendError(response, 500, reply.internalError);
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    calls,
    setFaults: (faults) => plan.set(faults),
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
