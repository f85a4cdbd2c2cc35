/**
 * One HTTP request to the emulator, in the order the services meet things: route, credentials (a
 * SigV4 signature for the Connect API; the participant service reads its bearer token in the
 * operation), injected faults, the body, the operation; then its answer or its error.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkSignature } from '../lex-runtime/lex-wire.js';
import { delay, type FaultDecision, type FaultPlan } from '../faults.js';
import { startChatContact, stopContact } from './connect-api.js';
import { connectError, findRoute, parseBody, participantError, readBearer, readBody, sendAnswer, sendMalformed, type ConnectEmulatorOperation, type WireAnswer } from './connect-wire.js';
import { createParticipantConnection, disconnectParticipant, getTranscript, sendEvent, sendMessage, type ParticipantContext } from './participant-api.js';

/** One request as the emulator saw it, for assertions. Holds customer text: test use only. */
export interface ConnectEmulatorCall {
  /** `connect` (the Connect API), `participant` (the participant service) or `websocket`. */
  service: 'connect' | 'participant' | 'websocket';
  operation: ConnectEmulatorOperation | 'WebSocketConnect' | 'WebSocketFrame' | 'Unknown';
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, or a WebSocket frame as the client sent it. */
  body: unknown;
  /** The HTTP status answered (101 for an opened WebSocket); undefined while hanging. */
  status?: number;
  errorType?: string;
  /** Set when the fault plan made the call fail or wait. */
  fault?: Exclude<FaultDecision['kind'], 'answer'>;
  delayMs?: number;
}

export interface RequestContext extends Omit<ParticipantContext, 'socketOrigin'> {
  plan: FaultPlan;
  /** Aborted when the emulator closes: waits end, and hanging calls stay unanswered. */
  closing: AbortSignal;
}

export async function handleConnectRequest(request: IncomingMessage, response: ServerResponse, call: ConnectEmulatorCall, context: RequestContext): Promise<void> {
  const text = await readBody(request);
  call.body = tryParse(text);
  const route = findRoute(call.method, call.path);
  call.service = route.service;
  call.operation = route.operation;
  if (route.service === 'connect') {
    const authorization = request.headers.authorization;
    checkSignature(typeof authorization === 'string' ? authorization : undefined, 'connect');
  }

  const decision = context.plan.next();
  if (decision.kind !== 'answer') call.fault = decision.kind;
  if (decision.kind === 'hang') return;
  if (decision.delayMs > 0) call.delayMs = decision.delayMs;
  await delay(decision.delayMs, context.closing);
  if (context.closing.aborted) return;
  if (decision.kind === 'error' || decision.kind === 'throttle') throw injectedError(route.service, decision.kind);
  if (decision.kind === 'malformed') return sendMalformed(response);

  const body = parseBody(text);
  const bearer = readBearer(request);
  const { store } = context;
  const answers: Record<ConnectEmulatorOperation, () => WireAnswer> = {
    StartChatContact: () => startChatContact(store, body),
    StopContact: () => stopContact(store, body),
    CreateParticipantConnection: () => createParticipantConnection({ ...context, socketOrigin: `ws://${request.headers.host ?? 'localhost'}` }, bearer, body),
    SendMessage: () => sendMessage(store, bearer, body),
    SendEvent: () => sendEvent(store, bearer, body),
    GetTranscript: () => getTranscript(store, bearer, body),
    DisconnectParticipant: () => disconnectParticipant(store, bearer, body),
  };
  sendAnswer(response, answers[route.operation]());
}

/** Each service's own name for a failure on its side, and for throttling. */
function injectedError(service: 'connect' | 'participant', kind: 'error' | 'throttle') {
  if (kind === 'throttle') return service === 'connect' ? connectError('ThrottlingException', 'Rate exceeded') : participantError('ThrottlingException', 'Rate exceeded');
  return service === 'connect'
    ? connectError('InternalServiceException', 'Request processing failed because of an error or failure with the service.')
    : participantError('InternalServerException', 'An internal failure occurred in the Amazon Connect service.');
}

function tryParse(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
