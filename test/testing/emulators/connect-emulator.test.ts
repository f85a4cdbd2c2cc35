// The Amazon Connect chat emulator through the real ConnectClient and ConnectParticipantClient over
// HTTP/1.1, and a real WebSocket client: a handoff from start to end, the agent side, validation,
// tokens, idempotency and faults.
import { once } from 'node:events';
import {
  ContactNotFoundException,
  InternalServiceException,
  InvalidParameterException,
  InvalidRequestException,
  ResourceNotFoundException,
  StopContactCommand,
  ThrottlingException as ConnectThrottlingException,
} from '@aws-sdk/client-connect';
import {
  AccessDeniedException,
  CreateParticipantConnectionCommand,
  DisconnectParticipantCommand,
  GetTranscriptCommand,
  type Item,
  SendEventCommand,
  SendMessageCommand,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-connectparticipant';
import { connectChatEventType as event, defaultConnectInstance } from 'parley-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startConnectFixture } from './connect-fixture.js';

let fixture: Awaited<ReturnType<typeof startConnectFixture>>;
afterEach(() => fixture.close());

const handoff = {
  Attributes: { parley_queue: 'Billing', parley_intent: 'DisputeCharge', parley_conversation: 'web-42' },
  InitialMessage: { ContentType: 'text/plain', Content: 'Customer: my bill is wrong\nAssistant: let me find someone' },
  ClientToken: 'handoff-web-42',
};
const summary = (items: readonly Item[]) => items.map((item) => [item.ParticipantRole ?? '-', item.Content ?? item.ContentType?.split('.').slice(-2).join('.')]);

describe('Connect emulator: a handoff over the wire', () => {
  it('starts a chat, connects the customer, and carries the agent and the customer to the end', async () => {
    fixture = await startConnectFixture();
    const { emulator, participant } = fixture;
    const chat = await fixture.startChat(handoff);
    expect(chat).toMatchObject({ ContactId: expect.any(String), ParticipantId: expect.any(String), ParticipantToken: expect.any(String) });

    const waiting = await emulator.nextWaitingContact();
    expect(waiting).toMatchObject({ contactId: chat.ContactId, state: 'waiting', attributes: handoff.Attributes, initialMessage: { contentType: 'text/plain', content: handoff.InitialMessage.Content } });
    expect(waiting.customer).toEqual({ participantId: chat.ParticipantId, displayName: 'Ada', connected: false });
    expect(emulator.waitingContacts().map((contact) => contact.contactId)).toEqual([chat.ContactId]);

    const { connectionToken, url, connection } = await fixture.connectCustomer(chat.ParticipantToken!);
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\//);
    expect(connection.Websocket?.ConnectionExpiry).toBe('2030-03-04T09:01:40.000Z');
    expect(connection.ConnectionCredentials?.Expiry).toBe('2030-03-05T09:00:00.000Z');
    const socket = await fixture.openSocket(url, { subscribe: false });
    socket.send({ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } });
    expect(await socket.next((frame) => frame.topic === 'aws/subscribe')).toEqual({ topic: 'aws/subscribe', content: { status: 'success', topics: ['aws/chat'] } });
    socket.send({ topic: 'aws/heartbeat' });
    expect(await socket.next((frame) => frame.topic === 'aws/heartbeat')).toEqual({ topic: 'aws/heartbeat' });

    emulator.acceptContact(chat.ContactId!, { agentName: 'Sam' });
    const joined = await socket.next((frame) => frame.topic === 'aws/chat');
    expect(joined.contentType).toBe('application/json');
    expect(JSON.parse(joined.content as string)).toMatchObject({
      ContentType: event.participantJoined, Type: 'EVENT', ParticipantRole: 'AGENT', DisplayName: 'Sam', InitialContactId: chat.ContactId, ContactId: chat.ContactId, AbsoluteTime: '2030-03-04T09:00:00.000Z',
    });

    const sent = await participant.send(new SendMessageCommand({ ConnectionToken: connectionToken, ContentType: 'text/plain', Content: 'still there?' }));
    expect(sent).toMatchObject({ Id: expect.any(String), AbsoluteTime: '2030-03-04T09:00:00.000Z' });
    expect(emulator.contact(chat.ContactId!).transcript.at(-1)).toMatchObject({ Id: sent.Id, Type: 'MESSAGE', ParticipantRole: 'CUSTOMER', Content: 'still there?' });
    expect(await socket.nextItem((item) => item.Type === 'MESSAGE')).toMatchObject({ Id: sent.Id, ParticipantRole: 'CUSTOMER' });

    fixture.advance(1_000);
    const reply = emulator.sendAgentMessage(chat.ContactId!, 'Hi Ada, I can fix that bill.');
    expect(await socket.nextItem((item) => item.Type === 'MESSAGE')).toMatchObject({ Id: reply.Id, ParticipantRole: 'AGENT', DisplayName: 'Sam', Content: 'Hi Ada, I can fix that bill.', AbsoluteTime: '2030-03-04T09:00:01.000Z' });
    const transcript = await participant.send(new GetTranscriptCommand({ ConnectionToken: connectionToken, SortOrder: 'ASCENDING' }));
    expect(transcript.InitialContactId).toBe(chat.ContactId);
    expect(summary(transcript.Transcript!)).toEqual([
      ['CUSTOMER', 'participant.joined'],
      ['CUSTOMER', handoff.InitialMessage.Content],
      ['AGENT', 'participant.joined'],
      ['CUSTOMER', 'still there?'],
      ['AGENT', 'Hi Ada, I can fix that bill.'],
    ]);

    emulator.endContact(chat.ContactId!);
    expect(await socket.nextItem()).toMatchObject({ ContentType: event.participantLeft, ParticipantRole: 'AGENT' });
    const ended = await socket.nextItem();
    expect(ended).toMatchObject({ ContentType: event.chatEnded, Type: 'EVENT', ContactId: chat.ContactId });
    expect(ended.ParticipantRole).toBeUndefined();
    expect(emulator.contact(chat.ContactId!)).toMatchObject({ state: 'ended', endReason: 'AGENT_DISCONNECT' });
    await expect(participant.send(new SendMessageCommand({ ConnectionToken: connectionToken, ContentType: 'text/plain', Content: 'hello?' }))).rejects.toThrow(AccessDeniedException);

    const operations = emulator.calls.map((call) => call.operation);
    expect(operations.slice(0, 4)).toEqual(['StartChatContact', 'CreateParticipantConnection', 'WebSocketConnect', 'WebSocketFrame']);
    expect(emulator.calls.find((call) => call.operation === 'StartChatContact')).toMatchObject({ service: 'connect', method: 'PUT', path: '/contact/chat', status: 200, body: { ...handoff, ...emulator.instance } });
    expect(emulator.calls.find((call) => call.operation === 'SendMessage')?.headers['x-amz-bearer']).toBe(connectionToken);
  });

  it('ends the chat when the customer disconnects: the agent side sees them leave, and their tokens stop working', async () => {
    fixture = await startConnectFixture();
    const { emulator, participant } = fixture;
    const chat = await fixture.startChat();
    const { connectionToken, url } = await fixture.connectCustomer(chat.ParticipantToken!);
    const socket = await fixture.openSocket(url);
    emulator.acceptContact(chat.ContactId!);
    const heard: string[] = [];
    const stop = emulator.onItem((item, contact) => heard.push(`${contact.contactId === chat.ContactId ? 'this' : 'other'}: ${item.ParticipantRole ?? '-'} ${item.ContentType}`));

    await participant.send(new SendEventCommand({ ConnectionToken: connectionToken, ContentType: event.typing }));
    await participant.send(new DisconnectParticipantCommand({ ConnectionToken: connectionToken }));
    stop();
    expect(heard).toEqual([`this: CUSTOMER ${event.typing}`, `this: CUSTOMER ${event.participantLeft}`, `this: - ${event.chatEnded}`]);
    expect(await socket.closed).toBe(1000);
    const contact = emulator.contact(chat.ContactId!);
    expect(contact).toMatchObject({ state: 'ended', endReason: 'CUSTOMER_DISCONNECT', endedAt: new Date('2030-03-04T09:00:00.000Z') });
    expect(contact.transcript.map((item) => item.ContentType)).not.toContain(event.typing);

    // The transcript stays readable; everything else is refused.
    expect((await participant.send(new GetTranscriptCommand({ ConnectionToken: connectionToken }))).Transcript?.[0]?.ContentType).toBe(event.chatEnded);
    await expect(participant.send(new SendMessageCommand({ ConnectionToken: connectionToken, ContentType: 'text/plain', Content: 'wait' }))).rejects.toThrow(AccessDeniedException);
    await expect(participant.send(new CreateParticipantConnectionCommand({ ParticipantToken: chat.ParticipantToken!, Type: ['CONNECTION_CREDENTIALS'] }))).rejects.toThrow(AccessDeniedException);
    expect(() => emulator.sendAgentMessage(chat.ContactId!, 'bye')).toThrow(/it is ended/);
  });

  it('lets the agent type to the customer, and the customer acknowledge the connection', async () => {
    fixture = await startConnectFixture();
    const { emulator, participant } = fixture;
    const chat = await fixture.startChat();
    const { connectionToken, url } = await fixture.connectCustomer(chat.ParticipantToken!);
    const socket = await fixture.openSocket(url);
    expect(() => emulator.sendAgentTyping(chat.ContactId!)).toThrow(/waiting; accept it first/);
    emulator.acceptContact(chat.ContactId!);
    emulator.sendAgentTyping(chat.ContactId!);
    expect(await socket.nextItem((item) => item.ContentType === event.typing)).toMatchObject({ ParticipantRole: 'AGENT', Type: 'EVENT' });
    const ack = await participant.send(new SendEventCommand({ ConnectionToken: connectionToken, ContentType: event.connectionAcknowledged }));
    expect(ack.Id).toEqual(expect.any(String));
    await expect(participant.send(new SendEventCommand({ ConnectionToken: connectionToken, ContentType: event.messageRead, Content: 'not json' }))).rejects.toThrow(/messageId/);
  });
});

