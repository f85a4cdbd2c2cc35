/**
 * The Event Grid webhook ACS channels (chat, SMS) receive their events through.
 */
export { createEventGridApp, type EventGridAppOptions, type GridEventHandler } from './create-event-grid-app.js';
export { eventGridAuth, secretHeader, type EventGridAuthOptions, type EntraOptions, type AuthVerdict } from './event-grid-auth.js';
export { parseDelivery, field, validationEventType, maxEventsPerDelivery, type GridEvent, type ParsedDelivery } from './event-grid-events.js';
