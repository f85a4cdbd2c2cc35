/** Parley's agent desk: `createAgentDeskApp({ bot, desk, token, … })` is a hono app to mount at `/agent-desk`. */
export { createAgentDeskApp, type AgentDeskOptions } from './create-agent-desk-app.js';
export type { AgentDeskErrorBody, AgentDeskErrorCode } from './desk-errors.js';
export type { DeskHandoffView } from './desk-handoffs.js';
export type { DeskEntry } from './desk-event-stream.js';
