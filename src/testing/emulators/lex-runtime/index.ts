// The Lex V2 runtime emulator's public surface (exported from parley/testing).
export {
  startLexRuntimeEmulator,
  defaultLexBot,
  type LexRuntimeEmulator,
  type LexRuntimeEmulatorOptions,
  type LexEmulatorBot,
  type LexEmulatorCall,
} from './lex-runtime-emulator.js';
export {
  defaultCodeHookTimeoutMs,
  LexCodeHookInvocationError,
  type LexCodeHook,
  type LexCodeHookContext,
  type LexCodeHookInvocation,
} from './lex-code-hook.js';
export { createLambdaEndpointCodeHook } from './lambda-endpoint-code-hook.js';
