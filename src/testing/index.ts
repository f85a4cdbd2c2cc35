/**
 * parley/testing: the harness for dialog unit tests, the conversation-test runner, and (later) the
 * wire-compatible emulators of the cloud services.
 */

// Commonly used
export { testBot, type BotTest } from './test-bot.js';
export type { ReplyMatcher } from './reply-matcher.js';
export type { StateExpectation } from './state-expectation.js';

// Conversation tests (YAML)
export {
  loadConversationTests,
  parseConversationTests,
  findTestFiles,
  type ConversationTest,
  type ConversationStep,
} from './conversation-test-file.js';
export {
  runConversationTest,
  runConversationTests,
  formatConversationResults,
  type ConversationTestResult,
  type ConversationTestOptions,
} from './run-conversation-tests.js';

// Emulators
export {
  startLexRuntimeEmulator,
  defaultLexBot,
  type LexRuntimeEmulator,
  type LexRuntimeEmulatorOptions,
  type LexEmulatorBot,
  type LexEmulatorCall,
  defaultCodeHookTimeoutMs,
  LexCodeHookInvocationError,
  createLambdaEndpointCodeHook,
  type LexCodeHook,
  type LexCodeHookContext,
  type LexCodeHookInvocation,
} from './emulators/lex-runtime/index.js';
export {
  startCluEmulator,
  cluApiVersions,
  type CluEmulator,
  type CluEmulatorOptions,
  type CluEmulatorProject,
  type CluEmulatorCall,
  type CluJobKind,
} from './emulators/clu/index.js';
export {
  startLexModelsEmulator,
  type LexModelsEmulator,
  type LexModelsEmulatorOptions,
  type LexModelsEmulatorCall,
  type LexModelsOperation,
  type LexModelsErrorName,
  type LexModelsSnapshot,
  type LexModelsSnapshotBot,
  type FailNextOptions,
} from './emulators/lex-models/index.js';
export {
  startBotFrameworkTokenEmulator,
  signJwt,
  type BotFrameworkTokenEmulator,
  type BotFrameworkTokenEmulatorOptions,
  type BotFrameworkTokenEmulatorCall,
  type MintChannelTokenOptions,
  type JwtSigner,
} from './emulators/bot-framework/index.js';
export {
  startConnectEmulator,
  defaultConnectInstance,
  connectChatEventType,
  type ConnectEmulator,
  type ConnectEmulatorOptions,
  type ConnectEmulatorInstance,
  type ConnectEmulatorContact,
  type ConnectEmulatorCall,
  type ConnectChatItem,
  type ConnectParticipantRole,
} from './emulators/connect/index.js';
export {
  startAcsEmulator,
  defaultAcsPhoneNumber,
  defaultAcsChatLimits,
  acsEventType,
  acsRouterEventType,
  smsSegmentCount,
  type AcsEmulator,
  type AcsEmulatorOptions,
  type AcsEmulatorUser,
  type AcsEmulatorThread,
  type AcsEmulatorMessage,
  type AcsEmulatorCall,
  type AcsSentSms,
  type AcsChatLimits,
  type AcsSendRateLimit,
  type AcsEvent,
  type AcsEventSchema,
  type AcsEventSubscription,
  type AcsEventSubscriptionOptions,
  type AcsEventDelivery,
  type AcsTokenScope,
  type AcsEmulatorJobRouter,
  type AcsEmulatorRouterJob,
  type AcsEmulatorRouterOffer,
} from './emulators/acs/index.js';
export type { EmulatorFaults } from './emulators/faults.js';

// Advanced
export { TestSession, type SessionOptions } from './test-session.js';
export { fixedClock } from '../core/clock.js';
