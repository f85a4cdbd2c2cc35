/**
 * Keeps a serving process alive when code it hosts fails outside any turn: a dialog that starts a
 * promise and never awaits it, or throws from a timer of its own. Node's default is to exit on
 * either, taking every conversation down with it; a server logs it, counts it, and goes on (the
 * turn that started it already answered, or got its apology).
 */
import type { Logger } from './logger.js';
import type { RuntimeMetrics } from './metrics.js';

/** Installs the handlers; returns the function that removes them (at shutdown). */
export function guardProcess(logger: Logger, metrics: RuntimeMetrics): () => void {
  const describe = (thrown: unknown) =>
    thrown instanceof Error ? { name: thrown.name, message: thrown.message.slice(0, 200), stack: thrown.stack } : { name: typeof thrown };
  const onRejection = (reason: unknown) => {
    metrics.countError('unhandled');
    logger.error({ stage: 'unhandled', err: describe(reason) }, 'a promise was rejected and nothing handled it (a dialog that does not await its work?); the server goes on');
  };
  const onException = (error: unknown) => {
    metrics.countError('unhandled');
    logger.error({ stage: 'unhandled', err: describe(error) }, 'an exception escaped every handler (a dialog timer or callback?); the server goes on');
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
