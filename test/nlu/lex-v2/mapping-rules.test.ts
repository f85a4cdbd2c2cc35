import { describe, expect, it } from 'vitest';
import { createLexV2Recognizer, lexV2IntentNames, lexV2SessionId, lexV2SessionState, locateSlotValue, mapLexV2Response, toLexV2Error } from '../../../src/nlu/lex-v2/index.js';
import { buildIntentModel } from '../../../src/content/index.js';
import { ConfigurationError } from '../../../src/core/errors.js';

describe('locating slot values Lex reports without offsets', () => {
  it('prefers whole words, ignores case and spacing, and never reuses a span', () => {
    expect(locateSlotValue('a car for 2 adults and 2 kids', '2')).toEqual({ start: 10, end: 11 });
    expect(locateSlotValue('a car for 2 adults and 2 kids', '2', [{ start: 10, end: 11 }])).toEqual({ start: 23, end: 24 });
    expect(locateSlotValue('pick up in  New   York please', 'new york')).toEqual({ start: 12, end: 22 });
    expect(locateSlotValue('on the 12th', '12')).toEqual({ start: 7, end: 9 });
    expect(locateSlotValue('fly to (paris)', '(paris)')).toEqual({ start: 7, end: 14 });
    expect(locateSlotValue('tomorrow', 'fifth of may')).toEqual({ start: -1, end: -1 });
  });
});

describe('session ids', () => {
  it('keeps valid ids, hashes the rest deterministically', () => {
    expect(lexV2SessionId('web:42')).toBe('web:42');
    expect(lexV2SessionId('x')).toMatch(/^p-[0-9a-f]{64}$/);
    expect(lexV2SessionId('+1 617 555 0123')).toBe(lexV2SessionId('+1 617 555 0123'));
    expect(lexV2SessionId('a'.repeat(101))).not.toBe(lexV2SessionId('a'.repeat(102)));
  });
});

describe('Lex errors as Parley errors', () => {
  const sdkError = (name: string, status: number, fault: 'client' | 'server') => Object.assign(new Error('m'), { name, $fault: fault, $metadata: { httpStatusCode: status } });

  it('marks what may pass with time as retryable', () => {
    expect(toLexV2Error(sdkError('ConflictException', 409, 'client'), 'RecognizeText').retryable).toBe(true);
    expect(toLexV2Error(sdkError('BadGatewayException', 502, 'server'), 'RecognizeText').retryable).toBe(true);
    expect(toLexV2Error(Object.assign(new Error('reset'), { code: 'ERR_HTTP2_STREAM_ERROR' }), 'RecognizeText').retryable).toBe(true);
    expect(toLexV2Error(Object.assign(new Error('slow'), { name: 'TimeoutError' }), 'RecognizeText').retryable).toBe(true);
  });

  it('does not retry what the caller or the bot must fix', () => {
    for (const [name, status] of [['AccessDeniedException', 403], ['ValidationException', 400], ['ResourceNotFoundException', 404], ['DependencyFailedException', 424]] as const) {
      expect(toLexV2Error(sdkError(name, status, 'client'), 'RecognizeText').retryable, name).toBe(false);
    }
    expect(toLexV2Error(new Error('No value provided for input HTTP label: sessionId.'), 'RecognizeText').retryable).toBe(false);
  });
});

describe('recognizer options', () => {
  it('names the setting to fix', () => {
    expect(() => createLexV2Recognizer({ botId: '', botAliasId: 'TSTALIASID' })).toThrow(ConfigurationError);
    expect(() => createLexV2Recognizer({ botId: 'B', botAliasId: 'TSTALIASID', localeId: 'en-US' })).toThrow(/localeId: "en-US" is not a Lex locale id/);
  });
});

describe('Lex intent names of an imported bot', () => {
  // As `parley lex import` writes a Connect bot: Lex's built-ins keep their names, Parley's intents theirs.
  const model = buildIntentModel({
    locale: 'en-US',
    intents: [
      { name: 'Repeat', lex: { name: 'RepeatIntent', parentIntentSignature: 'AMAZON.RepeatIntent' } },
      { name: 'Cancel', lex: [{ name: 'CancelIntent', parentIntentSignature: 'AMAZON.CancelIntent' }, { name: 'StopIntent', parentIntentSignature: 'AMAZON.StopIntent' }] },
      { name: 'CheckBalance', utterances: ['check my balance'], slots: [{ name: 'account', type: 'number', prompt: 'Which account?' }], lex: { name: 'CheckAccountBalance' } },
    ],
  });
  const names = lexV2IntentNames(model, 'en-US');

  it('reads Lex\'s answer with Parley\'s names: RepeatIntent is the repair intent Repeat', () => {
    const context = { text: 'stop', locale: 'en-US', latencyMs: 1, intentNameOf: names.parleyName };
    const recognition = mapLexV2Response(
      { interpretations: [{ intent: { name: 'StopIntent' }, nluConfidence: 0.9 }, { intent: { name: 'CancelIntent' }, nluConfidence: 0.8 }, { intent: { name: 'RepeatIntent' }, nluConfidence: 0.1 }, { intent: { name: 'Unknown' }, nluConfidence: 0.05 }] },
      context,
    );
    expect(recognition.topIntent).toBe('Cancel');
    expect(recognition.intents).toEqual([{ name: 'Cancel', confidence: 0.9 }, { name: 'Repeat', confidence: 0.1 }, { name: 'Unknown', confidence: 0.05 }]);
  });

  it('asks Lex for an expected slot under the intent\'s Lex name', () => {
    const request = { text: '42', locale: 'en-US', now: new Date(0), timeZone: 'UTC', expecting: { intent: 'CheckBalance', slot: 'account' } };
    expect(lexV2SessionState(names.expectingInLex(request)).intent?.name).toBe('CheckAccountBalance');
    expect(lexV2IntentNames(undefined, 'en-US').expectingInLex(request)).toBe(request);
  });
});
