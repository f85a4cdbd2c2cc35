import { generateKeyPair, randomUUID, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { BotFrameworkEndpoints } from '../../../../channels/bot-framework/bot-framework-endpoints.js';
import { createFaultPlan, type EmulatorFaults } from '../faults.js';
import { signJwt } from './sign-jwt.js';
import { listenLocally } from '../listen-locally.js';

export interface BotFrameworkTokenEmulatorOptions {
  port?: number;
  host?: string;
  /** Answers to the metadata and key requests: error → 500, throttle → 429, malformed → a broken 200, hang → no answer. */
  faults?: EmulatorFaults;
  /** Channels the signing key is endorsed for (botbuilder then refuses tokens for other channels). Default: none, so any. */
  endorsements?: string[];
}

export interface MintChannelTokenOptions {
  /** The bot's app id: the token's audience. */
  appId: string;
  /** The `serviceurl` claim; botbuilder requires it to equal the activity's serviceUrl. */
  serviceUrl: string;
  /** From now; negative for a token that has expired. Default 3600. */
  expiresInSeconds?: number;
  /** Added to the claims, or replacing them (`{ iss: 'https://attacker.example' }`). */
  claims?: Record<string, unknown>;
  /** Sign with another key, as a forger would. Default: the emulator's own. */
  signingKey?: KeyObject;
  /** The `kid` header. Default: the emulator's key id. */
  keyId?: string;
}

/** One request the emulator received. */
export interface BotFrameworkTokenEmulatorCall {
  method: string;
  path: string;
  /** The HTTP status answered, or `hang` for a call never answered. */
  status: number | 'hang';
}

export interface BotFrameworkTokenEmulator {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** For `BotFrameworkAuth.endpoints`: channel and Emulator tokens are both checked against this emulator. */
  readonly endpoints: BotFrameworkEndpoints;
  /** `https://api.botframework.com`, the issuer of channel tokens. */
  readonly issuer: string;
  /** The `kid` of the signing key its JWKS publishes. */
  readonly keyId: string;
  /** A channel token as Azure Bot Service sends it: RS256, signed with the published key. */
  mintChannelToken(options: MintChannelTokenOptions): string;
  readonly calls: readonly BotFrameworkTokenEmulatorCall[];
  setFaults(faults: EmulatorFaults): void;
  close(): Promise<void>;
}

const issuer = 'https://api.botframework.com';
const channelMetadataPath = '/v1/.well-known/openidconfiguration';
const emulatorMetadataPath = '/common/v2.0/.well-known/openid-configuration';
const keysPath = '/v1/.well-known/keys';

/**
 * A wire-compatible stand-in for the Bot Framework's token services, on node:http: the OpenID
 * metadata documents botbuilder reads (channel and Emulator) and a JWKS with an RSA key generated at
 * start, plus `mintChannelToken` to sign channel tokens with it. Point a bot at it with
 * `auth.endpoints`; botbuilder caches metadata per URL for the process, and every emulator has a
 * fresh port, so start one per test file.
 *
 * @example
 * const tokens = await startBotFrameworkTokenEmulator();
 * const app = createBotFrameworkApp({ bot, auth: { appId, appPassword, endpoints: tokens.endpoints } });
 * const authorization = `Bearer ${tokens.mintChannelToken({ appId, serviceUrl: activity.serviceUrl })}`;
 * await tokens.close();
 */
export async function startBotFrameworkTokenEmulator(options: BotFrameworkTokenEmulatorOptions = {}): Promise<BotFrameworkTokenEmulator> {
  const { privateKey, publicKey } = await new Promise<{ privateKey: KeyObject; publicKey: KeyObject }>((resolve, reject) =>
    generateKeyPair('rsa', { modulusLength: 2048 }, (error, publicKey, privateKey) => (error ? reject(error) : resolve({ publicKey, privateKey }))),
  );
  const keyId = randomUUID();
  const jwk = publicKey.export({ format: 'jwk' });
  const plan = createFaultPlan(options.faults);
  const calls: BotFrameworkTokenEmulatorCall[] = [];
  let origin = '';

  const documents: Record<string, () => unknown> = {
    [channelMetadataPath]: () => metadata(origin, issuer),
    [emulatorMetadataPath]: () => metadata(origin, `${origin}/common/v2.0`),
    [keysPath]: () => ({ keys: [{ kty: 'RSA', use: 'sig', kid: keyId, n: jwk.n, e: jwk.e, ...(options.endorsements ? { endorsements: options.endorsements } : {}) }] }),
  };

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const call: BotFrameworkTokenEmulatorCall = { method: request.method ?? 'GET', path, status: 'hang' };
    calls.push(call);
    const send = (status: number, body: string) => {
      call.status = status;
      response.writeHead(status, { 'Content-Type': 'application/json' }).end(body);
    };
    const document = request.method === 'GET' ? documents[path] : undefined;
    if (!document) return send(404, JSON.stringify({ error: 'not_found' }));
    const decision = plan.next();
    if (decision.kind === 'hang') return;
    const answer = () => {
      if (decision.kind === 'error') return send(500, JSON.stringify({ error: 'server_error' }));
      if (decision.kind === 'throttle') return send(429, JSON.stringify({ error: 'throttled' }));
      if (decision.kind === 'malformed') return send(200, '{"keys": [');
      send(200, JSON.stringify(document()));
    };
    if (decision.delayMs > 0) setTimeout(answer, decision.delayMs).unref();
    else answer();
  });
  origin = await listenLocally(server, options);

  return {
    url: origin,
    endpoints: {
      channelOpenIdMetadataUrl: `${origin}${channelMetadataPath}`,
      emulatorOpenIdMetadataUrl: `${origin}${emulatorMetadataPath}`,
      channelTokenIssuer: issuer,
    },
    issuer,
    keyId,
    calls,
    mintChannelToken(mint) {
      const now = Math.floor(Date.now() / 1000);
      const claims = { serviceurl: mint.serviceUrl, nbf: now - 300, exp: now + (mint.expiresInSeconds ?? 3600), iss: issuer, aud: mint.appId, ...mint.claims };
      return signJwt({ kid: mint.keyId ?? keyId }, claims, { alg: 'RS256', key: mint.signingKey ?? privateKey });
    },
    setFaults: (faults) => plan.set(faults),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function metadata(origin: string, tokenIssuer: string) {
  return {
    issuer: tokenIssuer,
    authorization_endpoint: `${origin}/v1/.well-known/authorize`,
    jwks_uri: `${origin}${keysPath}`,
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
  };
}
