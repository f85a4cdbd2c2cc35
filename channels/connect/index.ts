/**
 * parley-sdk/connect: Amazon Connect's side of Parley — the Lex V2 code hook that runs a Parley bot
 * behind a Lex bot (Connect's "Get customer input"), the flow function a contact flow's "Invoke AWS
 * Lambda function" block calls (the handoff envelope, the queue, a customer lookup), and the pure
 * mappings they are made of.
 */

// Commonly used
export { createLexCodeHookHandler, type LexCodeHookHandler, type LexCodeHookHandlerOptions } from './lex-code-hook-handler.js';
export { createConnectFlowHandler, type ConnectFlowHandler, type ConnectFlowHandlerOptions } from './connect-flow-handler.js';

// A bot you made yourself (tests, other hosts)
export { createLexCodeHook, lexConversationId, lexCodeHookWaitMs, type LexCodeHook, type LexCodeHookOptions, type LexCodeHookProblem, type LambdaContext } from './lex-code-hook.js';
export { createConnectFlow, connectFlowWaitMs, type ConnectFlowFunction, type ConnectFlowFunctionOptions, type ConnectFlowProblem, type ConnectFlowProblemKind } from './connect-flow.js';
export type { ConnectFlowAuthorFunctions, ConnectFlowCallContext, ConnectFlowSource } from './connect-flow-actions.js';

// The contract and its mappings
export { lexCodeHookEventSchema, type LexCodeHookEvent, type LexCodeHookResponse, type LexDialogActionType, type LexResponseMessage } from './lex-code-hook-event.js';
export { renderLexResponse, lexSlots, isVoice } from './lex-response.js';
export { connectFlowEventSchema, connectFlowActionNames, contactOf, type ConnectFlowEvent, type ConnectFlowAction, type ConnectContact } from './connect-flow-event.js';
export { envelopeResponse, flattenAnswer, responseBytes, type ConnectFlowResponse, type FlattenedAnswer } from './connect-flow-response.js';
export { LambdaEventError } from './lex-event-error.js';
