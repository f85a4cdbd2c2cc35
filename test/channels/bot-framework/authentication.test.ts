/**
 * Bot Framework authentication fails closed, checked with botbuilder's real token validation against
 * the token emulator (OpenID metadata and JWKS on 127.0.0.1): a valid channel token runs the turn;
 * every forged one gets 401 and never reaches the bot; signing keys out of reach give 503, not 500.
 * botbuilder caches metadata per URL for the whole process, so each emulator here is a fresh URL.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signJwt, startBotFrameworkTokenEmulator, type BotFrameworkTokenEmulator } from 'parley-sdk/testing';
import type { BotFrameworkAuth } from '../../../channels/bot-framework/index.js';
import { captureLogs, createTestBot, messageActivity, mount, postActivity } from './helpers.js';

const appId = '00000000-0000-0000-0000-0000000000a1';
const appPassword = 'app-password-only-the-bot-knows';
const serviceUrl = 'http://127.0.0.1:9';
type Replies = { activities: Array<Record<string, unknown>> };

let tokens: BotFrameworkTokenEmulator;
beforeAll(async () => {
  tokens = await startBotFrameworkTokenEmulator();
  // botbuilder prints failed validations (the expired token, the keys it tried) with console.error.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterAll(async () => {
  vi.restoreAllMocks();
  await tokens.close();
});

async function authenticatedApp(endpoints: BotFrameworkAuth['endpoints'] = tokens.endpoints) {
  const { bot, inputs } = await createTestBot();
  const { lines, logger } = captureLogs();
  const app = mount({ bot, logger, auth: { appId, appPassword, endpoints } });
  const send = (authorization: string | undefined, overrides: Record<string, unknown> = {}) =>
    postActivity(app, messageActivity('hi', { deliveryMode: 'expectReplies', serviceUrl, ...overrides }), authorization === undefined ? {} : { Authorization: authorization });
  return { send, inputs, lines };
}

describe('a valid channel token', () => {
  it('runs the turn and answers 200, the keys fetched from the emulator', async () => {
    const { send, inputs } = await authenticatedApp();
    const response = await send(`Bearer ${tokens.mintChannelToken({ appId, serviceUrl })}`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as Replies).activities[0]).toMatchObject({ type: 'message', text: expect.stringMatching(/^Hi!/) });
    expect(inputs).toHaveLength(1);
    expect(tokens.calls.map((call) => [call.path, call.status])).toEqual([
      ['/v1/.well-known/openidconfiguration', 200],
      ['/v1/.well-known/keys', 200],
    ]);
  });
});

describe('forged and broken tokens', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const claims = () => ({ iss: tokens.issuer, aud: appId, serviceurl: serviceUrl, nbf: now() - 60, exp: now() + 3600 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const forgeries: Array<[string, () => string | undefined]> = [
    ['no Authorization header', () => undefined],
    ['an empty bearer', () => 'Bearer'],
    ['garbage', () => 'Bearer garbage'],
    ['three dots of base64 nonsense', () => 'Bearer eyJhbGciOi.eyJpc3Mi.c2ln'],
    ['Basic credentials', () => `Basic ${Buffer.from(`${appId}:${appPassword}`).toString('base64')}`],
    ['alg: none, naming the real key', () => `Bearer ${signJwt({ kid: tokens.keyId }, claims(), { alg: 'none' })}`],
    ['alg: none, naming no key', () => `Bearer ${signJwt({}, claims(), { alg: 'none' })}`],
    ['HS256 signed with the app password', () => `Bearer ${signJwt({ kid: tokens.keyId }, claims(), { alg: 'HS256', secret: appPassword })}`],
    ['RS256 by a key the JWKS does not hold', () => `Bearer ${tokens.mintChannelToken({ appId, serviceUrl, signingKey: stranger, keyId: 'not-in-the-jwks' })}`],
    ['RS256 by another key under the real key id', () => `Bearer ${tokens.mintChannelToken({ appId, serviceUrl, signingKey: stranger })}`],
    ['expired an hour ago', () => `Bearer ${tokens.mintChannelToken({ appId, serviceUrl, expiresInSeconds: -3600 })}`],
    ['not valid for another hour', () => `Bearer ${tokens.mintChannelToken({ appId, serviceUrl, claims: { nbf: now() + 3600 } })}`],
    ['for another bot (audience)', () => `Bearer ${tokens.mintChannelToken({ appId: '00000000-0000-0000-0000-0000000000b2', serviceUrl })}`],
    ['from another issuer', () => `Bearer ${tokens.mintChannelToken({ appId, serviceUrl, claims: { iss: 'https://attacker.example' } })}`],
    ['vouching for another serviceUrl', () => `Bearer ${tokens.mintChannelToken({ appId, serviceUrl: 'http://127.0.0.1:10' })}`],
    ['claiming the Emulator issuer, signed by a stranger', () => `Bearer ${signJwt({ kid: 'stranger' }, { ...claims(), iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/', ver: '1.0', appid: appId }, { alg: 'RS256', key: stranger })}`],
    ['a valid token under the wrong scheme', () => `bearer ${tokens.mintChannelToken({ appId, serviceUrl })}`],
  ];

  it.each(forgeries)('%s: 401 with WWW-Authenticate, and the bot never runs', async (_name, authorization) => {
    const { send, inputs, lines } = await authenticatedApp();
    const response = await send(authorization());
    expect(response.status).toBe(401);
    expect(response.headers.get('WWW-Authenticate')).toBe('Bearer');
    expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: 'The request has no valid Bot Framework token.' } });
    expect(inputs).toEqual([]);
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.outcome === 'unauthorized')).toMatchObject({ status: 401, reason: { name: expect.any(String) } });
  });
});

describe('signing keys out of reach', () => {
  it('answers 503 with Retry-After while the metadata server is down, and the bot never runs', async () => {
    const gone = await startBotFrameworkTokenEmulator();
    await gone.close();
    const { send, inputs, lines } = await authenticatedApp(gone.endpoints);
    const response = await send(`Bearer ${tokens.mintChannelToken({ appId, serviceUrl })}`);
    expect(response.status).toBe(503);
    expect(response.headers.get('Retry-After')).toBe('30');
    expect(await response.json()).toEqual({ error: { code: 'authentication-unavailable', message: expect.stringMatching(/signing keys/) } });
    expect(inputs).toEqual([]);
    expect(lines.join('\n')).toMatch(/"outcome":"unavailable"/);
  });

  it('answers 503 while the metadata server fails or answers nonsense, and recovers when it is back', async () => {
    const flaky = await startBotFrameworkTokenEmulator({ faults: { errorRate: 1 } });
    try {
      const { send, inputs } = await authenticatedApp(flaky.endpoints);
      const authorization = `Bearer ${flaky.mintChannelToken({ appId, serviceUrl })}`;
      expect((await send(authorization)).status).toBe(503);
      flaky.setFaults({ malformedRate: 1 });
      expect((await send(authorization)).status).toBe(503);
      flaky.setFaults({});
      // A forged token is still a 401 once the keys are in.
      expect((await send(`Bearer ${signJwt({ kid: flaky.keyId }, { iss: flaky.issuer, aud: appId, serviceurl: serviceUrl }, { alg: 'none' })}`)).status).toBe(401);
      expect((await send(authorization)).status).toBe(200);
      expect(inputs).toHaveLength(1);
      expect(flaky.calls.map((call) => call.status)).toEqual([500, 200, 200, 200]);
    } finally {
      await flaky.close();
    }
  });
});

describe('a key server that never answers', () => {
  it('holds no request longer than the check\'s time limit: 503, and the bot never runs', async () => {
    const silent = await startBotFrameworkTokenEmulator({ faults: { hangRate: 1 } });
    try {
      const { bot, inputs } = await createTestBot();
      const app = mount({ bot, logger: captureLogs().logger, auth: { appId, appPassword, endpoints: silent.endpoints, timeoutMs: 200 } });
      const token = `Bearer ${silent.mintChannelToken({ appId, serviceUrl })}`;
      const response = await postActivity(app, messageActivity('hi', { deliveryMode: 'expectReplies', serviceUrl }), { Authorization: token });
      expect(response.status).toBe(503);
      expect(response.headers.get('Retry-After')).toBe('30');
      expect(await response.json()).toMatchObject({ error: { code: 'authentication-unavailable' } });
      expect(inputs).toEqual([]);
      expect(silent.calls.map((call) => call.status)).toEqual(['hang']);
    } finally {
      await silent.close();
    }
  });
});

describe('tokens naming made-up tenants', () => {
  it('are refused before botbuilder reads them, so its process-wide list of issuers stays bounded', async () => {
    const { ToBotFromBotOrEmulatorTokenValidationParameters: emulatorValidation } = await import('botframework-connector/lib/auth/tokenValidationParameters.js');
    const issuers = emulatorValidation.issuer as string[];
    const before = issuers.length;
    const { send, inputs } = await authenticatedApp();
    const statuses = new Set<number>();
    // Unsigned tokens of the Emulator's shape, each naming a new tenant.
    for (let index = 0; index < 300; index++) {
      const tid = index % 3 === 0 ? `not-a-tenant-${index}` : `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
      const forged = signJwt({}, { iss: `https://sts.windows.net/${tid}/`, aud: appId, tid, ver: '1.0' }, { alg: 'none' });
      statuses.add((await send(`Bearer ${forged}`)).status);
    }
    expect([...statuses]).toEqual([401]);
    expect(inputs).toHaveLength(0);
    // At most 32 tenants (four issuers each) got as far as botbuilder; the rest were turned away.
    expect(issuers.length - before).toBeLessThanOrEqual(32 * 4);
  });
});
