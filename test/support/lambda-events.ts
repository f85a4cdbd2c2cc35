// HTTP events as AWS Lambda receives them, in the shapes AWS documents: a function URL's (payload
// 2.0), an API Gateway HTTP API's (payload 2.0) and a REST API's (payload 1.0, proxy integration).

export interface HttpRequest {
  method: string;
  /** With the query string, if any: `/api/conversations/x/events?after=0`. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Send the body base64-encoded, as API Gateway does for binary media types. */
  base64?: boolean;
  /** The address that connected (default 203.0.113.7). */
  sourceIp?: string;
}

const accountId = '123456789012';
const time = '07/Dec/2026:16:00:00 +0000';
const timeEpoch = 1796659200000;
let requests = 0;

function parts(request: HttpRequest) {
  const [rawPath, rawQueryString = ''] = request.path.split('?', 2) as [string, string?];
  const body = request.body === undefined ? undefined : request.base64 ? Buffer.from(request.body, 'utf8').toString('base64') : request.body;
  const query = rawQueryString === '' ? undefined : Object.fromEntries(new URLSearchParams(rawQueryString));
  return { rawPath, rawQueryString, body, query, requestId: `request-${++requests}`, sourceIp: request.sourceIp ?? '203.0.113.7' };
}

function version2(request: HttpRequest, domainName: string, routeKey: string, stage: string) {
  const { rawPath, rawQueryString, body, query, requestId, sourceIp } = parts(request);
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    headers: {
      accept: '*/*',
      'content-length': String(body?.length ?? 0),
      host: domainName,
      'user-agent': 'Mozilla/5.0',
      'x-amzn-trace-id': `Root=1-6754f000-${requestId}`,
      'x-forwarded-for': sourceIp,
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...request.headers,
    },
    ...(query ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId,
      apiId: domainName.split('.')[0],
      domainName,
      domainPrefix: domainName.split('.')[0],
      http: { method: request.method, path: rawPath, protocol: 'HTTP/1.1', sourceIp, userAgent: 'Mozilla/5.0' },
      requestId,
      routeKey,
      stage,
      time,
      timeEpoch,
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: request.base64 === true,
  };
}

/** A function URL's event: payload 2.0, with `$default` for the route and stage it does not have. */
export function functionUrlEvent(request: HttpRequest) {
  return version2(request, 'a1b2c3d4e5f6g7h8i9j0klmnop.lambda-url.us-east-1.on.aws', '$default', '$default');
}

/** An API Gateway HTTP API's event, routed by `ANY /{proxy+}`. */
export function httpApiEvent(request: HttpRequest) {
  const event = version2(request, 'r3pmxmplak.execute-api.us-east-1.amazonaws.com', 'ANY /{proxy+}', '$default');
  return { ...event, pathParameters: { proxy: event.rawPath.slice(1) } };
}

/** An API Gateway REST API's event (proxy integration on `/{proxy+}`, stage `prod`). */
export function restApiEvent(request: HttpRequest) {
  const { rawPath, body, query, requestId, sourceIp } = parts(request);
  const domainName = '1234567890.execute-api.us-east-1.amazonaws.com';
  const headers: Record<string, string> = {
    Accept: '*/*',
    Host: domainName,
    'User-Agent': 'Mozilla/5.0',
    'X-Amzn-Trace-Id': `Root=1-6754f000-${requestId}`,
    'X-Forwarded-For': sourceIp,
    'X-Forwarded-Port': '443',
    'X-Forwarded-Proto': 'https',
    ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    ...request.headers,
  };
  return {
    resource: '/{proxy+}',
    path: rawPath,
    httpMethod: request.method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    queryStringParameters: query ?? null,
    multiValueQueryStringParameters: query ? Object.fromEntries(Object.entries(query).map(([name, value]) => [name, [value]])) : null,
    pathParameters: { proxy: rawPath.slice(1) },
    stageVariables: null,
    requestContext: {
      accountId,
      apiId: '1234567890',
      domainName,
      domainPrefix: '1234567890',
      extendedRequestId: requestId,
      httpMethod: request.method,
      identity: { sourceIp, userAgent: 'Mozilla/5.0', accessKey: null, accountId: null, caller: null, user: null, userArn: null },
      path: `/prod${rawPath}`,
      protocol: 'HTTP/1.1',
      requestId,
      requestTime: time,
      requestTimeEpoch: timeEpoch,
      resourceId: 'abc123',
      resourcePath: '/{proxy+}',
      stage: 'prod',
    },
    body: body ?? null,
    isBase64Encoded: request.base64 === true,
  };
}
