/**
 * The Connect API's chat operations: StartChatContact (`PUT /contact/chat`), which starts a chat and
 * hands back the customer's ParticipantToken, and StopContact (`POST /contact/stop`). Checked as the
 * API reference states: field constraints answer InvalidParameterException, what the emulator's
 * instance does not hold ResourceNotFoundException, the same ClientToken the same contact.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { chatEvent, chatEventType, chatMessage, messageContentTypes, supportableContentTypes } from './chat-items.js';
import { addItem, announce, defaultChatDurationMinutes, endChat, settle, type ChatContact, type ChatStore } from './chat-store.js';
import { byteLength, checkRequest, connectError, type Checker, type WireAnswer } from './connect-wire.js';

/** Limits from the API reference: 32,768 UTF-8 bytes across all attributes, 16,384 bytes a message. */
export const chatLimits = { attributeBytes: 32_768, messageBytes: 16_384, displayName: 256 } as const;

const attributeKey = /^[A-Za-z0-9_-]+$/;
const invalidParameter = (message: string) => connectError('InvalidParameterException', message);

type Body = Record<string, unknown>;
const objectOf = (value: unknown): Body => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Body) : {});

export function startChatContact(store: ChatStore, body: Body): WireAnswer {
  checkRequest((check) => checkStartChat(check, body), invalidParameter);
  const instanceId = body.InstanceId as string;
  const contactFlowId = body.ContactFlowId as string;
  const flows = store.instances.get(instanceId);
  if (!flows) throw connectError('ResourceNotFoundException', `Instance ${instanceId} not found (the emulator's instances: ${[...store.instances.keys()].join(', ')})`);
  if (!flows.has(contactFlowId)) throw connectError('ResourceNotFoundException', `Contact flow ${contactFlowId} not found in instance ${instanceId} (its flows: ${[...flows].join(', ')})`);

  const clientToken = typeof body.ClientToken === 'string' ? `${instanceId}\n${body.ClientToken}` : undefined;
  const earlier = clientToken === undefined ? undefined : store.startedWith.get(clientToken);
  if (earlier) return startAnswer(earlier);

  const supported = (body.SupportedMessagingContentTypes as string[] | undefined) ?? ['text/plain'];
  if (!supported.includes('text/plain')) throw connectError('InvalidRequestException', 'SupportedMessagingContentTypes must include text/plain');
  const initial = body.InitialMessage === undefined ? undefined : (body.InitialMessage as { ContentType: string; Content: string });
  if (initial && !supported.includes(initial.ContentType)) {
    throw connectError('InvalidRequestException', `InitialMessage.ContentType ${initial.ContentType} is not among SupportedMessagingContentTypes (${supported.join(', ')})`);
  }
  if (body.PersistentChat !== undefined) throw connectError('InvalidRequestException', 'PersistentChat is not emulated: start the chat without it');

  const now = store.now();
  const contact: ChatContact = {
    contactId: randomUUID(),
    instanceId,
    contactFlowId,
    attributes: { ...(body.Attributes as Record<string, string> | undefined) },
    ...(initial ? { initialMessage: { contentType: initial.ContentType, content: initial.Content } } : {}),
    supportedContentTypes: supported,
    startedAt: now,
    expiresAt: now + ((body.ChatDurationInMinutes as number | undefined) ?? defaultChatDurationMinutes) * 60_000,
    state: 'waiting',
    customer: {
      participantId: randomUUID(),
      displayName: objectOf(body.ParticipantDetails).DisplayName as string,
      role: 'CUSTOMER',
      participantToken: randomBytes(48).toString('base64url'),
      connected: false,
    },
    items: [],
  };
  store.contacts.set(contact.contactId, contact);
  store.participantTokens.set(contact.customer.participantToken, contact);
  if (clientToken !== undefined) store.startedWith.set(clientToken, contact);
  addItem(store, contact, chatEvent(chatEventType.participantJoined, now, contact.customer));
  if (initial) addItem(store, contact, chatMessage(contact.customer, initial.ContentType, initial.Content, now));
  announce(store, { kind: 'started', contact });
  return startAnswer(contact);
}

