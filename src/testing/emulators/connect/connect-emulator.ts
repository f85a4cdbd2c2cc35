/**
 * A local Amazon Connect for chat handoffs, on one HTTP/1.1 address: the Connect API's
 * StartChatContact and StopContact, the Connect Participant Service (CreateParticipantConnection,
 * SendMessage, SendEvent, GetTranscript, DisconnectParticipant) and the chat's WebSocket, so the real
 * ConnectClient and ConnectParticipantClient talk to it unchanged. The agent side (accept, write,
 * end) is methods on the emulator, for tests, and the console of `parley emulate connect`.
 *
 * Where the documented behaviour left a choice, the emulator makes the stricter one: a StopContact of
 * an ended chat answers ContactNotFoundException; a participant who has left (or whose chat has
 * ended) is denied every write, though GetTranscript works until the ConnectionToken expires.
 * Faults apply to HTTP calls, not to the WebSocket (`dropConnections` cuts those).
 */
import { setMaxListeners } from 'node:events';
import { createServer, type Server } from 'node:http';
import { createFaultPlan, type EmulatorFaults } from '../faults.js';
import { createAgentSide, type AgentSide } from './agent-side.js';
import { createChatSockets } from './chat-sockets.js';
import { createChatStore } from './chat-store.js';
import { sendError, WireError } from './connect-wire.js';
import { handleConnectRequest, type ConnectEmulatorCall } from './handle-connect-request.js';
import type { SocketGrant } from './participant-api.js';
import { listenLocally } from '../listen-locally.js';

/** An Amazon Connect instance the emulator holds, and the contact flows a chat may start in. */
export interface ConnectEmulatorInstance {
  instanceId: string;
  contactFlowIds: string[];
}

export interface ConnectEmulatorOptions {
  /** Default: one instance, `defaultConnectInstance`, with its one flow. */
  instances?: ConnectEmulatorInstance[];
  /** Default 0: a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  faults?: EmulatorFaults;
  /** The service's clock: timestamps, token expiry, chat duration (default: the machine's). */
  now?: () => Date;
}

export interface ConnectEmulator extends AgentSide {
  /** `http://127.0.0.1:PORT`: the `endpoint` of both a `ConnectClient` and a `ConnectParticipantClient`. */
  readonly url: string;
  /** The first instance and its first flow, named as StartChatContact takes them: `{ ...emulator.instance, ParticipantDetails }`. */
  readonly instance: { InstanceId: string; ContactFlowId: string };
  /** Every HTTP request, WebSocket upgrade and WebSocket frame from a client, oldest first. */
  readonly calls: readonly ConnectEmulatorCall[];
  setFaults(faults: EmulatorFaults): void;
  /** Cuts the chat WebSockets (of one contact, or all) as a lost network would; returns how many. */
  dropConnections(contactId?: string): number;
  /** Ends hanging calls and open sockets, rejects waits for contacts, then stops listening. */
  close(): Promise<void>;
}

/**
 * The instance and flow an emulator holds when given no `instances`.
 *
 * @example
 * await connect.send(new StartChatContactCommand({ ...defaultConnectInstance, ParticipantDetails: { DisplayName: 'Ada' } }));
 */
export const defaultConnectInstance = { InstanceId: 'c0ffee00-0000-4000-8000-000000000001', ContactFlowId: 'c0ffee00-0000-4000-8000-0000000f1001' } as const;

/**
 * Starts the emulator. Point the real SDK clients at `url` with fake credentials; nothing is mocked.
 *
 * @example
 * const emulator = await startConnectEmulator();
 * const connect = new ConnectClient({ region: 'us-east-1', endpoint: emulator.url, credentials });
 * const chat = await connect.send(new StartChatContactCommand({ ...defaultConnectInstance, ParticipantDetails: { DisplayName: 'Ada' } }));
 * const waiting = await emulator.nextWaitingContact();
 * emulator.acceptContact(waiting.contactId, { agentName: 'Sam' });
 * await emulator.close();
 */
export async function startConnectEmulator(options: ConnectEmulatorOptions = {}): Promise<ConnectEmulator> {
  const instances = options.instances ?? [{ instanceId: defaultConnectInstance.InstanceId, contactFlowIds: [defaultConnectInstance.ContactFlowId] }];
  const first = instances[0];
  if (!first?.contactFlowIds[0]) throw new RangeError('startConnectEmulator: instances must list at least one instance with at least one contact flow id');
  const store = createChatStore(new Map(instances.map((instance) => [instance.instanceId, new Set(instance.contactFlowIds)])), options.now ?? (() => new Date()));
  const plan = createFaultPlan(options.faults);
  const calls: ConnectEmulatorCall[] = [];
  const closing = new AbortController();
  // Every call waiting out its latency listens for the close: many at once is normal here.
  setMaxListeners(0, closing.signal);
  const socketGrants = new Map<string, SocketGrant>();
  const sockets = createChatSockets(store, socketGrants, (socketCall) => calls.push({ service: 'websocket', method: 'GET', body: undefined, ...socketCall }));

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const call: ConnectEmulatorCall = { service: 'connect', operation: 'Unknown', method: request.method ?? 'GET', path: url.pathname, headers: { ...request.headers }, body: undefined };
    calls.push(call);
    response.on('finish', () => {
      call.status = response.statusCode;
      const errorType = response.getHeader('x-amzn-errortype');
      if (typeof errorType === 'string') call.errorType = errorType;
    });
    handleConnectRequest(request, response, call, { store, plan, closing: closing.signal, socketGrants }).catch((error: unknown) => {
      sendError(response, error instanceof WireError ? error : new WireError(500, 'InternalServiceException', `the emulator failed: ${String(error)}`));
    });
  });
  server.on('upgrade', (request, socket, head: Buffer) => sockets.handleUpgrade(request, socket, head));
  const url = await listenLocally(server, options);

  return {
    url,
    instance: { InstanceId: first.instanceId, ContactFlowId: first.contactFlowIds[0] },
    calls,
    setFaults: (faults) => plan.set(faults),
    dropConnections: (contactId) => sockets.drop(contactId),
    ...createAgentSide(store, closing.signal),
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        sockets.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
