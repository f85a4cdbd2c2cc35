// The Event Grid webhook: both subscription handshakes, who may call (secret, Entra token), the corpus
// ACS events in both schemas, an event delivered twice taken once, and failures that Event Grid retries.
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createEventGridApp, type GridEvent } from '../../../channels/event-grid/index.js';
import { ConversationBusyError } from '../../../src/core/errors.js';
import { startBotFrameworkTokenEmulator, type BotFrameworkTokenEmulator } from '../../../src/testing/index.js';
import { corpusAvailable, corpusPath } from '../../support/shared-corpus.js';

const secret = 'grid-secret-for-tests';
const logger = pino({ level: 'silent' });

function webhook(overrides: Partial<Parameters<typeof createEventGridApp>[0]> = {}) {
  const taken: GridEvent[] = [];
  const app = createEventGridApp({
    auth: { secret },
    handlers: { 'Microsoft.Communication.ChatMessageReceivedInThread': async (event) => void taken.push(event) },
    logger,
    maxBodyBytes: 64 * 1024,
    ...overrides,
  });
  const post = (body: unknown, headers: Record<string, string> = {}, query = `?code=${secret}`) =>
    app.request(`/${query}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { app, taken, post };
}

const chatEvent = (id: string) => ({
  id,
  topic: '/subscriptions/s/resourcegroups/g/providers/microsoft.communication/communicationservices/acme',
  subject: 'thread/19:a@thread.v2/sender/8:acs:x',
  eventType: 'Microsoft.Communication.ChatMessageReceivedInThread',
  eventTime: '2026-12-07T10:00:00Z',
  data: { messageBody: 'hello', threadId: '19:a@thread.v2' },
  dataVersion: '1.0',
});

describe('the Event Grid webhook', () => {
  it('answers the Event Grid schema validation handshake', async () => {
    const { post } = webhook();
    const response = await post([{ id: 'v1', topic: 't', subject: '', eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent', eventTime: '2026-12-07T10:00:00Z', data: { validationCode: 'ABC-123', validationUrl: 'https://example.invalid' }, dataVersion: '2' }]);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ validationResponse: 'ABC-123' });
  });

  it('answers the CloudEvents OPTIONS handshake for Event Grid only', async () => {
    const { app } = webhook();
    const ok = await app.request(`/?code=${secret}`, { method: 'OPTIONS', headers: { 'WebHook-Request-Origin': 'eventgrid.azure.net' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('WebHook-Allowed-Origin')).toBe('eventgrid.azure.net');
    expect((await app.request(`/?code=${secret}`, { method: 'OPTIONS', headers: { 'WebHook-Request-Origin': 'attacker.example' } })).status).toBe(403);
    expect((await app.request(`/?code=${secret}`, { method: 'OPTIONS' })).status).toBe(400);
    expect((await app.request('/', { method: 'OPTIONS', headers: { 'WebHook-Request-Origin': 'eventgrid.azure.net' } })).status).toBe(401);
  });

  it('refuses callers without the secret, with a wrong one, and everyone when no check is configured; nothing is taken', async () => {
    const { post, taken } = webhook();
    expect((await post([chatEvent('e1')], {}, '')).status).toBe(401);
    expect((await post([chatEvent('e1')], {}, '?code=wrong')).status).toBe(401);
    expect((await post([chatEvent('e1')], { 'x-parley-webhook-secret': 'wrong' }, '')).status).toBe(401);
    // A forged handshake gets no validation code back either.
    expect((await post([{ ...chatEvent('v'), eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent', data: { validationCode: 'x' } }], {}, '')).status).toBe(401);
    expect(taken).toEqual([]);
    expect((await post([chatEvent('e1')], { 'x-parley-webhook-secret': secret }, '')).status).toBe(200);
    const off = webhook({ auth: {} });
    const refused = await off.post([chatEvent('e1')]);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/PARLEY_EVENT_GRID_SECRET/);
  });

  it('takes an event delivered twice once, and ignores event types it has no handler for', async () => {
    const { post, taken } = webhook();
    expect((await post([chatEvent('e1'), { ...chatEvent('e2'), eventType: 'Microsoft.Communication.SMSDeliveryReportReceived' }])).status).toBe(200);
    expect((await post([chatEvent('e1')])).status).toBe(200);
    expect(taken.map((event) => event.id)).toEqual(['e1']);
  });

  it('answers 400 for what is not a delivery, naming the field and never echoing values', async () => {
    const { post } = webhook();
    expect((await post('{not json')).status).toBe(400);
    expect((await post([])).status).toBe(400);
    const response = await post([{ ...chatEvent('e'), eventType: undefined, data: 'secret-text' }]);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { message: string } };
    expect(error.message).toMatch(/eventType/);
    expect(error.message).not.toMatch(/secret-text/);
    expect((await post({ ...chatEvent('e') })).status).toBe(400); // the Event Grid schema posts arrays
  });

  it('refuses events of another ACS resource when topics are listed', async () => {
    const { post, taken } = webhook({ topics: ['/subscriptions/s/resourceGroups/g/providers/Microsoft.Communication/communicationServices/ACME'] });
    expect((await post([chatEvent('e1')])).status).toBe(200);
    expect((await post([{ ...chatEvent('e2'), topic: '/subscriptions/s/resourcegroups/g/providers/microsoft.communication/communicationservices/other' }])).status).toBe(403);
    expect(taken.map((event) => event.id)).toEqual(['e1']);
  });

  it('has Event Grid retry a failed or busy event, and takes it on the retry', async () => {
    let failures = 2;
    const taken: string[] = [];
    const { post } = webhook({
      handlers: {
        'Microsoft.Communication.ChatMessageReceivedInThread': async (event) => {
          if (failures-- === 2) throw new Error('store down');
          if (failures === 0) throw new ConversationBusyError('c1', 2);
          taken.push(event.id);
        },
      },
    });
    expect((await post([chatEvent('e1')])).status).toBe(500);
    const busy = await post([chatEvent('e1')]);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('Retry-After')).toBe('2');
    expect((await post([chatEvent('e1')])).status).toBe(200);
    expect(taken).toEqual(['e1']);
  });

  describe('with an Entra token', () => {
    let tokens: BotFrameworkTokenEmulator;
    beforeAll(async () => {
      tokens = await startBotFrameworkTokenEmulator();
    });
    afterAll(() => tokens.close());

    it('takes a token of the tenant for the audience, and refuses a forged, expired or misdirected one', async () => {
      const audience = 'api://parley-webhook';
      const issuer = 'https://login.microsoftonline.com/tenant-1/v2.0';
      const { post, taken } = webhook({ auth: { entra: { tenantId: 'tenant-1', audience, openIdConfigurationUrl: tokens.endpoints.emulatorOpenIdMetadataUrl, issuers: [issuer] } } });
      const mint = (claims: Record<string, unknown>, expiresInSeconds = 600) => `Bearer ${tokens.mintChannelToken({ appId: audience, serviceUrl: 'https://unused.example', expiresInSeconds, claims: { iss: issuer, aud: audience, ...claims } })}`;
      expect((await post([chatEvent('e1')], { authorization: mint({}) }, '')).status).toBe(200);
      expect((await post([chatEvent('e2')], { authorization: mint({ aud: 'api://other' }) }, '')).status).toBe(401);
      expect((await post([chatEvent('e3')], { authorization: mint({ iss: 'https://login.microsoftonline.com/other/v2.0' }) }, '')).status).toBe(401);
      expect((await post([chatEvent('e4')], { authorization: mint({}, -3600) }, '')).status).toBe(401);
      expect((await post([chatEvent('e5')], { authorization: `${mint({})}x` }, '')).status).toBe(401);
      expect((await post([chatEvent('e6')], {}, '')).status).toBe(401);
      expect(taken.map((event) => event.id)).toEqual(['e1']);
    });
  });

  describe.runIf(corpusAvailable('acs-events', 'the ACS corpus events through the webhook'))('the corpus ACS events', () => {
    it('reads every event in both schemas, its type, source and data', async () => {
      const taken: GridEvent[] = [];
      const files = readdirSync(corpusPath('acs-events')).filter((file) => file.endsWith('.json'));
      const types = new Set<string>();
      const handlers = new Proxy({}, { get: () => async (event: GridEvent) => void taken.push(event) });
      for (const file of files) {
        // A webhook per file: the samples of the two schemas share event ids.
        const { post } = webhook({ handlers });
        const event = JSON.parse(readFileSync(corpusPath(`acs-events/${file}`), 'utf8'));
        const response = await post(file.includes('cloudevents') ? event : [event], file.includes('cloudevents') ? { 'content-type': 'application/cloudevents+json' } : {});
        expect(response.status, file).toBe(200);
        types.add(file.includes('cloudevents') ? event.type : event.eventType);
      }
      expect(taken).toHaveLength(files.length);
      expect(new Set(taken.map((event) => event.type))).toEqual(types);
      expect(taken.every((event) => event.source.toLowerCase().includes('communicationservices'))).toBe(true);
      expect(new Set(taken.map((event) => event.schema))).toEqual(new Set(['EventGrid', 'CloudEvents']));
    });
  });
});
