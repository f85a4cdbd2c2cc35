/** A scripted recognizer for router tests: answers, fails or hangs as told, and counts its calls. */
import { ProviderCallError } from '../../../src/core/errors.js';
import type { Recognition, RecognizeOptions, RecognizeRequest, Recognizer } from '../../../src/nlu/recognizer.js';

export type Behaviour =
  | { kind: 'answer'; intent: string | null; confidence: number; runnerUp?: number; ms?: number }
  | { kind: 'fail'; retryable: boolean; ms?: number }
  | { kind: 'hang'; honoursSignal?: boolean };

export interface ScriptedRecognizer extends Recognizer {
  calls: number;
  aborted: number;
  behave(next: Behaviour | ((call: number) => Behaviour)): void;
}

export function scripted(name: string, initial: Behaviour): ScriptedRecognizer {
  let behaviour: Behaviour | ((call: number) => Behaviour) = initial;
  const recognizer: ScriptedRecognizer = {
    name,
    calls: 0,
    aborted: 0,
    behave(next) {
      behaviour = next;
    },
    async recognize(request: RecognizeRequest, options: RecognizeOptions = {}): Promise<Recognition> {
      recognizer.calls += 1;
      const now = typeof behaviour === 'function' ? behaviour(recognizer.calls) : behaviour;
      options.signal?.addEventListener('abort', () => (recognizer.aborted += 1), { once: true });
      if (now.kind === 'hang') {
        if (!now.honoursSignal) return new Promise<never>(() => undefined);
        return new Promise<never>((_, reject) => options.signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
      }
      if (now.ms) await new Promise((resolve) => setTimeout(resolve, now.ms));
      if (now.kind === 'fail') throw new ProviderCallError({ provider: name, operation: 'recognize', retryable: now.retryable, message: now.retryable ? 'throttled' : 'access denied' });
      const intents = now.intent ? [{ name: now.intent, confidence: now.confidence }, ...(now.runnerUp !== undefined ? [{ name: 'Other', confidence: now.runnerUp }] : [])] : [];
      return { text: request.text, locale: request.locale, intents, topIntent: now.intent, entities: [], provider: name, latencyMs: now.ms ?? 0 };
    },
  };
  return recognizer;
}

export const request = (extra: Partial<RecognizeRequest> = {}): RecognizeRequest => ({
  text: 'book a repair',
  locale: 'en-US',
  now: new Date('2030-03-04T15:00:00Z'),
  timeZone: 'UTC',
  conversationId: 'c-1',
  ...extra,
});
