/**
 * One HTTP request to the emulator, in the order the service meets things: route and api-version,
 * credentials (an HMAC signature with the access key for identity, SMS and Job Router; for chat, a bearer token
 * the emulator issued, unexpired, with the `chat` scope), injected faults, the body, the operation;
 * then its answer or its error.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { delay, type FaultDecision, type FaultPlan } from '../faults.js';
import { AcsWireError, acsErrors, findRoute, parseJsonObject, readBody, sendAnswer, type AcsOperation, type AcsRoute, type AcsService, type WireAnswer } from './acs-wire.js';
import type { ChatContext } from './chat-access.js';
import type { AcsChatLimits } from './chat-limits.js';
import { getChatMessage, listChatMessages, listChatReadReceipts, sendChatMessage, sendChatReadReceipt, sendTypingNotification } from './chat-messages-api.js';
import { addChatParticipants, listChatParticipants, removeChatParticipant } from './chat-participants-api.js';
import type { ChatStore } from './chat-store.js';
import { createChatThread, deleteChatThread, getChatThreadProperties, listChatThreads, updateChatThreadProperties } from './chat-threads-api.js';
import { checkHmacSignature } from './hmac-auth.js';
import { createIdentity, deleteIdentity, issueAccessToken, revokeAccessTokens } from './identity-api.js';
import { verifyToken, type IdentityStore } from './identity-store.js';
import { answerRouter } from './router-api.js';
import type { JobRouterState } from './router-engine.js';
import { findRouterRoute } from './router-wire.js';
import { sendSms, type SmsStore } from './sms-api.js';

/** One request as the emulator saw it, for assertions. Holds tokens and customer text: test use only. */
export interface AcsEmulatorCall {
  service: AcsService | 'unknown';
  operation: AcsOperation | 'Unknown';
  method: string;
  path: string;
  apiVersion?: string;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, if any. */
  body: unknown;
  /** The chat caller's user id, once its token was honoured. */
  caller?: string;
  /** The HTTP status answered; undefined while hanging. */
  status?: number;
  /** The `error.code` of an error answer. */
  errorCode?: string;
  /** Set when the fault plan made the call fail or wait. */
  fault?: Exclude<FaultDecision['kind'], 'answer'>;
  delayMs?: number;
}

export interface AcsRequestContext {
  identity: IdentityStore;
  chat: ChatStore;
  sms: SmsStore;
  router: JobRouterState;
  limits: AcsChatLimits;
  accessKey: Buffer;
  plan: FaultPlan;
  /** Aborted when the emulator closes: waits end, and hanging calls stay unanswered. */
  closing: AbortSignal;
  /** `https://127.0.0.1:PORT`. */
  origin: string;
}

export async function handleAcsRequest(request: IncomingMessage, response: ServerResponse, call: AcsEmulatorCall, context: AcsRequestContext): Promise<void> {
  const bytes = await readBody(request);
  const text = bytes.toString('utf8');
  call.body = tryParse(text);
  const url = new URL(request.url ?? '/', context.origin);
  const route = findRouterRoute(call.method, url.pathname) ?? findRoute(call.method, url.pathname);
  call.service = route.service;
  call.operation = route.operation;
  const apiVersion = url.searchParams.get('api-version');
  if (!apiVersion) throw new AcsWireError(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
  call.apiVersion = apiVersion;

  let caller: string | undefined;
  if (route.service === 'chat') {
    const authorization = request.headers.authorization;
    const grant = verifyToken(context.identity, authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length).trim() : undefined);
    if (!grant) throw acsErrors.unauthorized();
    if (!grant.scopes.includes('chat')) throw acsErrors.forbidden();
    caller = call.caller = grant.userId;
  } else {
    checkHmacSignature(request, bytes, context.accessKey);
  }

  const decision = context.plan.next();
  if (decision.kind !== 'answer') call.fault = decision.kind;
  if (decision.kind === 'hang') return;
  if (decision.delayMs > 0) call.delayMs = decision.delayMs;
  await delay(decision.delayMs, context.closing);
  if (context.closing.aborted) return;
  if (decision.kind === 'error') throw new AcsWireError(500, 'InternalServerError', 'The server encountered an internal error.');
  if (decision.kind === 'throttle') throw acsErrors.tooManyRequests(1);
  if (decision.kind === 'malformed') {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end('{"value":[{"id":"PARLEY');
    return;
  }

  const body = parseJsonObject(text);
  if (route.service === 'router') return sendAnswer(response, answerRouter(context.router, route, body, { apiVersion, contentType: request.headers['content-type'] }));
  sendAnswer(response, answer(route.operation, route.id, route.messageId, body, context, caller === undefined ? undefined : chatContext(context, caller, apiVersion, request, url)));
}

function answer(operation: AcsRoute['operation'], id: string | undefined, messageId: string | undefined, body: Record<string, unknown>, context: AcsRequestContext, chat: ChatContext | undefined): WireAnswer {
  const { identity } = context;
  const userId = id ?? '';
  if (operation === 'CreateIdentity') return createIdentity(identity, body);
  if (operation === 'IssueAccessToken') return issueAccessToken(identity, userId, body);
  if (operation === 'RevokeAccessTokens') return revokeAccessTokens(identity, userId);
  if (operation === 'DeleteIdentity') return deleteIdentity(identity, userId);
  if (operation === 'SendSms') return sendSms(context.sms, body);
  if (!chat) throw acsErrors.unauthorized();
  switch (operation) {
    case 'CreateChatThread':
      return createChatThread(chat, body);
    case 'ListChatThreads':
      return listChatThreads(chat);
    case 'GetChatThreadProperties':
      return getChatThreadProperties(chat, id);
    case 'UpdateChatThreadProperties':
      return updateChatThreadProperties(chat, id, body);
    case 'DeleteChatThread':
      return deleteChatThread(chat, id);
    case 'SendChatMessage':
      return sendChatMessage(chat, id, body);
    case 'ListChatMessages':
      return listChatMessages(chat, id);
    case 'GetChatMessage':
      return getChatMessage(chat, id, messageId);
    case 'ListChatParticipants':
      return listChatParticipants(chat, id);
    case 'AddChatParticipants':
      return addChatParticipants(chat, id, body);
    case 'RemoveChatParticipant':
      return removeChatParticipant(chat, id, body);
    case 'SendTypingNotification':
      return sendTypingNotification(chat, id, body);
    case 'SendChatReadReceipt':
      return sendChatReadReceipt(chat, id, body);
    case 'ListChatReadReceipts':
      return listChatReadReceipts(chat, id);
  }
}

function chatContext(context: AcsRequestContext, caller: string, apiVersion: string, request: IncomingMessage, url: URL): ChatContext {
  return { store: context.chat, identity: context.identity, limits: context.limits, caller, origin: context.origin, apiVersion, headers: request.headers, query: url.searchParams };
}

function tryParse(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
