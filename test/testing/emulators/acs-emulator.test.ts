// The Azure Communication Services emulator through the real CommunicationIdentityClient, ChatClient
// and SmsClient over https: identity and its HMAC signature, chat threads and their limits, SMS, and
// Event Grid delivery (the handshakes of both schemas, retries with the same event id, drops).
import { AzureCommunicationTokenCredential } from '@azure/communication-common';
import { CommunicationIdentityClient } from '@azure/communication-identity';
import { acsEventType, smsSegmentCount } from 'parley-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { startAcsFixture, startWebhook, validatingAnswer } from './acs-fixture.js';

type Fixture = Awaited<ReturnType<typeof startAcsFixture>>;
type Webhook = Awaited<ReturnType<typeof startWebhook>>;
let fixture: Fixture;
let webhooks: Webhook[] = [];
afterEach(async () => {
  await fixture.close();
  await Promise.all(webhooks.map((webhook) => webhook.close()));
  webhooks = [];
});
const webhook = async (...args: Parameters<typeof startWebhook>) => {
  const started = await startWebhook(...args);
  webhooks.push(started);
  return started;
};

/** A thread made by the bot (through the identity API) with a customer (made on the emulator's side). */
async function botAndCustomerThread(f: Fixture) {
  const bot = await f.identity.createUserAndToken(['chat']);
  const customer = f.emulator.createUser({ displayName: 'Ada' });
  const botChat = f.chatAs(bot.token);
  const { chatThread } = await botChat.createChatThread({ topic: 'Billing' }, { participants: [{ id: bot.user, displayName: 'Parley' }, customer.participant] });
  const threadId = chatThread!.id;
  return { bot, customer, botThread: botChat.getChatThreadClient(threadId), customerThread: f.chatAs(customer.token).getChatThreadClient(threadId), threadId };
}

describe('ACS emulator: identity', () => {
  it('creates users with tokens the chat client takes, issues, revokes and deletes', async () => {
    fixture = await startAcsFixture();
    const { identity, emulator } = fixture;
    const created = await identity.createUserAndToken(['chat']);
    expect(created.user.communicationUserId).toMatch(new RegExp(`^8:acs:${emulator.resourceId}_[0-9a-f-]{36}$`));
    expect(created.token.split('.')).toHaveLength(3);
    expect(created.expiresOn.getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000);
    expect(() => new AzureCommunicationTokenCredential(created.token)).not.toThrow();

    const plain = await identity.createUser();
    const issued = await identity.getToken(plain, ['chat', 'voip'], { tokenExpiresInMinutes: 60 });
    expect(issued.expiresOn.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60_000 + 5_000);
    await expect(identity.getToken(plain, ['chat'], { tokenExpiresInMinutes: 30 })).rejects.toMatchObject({ statusCode: 400, code: 'BadRequest' });

    await fixture.chatAs(issued.token).createChatThread({ topic: 'Hello' });
    await identity.revokeTokens(plain);
    await expect(fixture.chatAs(issued.token).createChatThread({ topic: 'Again' })).rejects.toMatchObject({ statusCode: 401 });
    await identity.deleteUser(created.user);
    await expect(fixture.chatAs(created.token).createChatThread({ topic: 'Gone' })).rejects.toMatchObject({ statusCode: 401 });
    expect(emulator.calls.map((call) => call.operation)).toEqual(['CreateIdentity', 'CreateIdentity', 'IssueAccessToken', 'IssueAccessToken', 'CreateChatThread', 'RevokeAccessTokens', 'CreateChatThread', 'DeleteIdentity', 'CreateChatThread']);
  });

  it('refuses a request signed with another key (401, the service error shape)', async () => {
    fixture = await startAcsFixture();
    const wrongKey = Buffer.alloc(32, 7).toString('base64');
    const impostor = new CommunicationIdentityClient(`endpoint=${fixture.emulator.url}/;accesskey=${wrongKey}`, fixture.clientOptions);
    await expect(impostor.createUser()).rejects.toMatchObject({ statusCode: 401, code: 'Denied' });
    const refused = fixture.emulator.calls.at(-1)!;
    expect(refused).toMatchObject({ operation: 'CreateIdentity', status: 401, errorCode: 'Denied' });
  });

  it('refuses a token after it expires on the emulator clock', async () => {
    fixture = await startAcsFixture();
    const user = fixture.emulator.createUser({ tokenExpiresInMinutes: 60 });
    await fixture.chatAs(user.token).createChatThread({ topic: 'Soon over' });
    fixture.advance(60 * 60_000);
    await expect(fixture.chatAs(user.token).createChatThread({ topic: 'Too late' })).rejects.toMatchObject({ statusCode: 401, code: 'Unauthorized' });
  });
});

