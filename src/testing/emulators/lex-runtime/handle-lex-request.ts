/**
 * One request to the emulated Lex runtime, in the order the service checks things: signature, route,
 * injected faults, the bot, alias and locale, the input; then the answer, as JSON (RecognizeText) or
 * as gzip+base64 headers (RecognizeUtterance).
 */
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import { gzipSync } from 'node:zlib';
import type { IntentModel } from '../../../content/intent-model.js';
import { decodeLexV2Header, encodeLexV2Header } from '../../../nlu/lex-v2/lex-v2-header-codec.js';
import { fromLexV2LocaleId, toLexV2LocaleId } from '../../../nlu/lex-v2/lex-v2-session.js';
import { resolveModelLocale } from '../../../nlu/local/resolve-locale.js';
import type { Recognizer } from '../../../nlu/recognizer.js';
import { delay, type FaultPlan } from '../faults.js';
import { answerLexTurn, type LexAnswer, type LexTurn } from './answer-lex-turn.js';
import { answerWithCodeHook } from './answer-with-code-hook.js';
import { defaultCodeHookTimeoutMs, type LexCodeHookInvocation } from './lex-code-hook.js';
import type { LexEmulatorBot, LexEmulatorCall } from './lex-runtime-emulator.js';
import type { StoredSession } from './lex-session-state.js';
import { checkSignature, checkStringMap, checkText, LexWireError, notFound, readBody, readRoute, sendJson, validation, type LexRoute } from './lex-wire.js';

export interface LexBotRegistry {
  model: IntentModel;
  bots: readonly LexEmulatorBot[];
  recognizer: Recognizer;
  /** Keyed by bot, alias, locale and session id. */
  sessions: Map<string, StoredSession>;
  now: () => Date;
  codeHookInvocations: LexCodeHookInvocation[];
}

interface Context {
  registry: LexBotRegistry;
  plan: FaultPlan;
  /** Aborted when the emulator closes: waits end, hanging calls stay unanswered until their session is destroyed. */
  closing: AbortSignal;
}

/** A 200 whose JSON stops half-way, as a cut connection or a broken proxy would leave it. */
const brokenJson = '{"messages":[{"contentType":"PlainText","content":"What si';

export async function handleLexRequest(request: Http2ServerRequest, response: Http2ServerResponse, call: LexEmulatorCall, context: Context): Promise<void> {
  const body = await readBody(request);
  call.body = body.toString('utf8');
  const authorization = request.headers.authorization;
  checkSignature(typeof authorization === 'string' ? authorization : undefined);
  const route = readRoute(request.method, request.url);
  call.operation = route.operation;
  const decision = context.plan.next();
  call.fault = decision.kind;
  if ('delayMs' in decision) call.delayMs = decision.delayMs;
  if (decision.kind === 'hang') return;
  await delay(decision.delayMs, context.closing);
  if (context.closing.aborted) return;
  if (decision.kind === 'error') throw new LexWireError(500, 'InternalFailureException', 'The request processing has failed because of an unknown error, exception or failure.');
  if (decision.kind === 'throttle') throw new LexWireError(429, 'ThrottlingException', 'Rate exceeded');

  const { bot, locale } = findBot(context.registry, route);
  const input = route.operation === 'RecognizeText' ? readTextInput(body) : readUtteranceInput(request, body);
  const key = [route.botId, route.botAliasId, route.localeId, route.sessionId].join('/');
  const turn: LexTurn = {
    text: input.text,
    locale,
    model: context.registry.model.locales[locale]!,
    sessionId: route.sessionId,
    sessionState: input.sessionState,
    requestAttributes: input.requestAttributes ?? {},
    stored: context.registry.sessions.get(key),
    now: context.registry.now(),
    sentiment: bot.sentiment,
  };
  const { recognizer, codeHookInvocations } = context.registry;
  // A code hook that fails throws here, before the session is written: it stays as it was.
  const { answer, session } = bot.codeHook
    ? await answerWithCodeHook(
        {
          turn,
          bot: codeHookBot(bot, route),
          responseContentType: input.responseContentType,
          call: { hook: bot.codeHook, timeoutMs: bot.codeHookTimeoutMs ?? defaultCodeHookTimeoutMs, botId: bot.botId, closing: context.closing, record: (invocation) => codeHookInvocations.push(invocation) },
        },
        recognizer,
      )
    : await answerLexTurn(turn, recognizer);
  context.registry.sessions.set(key, session);
  const malformed = decision.kind === 'malformed';
  if (route.operation === 'RecognizeText') sendJson(response, 200, malformed ? brokenJson : JSON.stringify(answer));
  else sendUtteranceAnswer(request, response, input.text, answer, malformed);
}

