/**
 * Where replies may go. The activity names its serviceUrl; without authentication nothing vouches
 * for it, so only loopback and allowed prefixes are accepted, before the bot runs.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigurationError } from 'parley-sdk';
import { startBotFrameworkTokenEmulator, type BotFrameworkTokenEmulator } from 'parley-sdk/testing';
import { createServiceUrlPolicy } from '../../../channels/bot-framework/service-url-policy.js';
import { captureLogs, createTestBot, messageActivity, mount, postActivity, startConnector } from './helpers.js';

describe('createServiceUrlPolicy', () => {
  it('without authentication: loopback only, however it is written', () => {
    const allowed = createServiceUrlPolicy({ authenticated: false });
    for (const url of ['http://127.0.0.1:9', 'http://127.1:9/', 'http://127.255.0.3/x', 'http://0x7f000001/', 'http://localhost:3978/', 'http://LOCALHOST./', 'http://[::1]:5000/']) {
      expect(allowed(url), url).toBe(true);
    }
    for (const url of ['https://attacker.example/', 'http://localhost.attacker.example/', 'http://128.0.0.1/', 'http://169.254.169.254/latest/meta-data/', 'http://[::2]/', 'http://10.0.0.1/', 'file:///etc/passwd', 'not a url']) {
      expect(allowed(url), url).toBe(false);
    }
  });

  it('allowed prefixes: same scheme, host (or subdomain for *.), port, and path prefix', () => {
    const allowed = createServiceUrlPolicy({ authenticated: false, allowed: ['https://smba.trafficmanager.net/amer/', 'https://*.botframework.com/'] });
    for (const url of ['https://smba.trafficmanager.net/amer/', 'https://smba.trafficmanager.net/amer', 'https://SMBA.trafficmanager.net/amer/v3/x', 'https://europe.webchat.botframework.com/', 'https://a.b.botframework.com:443/']) {
      expect(allowed(url), url).toBe(true);
    }
    for (const url of [
      'http://smba.trafficmanager.net/amer/',
      'https://smba.trafficmanager.net/emea/',
      'https://smba.trafficmanager.net/amer-evil/',
      'https://smba.trafficmanager.net/amer/../emea/',
      'https://smba.trafficmanager.net:8443/amer/',
      'https://smba.trafficmanager.net.attacker.example/amer/',
      'https://botframework.com/',
      'https://evilbotframework.com/',
      'https://botframework.com.attacker.example/',
    ]) {
      expect(allowed(url), url).toBe(false);
    }
  });

  it('with authentication and no list, any serviceUrl (the token vouches for it); with a list, the list', () => {
    expect(createServiceUrlPolicy({ authenticated: true })('https://anything.example/')).toBe(true);
    const listed = createServiceUrlPolicy({ authenticated: true, allowed: ['https://smba.trafficmanager.net/'] });
    expect(listed('https://smba.trafficmanager.net/amer/')).toBe(true);
    expect(listed('https://anything.example/')).toBe(false);
  });

  it('refuses entries that are not URL prefixes, naming the entry', () => {
    expect(() => createServiceUrlPolicy({ authenticated: false, allowed: ['smba.trafficmanager.net'] })).toThrow(ConfigurationError);
    expect(() => createServiceUrlPolicy({ authenticated: false, allowed: ['https://ok.example/', 'ftp://x.example/'] })).toThrow(/^allowedServiceUrls\.1: /);
    expect(() => createServiceUrlPolicy({ authenticated: false, allowed: ['https://x.example/?a=1'] })).toThrow(/without a query/);
    expect(() => createServiceUrlPolicy({ authenticated: false, allowed: ['https://a.*.example/'] })).toThrow(/first label/);
  });
});

describe('POST /api/messages and the serviceUrl', () => {
  let tokens: BotFrameworkTokenEmulator;
  beforeAll(async () => {
    tokens = await startBotFrameworkTokenEmulator();
  });
  afterAll(() => tokens.close());

  it('without authentication, refuses a non-loopback serviceUrl with 403 before the bot runs, and says so in the log', async () => {
    const { bot, inputs } = await createTestBot();
    const { lines, logger } = captureLogs();
    const app = mount({ bot, logger });
    for (const serviceUrl of ['https://attacker.example/', 'http://169.254.169.254/']) {
      const response = await postActivity(app, messageActivity('hi', { serviceUrl }));
      expect(response.status, serviceUrl).toBe(403);
      expect(await response.json()).toEqual({ error: { code: 'service-url-not-allowed', message: expect.stringMatching(/allowedServiceUrls/) } });
    }
    expect(inputs).toEqual([]);
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.reason === 'service-url-not-allowed')).toMatchObject([
      { serviceUrlHost: 'attacker.example', outcome: 'refused' },
      { serviceUrlHost: '169.254.169.254' },
    ]);
  });

  it('without authentication, sends replies to loopback and to allowed serviceUrls', async () => {
    const connector = await startConnector();
    try {
      const { bot, inputs } = await createTestBot();
      const app = mount({ bot, logger: captureLogs().logger, allowedServiceUrls: ['https://smba.trafficmanager.net/'] });
      expect((await postActivity(app, messageActivity('hi', { serviceUrl: connector.url, conversation: { id: 'loop' } }))).status).toBe(200);
      expect(connector.requests).toHaveLength(1);
      // Allowed: answered in the response here, so nothing is sent to the real host.
      const allowed = await postActivity(app, messageActivity('hi', { serviceUrl: 'https://smba.trafficmanager.net/amer/', deliveryMode: 'expectReplies' }));
      expect(allowed.status).toBe(200);
      expect((await postActivity(app, messageActivity('hi', { serviceUrl: 'https://smba.trafficmanager.net.attacker.example/' }))).status).toBe(403);
      expect(inputs).toHaveLength(2);
    } finally {
      await connector.close();
    }
  });

  it('with authentication, accepts the serviceUrl a valid token vouches for, unless a list says otherwise', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const appId = '00000000-0000-0000-0000-0000000000c3';
    const serviceUrl = 'https://smba.trafficmanager.net/emea/';
    const { bot, inputs } = await createTestBot();
    const auth = { appId, appPassword: 'pw', endpoints: tokens.endpoints };
    const open = mount({ bot, logger: captureLogs().logger, auth });
    const authorization = { Authorization: `Bearer ${tokens.mintChannelToken({ appId, serviceUrl })}` };
    expect((await postActivity(open, messageActivity('hi', { serviceUrl, deliveryMode: 'expectReplies' }), authorization)).status).toBe(200);
    const listed = mount({ bot, logger: captureLogs().logger, auth, allowedServiceUrls: ['https://smba.trafficmanager.net/amer/'] });
    expect((await postActivity(listed, messageActivity('hi', { serviceUrl, deliveryMode: 'expectReplies' }), authorization)).status).toBe(403);
    expect(inputs).toHaveLength(1);
    vi.restoreAllMocks();
  });
});
