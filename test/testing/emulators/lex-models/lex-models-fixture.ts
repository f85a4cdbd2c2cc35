/**
 * The Lex model-building emulator with the real LexModelsV2Client pointed at it (HTTP/1.1, SigV4 with
 * fake keys), and the first steps of a deploy: a bot with an en_US locale. Nothing of the SDK is mocked.
 */
import { CreateBotCommand, CreateBotLocaleCommand, LexModelsV2Client } from '@aws-sdk/client-lex-models-v2';
import { startLexModelsEmulator, type LexModelsEmulatorOptions } from 'parley-sdk/testing';

export const roleArn = 'arn:aws:iam::123456789012:role/LexRole';
export const fakeCredentials = { accessKeyId: 'AKIDFAKEFAKEFAKE', secretAccessKey: 'fake-secret' };
export const draft = { botVersion: 'DRAFT', localeId: 'en_US' } as const;

/** The emulator (statuses advance by the next call unless told otherwise) and a client with no retries. */
export async function startModelsFixture(options: LexModelsEmulatorOptions = {}) {
  const emulator = await startLexModelsEmulator({ statusDelayMs: 0, ...options });
  const client = new LexModelsV2Client({ region: 'us-east-1', endpoint: emulator.url, credentials: fakeCredentials, maxAttempts: 1 });
  return {
    emulator,
    client,
    /** A new bot named `botName` with an en_US locale; its id. */
    async createBotWithLocale(botName = 'PizzaBot'): Promise<string> {
      const { botId } = await client.send(new CreateBotCommand({ botName, roleArn, dataPrivacy: { childDirected: false }, idleSessionTTLInSeconds: 300 }));
      await client.send(new CreateBotLocaleCommand({ botId: botId!, ...draft, nluIntentConfidenceThreshold: 0.4 }));
      return botId!;
    },
    async close() {
      client.destroy();
      await emulator.close();
    },
  };
}

/** A one-message prompt, as slots and confirmations take it. */
export const prompt = (text: string) => ({ messageGroups: [{ message: { plainTextMessage: { value: text } } }], maxRetries: 2 });
