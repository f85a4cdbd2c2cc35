/** The web chat channel: `createWebChatApp({ bot, hub })` is a hono app to mount at `/`. */
export { createWebChatApp, type WebChatOptions } from './create-web-chat-app.js';
export type { WebChatErrorBody, WebChatErrorCode } from './api-errors.js';
export type { TurnReply, Track } from './conversation-turns.js';
export type { MessageBody, StartBody } from './message-payloads.js';
