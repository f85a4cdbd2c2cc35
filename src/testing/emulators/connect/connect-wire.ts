/**
 * The HTTP surface of the Amazon Connect API's chat operations and of the Connect Participant Service,
 * as the emulator speaks it (rest-json over HTTP/1.1): which operation a method and path are, the
 * errors each service models (sent as `x-amzn-errortype` plus `{"Message"}`, which the SDKs turn into
 * their typed exceptions), and the `X-Amz-Bearer` token the participant service takes instead of SigV4.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendAnswer } from '../lex-models/models-wire.js';
import { LexWireError as WireError } from '../lex-runtime/lex-wire.js';

// The Lex emulators' error and answer helpers carry any restJson1 service's errors.
export { WireError };
export { readBody, parseBody, sendAnswer, sendMalformed } from '../lex-models/models-wire.js';
export { checkRequest, type Checker } from '../lex-models/models-validation.js';

export type ConnectOperation = 'StartChatContact' | 'StopContact';
export type ParticipantOperation = 'CreateParticipantConnection' | 'SendMessage' | 'SendEvent' | 'GetTranscript' | 'DisconnectParticipant';
export type ConnectEmulatorOperation = ConnectOperation | ParticipantOperation;

export interface Route {
  /** `connect` calls are SigV4-signed for `connect`; `participant` calls carry a bearer token. */
  service: 'connect' | 'participant';
  operation: ConnectEmulatorOperation;
}

const routes: Record<string, Route> = {
  'PUT /contact/chat': { service: 'connect', operation: 'StartChatContact' },
  'POST /contact/stop': { service: 'connect', operation: 'StopContact' },
  'POST /participant/connection': { service: 'participant', operation: 'CreateParticipantConnection' },
  'POST /participant/message': { service: 'participant', operation: 'SendMessage' },
  'POST /participant/event': { service: 'participant', operation: 'SendEvent' },
  'POST /participant/transcript': { service: 'participant', operation: 'GetTranscript' },
  'POST /participant/disconnect': { service: 'participant', operation: 'DisconnectParticipant' },
};

/** The operation at a method and path (a trailing slash allowed), or an UnknownOperationException. */
export function findRoute(method: string, path: string): Route {
  const route = routes[`${method} ${path.length > 1 ? path.replace(/\/$/, '') : path}`];
  if (!route) {
    throw new WireError(404, 'UnknownOperationException', `the emulator answers ${Object.keys(routes).join(', ')}; not ${method} ${path}`);
  }
  return route;
}

/** The Connect API's errors for these operations, with their HTTP status. */
const connectErrors = {
  InvalidParameterException: 400,
  InvalidRequestException: 400,
  ResourceNotFoundException: 404,
  ContactNotFoundException: 410,
  LimitExceededException: 429,
  ThrottlingException: 429,
  InternalServiceException: 500,
} as const;

/** The participant service's errors, with their HTTP status. */
const participantErrors = {
  ValidationException: 400,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  ConflictException: 409,
  ThrottlingException: 429,
  InternalServerException: 500,
} as const;

export type ConnectErrorName = keyof typeof connectErrors;
export type ParticipantErrorName = keyof typeof participantErrors;

export const connectError = (name: ConnectErrorName, message: string) => new WireError(connectErrors[name], name, message);
export const participantError = (name: ParticipantErrorName, message: string) => new WireError(participantErrors[name], name, message);

/** What an operation answers: a status and a JSON body. */
export interface WireAnswer {
  status: number;
  body?: unknown;
}

export function sendError(response: ServerResponse, error: WireError): void {
  sendAnswer(response, { status: error.status, body: { Message: error.message } }, { 'x-amzn-errortype': error.errorType });
}

/** The participant service's token: the ParticipantToken for CreateParticipantConnection, else the ConnectionToken. */
export function readBearer(request: IncomingMessage): string | undefined {
  const bearer = request.headers['x-amz-bearer'];
  return typeof bearer === 'string' && bearer !== '' ? bearer : undefined;
}

/** UTF-8 bytes: the services count message and attribute sizes in bytes, not characters. */
export const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');
