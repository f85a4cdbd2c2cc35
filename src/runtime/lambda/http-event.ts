/**
 * Which Lambda events are HTTP requests: API Gateway's REST API (payload 1.0), its HTTP API and
 * function URLs (payload 2.0), and load balancers. Anything else (a test event from the console, an
 * S3 notification, a direct invoke with a made-up body) is answered with a 400 that says so, instead
 * of being read as a request for `/`.
 */

/** The JSON a Lambda returns to API Gateway, a function URL or a load balancer. */
export interface LambdaHttpResult {
  statusCode: number;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  cookies?: string[];
  body: string;
  isBase64Encoded: boolean;
}

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Why an event cannot be served as an HTTP request, as the answer to give; undefined when it can.
 *
 * @example
 * refuseEvent({ version: '2.0', rawPath: '/readyz', requestContext: { http: { method: 'GET' } } }) // undefined
 * refuseEvent({ Records: [] })?.statusCode // 400
 */
export function refuseEvent(event: unknown): LambdaHttpResult | undefined {
  if (!isHttpEvent(event)) {
    return refusal('not-an-http-event', 'This function answers HTTP requests from API Gateway (REST or HTTP API), a function URL or a load balancer; the event has no HTTP method and path.');
  }
  const { body, isBase64Encoded } = event as Fields;
  if (body !== undefined && body !== null && typeof body !== 'string') return refusal('invalid-body', 'The event\'s body must be a string (JSON as text).');
  if (isBase64Encoded === true && typeof body === 'string' && !base64.test(body)) return refusal('invalid-body', 'The event says its body is base64, and it is not.');
  return undefined;
}

function isHttpEvent(event: unknown): event is Fields {
  if (!isObject(event)) return false;
  const http = isObject(event.requestContext) && isObject(event.requestContext.http) ? event.requestContext.http : undefined;
  // Payload 2.0: API Gateway HTTP APIs and function URLs.
  if (typeof event.rawPath === 'string' && typeof http?.method === 'string') return event.rawPath.startsWith('/');
  // Payload 1.0: REST APIs, HTTP APIs set to 1.0, and load balancers.
  return typeof event.httpMethod === 'string' && typeof event.path === 'string' && event.path.startsWith('/');
}

/** An answer in the web API's error shape. */
export function errorResult(statusCode: number, code: string, message: string, headers: Record<string, string> = {}): LambdaHttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify({ error: { code, message } }),
    isBase64Encoded: false,
  };
}

const refusal = (code: string, message: string) => errorResult(400, code, message);
