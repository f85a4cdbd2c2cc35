/**
 * Sends a reply's SMS one after another (so they leave in order), and logs and counts the ones that
 * fail, naming the conversation but never the number or the text.
 */
import type { Logger } from 'pino';
import { ParleyError, ProviderCallError } from '../../src/core/errors.js';
import type { SmsSender } from './sms-sender.js';

/** How many SMS the channel sent and how many sends failed, since it was made. */
export interface SmsChannelStats {
  sent: number;
  failed: number;
}

export interface SmsOutbox {
  /**
   * Sends the texts in order; each SMS's idempotency key is `<key>:<index>`. A failed send is logged
   * and counted, and the next ones are still tried. Resolves with the count sent and the first error.
   */
  send(texts: readonly string[], to: { conversationId: string; phone: string; from: string; idempotencyKey: string }): Promise<{ sent: number; failed: number; error?: Error }>;
  stats(): SmsChannelStats;
}

export function createSmsOutbox(sender: SmsSender, logger: Logger): SmsOutbox {
  const stats: SmsChannelStats = { sent: 0, failed: 0 };
  return {
    async send(texts, { conversationId, phone, from, idempotencyKey }) {
      let sent = 0;
      let failed = 0;
      let first: Error | undefined;
      for (const [index, text] of texts.entries()) {
        try {
          await sender.send({ from, to: phone, text, idempotencyKey: `${idempotencyKey}:${index}` });
          sent += 1;
          stats.sent += 1;
        } catch (thrown) {
          const error = thrown instanceof Error ? thrown : new Error('the SMS sender rejected with a value that is not an Error');
          failed += 1;
          stats.failed += 1;
          first ??= error;
          logger.error({ conversationId, outcome: 'send-failed', part: index + 1, parts: texts.length, err: describeSendError(error) }, 'sms send failed');
        }
      }
      return first ? { sent, failed, error: first } : { sent, failed };
    },
    stats: () => ({ ...stats }),
  };
}

/**
 * Chosen fields only: Parley's own errors say what to fix without the number or the text; another
 * sender's message might hold either, so only its name is kept.
 */
function describeSendError(error: Error): Record<string, unknown> {
  if (!ParleyError.isInstance(error)) return { name: error.name };
  const fields: Record<string, unknown> = { name: error.name, code: error.code, message: error.message.slice(0, 300) };
  if (error instanceof ProviderCallError) fields.retryable = error.retryable;
  return fields;
}
