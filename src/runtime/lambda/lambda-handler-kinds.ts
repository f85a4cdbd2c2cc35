/**
 * The AWS Lambda handlers Parley ships, by the names `parley lambda build --handler` and `parley lambda
 * invoke` take: what each serves, where its factory comes from, how long its caller waits, and the
 * bot module's export that holds its options (a Connect flow's `lookupCustomer` is code of the bot's).
 */
import type { BotDefinition } from '../define-bot.js';
import type { LambdaInvocationContext, LambdaRuntimeOptions } from './lambda-runtime.js';

export const lambdaHandlerKinds = ['http', 'lex-code-hook', 'connect-flow'] as const;
export type LambdaHandlerKind = (typeof lambdaHandlerKinds)[number];

export interface LambdaHandlerKindInfo {
  /** What invokes it, for help and messages. */
  caller: string;
  /** The package subpath a bundle's entry imports the factory from. */
  module: 'parley-sdk/lambda' | 'parley-sdk/connect';
  factory: 'createLambdaHttpHandler' | 'createLexCodeHookHandler' | 'createConnectFlowHandler';
  /** How long the caller waits for an answer, in seconds (the default of `parley lambda invoke --timeout`). */
  waitSeconds: number;
  /** The bot module's named export whose properties are the handler's options, when it has one. */
  optionsExport?: string;
}

export const lambdaHandlers: Record<LambdaHandlerKind, LambdaHandlerKindInfo> = {
  // API Gateway gives an integration at most 29 seconds; a function URL waits as long as the function.
  http: { caller: 'API Gateway or a function URL', module: 'parley-sdk/lambda', factory: 'createLambdaHttpHandler', waitSeconds: 30 },
  'lex-code-hook': { caller: 'an Amazon Lex V2 bot', module: 'parley-sdk/connect', factory: 'createLexCodeHookHandler', waitSeconds: 30, optionsExport: 'lexCodeHook' },
  'connect-flow': { caller: 'an Amazon Connect flow', module: 'parley-sdk/connect', factory: 'createConnectFlowHandler', waitSeconds: 8, optionsExport: 'connectFlow' },
};

/** A Parley Lambda handler, whatever its kind. */
export interface LambdaHandler {
  (event: unknown, context?: LambdaInvocationContext): Promise<unknown>;
  ready(): Promise<void>;
}

export type LambdaHandlerFactory = (definition: BotDefinition, options: LambdaRuntimeOptions & Record<string, unknown>) => LambdaHandler;

/**
 * The factory of a kind, loaded in this process (only the modules of that kind are).
 *
 * @example
 * const create = await loadLambdaHandlerFactory('connect-flow');
 * const handler = create(bot, { config });
 */
export async function loadLambdaHandlerFactory(kind: LambdaHandlerKind): Promise<LambdaHandlerFactory> {
  switch (kind) {
    case 'http':
      return (await import('./http-handler.js')).createLambdaHttpHandler as LambdaHandlerFactory;
    case 'lex-code-hook':
      return (await import('../../../channels/connect/lex-code-hook-handler.js')).createLexCodeHookHandler as LambdaHandlerFactory;
    case 'connect-flow':
      return (await import('../../../channels/connect/connect-flow-handler.js')).createConnectFlowHandler as LambdaHandlerFactory;
  }
}

/** Whether `text` names a handler kind. */
export function isLambdaHandlerKind(text: string): text is LambdaHandlerKind {
  return (lambdaHandlerKinds as readonly string[]).includes(text);
}
