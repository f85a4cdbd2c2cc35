/** The input settings the Lex console gives every attempt of a prompt, as real exports have them. */
import { lexAttemptNames } from '../../src/content/lex-schema.js';
import type { LexPromptAttempt, LexPromptSpecification } from './lex-archive-types.js';

/** The input settings of one attempt, as the Lex console writes them by default. */
export function defaultPromptAttempt(): LexPromptAttempt {
  return {
    allowedInputTypes: { allowAudioInput: true, allowDTMFInput: true },
    audioAndDTMFInputSpecification: {
      startTimeoutMs: 4000,
      audioSpecification: { maxLengthMs: 15000, endTimeoutMs: 640 },
      dtmfSpecification: { maxLength: 513, endTimeoutMs: 5000, deletionCharacter: '*', endCharacter: '#' },
    },
    allowInterrupt: true,
    textInputSpecification: { startTimeoutMs: 30000 },
  };
}

/** `Initial` and one `RetryN` per retry, as real exports have them. */
export function defaultPromptAttempts(maxRetries: number): LexPromptSpecification['promptAttemptsSpecification'] {
  return Object.fromEntries(lexAttemptNames.slice(0, maxRetries + 1).map((name) => [name, defaultPromptAttempt()]));
}
