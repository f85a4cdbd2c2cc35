/**
 * parley-sdk/connect: Amazon Connect's side of Parley — the Lex V2 code hook that runs a Parley bot
 * behind a Lex bot (Connect's "Get customer input"), and the pure mappings it is made of.
 */

// Commonly used
export { createLexCodeHookHandler, type LexCodeHookHandler, type LexCodeHookHandlerOptions } from './lex-code-hook-handler.js';

// A bot you made yourself (tests, other hosts)
export { createLexCodeHook, lexConversationId, lexCodeHookWaitMs, type LexCodeHook, type LexCodeHookOptions, type LexCodeHookProblem, type LambdaContext } from './lex-code-hook.js';

// The contract and its mappings
export { lexCodeHookEventSchema, type LexCodeHookEvent, type LexCodeHookResponse, type LexDialogActionType, type LexResponseMessage } from './lex-code-hook-event.js';
export { renderLexResponse, lexSlots, isVoice } from './lex-response.js';
export { LambdaEventError } from './lex-event-error.js';
