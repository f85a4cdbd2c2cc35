/**
 * The SMS channel: customers text the program's Azure Communication Services number and the bot
 * answers by SMS; STOP, START and HELP; numbered options; notifications through `reach`.
 */

// Commonly used
export { createSmsChannel, type SmsChannel, type SmsChannelOptions, type SmsInboundEvent, type SmsReceipt, type SmsOutcome } from './create-sms-channel.js';
export { createAcsSmsSender, type AcsSmsSenderOptions } from './acs-sms-sender.js';
export { createFileSmsOptOuts, type FileSmsOptOutsOptions } from './file-sms-opt-outs.js';
export { createMemorySmsOptOuts, type SmsOptOuts, type SmsConsent } from './sms-opt-outs.js';

// Seams and settings
export type { SmsSender, SmsMessage } from './sms-sender.js';
export type { SmsChannelStats } from './sms-outbox.js';
export { smsPhrases, type SmsPhrases, type SmsPhraseOverrides } from './sms-phrases.js';
export { defaultSmsKeywords, smsKeyword, type SmsKeywords, type SmsKeyword } from './sms-keywords.js';

// The pure parts: for tests and other hosts
export { measureSms, splitSmsText, type SmsMeasure, type SmsEncoding, type SplitSmsOptions } from './sms-text.js';
export { renderSms, defaultMaxSegments, type RenderSmsOptions } from './render-sms.js';
export { numberedOptions, optionNumber, offeredOptions } from './numbered-options.js';
export { normalisePhoneNumber, maskPhoneNumber, createNumberKeys, createNumberSeal, smsConversationId } from './phone-identity.js';
