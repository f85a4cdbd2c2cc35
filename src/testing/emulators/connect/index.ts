// The Amazon Connect chat emulator (Connect API, participant service, WebSocket, agent side), exported from parley-sdk/testing.
export {
  startConnectEmulator,
  defaultConnectInstance,
  type ConnectEmulator,
  type ConnectEmulatorOptions,
  type ConnectEmulatorInstance,
} from './connect-emulator.js';
export type { ConnectEmulatorContact } from './agent-side.js';
export type { ConnectEmulatorCall } from './handle-connect-request.js';
export type { ChatItem as ConnectChatItem, ParticipantRole as ConnectParticipantRole } from './chat-items.js';
export { chatEventType as connectChatEventType } from './chat-items.js';
