/**
 * The Lex V2 model-building API's HTTP surface as the emulator speaks it (rest-json over HTTP/1.1):
 * the errors the SDK recognises (`x-amzn-errortype` + `{"message"}`), JSON answers, timestamps as
 * epoch seconds, and the route table every resource file adds to.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LexWireError } from '../lex-runtime/lex-wire.js';
import type { LexModelsStore } from './models-store.js';

export { LexWireError };

/** The service's modelled errors, with the HTTP status each is sent with. */
export const errorStatus = {
  ValidationException: 400,
  ServiceQuotaExceededException: 402,
  ResourceNotFoundException: 404,
  ConflictException: 409,
  PreconditionFailedException: 412,
  ThrottlingException: 429,
  InternalServerException: 500,
} as const;

export type LexModelsErrorName = keyof typeof errorStatus;

export function modelsError(name: LexModelsErrorName, message: string): LexWireError {
  return new LexWireError(errorStatus[name], name, message);
}

export const notFound = (message: string) => modelsError('ResourceNotFoundException', message);
export const conflict = (message: string) => modelsError('ConflictException', message);
export const preconditionFailed = (message: string) => modelsError('PreconditionFailedException', message);
export const validationFailed = (message: string) => modelsError('ValidationException', message);

/** What the real service answers a Delete of something that is not there (a 412, not a 404). */
export const deleteOfMissing = () => preconditionFailed('Failed to retrieve resource since it does not exist');

/** A response shape as it travels: the SDK's `Date` members are epoch-second numbers on the wire. */
export type Wire<T> = T extends Date
  ? number
  : T extends readonly (infer Item)[]
    ? Wire<Item>[]
    : T extends object
      ? { [Key in keyof T]: Wire<T[Key]> }
      : T;

/** Epoch milliseconds (how the store keeps time) to the epoch seconds rest-json carries. */
export const seconds = (milliseconds: number): number => milliseconds / 1000;

export interface ModelsRequest {
  /** Path labels, decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body, `{}` when there is none. */
  body: Record<string, unknown>;
}

export interface ModelsAnswer {
  status: number;
  body?: unknown;
}

export type ModelsHandler = (request: ModelsRequest, store: LexModelsStore) => ModelsAnswer;

export interface ModelsRoute {
  operation: string;
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** The model's URI, e.g. `/bots/{botId}/botaliases`; matched with or without a trailing slash. */
  path: string;
  handler: ModelsHandler;
}

export interface CompiledRoute extends ModelsRoute {
  pattern: RegExp;
  labels: string[];
}

export function compileRoutes(routes: readonly ModelsRoute[]): CompiledRoute[] {
  return routes.map((route) => {
    const labels: string[] = [];
    const source = route.path.replace(/\{(\w+)\}/g, (_, label: string) => {
      labels.push(label);
      return '([^/]+)';
    });
    return { ...route, labels, pattern: new RegExp(`^${source}/?$`) };
  });
}

export function findRoute(routes: readonly CompiledRoute[], method: string, path: string): { route: CompiledRoute; params: Record<string, string> } | undefined {
  for (const route of routes) {
    const match = route.method === method ? route.pattern.exec(path) : null;
    if (!match) continue;
    const params = Object.fromEntries(route.labels.map((label, index) => [label, safeDecode(match[index + 1] ?? '')]));
    return { route, params };
  }
  return undefined;
}

/** A label with a broken `%` escape is kept as sent: it then fails validation, as an invalid id. */
function safeDecode(label: string): string {
  try {
    return decodeURIComponent(label);
  } catch {
    return label;
  }
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** The body as a JSON object, `{}` when empty; a ValidationException when it is not JSON. */
export function parseBody(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw modelsError('ValidationException', 'The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw modelsError('ValidationException', 'The request body must be a JSON object.');
  return value as Record<string, unknown>;
}

export function sendAnswer(response: ServerResponse, answer: ModelsAnswer, headers: Record<string, string> = {}): void {
  if (response.headersSent || response.destroyed) return;
  const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
  const all = {
    'x-amzn-requestid': randomUUID(),
    ...(text ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) } : { 'content-length': '0' }),
    ...headers,
  };
  // Set one by one (not through writeHead) so the call log can read them back.
  for (const [name, value] of Object.entries(all)) response.setHeader(name, value);
  response.writeHead(answer.status);
  response.end(text);
}

export function sendError(response: ServerResponse, error: LexWireError): void {
  sendAnswer(response, { status: error.status, body: { message: error.message } }, { 'x-amzn-errortype': `${error.errorType}:http://internal.amazon.com/coral/com.amazonaws.lexmodels.v2/` });
}

/** A 200 whose JSON stops half-way, as a cut connection would leave it. */
export function sendMalformed(response: ServerResponse): void {
  const text = '{"botId":"PARLEY';
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  response.end(text);
}
