/**
 * The emulator's Event Grid: webhook subscriptions to the resource's events (validated first), and
 * delivery as Event Grid makes it: one event per POST, in a JSON array, under the subscription's
 * schema. An attempt not answered 2xx within the timeout is tried again with the same event id on
 * the subscription's retry delays, then given up (`failed`); 400, 401, 403 and 413 are not retried
 * (`dropped`), as Event Grid drops them for webhooks. First attempts leave in the order the events
 * happened; a retry does not hold up later events (Event Grid promises no order). Every attempt is
 * recorded.
 */
import { inSchema, type AcsEvent, type EventSchema } from './acs-events.js';
import { describe, validateSubscription } from './event-grid-handshake.js';

export interface AcsEventSubscriptionOptions {
  /** The webhook: http or https (Event Grid itself insists on https; the emulator does not). */
  endpoint: string;
  /** Default `EventGrid`. */
  schema?: EventSchema;
  /** Event types to deliver (default: all). */
  eventTypes?: readonly string[];
  /** Headers sent with every delivery (Event Grid's delivery properties), e.g. a shared secret. */
  headers?: Readonly<Record<string, string>>;
  /** Waits before each retry; their number is the number of retries (default [50, 200, 1000]). */
  retryDelaysMs?: readonly number[];
  /** How long an attempt may take (default 30,000, Event Grid's). */
  timeoutMs?: number;
  /** Sent as `aeg-subscription-name` (default `PARLEY-<n>`). */
  name?: string;
}

export interface AcsEventSubscription {
  readonly name: string;
  readonly endpoint: string;
  readonly schema: EventSchema;
  /** Stops delivering to it (attempts under way finish). */
  unsubscribe(): void;
}

/** One delivery attempt. `outcome` says what followed it. */
export interface AcsEventDelivery {
  subscription: string;
  eventId: string;
  eventType: string;
  /** 1 for the first attempt of this event to this subscription. */
  attempt: number;
  at: Date;
  /** The endpoint's HTTP status; absent when it gave none. */
  status?: number;
  /** Why there was no status: `timeout`, or the network error's code. */
  error?: string;
  outcome: 'delivered' | 'retrying' | 'dropped' | 'failed';
}

const notRetried = new Set([400, 401, 403, 413]);

export interface EventGrid {
  subscribe(options: AcsEventSubscriptionOptions): Promise<AcsEventSubscription>;
  publish(event: AcsEvent): void;
  readonly events: readonly AcsEvent[];
  readonly deliveries: readonly AcsEventDelivery[];
  settled(): Promise<void>;
  redeliver(eventId: string): void;
  close(): void;
}

interface Subscription extends AcsEventSubscription {
  options: AcsEventSubscriptionOptions;
  active: boolean;
  /** The chain of first attempts, so they leave in order. */
  firsts: Promise<void>;
  attempts: Map<string, number>;
}