function findBot(registry: LexBotRegistry, route: LexRoute): { bot: LexEmulatorBot; locale: string } {
  const bot = registry.bots.find((candidate) => candidate.botId === route.botId);
  if (!bot) throw notFound(`Could not find bot ${route.botId}`);
  if (!(bot.botAliasIds ?? ['TSTALIASID']).includes(route.botAliasId)) throw notFound(`Could not find alias ${route.botAliasId} of bot ${route.botId}`);
  const locales = bot.localeIds ?? Object.keys(registry.model.locales).map(toLexV2LocaleId);
  const locale = locales.includes(route.localeId) ? resolveModelLocale(registry.model, fromLexV2LocaleId(route.localeId)) : undefined;
  if (!locale) throw notFound(`Bot ${route.botId} has no locale ${route.localeId}`);
  return { bot, locale };
}

/** The bot as a code hook's event names it: the draft version's test alias is `TestBotAlias`, as in Lex. */
function codeHookBot(bot: LexEmulatorBot, route: LexRoute) {
  const draft = route.botAliasId === 'TSTALIASID';
  return { id: bot.botId, name: bot.name ?? bot.botId, aliasId: route.botAliasId, aliasName: draft ? 'TestBotAlias' : route.botAliasId, localeId: route.localeId, version: draft ? 'DRAFT' : '1' };
}

interface TurnInput {
  text: string;
  sessionState: unknown;
  requestAttributes: Record<string, string> | undefined;
  /** The reply's MIME type, as a code hook's event gives it. */
  responseContentType: string;
}

const textReply = 'text/plain; charset=utf-8';

function readTextInput(body: Buffer): TurnInput {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw validation('The request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw validation('The request body must be a JSON object');
  const { text, sessionState, requestAttributes } = parsed as Record<string, unknown>;
  return { text: checkText(text), sessionState, requestAttributes: checkStringMap(requestAttributes, 'requestAttributes'), responseContentType: textReply };
}

function readUtteranceInput(request: Http2ServerRequest, body: Buffer): TurnInput {
  const contentType = String(request.headers['content-type'] ?? '');
  if (!contentType.toLowerCase().startsWith('text/plain')) {
    throw validation(`The emulator reads text input only (Content-Type text/plain; charset=utf-8), not ${JSON.stringify(contentType)}`);
  }
  const responseContentType = request.headers['response-content-type'];
  return {
    text: checkText(body.toString('utf8')),
    sessionState: readHeader(request, 'x-amz-lex-session-state'),
    requestAttributes: checkStringMap(readHeader(request, 'x-amz-lex-request-attributes'), 'requestAttributes'),
    responseContentType: typeof responseContentType === 'string' ? responseContentType : textReply,
  };
}

function readHeader(request: Http2ServerRequest, name: string): unknown {
  const value = request.headers[name];
  if (typeof value !== 'string') return undefined;
  try {
    return decodeLexV2Header(value);
  } catch {
    throw validation(`Header ${name} must be base64 (optionally gzipped) JSON`);
  }
}

/** RecognizeUtterance answers in headers; the body is the spoken reply, which the emulator leaves empty. */
function sendUtteranceAnswer(request: Http2ServerRequest, response: Http2ServerResponse, text: string, answer: LexAnswer, malformed: boolean): void {
  if (response.stream.destroyed || response.headersSent) return;
  const requested = request.headers['response-content-type'];
  response.writeHead(200, {
    'content-type': typeof requested === 'string' ? requested : 'text/plain; charset=utf-8',
    'x-amz-lex-input-mode': 'Text',
    'x-amz-lex-session-id': answer.sessionId,
    'x-amz-lex-messages': encodeLexV2Header(answer.messages),
    'x-amz-lex-session-state': encodeLexV2Header(answer.sessionState),
    'x-amz-lex-interpretations': malformed ? gzipSync(brokenJson).toString('base64') : encodeLexV2Header(answer.interpretations),
    'x-amz-lex-request-attributes': encodeLexV2Header(answer.requestAttributes),
    'x-amz-lex-input-transcript': encodeLexV2Header(text),
  });
  response.end();
}
