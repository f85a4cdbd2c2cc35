// The Lambda HTTP handler in this process, from the sources: what it refuses to start with, and the
// events it answers (the built bundle is tested in lambda-bundle.test.ts).
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from 'parley-sdk';
import { createLambdaHttpHandler } from 'parley-sdk/lambda';
import { createLogger, loadRuntimeConfig } from 'parley-sdk/runtime';
import { smallBot } from '../fixtures-small-bot.js';
import { functionUrlEvent, httpApiEvent, restApiEvent } from '../support/lambda-events.js';

const bot = smallBot();
const secret = 'lambda-handler-secret-0123456789abcdef';
const logger = createLogger({ level: 'silent' });
const configOf = (env: Record<string, string>) => loadRuntimeConfig({ env, overrides: { modelCache: false } });

describe('createLambdaHttpHandler', () => {
  it('refuses a file store, the default, saying what to set', () => {
    const make = (env: Record<string, string>) => () => createLambdaHttpHandler(bot, { config: configOf(env), logger });
    expect(make({ PARLEY_WEB_TOKEN_SECRET: secret })).toThrow(ConfigurationError);
    expect(make({ PARLEY_WEB_TOKEN_SECRET: secret, PARLEY_STORE: 'file' })).toThrow(/^store\.kind: a file store cannot serve on AWS Lambda.*Set PARLEY_STORE=dynamodb and PARLEY_DYNAMODB_TABLE=<table>/);
  });

  it('refuses to start without a web token secret, saying what to set', () => {
    expect(() => createLambdaHttpHandler(bot, { config: configOf({ PARLEY_STORE: 'memory' }), logger })).toThrow(
      /^webChat\.tokenSecret: is required on AWS Lambda: every instance must sign web chat tokens with the same key\. Set PARLEY_WEB_TOKEN_SECRET/,
    );
  });

  it('answers function URL, HTTP API and REST API events, and a 400 for any other event', async () => {
    const handler = createLambdaHttpHandler(bot, { config: configOf({ PARLEY_STORE: 'memory', PARLEY_WEB_TOKEN_SECRET: secret }), logger });
    await handler.ready();
    for (const event of [functionUrlEvent({ method: 'GET', path: '/readyz' }), httpApiEvent({ method: 'GET', path: '/readyz' }), restApiEvent({ method: 'GET', path: '/readyz' })]) {
      const result = await handler(event);
      expect(result.statusCode).toBe(200);
      expect(JSON.parse(result.body)).toMatchObject({ status: 'ready', bot: bot.name });
    }
    for (const event of [undefined, null, 42, [], {}, { Records: [] }, { rawPath: '/readyz' }, { httpMethod: 'GET', path: 'readyz' }]) {
      const refused = await handler(event);
      expect(refused.statusCode).toBe(400);
      expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'not-an-http-event' } });
    }
    const objectBody = await handler({ ...functionUrlEvent({ method: 'POST', path: '/api/conversations' }), body: { locale: 'en-US' } });
    expect(JSON.parse(objectBody.body)).toMatchObject({ error: { code: 'invalid-body' } });
  });

  it('counts the rate limits per address API Gateway saw', async () => {
    const config = configOf({ PARLEY_STORE: 'memory', PARLEY_WEB_TOKEN_SECRET: secret });
    const handler = createLambdaHttpHandler(bot, { config: { ...config, limits: { ...config.limits, conversationsPerMinute: 1 } }, logger });
    const start = (sourceIp: string) => handler(functionUrlEvent({ method: 'POST', path: '/api/conversations', body: '{}', sourceIp }));
    expect((await start('198.51.100.1')).statusCode).toBe(201);
    expect((await start('198.51.100.1')).statusCode).toBe(429);
    expect((await start('198.51.100.2')).statusCode).toBe(201);
  });
});
