/**
 * The Bot Framework channel: Azure Bot Service, Teams and Web Chat (Direct Line) through botbuilder's
 * CloudAdapter.
 */

// Commonly used
export { createBotFrameworkApp, type BotFrameworkAppOptions } from './create-bot-framework-app.js';
export type { BotFrameworkAuth } from './activity-adapter.js';

// Advanced: other clouds, offline tests
export type { BotFrameworkEndpoints } from './bot-framework-endpoints.js';

// For tests and other hosts: the pure mappings
export { parseActivity, cardSubmitEvent, type ParsedActivity, type ParseActivityOptions, type IgnoreReason } from './parse-activity.js';
export { renderActivities, handoffEnvelopeContentType, type HandoffContext } from './render-activities.js';
export { conversationIdOf } from './conversation-id.js';
export type { BotFrameworkErrorCode } from './activity-answer.js';