describe('Connect emulator: requests checked as the services check them', () => {
  it('answers bad StartChatContact input with the Connect SDK\'s typed exceptions', async () => {
    fixture = await startConnectFixture();
    const rejection = (input: Parameters<typeof fixture.startChat>[0]) => fixture.startChat(input).then(() => undefined, (error: unknown) => error);

    const longName = await rejection({ ParticipantDetails: { DisplayName: 'x'.repeat(257) } });
    expect(longName).toBeInstanceOf(InvalidParameterException);
    expect((longName as Error).message).toMatch(/at 'participantDetails.displayName' failed to satisfy constraint: Member must have length between 1 and 256/);
    expect(await rejection({ InstanceId: undefined as unknown as string })).toSatisfy((error: Error) => error instanceof InvalidParameterException && /Value null at 'instanceId'/.test(error.message));
    // 16,386 bytes in 8,193 characters: sizes are bytes.
    const longMessage = await rejection({ InitialMessage: { ContentType: 'text/plain', Content: 'é'.repeat(8_193) } });
    expect(longMessage).toSatisfy((error: Error) => error instanceof InvalidParameterException && /1 to 16384 UTF-8 bytes \(got 16386 bytes\)/.test(error.message));
    expect(await rejection({ InitialMessage: { ContentType: 'text/plain', Content: 'é'.repeat(8_192) } })).toBeUndefined();
    const bigAttributes = await rejection({ Attributes: { transcript: 'x'.repeat(32_768 - 'transcript'.length + 1) } });
    expect(bigAttributes).toSatisfy((error: Error) => error instanceof InvalidParameterException && /add up to 32769 UTF-8 bytes; a contact holds at most 32768/.test(error.message));
    expect(await rejection({ Attributes: { transcript: 'x'.repeat(32_768 - 'transcript'.length) } })).toBeUndefined();
    expect(await rejection({ Attributes: { 'has space': 'x' } })).toBeInstanceOf(InvalidParameterException);
    expect(await rejection({ SupportedMessagingContentTypes: ['text/markdown'] })).toBeInstanceOf(InvalidRequestException);
    expect(await rejection({ InstanceId: 'another-instance' })).toSatisfy((error: Error) => error instanceof ResourceNotFoundException && error.message.includes(defaultConnectInstance.InstanceId));
    expect(await rejection({ ContactFlowId: 'another-flow' })).toBeInstanceOf(ResourceNotFoundException);
  });

  it('answers bad participant calls with ValidationException, and unknown tokens with AccessDeniedException', async () => {
    fixture = await startConnectFixture();
    const { participant } = fixture;
    const chat = await fixture.startChat({ SupportedMessagingContentTypes: ['text/plain', 'application/json'] });
    const { connectionToken } = await fixture.connectCustomer(chat.ParticipantToken!);
    const send = (ContentType: string, Content: string, token = connectionToken) => participant.send(new SendMessageCommand({ ConnectionToken: token, ContentType, Content }));

    await expect(send('text/plain', '')).rejects.toThrow(ValidationException);
    await expect(send('text/markdown', '**hi**')).rejects.toThrow(/not supported on this contact/);
    await expect(send('image/png', 'x')).rejects.toThrow(/Member must satisfy enum value set/);
    expect((await send('application/json', '{"a":1}')).Id).toEqual(expect.any(String));
    await expect(send('text/plain', 'hi', 'not-a-token')).rejects.toThrow(AccessDeniedException);
    await expect(participant.send(new CreateParticipantConnectionCommand({ ParticipantToken: 'not-a-token', Type: ['WEBSOCKET'] }))).rejects.toThrow(AccessDeniedException);
    await expect(participant.send(new GetTranscriptCommand({ ConnectionToken: connectionToken, MaxResults: 101 }))).rejects.toThrow(ValidationException);
    await expect(participant.send(new CreateParticipantConnectionCommand({ ParticipantToken: chat.ParticipantToken!, Type: ['WEBRTC_CONNECTION'] }))).rejects.toThrow(/not emulated/);
    // Type may be left out: the participant is marked connected, and nothing is handed out.
    const bare = await participant.send(new CreateParticipantConnectionCommand({ ParticipantToken: chat.ParticipantToken!, ConnectParticipant: true }));
    expect([bare.Websocket, bare.ConnectionCredentials]).toEqual([undefined, undefined]);
  });

  it('expires what the clock expires: the socket URL after 100 s, a customer who never connects after 5 minutes, the connection token after a day', async () => {
    fixture = await startConnectFixture();
    const { emulator, participant } = fixture;
    const first = await fixture.startChat();
    const { connectionToken, url } = await fixture.connectCustomer(first.ParticipantToken!);
    const lonely = await fixture.startChat({ ParticipantDetails: { DisplayName: 'Bo' } });

    fixture.advance(100_001);
    const [refusal] = (await once(new WebSocket(url), 'error')) as [Error];
    expect(refusal.message).toBe('Unexpected server response: 403');
    expect(emulator.calls.at(-1)).toMatchObject({ service: 'websocket', operation: 'WebSocketConnect', status: 403 });

    fixture.advance(5 * 60_000);
    await expect(participant.send(new CreateParticipantConnectionCommand({ ParticipantToken: lonely.ParticipantToken!, Type: ['WEBSOCKET'] }))).rejects.toThrow(/CUSTOMER_NEVER_CONNECTED/);
    expect(emulator.waitingContacts().map((contact) => contact.contactId)).toEqual([first.ContactId]);
    // A new URL opens again.
    const again = await fixture.connectCustomer(first.ParticipantToken!);
    await fixture.openSocket(again.url);

    fixture.advance(24 * 60 * 60_000);
    await expect(participant.send(new SendMessageCommand({ ConnectionToken: connectionToken, ContentType: 'text/plain', Content: 'late' }))).rejects.toThrow(/connection token has expired/);
  });

  it('refuses Connect API calls without a SigV4 signature for connect', async () => {
    fixture = await startConnectFixture();
    const answer = await fetch(`${fixture.emulator.url}/contact/chat`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  });
});

describe('Connect emulator: idempotency, paging, stopping, faults', () => {
  it('gives the same contact for the same ClientToken, and sends a message once per ClientToken', async () => {
    fixture = await startConnectFixture();
    const { emulator, participant } = fixture;
    const first = await fixture.startChat(handoff);
    expect(await fixture.startChat(handoff)).toMatchObject({ ContactId: first.ContactId, ParticipantId: first.ParticipantId, ParticipantToken: first.ParticipantToken });
    expect(emulator.contacts()).toHaveLength(1);
    expect((await fixture.startChat({ ...handoff, ClientToken: 'another' })).ContactId).not.toBe(first.ContactId);

    const { connectionToken } = await fixture.connectCustomer(first.ParticipantToken!);
    const message = { ConnectionToken: connectionToken, ContentType: 'text/plain', Content: 'once', ClientToken: 'message-1' };
    const sent = await participant.send(new SendMessageCommand(message));
    expect(await participant.send(new SendMessageCommand(message))).toMatchObject({ Id: sent.Id, AbsoluteTime: sent.AbsoluteTime });
    expect(emulator.contact(first.ContactId!).transcript.filter((item) => item.Content === 'once')).toHaveLength(1);
  });

  it('pages GetTranscript backward from the newest by default, forward from a start position', async () => {
    fixture = await startConnectFixture();
    const { participant } = fixture;
    const chat = await fixture.startChat();
    const { connectionToken } = await fixture.connectCustomer(chat.ParticipantToken!);
    for (let count = 1; count <= 12; count++) await participant.send(new SendMessageCommand({ ConnectionToken: connectionToken, ContentType: 'text/plain', Content: `m${count}` }));
    const contents = (items: readonly Item[] | undefined) => items?.map((item) => item.Content ?? 'joined');

    const newest = await participant.send(new GetTranscriptCommand({ ConnectionToken: connectionToken }));
    expect(contents(newest.Transcript)).toEqual(['m12', 'm11', 'm10', 'm9', 'm8', 'm7', 'm6', 'm5', 'm4', 'm3']);
    const older = await participant.send(new GetTranscriptCommand({ ConnectionToken: connectionToken, NextToken: newest.NextToken, SortOrder: 'ASCENDING' }));
    expect(contents(older.Transcript)).toEqual(['joined', 'm1', 'm2']);
    expect(older.NextToken).toBeUndefined();
    const recent = await participant.send(new GetTranscriptCommand({ ConnectionToken: connectionToken, StartPosition: { MostRecent: 1 }, SortOrder: 'ASCENDING', MaxResults: 5 }));
    expect(contents(recent.Transcript)).toEqual(['m11', 'm12']);
    await expect(participant.send(new GetTranscriptCommand({ ConnectionToken: connectionToken, NextToken: 'forged' }))).rejects.toThrow(/NextToken/);
  });

  it('stops a contact with StopContact, once', async () => {
    fixture = await startConnectFixture();
    const chat = await fixture.startChat();
    await fixture.connect.send(new StopContactCommand({ ...defaultConnectInstance, ContactId: chat.ContactId!, DisconnectReason: { Code: 'HANDOFF_CANCELLED' } }));
    expect(fixture.emulator.contact(chat.ContactId!)).toMatchObject({ state: 'ended', endReason: 'HANDOFF_CANCELLED' });
    await expect(fixture.connect.send(new StopContactCommand({ ...defaultConnectInstance, ContactId: chat.ContactId! }))).rejects.toThrow(ContactNotFoundException);
    await expect(fixture.connect.send(new StopContactCommand({ ...defaultConnectInstance, ContactId: 'no-such-contact' }))).rejects.toThrow(ResourceNotFoundException);
  });

  it('throttles and fails calls as the fault knobs say, in each service\'s own exceptions', async () => {
    fixture = await startConnectFixture({ faults: { throttleRate: 1 } });
    const { emulator, participant } = fixture;
    await expect(fixture.startChat()).rejects.toThrow(ConnectThrottlingException);
    await expect(participant.send(new SendMessageCommand({ ConnectionToken: 'x', ContentType: 'text/plain', Content: 'hi' }))).rejects.toThrow(ThrottlingException);
    emulator.setFaults({ errorRate: 1 });
    await expect(fixture.startChat()).rejects.toThrow(InternalServiceException);
    expect(emulator.calls.map((call) => [call.operation, call.fault, call.status, call.errorType])).toEqual([
      ['StartChatContact', 'throttle', 429, 'ThrottlingException'],
      ['SendMessage', 'throttle', 429, 'ThrottlingException'],
      ['StartChatContact', 'error', 500, 'InternalServiceException'],
    ]);
    emulator.setFaults({});
    expect((await fixture.startChat()).ContactId).toEqual(expect.any(String));
  });
});

describe('Connect emulator: the agent side', () => {
  it('waits for the next waiting contact without polling, and stops waiting when the emulator closes', async () => {
    fixture = await startConnectFixture();
    const { emulator } = fixture;
    const next = emulator.nextWaitingContact();
    const chat = await fixture.startChat({ ParticipantDetails: { DisplayName: 'Cy' } });
    expect(await next).toMatchObject({ contactId: chat.ContactId, customer: { displayName: 'Cy' } });
    emulator.acceptContact(chat.ContactId!);
    expect(() => emulator.acceptContact(chat.ContactId!)).toThrow(/it is connected/);
    const aborted = new AbortController();
    const cancelled = emulator.nextWaitingContact({ signal: aborted.signal });
    aborted.abort();
    await expect(cancelled).rejects.toThrow(/signal aborted/);
    const pending = emulator.nextWaitingContact();
    await fixture.close();
    await expect(pending).rejects.toThrow(/emulator closed/);
  });

  it('cuts sockets as a lost network would', async () => {
    fixture = await startConnectFixture();
    const chat = await fixture.startChat();
    const socket = await fixture.openSocket((await fixture.connectCustomer(chat.ParticipantToken!)).url);
    expect(fixture.emulator.dropConnections(chat.ContactId!)).toBe(1);
    expect(await socket.closed).toBe(1006);
  });
});