export function createEventGrid(topic: string, now: () => number): EventGrid {
  const subscriptions: Subscription[] = [];
  const events: AcsEvent[] = [];
  const deliveries: AcsEventDelivery[] = [];
  const closing = new AbortController();
  const timers = new Set<NodeJS.Timeout>();
  let pending = 0;
  let waiters: Array<() => void> = [];
  const finish = () => {
    if (closing.signal.aborted) return;
    pending -= 1;
    if (pending > 0) return;
    for (const resolve of waiters) resolve();
    waiters = [];
  };

  async function attempt(subscription: Subscription, event: AcsEvent, mayRetry: boolean): Promise<AcsEventDelivery['outcome']> {
    const count = subscription.attempts.get(event.id) ?? 0;
    subscription.attempts.set(event.id, count + 1);
    const { schema, options } = subscription;
    const record: AcsEventDelivery = { subscription: subscription.name, eventId: event.id, eventType: event.type, attempt: count + 1, at: new Date(now()), outcome: 'delivered' };
    try {
      const response = await fetch(subscription.endpoint, {
        method: 'POST',
        headers: {
          ...options.headers,
          'content-type': schema === 'CloudEvents' ? 'application/cloudevents-batch+json; charset=utf-8' : 'application/json; charset=utf-8',
          'aeg-event-type': 'Notification',
          'aeg-subscription-name': subscription.name,
          'aeg-delivery-count': String(count),
          ...(schema === 'EventGrid' ? { 'aeg-data-version': event.dataVersion, 'aeg-metadata-version': '1' } : {}),
        },
        body: JSON.stringify([inSchema(event, schema, topic)]),
        signal: AbortSignal.any([AbortSignal.timeout(options.timeoutMs ?? defaultDeliveryTimeoutMs), closing.signal]),
        redirect: 'manual',
      });
      await response.arrayBuffer().catch(() => undefined);
      record.status = response.status;
      if (response.status < 200 || response.status > 299) record.outcome = notRetried.has(response.status) ? 'dropped' : 'retrying';
    } catch (error) {
      const why = describe(error);
      record.error = why === 'it timed out' ? 'timeout' : why;
      record.outcome = 'retrying';
    }
    if (record.outcome === 'retrying' && (!mayRetry || closing.signal.aborted)) record.outcome = 'failed';
    deliveries.push(record);
    return record.outcome;
  }

  /** Tries now, then on each retry delay while attempts fail; only the first attempt is in the ordered chain. */
  function deliver(subscription: Subscription, event: AcsEvent): void {
    pending += 1;
    const delays = subscription.options.retryDelaysMs ?? defaultRetryDelaysMs;
    const tryOnce = async (retry: number): Promise<void> => {
      if ((await attempt(subscription, event, retry < delays.length)) !== 'retrying') return finish();
      const timer = setTimeout(() => {
        timers.delete(timer);
        void tryOnce(retry + 1);
      }, delays[retry]);
      timers.add(timer);
    };
    subscription.firsts = subscription.firsts.then(() => tryOnce(0));
  }

  let named = 0;
  return {
    async subscribe(options) {
      const schema = options.schema ?? 'EventGrid';
      const protocol = URL.canParse(options.endpoint) ? new URL(options.endpoint).protocol : '';
      if (protocol !== 'http:' && protocol !== 'https:') throw new RangeError(`Event Grid emulator: a webhook endpoint is an http(s) URL, not ${JSON.stringify(options.endpoint)}`);
      named += 1;
      const name = options.name ?? `PARLEY-${named}`;
      await validateSubscription(options.endpoint, schema, { topic, name }, AbortSignal.any([AbortSignal.timeout(options.timeoutMs ?? defaultDeliveryTimeoutMs), closing.signal]));
      const subscription: Subscription = {
        name,
        endpoint: options.endpoint,
        schema,
        options,
        active: true,
        firsts: Promise.resolve(),
        attempts: new Map(),
        unsubscribe: () => {
          subscription.active = false;
        },
      };
      subscriptions.push(subscription);
      return subscription;
    },
    publish(event) {
      events.push(event);
      for (const subscription of subscriptions) {
        if (subscription.active && !closing.signal.aborted && (!subscription.options.eventTypes || subscription.options.eventTypes.includes(event.type))) deliver(subscription, event);
      }
    },
    events,
    deliveries,
    settled: () => (pending === 0 || closing.signal.aborted ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
    redeliver(eventId) {
      const event = events.find((candidate) => candidate.id === eventId);
      if (!event) throw new Error(`Event Grid emulator: no event ${eventId} was published (${events.length} were)`);
      for (const subscription of subscriptions) if (subscription.active && subscription.attempts.has(eventId)) deliver(subscription, event);
    },
    close() {
      closing.abort();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      pending = 0;
      for (const resolve of waiters) resolve();
      waiters = [];
    },
  };
}

/** Retries when a subscription names none: short, for tests. */
export const defaultRetryDelaysMs: readonly number[] = [50, 200, 1000];

/** Event Grid waits this long for a webhook's answer. */
export const defaultDeliveryTimeoutMs = 30_000;
