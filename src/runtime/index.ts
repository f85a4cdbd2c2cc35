/**
 * parley/runtime: serving a bot over HTTP (hono), with the web chat and Bot Framework channels, logs,
 * metrics and configuration. A separate subpath, so bots that only use the SDK never load them.
 */

// Commonly used
export { startRuntime, type Runtime } from './start-runtime.js';
export { loadRuntimeConfig, runtimeConfigSchema, type RuntimeConfig, type LoadConfigOptions } from './config.js';

// Advanced: assembling a server yourself
export { startServer, createServerApp, type ParleyServer, type ServerOptions } from './server.js';
export { createLogger, type Logger, type LoggerOptions } from './logger.js';
export { createRuntimeMetrics, type RuntimeMetrics } from './metrics.js';
export { createRateLimiter, type RateLimiter, type RateDecision, type RateLimiterOptions } from './rate-limiter.js';
export type { BotObserver, TurnEvent, FailureStage, HandleOptions } from './create-bot.js';
