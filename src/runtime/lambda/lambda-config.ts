/**
 * What the runtime needs on AWS Lambda that a single server does not: every instance serves every
 * conversation, so they share the store and the key that signs web chat tokens.
 */
import { ConfigurationError } from '../../core/errors.js';
import type { RuntimeConfig } from '../config.js';

/**
 * Throws a ConfigurationError saying what to set when the settings cannot work on Lambda: a file
 * store (each instance has its own `/tmp`, gone when it is) or no web token secret (each instance
 * would sign tokens with a key of its own, which the next instance refuses). A memory store is let
 * be, since only someone who chose it gets it: a demo, forgetting conversations between instances.
 *
 * @example
 * checkLambdaConfig(loadRuntimeConfig()); // PARLEY_STORE=dynamodb, PARLEY_DYNAMODB_TABLE, PARLEY_WEB_TOKEN_SECRET set
 */
export function checkLambdaConfig(config: RuntimeConfig): void {
  checkLambdaStore(config);
  checkWebTokenSecret(config);
}

/**
 * Throws when the store cannot serve on Lambda: a file store (each instance has its own `/tmp`).
 *
 * @example
 * checkLambdaStore(loadRuntimeConfig()); // PARLEY_STORE=dynamodb
 */
export function checkLambdaStore(config: RuntimeConfig): void {
  if (config.store.kind === 'file') {
    throw new ConfigurationError(
      'store.kind',
      'a file store cannot serve on AWS Lambda: each instance has its own /tmp, and loses it. Set PARLEY_STORE=dynamodb and PARLEY_DYNAMODB_TABLE=<table> (made by `parley store create-table`), or PARLEY_STORE=memory for a demo that forgets conversations',
    );
  }
}

/** Throws when web chat tokens would not verify on every instance: no one key for all. */
export function checkWebTokenSecret(config: RuntimeConfig): void {
  if (!config.webChat.tokenSecret) {
    throw new ConfigurationError(
      'webChat.tokenSecret',
      'is required on AWS Lambda: every instance must sign web chat tokens with the same key. Set PARLEY_WEB_TOKEN_SECRET to at least 32 characters (`openssl rand -base64 32`), kept in the function\'s environment or a secret',
    );
  }
}
