/**
 * A code hook that is a Lambda function behind an invoke endpoint (`sam local start-lambda`, or any
 * server speaking Lambda's Invoke API): the event is POSTed as JSON, the response read as JSON. A
 * function error (`X-Amz-Function-Error`) is what Lex reports: "Received error response from Lambda:
 * Unhandled".
 */
import type { LexCodeHookResponse } from '../../../../channels/connect/lex-code-hook-event.js';
import { LexCodeHookInvocationError, type LexCodeHook } from './lex-code-hook.js';

/**
 * @example
 * const codeHook = createLambdaEndpointCodeHook('http://127.0.0.1:3001/2015-03-31/functions/ParleyBot/invocations');
 * await startLexRuntimeEmulator({ model, bots: [{ botId: 'PARLEYBOT1', codeHook }] });
 */
export function createLambdaEndpointCodeHook(url: string | URL): LexCodeHook {
  const endpoint = new URL(url);
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') {
    throw new TypeError(`createLambdaEndpointCodeHook: ${endpoint.href} is not an http(s) URL; give the function's invoke URL, like http://127.0.0.1:3001/2015-03-31/functions/NAME/invocations`);
  }
  return async (event, context) => {
    let answer: Response;
    try {
      answer = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-amz-invocation-type': 'RequestResponse' },
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(Math.max(1, context.getRemainingTimeInMillis())),
      });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
      throw new LexCodeHookInvocationError(`could not reach the Lambda endpoint ${endpoint.href}: ${cause}`, { cause: error });
    }
    const body = await answer.text();
    const functionError = answer.headers.get('x-amz-function-error');
    if (functionError) throw new LexCodeHookInvocationError(`Received error response from Lambda: ${functionError}`, { cause: body });
    if (!answer.ok) throw new LexCodeHookInvocationError(`the Lambda endpoint ${endpoint.href} answered HTTP ${answer.status}: ${excerpt(body)}`);
    try {
      return JSON.parse(body) as LexCodeHookResponse;
    } catch {
      throw new LexCodeHookInvocationError(`Received invalid response from Lambda: the response is not JSON: ${excerpt(body)}`);
    }
  };
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line || '(empty)';
}