describe('ACS emulator: chat', () => {
  it('creates a thread, carries messages both ways, lists them newest first with system messages, and pages', async () => {
    fixture = await startAcsFixture();
    const { bot, customer, botThread, customerThread, threadId } = await botAndCustomerThread(fixture);
    expect(threadId).toMatch(/^19:[0-9a-f]{32}@thread\.v2$/);
    expect(await botThread.getProperties()).toMatchObject({ id: threadId, topic: 'Billing', createdBy: { kind: 'communicationUser', communicationUserId: bot.user.communicationUserId } });

    const first = await customerThread.sendMessage({ content: 'my bill is wrong' }, { senderDisplayName: 'Ada', metadata: { channel: 'web' } });
    fixture.advance(5);
    const second = await botThread.sendMessage({ content: '<b>Let me look</b>' }, { type: 'html' });
    expect(Number(second.id)).toBeGreaterThan(Number(first.id));
    await customerThread.sendTypingNotification();

    const all = [];
    for await (const message of botThread.listMessages({ maxPageSize: 2 })) all.push(message);
    expect(all.map((message) => message.type)).toEqual(['html', 'text', 'participantAdded', 'topicUpdated']);
    expect(all[1]).toMatchObject({ id: first.id, content: { message: 'my bill is wrong' }, senderDisplayName: 'Ada', metadata: { channel: 'web' }, sender: { communicationUserId: customer.id } });
    expect(all[2]?.content?.participants?.map((participant) => participant.displayName)).toEqual(['Parley', 'Ada']);
    expect(fixture.emulator.calls.filter((call) => call.operation === 'ListChatMessages')).toHaveLength(2);
    expect(await customerThread.getMessage(first.id)).toMatchObject({ type: 'text', sequenceId: '3' });

    const since = [];
    for await (const message of botThread.listMessages({ startTime: new Date(Number(second.id)) })) since.push(message.id);
    expect(since).toEqual([second.id]);
  });

  it('adds and removes participants, refuses people outside the thread (403), and reports unknown users', async () => {
    fixture = await startAcsFixture();
    const { botThread, customerThread, customer, threadId } = await botAndCustomerThread(fixture);
    const agent = fixture.emulator.createUser({ displayName: 'Sam' });
    const agentThread = fixture.chatAs(agent.token).getChatThreadClient(threadId);
    await expect(agentThread.sendMessage({ content: 'hi' })).rejects.toMatchObject({ statusCode: 403, code: 'Forbidden' });

    const added = await botThread.addParticipants({ participants: [agent.participant, { id: { communicationUserId: `8:acs:${fixture.emulator.resourceId}_00000000-0000-4000-8000-000000000000` } }] });
    expect(added.invalidParticipants).toEqual([expect.objectContaining({ code: '404' })]);
    await agentThread.sendMessage({ content: 'Sam here' });
    const names = [];
    for await (const participant of customerThread.listParticipants()) names.push(participant.displayName);
    expect(names).toEqual(['Parley', 'Ada', 'Sam']);

    await botThread.removeParticipant({ communicationUserId: customer.id });
    await expect(customerThread.sendMessage({ content: 'still here?' })).rejects.toMatchObject({ statusCode: 403 });
    expect(fixture.emulator.thread(threadId).messages.map((message) => message.type)).toEqual(['topicUpdated', 'participantAdded', 'participantAdded', 'text', 'participantRemoved']);
  });

  it('answers a repeated create with the same thread', async () => {
    fixture = await startAcsFixture();
    const user = fixture.emulator.createUser();
    const chat = fixture.chatAs(user.token);
    const once = await chat.createChatThread({ topic: 'Once' }, { idempotencyToken: 'handoff-42' });
    const again = await chat.createChatThread({ topic: 'Once' }, { idempotencyToken: 'handoff-42' });
    expect(again.chatThread?.id).toBe(once.chatThread?.id);
    expect(fixture.emulator.threads()).toHaveLength(1);
  });

  it('takes messages up to 28 KB and refuses larger ones (400)', async () => {
    fixture = await startAcsFixture();
    const { botThread } = await botAndCustomerThread(fixture);
    await botThread.sendMessage({ content: 'x'.repeat(28 * 1024) });
    await expect(botThread.sendMessage({ content: 'x'.repeat(28 * 1024 + 1) })).rejects.toMatchObject({ statusCode: 400, code: 'BadRequest' });
  });

  it('throttles sends per thread with 429 and a Retry-After, until the window passes', async () => {
    fixture = await startAcsFixture({ chatLimits: { sendRate: [{ limit: 2, windowMs: 10_000 }] } });
    const { botThread, customerThread } = await botAndCustomerThread(fixture);
    await botThread.sendMessage({ content: 'one' });
    fixture.advance(1_500);
    await customerThread.sendMessage({ content: 'two' });
    const throttled = await botThread.sendMessage({ content: 'three' }).catch((error: unknown) => error);
    expect(throttled).toMatchObject({ statusCode: 429, code: 'TooManyRequests' });
    expect((throttled as { response: { headers: { get(name: string): string | undefined } } }).response.headers.get('retry-after')).toBe('9');
    fixture.advance(8_500);
    await botThread.sendMessage({ content: 'three' });
  });
});

