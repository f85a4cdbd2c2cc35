/**
 * The Connect emulator on a clock the test moves, the real ConnectClient and ConnectParticipantClient
 * pointed at it (fake keys, no retries), and a real WebSocket client (`ws`) for the chat's socket.
 * Nothing of the SDKs is mocked.
 */
import { once } from 'node:events';
import { ConnectClient, StartChatContactCommand, type StartChatContactCommandInput } from '@aws-sdk/client-connect';
import { ConnectParticipantClient, CreateParticipantConnectionCommand } from '@aws-sdk/client-connectparticipant';
import { startConnectEmulator, type ConnectChatItem, type ConnectEmulatorOptions } from 'parley-sdk/testing';
import WebSocket from 'ws';

const credentials = { accessKeyId: 'AKIDFAKEFAKEFAKE', secretAccessKey: 'fake-secret' };
export const startedAt = Date.parse('2030-03-04T09:00:00.000Z');

export async function startConnectFixture(options: ConnectEmulatorOptions = {}) {
  let now = startedAt;
  const emulator = await startConnectEmulator({ now: () => new Date(now), ...options });
  const client = { region: 'us-east-1', endpoint: emulator.url, credentials, maxAttempts: 1 };
  const connect = new ConnectClient(client);
  const participant = new ConnectParticipantClient(client);
  const sockets: ChatSocket[] = [];
  return {
    emulator,
    connect,
    participant,
    /** Moves the emulator's clock on. */
    advance(ms: number) {
      now += ms;
    },
    /** A chat started as Parley's handoff starts one. */
    startChat(input: Partial<StartChatContactCommandInput> = {}) {
      return connect.send(new StartChatContactCommand({ ...emulator.instance, ParticipantDetails: { DisplayName: 'Ada' }, ...input }));
    },
    /** The customer's connection: its token and WebSocket URL. */
    async connectCustomer(participantToken: string) {
      const connection = await participant.send(new CreateParticipantConnectionCommand({ ParticipantToken: participantToken, Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'], ConnectParticipant: true }));
      return { connectionToken: connection.ConnectionCredentials!.ConnectionToken!, url: connection.Websocket!.Url!, connection };
    },
    /** Opens the socket and subscribes to `aws/chat`, as chatjs does. */
    async openSocket(url: string, { subscribe = true } = {}) {
      const socket = await openChatSocket(url);
      sockets.push(socket);
      if (subscribe) {
        socket.send({ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } });
        await socket.next((frame) => frame.topic === 'aws/subscribe');
      }
      return socket;
    },
    async close() {
      for (const socket of sockets) socket.socket.terminate();
      connect.destroy();
      participant.destroy();
      await emulator.close();
    },
  };
}

export type Frame = Record<string, unknown> & { topic?: string };

export interface ChatSocket {
  socket: WebSocket;
  send(frame: unknown): void;
  /** The first frame not yet taken that matches, now or when it arrives. */
  next(match: (frame: Frame) => boolean): Promise<Frame>;
  /** The next chat item (the `aws/chat` frame's content, parsed) that matches. */
  nextItem(match?: (item: SocketItem) => boolean): Promise<SocketItem>;
  closed: Promise<number>;
}

export type SocketItem = ConnectChatItem & { InitialContactId: string; ContactId: string };

/** A WebSocket client on a chat URL that keeps what arrives, for `next` to take in order. */
export async function openChatSocket(url: string): Promise<ChatSocket> {
  const socket = new WebSocket(url);
  const frames: Frame[] = [];
  const taken = new Set<Frame>();
  const waiting: Array<{ match: (frame: Frame) => boolean; resolve: (frame: Frame) => void }> = [];
  const take = (frame: Frame) => {
    const waiter = waiting.find((candidate) => candidate.match(frame));
    if (!waiter) return;
    taken.add(frame);
    waiting.splice(waiting.indexOf(waiter), 1);
    waiter.resolve(frame);
  };
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Frame;
    frames.push(frame);
    take(frame);
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code: number) => resolve(code)));
  await once(socket, 'open');
  const next = (match: (frame: Frame) => boolean) =>
    new Promise<Frame>((resolve) => {
      const ready = frames.find((frame) => !taken.has(frame) && match(frame));
      if (!ready) return waiting.push({ match, resolve });
      taken.add(ready);
      resolve(ready);
    });
  return {
    socket,
    send: (frame) => socket.send(JSON.stringify(frame)),
    next,
    async nextItem(match = () => true) {
      const isItem = (frame: Frame) => frame.topic === 'aws/chat' && match(JSON.parse(frame.content as string) as SocketItem);
      return JSON.parse((await next(isItem)).content as string) as SocketItem;
    },
    closed,
  };
}
