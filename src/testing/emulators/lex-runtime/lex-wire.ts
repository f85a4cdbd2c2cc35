/**
 * The Lex V2 runtime's HTTP surface as the emulator speaks it: routes, the restJson1 error shape the
 * SDK recognises (`x-amzn-errortype` + `{"message"}`), and request bodies.
 */
import { randomUUID } from 'node:crypto';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';

export type LexOperation = 'RecognizeText' | 'RecognizeUtterance';

export interface LexRoute {
  operation: LexOperation;
  botId: string;
  botAliasId: string;
  localeId: string;
  sessionId: string;
}

/** An error Lex answers with; the emulator throws it from anywhere and answers it once. */
export class LexWireError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
  ) {
    super(message);
    this.name = errorType;
  }
}

export const validation = (message: string) => new LexWireError(400, 'ValidationException', message);
export const notFound = (message: string) => new LexWireError(404, 'ResourceNotFoundException', message);

const routePattern = /^\/bots\/([^/]+)\/botAliases\/([^/]+)\/botLocales\/([^/]+)\/sessions\/([^/]+)\/(text|utterance)$/;
const validSessionId = /^[0-9a-zA-Z._:-]{2,100}$/;

/** Which operation a request is, with its path labels decoded; a LexWireError when none. */
export function readRoute(method: string, url: string): LexRoute {
  const path = url.split('?')[0] ?? '';
  const match = routePattern.exec(path);
  if (method !== 'POST' || !match) {
    throw new LexWireError(404, 'UnknownOperationException', `the emulator answers RecognizeText and RecognizeUtterance only, not ${method} ${path}`);
  }
  const [botId, botAliasId, localeId, sessionId] = match.slice(1, 5).map((label) => decodeURIComponent(label!)) as [string, string, string, string];
  if (!validSessionId.test(sessionId)) {
    throw validation(`1 validation error detected: Value at 'sessionId' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-zA-Z._:-]+ and have length between 2 and 100`);
  }
  return { operation: match[5] === 'text' ? 'RecognizeText' : 'RecognizeUtterance', botId, botAliasId, localeId, sessionId };
}

/**
 * The SDK signs every call with SigV4. The emulator checks a signature is there and is for the
 * service (`lex` unless named: the Connect emulator passes `connect`), but does not verify it: it
 * cannot know the secret the client was given (tests use any fake keys), and the signer is the SDK's
 * own, tested code. What it guards against is a client sending no credentials.
 */
export function checkSignature(authorization: string | undefined, service = 'lex'): void {
  if (!authorization) throw new LexWireError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  const signed = /^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/.exec(authorization);
  if (signed?.[1] !== service) {
    throw new LexWireError(403, 'IncompleteSignatureException', `Authorization header requires a SigV4 signature for the ${service} service`);
  }
}

export function readBody(request: Http2ServerRequest): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Lex's text limit: 1 to 1024 characters. */
export function checkText(text: unknown): string {
  if (typeof text !== 'string' || text.length < 1 || text.length > 1024) {
    throw validation(`1 validation error detected: Value at 'text' failed to satisfy constraint: Member must have length between 1 and 1024`);
  }
  return text;
}

/** A flat string map (session and request attributes), or a ValidationException naming the field. */
export function checkStringMap(value: unknown, field: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const valid = typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((item) => typeof item === 'string');
  if (!valid) throw validation(`Value at '${field}' must be a map of strings`);
  return { ...(value as Record<string, string>) };
}

export function sendJson(response: Http2ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  // A stream the client reset, or one already answered, takes nothing more.
  if (response.stream.destroyed || response.headersSent) return;
  response.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID(), ...headers });
  response.end(body);
}

export function sendError(response: Http2ServerResponse, error: LexWireError): void {
  sendJson(response, error.status, JSON.stringify({ message: error.message }), { 'x-amzn-errortype': error.errorType });
}
