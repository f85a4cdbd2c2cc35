/**
 * parley-sdk/lambda: the HTTP runtime as an AWS Lambda handler, behind API Gateway or a function URL.
 * `parley lambda build` bundles a bot with it; a separate subpath, so a server never loads it.
 */
export { createLambdaHttpHandler, type LambdaHttpHandler, type LambdaHttpHandlerOptions } from './http-handler.js';
export type { LambdaHttpResult } from './http-event.js';
