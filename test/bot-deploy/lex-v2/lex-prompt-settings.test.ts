// A prompt's Lex input settings <-> the `lex:` block: only what differs from the console's defaults.
import { describe, expect, it } from 'vitest';
import { lexPromptSettings, promptAttempts } from '../../../bot-deploy/lex-v2/lex-prompt-settings.js';
import { defaultPromptAttempt, defaultPromptAttempts } from '../../../bot-deploy/lex-v2/lex-prompt-defaults.js';

const spec = (promptAttemptsSpecification: Record<string, unknown> | null, extra: Record<string, unknown> = {}) => ({ messageGroupsList: [], maxRetries: 2, allowInterrupt: true, promptAttemptsSpecification, ...extra });

describe('lexPromptSettings (import)', () => {
  it('is nothing for the defaults, for no attempts at all, and for the defaults written with nulls', () => {
    expect(lexPromptSettings(spec(defaultPromptAttempts(2)))).toBeUndefined();
    expect(lexPromptSettings(spec(null))).toBeUndefined();
    expect(lexPromptSettings(spec({ ...defaultPromptAttempts(2), Retry3: null }))).toBeUndefined();
  });

  it('keeps barge-in off, changed values, attempts Lex lacks and keys it leaves unset', () => {
    const initial = { ...defaultPromptAttempt(), allowedInputTypes: { allowAudioInput: false, allowDTMFInput: true } };
    const { textInputSpecification: _, ...retry } = defaultPromptAttempt();
    expect(lexPromptSettings(spec({ Initial: initial, Retry1: retry }, { allowInterrupt: false }))).toEqual({
      allowInterrupt: false,
      attempts: { Initial: { allowedInputTypes: { allowAudioInput: false } }, Retry1: { textInputSpecification: null }, Retry2: null },
    });
  });
});

describe('promptAttempts (build)', () => {
  it('lays the settings over the defaults: null takes a key or an attempt out; attempts keep Lex\'s order', () => {
    const attempts = promptAttempts(1, { attempts: { Retry3: { allowInterrupt: false }, Initial: { audioAndDTMFInputSpecification: { dtmfSpecification: { maxLength: 4, endCharacter: null } } }, Retry1: null } });
    expect(Object.keys(attempts)).toEqual(['Initial', 'Retry3']);
    expect(attempts.Initial!.audioAndDTMFInputSpecification!.dtmfSpecification).toEqual({ maxLength: 4, endTimeoutMs: 5000, deletionCharacter: '*' });
    expect(attempts.Retry3).toEqual({ allowInterrupt: false });
    expect(promptAttempts(2, undefined)).toEqual(defaultPromptAttempts(2));
  });

  it('gives back what was imported', () => {
    const written = { Initial: { ...defaultPromptAttempt(), allowInterrupt: false }, Retry1: { allowedInputTypes: { allowAudioInput: true, allowDTMFInput: false } } };
    expect(promptAttempts(2, lexPromptSettings(spec(written)))).toEqual(written);
  });
});
