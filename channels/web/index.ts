/** The web chat channel: `createWebChatApp({ bot })` is a hono app to mount at `/`. */
export { createWebChatApp, defaultWebChatLimits, type WebChatOptions, type WebChatLimits } from './create-web-chat-app.js';
export { createConversationTokens, type ConversationTokens, type ConversationTokenOptions, type TokenCheck } from './conversation-tokens.js';
export type { WebChatErrorBody, WebChatErrorCode } from './api-errors.js';
export type { TurnReply, Track } from './conversation-turns.js';
export type { MessageBody, StartBody } from './message-payloads.js';