function startAnswer(contact: ChatContact): WireAnswer {
  return { status: 200, body: { ContactId: contact.contactId, ParticipantId: contact.customer.participantId, ParticipantToken: contact.customer.participantToken } };
}

function checkStartChat(check: Checker, body: Body): void {
  if (check.required('instanceId', body.InstanceId)) check.text('instanceId', body.InstanceId, { min: 1, max: 100 });
  if (check.required('contactFlowId', body.ContactFlowId)) check.text('contactFlowId', body.ContactFlowId, { min: 1, max: 500 });
  if (check.required('participantDetails', body.ParticipantDetails)) {
    const name = objectOf(body.ParticipantDetails).DisplayName;
    if (check.required('participantDetails.displayName', name)) check.text('participantDetails.displayName', name, { min: 1, max: chatLimits.displayName });
  }
  checkAttributes(check, body.Attributes);
  if (body.InitialMessage !== undefined) {
    const message = objectOf(body.InitialMessage);
    if (check.required('initialMessage.contentType', message.ContentType)) check.oneOf('initialMessage.contentType', message.ContentType, messageContentTypes);
    if (check.required('initialMessage.content', message.Content)) checkContent(check, 'initialMessage.content', message.Content);
  }
  check.text('clientToken', body.ClientToken, { max: 500 });
  check.number('chatDurationInMinutes', body.ChatDurationInMinutes, 60, 10_080);
  check.list('supportedMessagingContentTypes', body.SupportedMessagingContentTypes, 1, supportableContentTypes.length).forEach((type, index) =>
    check.oneOf(`supportedMessagingContentTypes.${index + 1}.member`, type, supportableContentTypes),
  );
}

/** A flat map of strings with keys of letters, digits, `-` and `_`, at most 32,768 bytes in all. */
function checkAttributes(check: Checker, attributes: unknown): void {
  if (attributes === undefined) return;
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) return check.problem("Value at 'attributes' failed to satisfy constraint: Member must be a map of strings");
  let bytes = 0;
  for (const [key, value] of Object.entries(attributes)) {
    if (!attributeKey.test(key)) check.problem(`Attribute key '${key}' failed to satisfy constraint: keys hold only letters, digits, '-' and '_'`);
    if (typeof value !== 'string') check.problem(`Value at 'attributes.${key}' failed to satisfy constraint: Member must be a string`);
    else bytes += byteLength(key) + byteLength(value);
  }
  if (bytes > chatLimits.attributeBytes) {
    check.problem(`Value at 'attributes' failed to satisfy constraint: the keys and values add up to ${bytes} UTF-8 bytes; a contact holds at most ${chatLimits.attributeBytes}`);
  }
}

/** Message content: 1 to 16,384 UTF-8 bytes. */
export function checkContent(check: Checker, field: string, content: unknown): void {
  if (typeof content !== 'string' || content.length === 0 || byteLength(content) > chatLimits.messageBytes) {
    const size = typeof content === 'string' ? `${byteLength(content)} bytes` : JSON.stringify(content);
    check.problem(`Value at '${field}' failed to satisfy constraint: Member must be 1 to ${chatLimits.messageBytes} UTF-8 bytes (got ${size})`);
  }
}

export function stopContact(store: ChatStore, body: Body): WireAnswer {
  checkRequest((check) => {
    if (check.required('contactId', body.ContactId)) check.text('contactId', body.ContactId, { min: 1, max: 256 });
    if (check.required('instanceId', body.InstanceId)) check.text('instanceId', body.InstanceId, { min: 1, max: 100 });
  }, invalidParameter);
  const instanceId = body.InstanceId as string;
  if (!store.instances.has(instanceId)) throw connectError('ResourceNotFoundException', `Instance ${instanceId} not found`);
  const found = store.contacts.get(body.ContactId as string);
  if (!found || found.instanceId !== instanceId) throw connectError('ResourceNotFoundException', `Contact ${String(body.ContactId)} not found in instance ${instanceId}`);
  const contact = settle(store, found);
  if (contact.state === 'ended') throw connectError('ContactNotFoundException', `Contact ${contact.contactId} is not active: it ended (${contact.endReason})`);
  const code = objectOf(body.DisconnectReason).Code;
  endChat(store, contact, typeof code === 'string' ? code : 'API');
  return { status: 200, body: {} };
}
