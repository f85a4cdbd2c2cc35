/**
 * A local Amazon Lex V2 runtime: a cleartext HTTP/2 server that answers RecognizeText and
 * RecognizeUtterance (text) for a bot built from an intent model, understood by Parley's local
 * recognizer. The AWS SDK's default client talks to it unchanged (it speaks HTTP/2 by default).
 */
import { setMaxListeners } from 'node:events';
import http2, { type Http2ServerRequest, type Http2ServerResponse, type Http2Session } from 'node:http2';
import type { IntentModel } from '../../../content/intent-model.js';
import { createLocalRecognizer } from '../../../nlu/local/local-recognizer.js';
import type { LexV2Sentiment } from '../../../nlu/lex-v2/lex-v2-response.js';
import { createFaultPlan, delay, type EmulatorFaults, type FaultDecision } from '../faults.js';
import { handleLexRequest, type LexBotRegistry } from './handle-lex-request.js';
import type { LexCodeHook, LexCodeHookInvocation } from './lex-code-hook.js';
import type { StoredSession } from './lex-session-state.js';
import { LexWireError, sendError } from './lex-wire.js';
import { listenLocally } from '../listen-locally.js';

export interface LexEmulatorBot {
  /** Any string; real ids are 10 characters like `ABCDEFGHIJ`. */
  botId: string;
  /** Aliases that answer. Default `['TSTALIASID']`, the draft version's test alias. */
  botAliasIds?: string[];
  /** Lex locales the bot is built for (`en_US`). Default: every locale of the model. */
  localeIds?: string[];
  /** Sentiment analysis on the alias: scores an utterance as Lex's Comprehend step would. Off by default. */
  sentiment?: (text: string) => LexV2Sentiment | undefined;
  /** The bot's name, as a code hook's event gives it (`bot.name`). Default: the bot id. */
  name?: string;
  /**
   * The Lambda function on the alias, with a Lambda handler's signature: with one, every turn invokes it
   * as the dialog code hook of every intent (FallbackIntent too), and again as the fulfilment code hook
   * when an intent is ready for fulfilment after a `Delegate`, as a bot `parley lex build` compiles.
   * Its response decides what the client is answered. Without one, the emulator answers as Lex does
   * with no code hook.
   */
  codeHook?: LexCodeHook;
  /** How long the emulator waits for the code hook, as Lex does (default 30 000 ms) before DependencyFailedException. */
  codeHookTimeoutMs?: number;
}

export interface LexRuntimeEmulatorOptions {
  /** The bot's content; its local recognizer is trained at start. */
  model: IntentModel;
  /** Default 0: a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  faults?: EmulatorFaults;
  /** Default: one bot, `defaultLexBot`, with every locale of the model. */
  bots?: LexEmulatorBot[];
  /** The instant "tomorrow" is read against (default: the machine's clock). */
  now?: () => Date;
}

/** One request as the emulator saw it, for assertions. Holds customer text: test use only. */
export interface LexEmulatorCall {
  operation: 'RecognizeText' | 'RecognizeUtterance' | 'Unknown';
  method: string;
  path: string;
  httpVersion: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  fault: FaultDecision['kind'];
  /** The latency the emulator added before answering (faults' `latencyMs`, or a slow call's). */
  delayMs?: number;
  /** The HTTP status answered; undefined while hanging. */
  status?: number;
  errorType?: string;
}

export interface LexRuntimeEmulator {
  /** `http://127.0.0.1:PORT`: the `endpoint` of a `LexRuntimeV2Client`. */
  url: string;
  /** The first bot's id and alias, to call it with. */
  bot: { botId: string; botAliasId: string };
  /** Every request so far, oldest first. */
  readonly calls: readonly LexEmulatorCall[];
  /** Every code hook invocation so far (event, and response or failure), oldest first. */
  readonly codeHookInvocations: readonly LexCodeHookInvocation[];
  setFaults(faults: EmulatorFaults): void;
  /** Ends hanging calls and open sessions, then stops listening. */
  close(): Promise<void>;
}

/**
 * The bot an emulator serves when given no `bots`.
 *
 * @example
 * createLexV2Recognizer({ ...defaultLexBot, localeId: 'en_US', client })
 */
export const defaultLexBot = { botId: 'PARLEYBOT1', botAliasId: 'TSTALIASID' } as const;

/**
 * Starts the emulator. Point the real SDK client at `url` with fake credentials; nothing is mocked.
 *
 * @example
 * const lex = await startLexRuntimeEmulator({ model: await loadIntents('intents') });
 * const client = new LexRuntimeV2Client({ region: 'us-east-1', endpoint: lex.url, credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake' }, maxAttempts: 1 });
 * await client.send(new RecognizeTextCommand({ ...lex.bot, localeId: 'en_US', sessionId: 'test-1', text: 'book a repair' }));
 * await lex.close();
 */
export async function startLexRuntimeEmulator(options: LexRuntimeEmulatorOptions): Promise<LexRuntimeEmulator> {
  const plan = createFaultPlan(options.faults);
  const bots = options.bots ?? [{ botId: defaultLexBot.botId }];
  const first = bots[0];
  if (!first) throw new RangeError('startLexRuntimeEmulator: bots must list at least one bot');
  for (const bot of bots) checkCodeHook(bot);
  const registry: LexBotRegistry = {
    model: options.model,
    bots,
    recognizer: createLocalRecognizer({ model: options.model }),
    sessions: new Map<string, StoredSession>(),
    now: options.now ?? (() => new Date()),
    codeHookInvocations: [],
  };
  const calls: LexEmulatorCall[] = [];
  const closing = new AbortController();
  // Every call waiting out its latency listens for the close: many at once is normal here.
  setMaxListeners(0, closing.signal);
  const sessions = new Set<Http2Session>();
  const server = http2.createServer();
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  server.on('request', (request: Http2ServerRequest, response: Http2ServerResponse) => {
    const call: LexEmulatorCall = { operation: 'Unknown', method: request.method, path: request.url, httpVersion: request.httpVersion, headers: { ...request.headers }, body: '', fault: 'answer' };
    calls.push(call);
    response.on('finish', () => {
      call.status = response.statusCode;
      const errorType = response.getHeader('x-amzn-errortype');
      if (typeof errorType === 'string') call.errorType = errorType;
    });
    handleLexRequest(request, response, call, { registry, plan, closing: closing.signal }).catch((error: unknown) => {
      sendError(response, error instanceof LexWireError ? error : new LexWireError(500, 'InternalServerException', 'the emulator failed'));
    });
  });
  const url = await listenLocally(server, options);
  return {
    url,
    bot: { botId: first.botId, botAliasId: first.botAliasIds?.[0] ?? defaultLexBot.botAliasId },
    calls,
    codeHookInvocations: registry.codeHookInvocations,
    setFaults: (faults) => plan.set(faults),
    async close() {
      closing.abort();
      for (const session of sessions) session.destroy();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function checkCodeHook(bot: LexEmulatorBot): void {
  if (bot.codeHook !== undefined && typeof bot.codeHook !== 'function') {
    throw new TypeError(`startLexRuntimeEmulator: bot ${bot.botId}: codeHook must be a function (event, context) => Promise<response>, as a Lambda handler is`);
  }
  const timeout = bot.codeHookTimeoutMs;
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0)) {
    throw new RangeError(`startLexRuntimeEmulator: bot ${bot.botId}: codeHookTimeoutMs must be a positive number of milliseconds, not ${timeout}`);
  }
}
