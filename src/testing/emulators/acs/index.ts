// The Azure Communication Services emulator (identity, chat, SMS, Event Grid delivery), exported from parley-sdk/testing.
export { startAcsEmulator, defaultAcsPhoneNumber, type AcsEmulator, type AcsEmulatorOptions } from './acs-emulator.js';
export type { AcsEmulatorUser } from './resource-side.js';
export type { AcsEmulatorThread, AcsEmulatorMessage } from './chat-views.js';
export type { AcsEmulatorCall } from './handle-acs-request.js';
export type { AcsSentSms } from './sms-api.js';
export type { AcsChatLimits, SendRateLimit as AcsSendRateLimit } from './chat-limits.js';
export { defaultChatLimits as defaultAcsChatLimits } from './chat-limits.js';
export { acsEventType, type AcsEvent, type EventSchema as AcsEventSchema } from './acs-events.js';
export type { AcsEventSubscription, AcsEventSubscriptionOptions, AcsEventDelivery } from './event-grid.js';
export type { TokenScope as AcsTokenScope } from './identity-store.js';
export { smsSegmentCount } from './sms-segments.js';
export { routerEventType as acsRouterEventType } from './router-events.js';
export type { AcsEmulatorJobRouter, AcsEmulatorRouterJob, AcsEmulatorRouterOffer } from './router-side.js';
