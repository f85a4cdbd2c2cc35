/**
 * A local Azure Communication Services resource on one https address: the identity API (users and
 * tokens), chat (threads, participants, messages, with the service's limits), SMS and Job Router
 * (distribution policies, queues, workers, jobs, offers), so the real CommunicationIdentityClient,
 * ChatClient and SmsClient, and REST clients on Azure's pipeline, talk to it unchanged; and the
 * resource's Event Grid, which validates webhook subscriptions and delivers chat, SMS and Job Router
 * events with retries.
 * The chat client sends bearer tokens only over https, so the emulator makes a certificate when it
 * starts: clients trust `emulator.ca` (`{ tlsOptions: { ca } }`).
 *
 * Where the documented behaviour left a choice, the emulator makes the stricter one; where the
 * service is known to be lenient (the creator of a thread joins it even when not listed), it is too.
 * Faults apply to API calls, not to Event Grid deliveries (a webhook's answers decide those).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { createServer } from 'node:https';
import { createFaultPlan, type EmulatorFaults } from '../faults.js';
import { listenLocally } from '../listen-locally.js';
import { createTestCertificate } from '../test-certificate.js';
import { chatEvent, type AcsEvent } from './acs-events.js';
import { AcsWireError, sendError } from './acs-wire.js';
import { defaultChatLimits, type AcsChatLimits } from './chat-limits.js';
import { createChatStore } from './chat-store.js';
import { createEventGrid, type AcsEventDelivery, type AcsEventSubscription, type AcsEventSubscriptionOptions } from './event-grid.js';
import { handleAcsRequest, type AcsEmulatorCall } from './handle-acs-request.js';
import { createIdentityStore } from './identity-store.js';
import { createResourceSide, type ResourceSide } from './resource-side.js';
import { createJobRouterState } from './router-engine.js';
import { createRouterSide, type AcsEmulatorJobRouter } from './router-side.js';
import type { AcsSentSms, SmsStore } from './sms-api.js';

export interface AcsEmulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** The resource's access key, base64 (default: 32 random bytes). */
  accessKey?: string;
  /** The resource's name, in Event Grid's `topic` (default `parley-emulator`). */
  resourceName?: string;
  /** The resource's id, in user ids (default: a random UUID). */
  resourceId?: string;
  /** The numbers SMS may be sent from and received at (default `['+18005550100']`). */
  phoneNumbers?: readonly string[];
  /** Chat limits to change (default: the service's documented ones). */
  chatLimits?: Partial<AcsChatLimits>;
  /** The casing of SMSReceived's data keys (default `PascalCase`, as Azure's examples). */
  smsDataKeys?: 'PascalCase' | 'camelCase';
  faults?: EmulatorFaults;
  /** The service's clock: timestamps, token expiry, rate windows (default: the machine's). */
  now?: () => Date;
}

export interface AcsEmulator extends ResourceSide {
  /** `https://127.0.0.1:PORT`: the endpoint of every client. */
  readonly url: string;
  /** `endpoint=https://127.0.0.1:PORT/;accesskey=…`, for CommunicationIdentityClient and SmsClient. */
  readonly connectionString: string;
  readonly accessKey: string;
  /** The emulator's certificate, PEM: pass `{ tlsOptions: { ca } }` to each client. */
  readonly ca: string;
  readonly resourceId: string;
  readonly phoneNumbers: readonly string[];
  /** Every API call, oldest first. */
  readonly calls: readonly AcsEmulatorCall[];
  /** The resource's Job Router: its jobs and live offers, and a worker's hand to accept one. */
  readonly jobRouter: AcsEmulatorJobRouter;
  setFaults(faults: EmulatorFaults): void;
  /** Validates the webhook (rejecting when it does not answer the handshake), then delivers to it. */
  subscribe(options: AcsEventSubscriptionOptions): Promise<AcsEventSubscription>;
  /** Every event the resource published, oldest first. */
  events(): AcsEvent[];
  /** Every delivery attempt, oldest first. */
  deliveries(): AcsEventDelivery[];
  /** Resolves when no delivery is under way or waiting for a retry. */
  settled(): Promise<void>;
  /** Delivers a published event again, same id, to the subscriptions it went to. */
  redeliver(eventId: string): void;
  /** Ends hanging calls and deliveries, then stops listening. */
  close(): Promise<void>;
}