describe('ACS emulator: SMS', () => {
  it('sends from the resource number, answers per recipient, and records each SMS with its segments', async () => {
    fixture = await startAcsFixture();
    const long = 'Your appointment is confirmed. '.repeat(6);
    const results = await fixture.sms.send({ from: fixture.emulator.phoneNumbers[0]!, to: ['+14255550123', '+1425555012345'], message: long }, { enableDeliveryReport: true, tag: 'handoff' });
    expect(results).toEqual([
      expect.objectContaining({ to: '+14255550123', successful: true, httpStatusCode: 202, messageId: expect.stringMatching(/^Outgoing_\d{14}/) }),
      expect.objectContaining({ to: '+1425555012345', successful: false, httpStatusCode: 400, errorMessage: 'Invalid To phone number format.' }),
    ]);
    expect(fixture.emulator.sentSms()).toEqual([expect.objectContaining({ to: '+14255550123', message: long, segmentCount: 2, tag: 'handoff', enableDeliveryReport: true })]);
    expect([smsSegmentCount('hi'), smsSegmentCount('€'.repeat(81)), smsSegmentCount('👋'.repeat(36))]).toEqual([1, 2, 2]);
    await expect(fixture.sms.send({ from: '+14255550199', to: ['+14255550123'], message: 'hi' })).rejects.toMatchObject({ statusCode: 401 });
  });
});

