/**
 * The Lex V2 code hook as an AWS Lambda function: the bot made once per instance from the settings in
 * the environment (a DynamoDB store in production), every event logged without what was said, and a
 * handler that answers Lex — or, for an event it cannot read, fails with why.
 */
import type { BotDefinition } from '../../src/runtime/define-bot.js';
import { createLambdaRuntime, type LambdaRuntimeOptions, type ReadyHandler } from '../../src/runtime/lambda/lambda-runtime.js';
import { createLexCodeHook, type LexCodeHookOptions } from './lex-code-hook.js';
import type { LexCodeHookResponse } from './lex-code-hook-event.js';

export interface LexCodeHookHandlerOptions extends LambdaRuntimeOptions, Omit<LexCodeHookOptions, 'onProblem' | 'fallbackQueue'> {}

/** A Lambda handler for Lex V2 code-hook events, with a way to wait for the cold start. */
export type LexCodeHookHandler = ReadyHandler<LexCodeHookResponse>;

/**
 * @example
 * // index.ts, bundled by `parley lambda build --handler lex-code-hook`
 * import bot from './bot.js';
 * export const handler = createLexCodeHookHandler(bot);
 * await handler.ready();
 */
export function createLexCodeHookHandler(definition: BotDefinition, options: LexCodeHookHandlerOptions = {}): LexCodeHookHandler {
  const runtime = createLambdaRuntime(definition, options, 'serving Lex V2 code hooks on AWS Lambda');
  const { logger } = runtime;
  return runtime.handler(({ bot, metrics }) =>
    createLexCodeHook(bot, {
      ...options,
      fallbackQueue: definition.defaultQueue ?? 'General',
      onProblem({ kind, conversationId, error }) {
        metrics.countError(kind === 'refused' ? 'lex-event' : 'lex-deadline');
        const err = error && { name: error.name, message: error.message };
        if (kind === 'refused') logger.warn({ err }, 'Lex event refused');
        else logger.error({ conversationId, err }, kind === 'late' ? 'the turn ran past the code hook\'s time: the customer was handed to a person' : 'the turn failed: the customer was handed to a person');
      },
    }),
  );
}