/** The number SMS are sent from when no `phoneNumbers` are given. */
export const defaultAcsPhoneNumber = '+18005550100';

/**
 * Starts the emulator. Point the real SDK clients at it; nothing is mocked.
 *
 * @example
 * const acs = await startAcsEmulator();
 * const tls = { tlsOptions: { ca: acs.ca } };
 * const identity = new CommunicationIdentityClient(acs.connectionString, tls);
 * const bot = await identity.createUserAndToken(['chat']);
 * const chat = new ChatClient(acs.url, new AzureCommunicationTokenCredential(bot.token), tls);
 * const customer = acs.createUser({ displayName: 'Ada' });
 * const { chatThread } = await chat.createChatThread({ topic: 'Support' }, { participants: [customer.participant] });
 * await acs.close();
 */
export async function startAcsEmulator(options: AcsEmulatorOptions = {}): Promise<AcsEmulator> {
  const accessKey = options.accessKey ?? randomBytes(32).toString('base64');
  const resourceId = options.resourceId ?? randomUUID();
  const phoneNumbers = [...(options.phoneNumbers ?? [defaultAcsPhoneNumber])];
  const topic = `/subscriptions/00000000-0000-4000-8000-000000000000/resourcegroups/parley/providers/microsoft.communication/communicationservices/${options.resourceName ?? 'parley-emulator'}`;
  const now = () => (options.now ?? (() => new Date()))().getTime();
  const identity = createIdentityStore(resourceId, now);
  const chat = createChatStore(now);
  const sms: SmsStore = { phoneNumbers: new Set(phoneNumbers), sent: [] as AcsSentSms[], repeats: new Map(), listeners: new Set(), now };
  const eventGrid = createEventGrid(topic, now);
  const router = createJobRouterState(now, (event) => eventGrid.publish(event));
  chat.listeners.add((change) => {
    const event = chatEvent(change);
    if (event) eventGrid.publish(event);
  });
  const plan = createFaultPlan(options.faults);
  const calls: AcsEmulatorCall[] = [];
  const closing = new AbortController();
  // Every call waiting out its latency listens for the close: many at once is normal here.
  setMaxListeners(0, closing.signal);
  const certificate = await createTestCertificate();
  let origin = '';

  const server = createServer({ cert: certificate.cert, key: certificate.key }, (request, response) => {
    const call: AcsEmulatorCall = { service: 'unknown', operation: 'Unknown', method: request.method ?? 'GET', path: (request.url ?? '/').split('?')[0] ?? '/', headers: { ...request.headers }, body: undefined };
    calls.push(call);
    response.on('finish', () => {
      call.status = response.statusCode;
    });
    const context = { identity, chat, sms, router, limits: { ...defaultChatLimits, ...options.chatLimits }, accessKey: Buffer.from(accessKey, 'base64'), plan, closing: closing.signal, origin };
    handleAcsRequest(request, response, call, context).catch((error: unknown) => {
      const wire = error instanceof AcsWireError ? error : new AcsWireError(500, 'InternalServerError', `the emulator failed: ${String(error)}`);
      call.errorCode = wire.code;
      sendError(response, wire);
    });
  });
  origin = await listenLocally(server, options);

  return {
    url: origin,
    connectionString: `endpoint=${origin}/;accesskey=${accessKey}`,
    accessKey,
    ca: certificate.cert,
    resourceId,
    phoneNumbers,
    calls,
    jobRouter: createRouterSide(router),
    setFaults: (faults) => plan.set(faults),
    ...createResourceSide({ identity, chat, sms, phoneNumbers, smsDataKeys: options.smsDataKeys ?? 'PascalCase', publish: (event) => eventGrid.publish(event) }),
    subscribe: (subscription) => eventGrid.subscribe(subscription),
    events: () => [...eventGrid.events],
    deliveries: () => eventGrid.deliveries.map((delivery) => ({ ...delivery })),
    settled: () => eventGrid.settled(),
    redeliver: (eventId) => eventGrid.redeliver(eventId),
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        router.stop();
        eventGrid.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
