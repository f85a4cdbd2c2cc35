/**
 * parley-sdk/acs: Azure Communication Services for a Parley bot — ACS chat and SMS behind one Event
 * Grid webhook (`createAcsApp`), the pieces it is made of, and handoff to people in ACS chat.
 */

// Commonly used
export { createAcsApp, smsReceivedEvent, type AcsAppOptions } from './create-acs-app.js';
export { createAcsChatProvider, type AcsChatProvider, type AcsChatProviderOptions, type AcsAgent, type AcsJobRouterOptions } from '../../src/handoff/azure-acs/acs-chat-provider.js';

// The ACS chat channel and its Event Grid webhook, for other hosts
export { createAcsChatChannel, acsChatChannel, type AcsChatChannel, type AcsChatChannelOptions } from './acs-chat-channel.js';
export { chatEventTypes, readChatMessage, type ChatMessageEvent } from './chat-events.js';
export { textOfHtml, idOf } from '../../src/handoff/azure-acs/chat-text.js';
export { createThreadOutbox, splitContent, type ThreadOutbox, type ThreadOutboxOptions, type OutboxMessage } from './thread-outbox.js';
export { createEventGridApp, eventGridAuth, secretHeader, parseDelivery, validationEventType, type EventGridAppOptions, type EventGridAuthOptions, type EntraOptions, type GridEvent, type GridEventHandler } from '../event-grid/index.js';
export { acsConnection, parseConnectionString, type AcsConnection, type AcsConnectionOptions } from '../../src/handoff/azure-acs/acs-connection.js';
export { envelopeMessage, acsMessageLimit } from '../../src/handoff/azure-acs/envelope-message.js';

// ACS Job Router (GA 2023-11-01): for setting up queues and workers, and for a worker's app
export {
  createJobRouterClient,
  jobRouterApiVersion,
  type JobRouterClient,
  type JobRouterClientOptions,
  type JobRouterJob,
  type JobRouterJobInput,
  type JobRouterJobStatus,
  type JobRouterAssignment,
  type JobRouterWorker,
  type JobRouterWorkerInput,
  type JobRouterChannel,
  type JobRouterQueueInput,
  type JobRouterDistributionPolicyInput,
  type JobRouterLabels,
} from '../../src/handoff/azure-acs/job-router.js';