describe('ACS emulator: Event Grid', () => {
  it('validates an EventGrid-schema webhook and delivers chat events with the corpus shape and the shared secret', async () => {
    fixture = await startAcsFixture();
    const hook = await webhook();
    await fixture.emulator.subscribe({ endpoint: hook.url, headers: { 'x-parley-secret': 's3cret' }, eventTypes: [acsEventType.chatMessageReceivedInThread, acsEventType.chatThreadParticipantAdded] });
    expect(hook.requests[0]).toMatchObject({ method: 'POST', headers: { 'aeg-event-type': 'SubscriptionValidation' } });
    expect(hook.requests[0]!.headers['x-parley-secret']).toBeUndefined();

    const { customerThread, customer, threadId, botThread } = await botAndCustomerThread(fixture);
    const sent = await customerThread.sendMessage({ content: 'hello' }, { senderDisplayName: 'Ada', metadata: { k: 'v' } });
    await botThread.addParticipants({ participants: [fixture.emulator.createUser({ displayName: 'Sam' }).participant] });
    await fixture.emulator.settled();
    const [message, added] = hook.deliveries();
    expect(message!.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'x-parley-secret': 's3cret', 'aeg-delivery-count': '0' });
    expect(message!.events).toEqual([
      {
        id: expect.any(String),
        topic: expect.stringMatching(/\/communicationservices\/parley-emulator$/),
        subject: `thread/${threadId}/sender/${customer.id}`,
        data: {
          messageBody: 'hello',
          messageId: sent.id,
          metadata: { k: 'v' },
          type: 'Text',
          version: sent.id,
          senderDisplayName: 'Ada',
          senderCommunicationIdentifier: { rawId: customer.id, communicationUser: { id: customer.id } },
          composeTime: expect.any(String),
          threadId,
          transactionId: expect.any(String),
        },
        eventType: 'Microsoft.Communication.ChatMessageReceivedInThread',
        dataVersion: '1.0',
        metadataVersion: '1',
        eventTime: expect.any(String),
      },
    ]);
    expect(added!.events[0]).toMatchObject({ eventType: 'Microsoft.Communication.ChatThreadParticipantAdded', data: { participantAdded: { displayName: 'Sam' }, threadId } });
  });

  it('validates a CloudEvents webhook with the OPTIONS handshake and delivers SMSReceived as a CloudEvents batch', async () => {
    fixture = await startAcsFixture();
    const hook = await webhook();
    await fixture.emulator.subscribe({ endpoint: hook.url, schema: 'CloudEvents' });
    expect(hook.requests[0]).toMatchObject({ method: 'OPTIONS', headers: { 'webhook-request-origin': 'eventgrid.azure.net' } });
    const event = fixture.emulator.receiveSms({ from: '+14255550123', message: 'STOP' });
    await fixture.emulator.settled();
    const [delivery] = hook.deliveries();
    expect(delivery!.headers['content-type']).toBe('application/cloudevents-batch+json; charset=utf-8');
    expect(delivery!.events).toEqual([
      {
        id: event.id,
        source: expect.any(String),
        subject: '/phonenumber/18005550100',
        type: 'Microsoft.Communication.SMSReceived',
        time: expect.any(String),
        data: { MessageId: event.id, From: '+14255550123', To: '+18005550100', Message: 'STOP', ReceivedTimestamp: expect.any(String), SegmentCount: 1 },
        specversion: '1.0',
      },
    ]);
  });

  it('retries a delivery answered 500 with the same event id, and can deliver it again on purpose', async () => {
    fixture = await startAcsFixture();
    const hook = await webhook((request, index) => (index === 1 ? { status: 500 } : validatingAnswer(request)));
    await fixture.emulator.subscribe({ endpoint: hook.url, retryDelaysMs: [10] });
    const event = fixture.emulator.receiveSms({ from: '+14255550123', message: 'hi' });
    await fixture.emulator.settled();
    expect(fixture.emulator.deliveries().map(({ eventId, attempt, status, outcome }) => ({ eventId, attempt, status, outcome }))).toEqual([
      { eventId: event.id, attempt: 1, status: 500, outcome: 'retrying' },
      { eventId: event.id, attempt: 2, status: 200, outcome: 'delivered' },
    ]);
    expect(hook.deliveries().map(({ events, headers }) => [events[0]!.id, headers['aeg-delivery-count']])).toEqual([
      [event.id, '0'],
      [event.id, '1'],
    ]);
    fixture.emulator.redeliver(event.id);
    await fixture.emulator.settled();
    expect(hook.deliveries().map(({ events }) => events[0]!.id)).toEqual([event.id, event.id, event.id]);
  });

  it('gives up after the last retry, drops what webhooks refuse (400), and counts a hang as a timeout', async () => {
    fixture = await startAcsFixture();
    const failing = await webhook((request) => (request.headers['aeg-event-type'] === 'Notification' ? { status: 503 } : validatingAnswer(request)));
    const refusing = await webhook((request) => (request.headers['aeg-event-type'] === 'Notification' ? { status: 400 } : validatingAnswer(request)));
    const hanging = await webhook((request) => (request.headers['aeg-event-type'] === 'Notification' ? new Promise(() => {}) : validatingAnswer(request)));
    await fixture.emulator.subscribe({ endpoint: failing.url, retryDelaysMs: [1, 1], name: 'FAILING' });
    await fixture.emulator.subscribe({ endpoint: refusing.url, retryDelaysMs: [1, 1], name: 'REFUSING' });
    await fixture.emulator.subscribe({ endpoint: hanging.url, retryDelaysMs: [], timeoutMs: 100, name: 'HANGING' });
    fixture.emulator.receiveSms({ from: '+14255550123', message: 'hi' });
    await fixture.emulator.settled();
    const outcomes = (name: string) => fixture.emulator.deliveries().filter((delivery) => delivery.subscription === name).map((delivery) => delivery.outcome);
    expect(outcomes('FAILING')).toEqual(['retrying', 'retrying', 'failed']);
    expect(outcomes('REFUSING')).toEqual(['dropped']);
    expect(fixture.emulator.deliveries().find((delivery) => delivery.subscription === 'HANGING')).toMatchObject({ error: 'timeout', outcome: 'failed' });
  });

  it('refuses a subscription whose endpoint does not answer the handshake', async () => {
    fixture = await startAcsFixture();
    const silent = await webhook(() => ({ status: 200 }));
    await expect(fixture.emulator.subscribe({ endpoint: silent.url })).rejects.toThrow(/did not validate the EventGrid subscription/);
    await expect(fixture.emulator.subscribe({ endpoint: silent.url, schema: 'CloudEvents' })).rejects.toThrow(/WebHook-Allowed-Origin header is missing/);
    fixture.emulator.receiveSms({ from: '+14255550123', message: 'hi' });
    await fixture.emulator.settled();
    expect(fixture.emulator.deliveries()).toEqual([]);
  });
});
