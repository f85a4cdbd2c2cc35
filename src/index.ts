/**
 * Parley: an SDK and runtime for customer-service virtual assistants.
 * Named exports only, in sections; vendor integrations live under their own subpaths.
 */

// Commonly used: define a bot and run it
export { defineBot, type BotDefinition } from './runtime/define-bot.js';
export { createBot, type Bot, type CreateBotOptions, type HandleOptions } from './runtime/create-bot.js';
// Proactive notifications: bot.notify, and how a channel reaches its customers outside a turn
export type { NotifyOptions, NotifyResult, QuietHours } from './runtime/notifications.js';
export type { ChannelReach, NotifyRefusal } from './runtime/channel-reach.js';
export type { AnnouncedOffer } from './engine/engine.js';
export type { Welcome, WelcomeOptions } from './runtime/bot-welcome.js';
export {
  defineDialog,
  dialogFromMachine,
  type DialogDefinition,
  type DialogSpec,
  type SlotOptions,
  type TaskContext,
  type ValidationResult,
  type FulfilResult,
  type Slots,
} from './engine/define-dialog.js';
export { defineIntent, defineSlotType, buildIntentModel, loadIntents, readIntents } from './content/index.js';
export type {
  ConversationView,
  Directive,
  HandoffReason,
  Message,
  QuickReply,
  SingleSlotValue,
  SlotValue,
  TurnContent,
  TurnInput,
  TurnOutput,
  ChannelAddress,
  TranscriptEntry,
  NewTranscriptEntry,
} from './core/turn.js';

// Words for customers: message templates with plurals, select, and numbers, dates and times written
// the conversation's way (pass the dialog's context: it has the locale and time zone)
export { formatMessage, type MessageFormatOptions, type MessageValue, type MessageValues } from './engine/message-format.js';

// Time: an injected clock, and helpers for date and time slots (`YYYY-MM-DD`, `HH:MM`)
export { systemClock, fixedClock, today, weekdayOf, type Clock } from './core/clock.js';

// Understanding
export type { Recognizer, Recognition, RecognizeRequest, RecognizeOptions, RecognizedIntent, Entity, Expectation, UnlistedValue, Sentiment } from './nlu/recognizer.js';
export { createLocalRecognizer, trainLocalModel, type LocalRecognizerOptions, type TrainedLocalModel } from './nlu/local/index.js';
// The trained local recognizer in a file (what `parley build` writes), loaded at start instead of training.
export {
  readModelArtefact,
  writeModelArtefact,
  modelArtefactKey,
  modelArtefactFile,
  type ModelArtefact,
} from './runtime/model-artefact.js';
export { loadOrTrainModel, type ModelCacheOptions, type ModelCacheEvent, type LoadedModel } from './runtime/model-cache.js';
// Amazon Lex V2: the AWS SDK loads on the first call, not with `parley`.
export { createLexV2Recognizer, readLexV2Details, type LexV2RecognizerOptions, type LexV2Details } from './nlu/lex-v2/index.js';
// Azure CLU: the Azure SDK loads on the first call, not with `parley`.
export { createCluRecognizer, type CluRecognizerOptions } from './nlu/azure-clu/index.js';
export {
  createRouter,
  parsePolicy,
  fitCalibration,
  type Router,
  type RouterOptions,
  type RoutedRecognition,
  type PolicyInput,
  type Strategy,
  type ProviderSettings,
  type Calibration,
  type CalibrationPoint,
  type RouteTrace,
  type Attempt,
  type ShadowComparison,
} from './nlu/router/index.js';
// Understanding from config (the `nlu` section): providers, router settings and policy to a Recognizer.
export {
  createRecognizerFromConfig,
  parseNluConfig,
  loadNluConfigFile,
  type RecognizerFromConfigOptions,
  type NluConfig,
  type NluConfigInput,
} from './nlu/config/index.js';
export type {
  IntentModel,
  LocaleModel,
  Intent,
  Slot,
  SlotType,
  SlotTypeValue,
  Utterance,
  UtterancePart,
  Prompt,
  RepairRole,
} from './content/intent-model.js';

// Conversation stores
export { createMemoryStore, createFileStore, type ConversationStore, type StoredConversation, type FileStore, type FileStoreOptions, type MemoryStore, type MemoryStoreOptions } from './state/index.js';
export { createDynamoDbStore, createDynamoDbTable, type DynamoDbStore, type DynamoDbStoreOptions, type DynamoDbRequest, type CreatedDynamoDbTable } from './state/index.js';

// Handing over to a person: the envelope every provider carries (reason, queue, task, redacted transcript, summary)
export {
  buildHandoffEnvelope,
  envelopeAttributes,
  attributesBytes,
  envelopeAttributeNames,
  connectAttributesLimit,
  lexAttributesLimit,
  type HandoffEnvelope,
  type EnvelopeLine,
  type EnvelopeAttributesOptions,
} from './handoff/index.js';
export type { HandoffProvider, AgentHandle, AgentEvent, FollowOptions } from './handoff/handoff-provider.js';
export { DeskHandoffError, type AgentDeskSide, type DeskHandoff } from './handoff/agent-desk-side.js';
export { createConnectChatProvider, type ConnectChatProviderOptions } from './handoff/amazon-connect/connect-chat-provider.js';
export { createLocalRelay, type LocalRelay, type LocalRelayOptions } from './handoff/local-relay/local-relay.js';
export { redactText, type Redactor, type PiiKind } from './insights/redact-text.js';

// Advanced: raw xstate machines as dialogs, and the engine on its own
export { say, handoff, type DialogInput, type DialogEvent, type DialogOutput, type ConversationContext, type TaskSummary, type TaskChange } from './engine/dialog-protocol.js';
export { createEngine, type Engine, type EngineOptions, type StepOutput, type TurnContext, type TaskInHand } from './engine/engine.js';
export type { ConversationState } from './engine/conversation-state.js';
export type { EngineMessages } from './engine/engine-messages.js';
export { readYesNo, readExactYesNo } from './engine/yes-no.js';

// Errors
export {
  ParleyError,
  ConfigurationError,
  IntentFileError,
  ProviderCallError,
  ChannelPayloadError,
  StateConflictError,
  StateCorruptError,
  DialogDefinitionError,
  DialogFailedError,
  MessageTemplateError,
  ConversationBusyError,
  ConversationNotFoundError,
  IdempotencyKeyReusedError,
  StoreFullError,
  StateTooLargeError,
  type DialogFailureStage,
  type ParleyErrorCode,
  type IntentFileProblem,
} from './core/errors.js';
