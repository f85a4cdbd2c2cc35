/**
 * Structured logs (pino). PII-safe by default: fields that carry what customers wrote are redacted
 * unless the operator opts in with `logging.messageText`.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  level?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Log customer and bot text. Off by default: transcripts, phone numbers and emails stay out of logs. */
  messageText?: boolean;
  /** Where logs go; standard output by default. */
  destination?: pino.DestinationStream;
}

/** Field paths that may carry customer text or credentials, wherever a caller puts them. */
const sensitive = ['text', '*.text', 'messages[*].text', 'utterance', 'entities', '*.entities', 'transcript'];
const secrets = ['authorization', '*.authorization', 'headers.authorization', 'appPassword', '*.appPassword'];

export function createLogger(options: LoggerOptions = {}): Logger {
  const paths = options.messageText ? secrets : [...secrets, ...sensitive];
  return pino(
    {
      name: 'parley',
      level: options.level ?? 'info',
      redact: { paths, censor: '[redacted]' },
      base: undefined,
    },
    options.destination,
  );
}
