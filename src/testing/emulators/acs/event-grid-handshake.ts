/**
 * Event Grid's proof that a webhook wants the events, made before the first delivery. Under the
 * Event Grid schema: a POST of one `Microsoft.EventGrid.SubscriptionValidationEvent` (header
 * `aeg-event-type: SubscriptionValidation`) that must be answered 200 with
 * `{"validationResponse": <its data.validationCode>}`. Under CloudEvents 1.0: an OPTIONS with
 * `WebHook-Request-Origin: eventgrid.azure.net` that must be answered 200 with
 * `WebHook-Allowed-Origin` naming that origin (or `*`). The subscription's own delivery headers are
 * not sent with the handshake: a webhook that asks for its shared secret here would refuse it.
 */
import { randomUUID } from 'node:crypto';
import type { EventSchema } from './acs-events.js';

export const eventGridOrigin = 'eventgrid.azure.net';

/** Resolves when the endpoint validated the subscription; otherwise rejects saying why. */
export async function validateSubscription(endpoint: string, schema: EventSchema, subscription: { topic: string; name: string }, signal: AbortSignal): Promise<void> {
  const { topic, name } = subscription;
  const refuse = (why: string) => new Error(`Event Grid emulator: ${endpoint} did not validate the ${schema} subscription: ${why}`);
  let response: Response;
  if (schema === 'CloudEvents') {
    response = await fetch(endpoint, { method: 'OPTIONS', headers: { 'webhook-request-origin': eventGridOrigin, 'webhook-request-rate': '120', 'aeg-subscription-name': name }, signal, redirect: 'manual' }).catch((error: unknown) => {
      throw refuse(`the OPTIONS request failed (${describe(error)})`);
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.status !== 200) throw refuse(`it answered the OPTIONS request ${response.status}, not 200`);
    const allowed = response.headers.get('webhook-allowed-origin');
    if (allowed !== eventGridOrigin && allowed !== '*') throw refuse(`its WebHook-Allowed-Origin header is ${allowed === null ? 'missing' : JSON.stringify(allowed)}; send "${eventGridOrigin}" or "*"`);
    return;
  }
  const validationCode = randomUUID().toUpperCase();
  const validationEvent = {
    id: randomUUID(),
    topic,
    subject: '',
    data: { validationCode },
    eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
    eventTime: new Date().toISOString(),
    metadataVersion: '1',
    dataVersion: '2',
  };
  response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', 'aeg-event-type': 'SubscriptionValidation', 'aeg-subscription-name': name, 'aeg-delivery-count': '0', 'aeg-data-version': '2', 'aeg-metadata-version': '1' },
    body: JSON.stringify([validationEvent]),
    signal,
    redirect: 'manual',
  }).catch((error: unknown) => {
    throw refuse(`the validation POST failed (${describe(error)})`);
  });
  const text = await response.text().catch(() => '');
  if (response.status !== 200) throw refuse(`it answered the validation event ${response.status}, not 200`);
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    throw refuse('its answer is not JSON: it must be {"validationResponse": "<data.validationCode>"}');
  }
  if ((answer as { validationResponse?: unknown } | null)?.validationResponse !== validationCode) throw refuse('its answer does not carry the validationCode as "validationResponse"');
}

export function describe(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'it timed out';
  // fetch's own error says only "fetch failed"; its cause says why (ECONNREFUSED, "bad port"…).
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
