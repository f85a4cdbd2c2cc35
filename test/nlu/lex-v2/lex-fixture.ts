/**
 * A small pizza bot served by the Lex runtime emulator, called through the real LexRuntimeV2Client
 * (its default HTTP/2 handler, SigV4 with fake keys). Nothing of the AWS SDK is mocked.
 */
import { LexRuntimeV2Client } from '@aws-sdk/client-lex-runtime-v2';
import { fixedClock, type RecognizeRequest } from 'parley-sdk';
import { model } from '../../fixtures-small-bot.js';
import { startLexRuntimeEmulator, type LexRuntimeEmulatorOptions } from 'parley-sdk/testing';
import { createLexV2Recognizer, type LexV2RecognizerOptions } from '../../../src/nlu/lex-v2/index.js';

// The small pizza bot of the engine tests: its intents are what the emulated Lex bot knows.
export { model };

/** Monday 4 March 2030, 21:00 in New York: already Tuesday in UTC, so "tomorrow" tells the zones apart. */
export const clock = fixedClock('2030-03-04T21:00', 'America/New_York');

export const fakeCredentials = { accessKeyId: 'AKIDFAKEFAKEFAKE', secretAccessKey: 'fake-secret' };

export function lexClient(endpoint: string): LexRuntimeV2Client {
  return new LexRuntimeV2Client({ region: 'us-east-1', endpoint, credentials: fakeCredentials, maxAttempts: 1 });
}

/** The emulator, a real client pointed at it, and a Lex recognizer on that client. Close it in afterAll. */
export async function startLexFixture(emulatorOptions: Partial<LexRuntimeEmulatorOptions> = {}) {
  const emulator = await startLexRuntimeEmulator({ model, now: () => clock.now(), ...emulatorOptions });
  const client = lexClient(emulator.url);
  const recognizerFor = (options: Partial<LexV2RecognizerOptions> = {}) => createLexV2Recognizer({ ...emulator.bot, localeId: 'en_US', client, model, ...options });
  const recognizer = recognizerFor();
  return {
    emulator,
    client,
    recognizer,
    recognizerFor,
    recognize: (text: string, extra: Partial<RecognizeRequest> = {}, options: { signal?: AbortSignal } = {}) =>
      recognizer.recognize({ text, locale: 'en-US', now: clock.now(), timeZone: clock.timeZone, ...extra }, options),
    /** The JSON body of the emulator's last call. */
    lastBody: () => JSON.parse(emulator.calls.at(-1)!.body) as Record<string, any>,
    async close() {
      client.destroy();
      await emulator.close();
    },
  };
}

export type LexFixture = Awaited<ReturnType<typeof startLexFixture>>;
