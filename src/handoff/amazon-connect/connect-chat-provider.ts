/**
 * Handoff to a person in an Amazon Connect queue from a channel outside Connect (web chat, Bot
 * Framework): `StartChatContact` opens an agent chat whose contact attributes are the envelope and
 * whose first message is its summary and transcript; the customer's later messages go to the agent
 * through the Connect participant service, and the agent's come back over its WebSocket (with the
 * chat's transcript read to catch up after a reconnect or a restart). The AWS SDK and the WebSocket
 * client load on the first handoff.
 */
import { createHash } from 'node:crypto';
import { connectAttributesLimit, envelopeAttributes, transcriptText } from '../envelope-attributes.js';
import type { HandoffEnvelope } from '../handoff-envelope.js';
import type { AgentHandle, HandoffProvider } from '../handoff-provider.js';
import { agentEventsOf, followConnectChat, readTranscript } from './follow-connect-chat.js';

export interface ConnectChatProviderOptions {
  /** The Connect instance's id (the last part of its ARN). */
  instanceId: string;
  /** The flow the chat starts in: one that sets the working queue from `$.Attributes.parley_queue` and transfers. */
  contactFlowId: string;
  /** Default: the AWS SDK's (AWS_REGION). */
  region?: string;
  /** Default: Connect's own; an emulator's URL in tests. The participant service is reached at the same host then. */
  endpoint?: string;
  /** Default: the AWS SDK's credential chain (the instance role on AWS). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** The customer's name as the agent sees it (default `Customer`). */
  customerName?: string;
  /** How long the chat may last, 60–10080 minutes (default: Connect's, 25 hours). */
  chatDurationMinutes?: number;
  /**
   * How long one call to Connect may take (default 5 s): a handoff turn waits for two, a relayed message
   * for one, so a Connect that does not answer costs the customer seconds, not the turn.
   */
  timeoutMs?: number;
}

const defaultTimeoutMs = 5000;
/** Connect takes at most 16 KB in a chat's first message. */
const initialMessageLimit = 16_384;

/**
 * @example
 * const handoff = createConnectChatProvider({ instanceId: '…', contactFlowId: '…', region: 'us-east-1' });
 * const bot = await createBot(definition, { handoff });
 */
export function createConnectChatProvider(options: ConnectChatProviderOptions): HandoffProvider {
  const clients = lazyClients(options);
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const limited = () => ({ abortSignal: AbortSignal.timeout(timeoutMs) });
  return {
    name: 'amazon-connect',
    async open(envelope) {
      const { connect, participant, sdk } = await clients();
      const started = await connect.send(
        new sdk.connect.StartChatContactCommand({
          InstanceId: options.instanceId,
          ContactFlowId: options.contactFlowId,
          ParticipantDetails: { DisplayName: options.customerName ?? 'Customer' },
          Attributes: envelopeAttributes(envelope, { maxBytes: connectAttributesLimit }),
          InitialMessage: { ContentType: 'text/plain', Content: initialMessage(envelope) },
          // The same handoff opened twice (a retried turn) is one chat.
          ClientToken: createHash('sha256').update(`${envelope.conversationId}|${envelope.at}`).digest('hex'),
          ...(options.chatDurationMinutes ? { ChatDurationInMinutes: options.chatDurationMinutes } : {}),
        }),
        limited(),
      );
      const connection = await participant.send(new sdk.participant.CreateParticipantConnectionCommand({ ParticipantToken: started.ParticipantToken!, Type: ['CONNECTION_CREDENTIALS'], ConnectParticipant: true }), limited());
      return { contactId: started.ContactId!, participantToken: started.ParticipantToken!, connectionToken: connection.ConnectionCredentials!.ConnectionToken! };
    },
    async send(handle, text, clientToken) {
      const { participant, sdk } = await clients();
      await participant.send(new sdk.participant.SendMessageCommand({ ConnectionToken: token(handle, 'connectionToken'), ContentType: 'text/plain', Content: text, ClientToken: clientToken }), limited());
    },
    async history(handle, after) {
      const { participant, sdk } = await clients();
      const items = await readTranscript({ participant, sdk: sdk.participant, connectionToken: token(handle, 'connectionToken'), signal: AbortSignal.timeout(timeoutMs) }, after);
      return agentEventsOf(items);
    },
    async follow(handle, follow) {
      const { participant, sdk } = await clients();
      return followConnectChat({ participant, sdk: sdk.participant, participantToken: token(handle, 'participantToken'), connectionToken: token(handle, 'connectionToken'), ...follow });
    },
    async close(handle) {
      const { participant, sdk } = await clients();
      await participant.send(new sdk.participant.DisconnectParticipantCommand({ ConnectionToken: token(handle, 'connectionToken') }), limited());
    },
  };
}

/** The envelope's summary, then as much of its transcript as Connect takes in a first message. */
function initialMessage(envelope: HandoffEnvelope): string {
  const head = envelope.summary;
  const room = initialMessageLimit - Buffer.byteLength(head) - 2;
  const transcript = room > 0 ? transcriptText(envelope.transcript, room) : '';
  return transcript ? `${head}\n\n${transcript}` : head.slice(0, initialMessageLimit / 4);
}

function token(handle: AgentHandle, name: 'participantToken' | 'connectionToken'): string {
  const value = handle[name];
  if (!value) throw new Error(`the Connect handoff is missing its ${name}`);
  return value;
}

type Sdk = {
  connect: typeof import('@aws-sdk/client-connect');
  participant: typeof import('@aws-sdk/client-connectparticipant');
};

/** The clients, made on the first handoff: a bot that never hands off never loads the SDK. */
function lazyClients(options: ConnectChatProviderOptions) {
  let made: Promise<{ connect: InstanceType<Sdk['connect']['ConnectClient']>; participant: InstanceType<Sdk['participant']['ConnectParticipantClient']>; sdk: Sdk }> | undefined;
  return () =>
    (made ??= (async () => {
      const [connect, participant] = await Promise.all([import('@aws-sdk/client-connect'), import('@aws-sdk/client-connectparticipant')]);
      const config = {
        ...(options.region ? { region: options.region } : {}),
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        ...(options.credentials ? { credentials: options.credentials } : {}),
      };
      return { connect: new connect.ConnectClient(config), participant: new participant.ConnectParticipantClient(config), sdk: { connect, participant } };
    })());
}
