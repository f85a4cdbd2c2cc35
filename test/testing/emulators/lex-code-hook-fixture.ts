/**
 * The pizza bot served by the Lex runtime emulator with a code hook, called through the real
 * LexRuntimeV2Client. The code hook is a small hand-written Lambda handler whose answer each test
 * scripts per session; by default it delegates, letting Lex choose the next step.
 */
import { RecognizeTextCommand, type RecognizeTextCommandInput } from '@aws-sdk/client-lex-runtime-v2';
import { startLexRuntimeEmulator, type LexCodeHook, type LexCodeHookContext, type LexCodeHookInvocation } from 'parley-sdk/testing';
import type { LexCodeHookEvent, LexCodeHookResponse } from '../../../channels/connect/lex-code-hook-event.js';
import { clock, lexClient, model } from '../../nlu/lex-v2/lex-fixture.js';

export type Script = (event: LexCodeHookEvent, context: LexCodeHookContext) => LexCodeHookResponse | Promise<LexCodeHookResponse>;

/** What most code hooks answer when they have nothing to change: "Lex, go on". */
export const delegate: Script = (event) => ({ sessionState: { sessionAttributes: event.sessionState.sessionAttributes ?? {}, dialogAction: { type: 'Delegate' } } });

/** The bot whose hook answers at once, and one that gives its hook 50 ms (for a hook that hangs). */
export const hookedBot = 'HOOKEDBOT1';
export const impatientBot = 'QUICKBOT01';

export async function startCodeHookFixture() {
  const scripts = new Map<string, Script>();
  const codeHook: LexCodeHook = async (event, context) => (scripts.get(event.sessionId) ?? delegate)(event, context);
  const emulator = await startLexRuntimeEmulator({
    model,
    now: () => clock.now(),
    bots: [
      { botId: hookedBot, name: 'PizzaShop', codeHook },
      { botId: impatientBot, codeHook, codeHookTimeoutMs: 50 },
    ],
  });
  const client = lexClient(emulator.url);
  const invocations = (sessionId: string): LexCodeHookInvocation[] => emulator.codeHookInvocations.filter((invocation) => invocation.sessionId === sessionId);
  return {
    emulator,
    client,
    /** Sets what the hook answers in this session from now on. */
    script(sessionId: string, script: Script) {
      scripts.set(sessionId, script);
    },
    /** One RecognizeText to the hooked bot (or `extra.botId`). */
    say(sessionId: string, text: string, extra: Partial<RecognizeTextCommandInput> = {}) {
      return client.send(new RecognizeTextCommand({ botId: hookedBot, botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId, text, ...extra }));
    },
    invocations,
    /** The event of the session's last invocation. */
    lastEvent: (sessionId: string) => invocations(sessionId).at(-1)!.event,
    async close() {
      client.destroy();
      await emulator.close();
    },
  };
}

export type CodeHookFixture = Awaited<ReturnType<typeof startCodeHookFixture>>;
