/**
 * A code hook that throws, hangs past its timeout or answers what Lex refuses: the real
 * LexRuntimeV2Client gets DependencyFailedException (HTTP 424) with Lex's reason, and the session is
 * left as it was.
 */
import { DependencyFailedException } from '@aws-sdk/client-lex-runtime-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LexCodeHookEvent, LexCodeHookResponse } from '../../../channels/connect/lex-code-hook-event.js';
import { impatientBot, startCodeHookFixture, type CodeHookFixture, type Script } from './lex-code-hook-fixture.js';

let lex: CodeHookFixture;
beforeAll(async () => {
  lex = await startCodeHookFixture();
});
afterAll(() => lex?.close());

const inProgress = (event: LexCodeHookEvent) => ({ ...event.sessionState.intent!, state: 'InProgress', confirmationState: 'None' }) as NonNullable<LexCodeHookResponse['sessionState']['intent']>;

describe('Lex runtime emulator: a code hook that fails', () => {
  const failures: Array<{ name: string; script: Script; message: string | RegExp; outcome: string }> = [
    {
      name: 'throws',
      script: () => {
        throw new Error('the database is down');
      },
      message: 'Invalid Lambda Response: Received error response from Lambda: Unhandled',
      outcome: 'failed',
    },
    { name: 'rejects', script: () => Promise.reject(new Error('the database is down')), message: 'Invalid Lambda Response: Received error response from Lambda: Unhandled', outcome: 'failed' },
    // The impatient bot gives its hook 50 ms: this one never answers.
    { name: 'hangs', script: () => new Promise<never>(() => {}), message: 'Invalid Lambda Response: Lambda did not respond within 50 ms', outcome: 'timed-out' },
    {
      name: 'answers what Lex refuses',
      script: () => ({ sessionState: { dialogAction: { type: 'Wander' } } }) as unknown as LexCodeHookResponse,
      message: /^Invalid Lambda Response: Received invalid response from Lambda: sessionState\.dialogAction\.type: /,
      outcome: 'invalid',
    },
  ];

  for (const failure of failures) {
    it(`${failure.name}: DependencyFailedException, and the session stays as it was`, async () => {
      const session = `failing-${failure.name.replaceAll(' ', '-')}`;
      const say = (text: string, attributes?: Record<string, string>) => lex.say(session, text, { botId: impatientBot, ...(attributes ? { sessionState: { sessionAttributes: attributes } } : {}) });
      lex.script(session, (event) => ({
        sessionState: { sessionAttributes: { stage: 'date' }, dialogAction: { type: 'ElicitSlot', slotToElicit: 'date' }, intent: inProgress(event) },
        messages: [{ contentType: 'PlainText', content: 'Which day?' }],
      }));
      await say('I want a pizza');

      lex.script(session, failure.script);
      // Attributes sent with the failing turn: a session written anyway would keep them.
      const error = await say('tomorrow', { stage: 'sent-with-the-failed-turn' }).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(DependencyFailedException);
      expect(error).toMatchObject({ $metadata: { httpStatusCode: 424 } });
      expect((error as Error).message).toMatch(failure.message);
      expect(lex.invocations(session).at(-1)).toMatchObject({ outcome: failure.outcome, event: { inputTranscript: 'tomorrow' } });

      // The failed turn changed nothing: Lex still elicits the date (for the first time), with the attributes of before.
      lex.script(session, (event) => ({ sessionState: { sessionAttributes: event.sessionState.sessionAttributes ?? {}, dialogAction: { type: 'ElicitIntent' } }, messages: [{ contentType: 'PlainText', content: 'Done.' }] }));
      await say('tomorrow');
      const after = lex.lastEvent(session);
      expect(after.sessionState).toMatchObject({ sessionAttributes: { stage: 'date' }, intent: { name: 'OrderPizza', slots: { size: null, date: { value: { originalValue: 'tomorrow' } } } } });
      expect(after.proposedNextState).toMatchObject({ dialogAction: { slotToElicit: 'size' }, prompt: { attempt: 'Initial' } });
      expect(lex.emulator.calls.filter((call) => call.path.includes(`/sessions/${session}/`)).map((call) => [call.status, call.errorType])).toEqual([
        [200, undefined],
        [424, 'DependencyFailedException'],
        [200, undefined],
      ]);
    });
  }
});

describe('Lex runtime emulator: code hook responses Lex refuses', () => {
  const pizza = (event: LexCodeHookEvent) => inProgress(event);
  const refused: Array<[string, Script, string]> = [
    ['no session state', () => ({}) as LexCodeHookResponse, 'sessionState: is required'],
    ['not an object', () => 'Close' as unknown as LexCodeHookResponse, 'the response must be a JSON object, not string'],
    ['no dialog action', () => ({ sessionState: { sessionAttributes: {} } }) as unknown as LexCodeHookResponse, 'sessionState.dialogAction: is required'],
    [
      'ElicitSlot of a slot the intent lacks',
      (event) => ({ sessionState: { sessionAttributes: {}, dialogAction: { type: 'ElicitSlot', slotToElicit: 'colour' }, intent: pizza(event) } }),
      'sessionState.dialogAction.slotToElicit: intent OrderPizza has no slot colour',
    ],
    ['ElicitSlot without an intent', () => ({ sessionState: { sessionAttributes: {}, dialogAction: { type: 'ElicitSlot', slotToElicit: 'size' } } }), 'sessionState.intent: is required with dialogAction type ElicitSlot'],
    ['ElicitSlot without a slot', (event) => ({ sessionState: { sessionAttributes: {}, dialogAction: { type: 'ElicitSlot' }, intent: pizza(event) } }), 'sessionState.dialogAction.slotToElicit: is required with dialogAction type ElicitSlot'],
    [
      'an intent the bot lacks',
      (event) => ({ sessionState: { sessionAttributes: {}, dialogAction: { type: 'Close' }, intent: { ...pizza(event), name: 'OrderSushi', state: 'Fulfilled' } } }),
      'sessionState.intent.name: the bot has no intent OrderSushi',
    ],
    [
      'a slot the intent lacks',
      (event) => ({ sessionState: { sessionAttributes: {}, dialogAction: { type: 'Delegate' }, intent: { ...pizza(event), slots: { crust: null } } } }),
      'sessionState.intent.slots: intent OrderPizza has no slot crust',
    ],
    [
      'Close of an intent ready for fulfilment',
      (event) => ({ sessionState: { sessionAttributes: {}, dialogAction: { type: 'Close' }, intent: { ...pizza(event), state: 'ReadyForFulfillment' } } }),
      'sessionState.intent.state: must be Fulfilled, Failed or InProgress with dialogAction type Close, not ReadyForFulfillment',
    ],
    ['ElicitIntent without messages', () => ({ sessionState: { sessionAttributes: {}, dialogAction: { type: 'ElicitIntent' } } }), 'messages: at least one message is required with dialogAction type ElicitIntent'],
    ['ConfirmIntent without messages', (event) => ({ sessionState: { sessionAttributes: {}, dialogAction: { type: 'ConfirmIntent' }, intent: pizza(event) } }), 'messages: at least one message is required with dialogAction type ConfirmIntent'],
    [
      'a session attribute that is not a string',
      () => ({ sessionState: { sessionAttributes: { visits: 2 }, dialogAction: { type: 'Delegate' } } }) as unknown as LexCodeHookResponse,
      'sessionState.sessionAttributes.visits: Invalid input: expected string, received number',
    ],
    [
      'a message without content',
      () => ({ sessionState: { sessionAttributes: {}, dialogAction: { type: 'ElicitIntent' } }, messages: [{ contentType: 'PlainText' }] }) as unknown as LexCodeHookResponse,
      'messages.0.content: is required',
    ],
  ];

  it.each(refused)('%s', async (name, script, reason) => {
    const session = `refused-${name.replaceAll(' ', '-')}`;
    lex.script(session, script);
    await expect(lex.say(session, 'I want a pizza')).rejects.toMatchObject({
      name: 'DependencyFailedException',
      $metadata: { httpStatusCode: 424 },
      message: `Invalid Lambda Response: Received invalid response from Lambda: ${reason}`,
    });
    expect(lex.invocations(session)).toMatchObject([{ outcome: 'invalid', reason }]);
  });

  it('takes FallbackIntent, which every Lex bot has, in a response', async () => {
    lex.script('fallback-close', () => ({ sessionState: { sessionAttributes: {}, dialogAction: { type: 'Close' }, intent: { name: 'FallbackIntent', slots: {}, state: 'Failed', confirmationState: 'None' } } }));
    const answer = await lex.say('fallback-close', 'I want a pizza');
    expect(answer.sessionState).toMatchObject({ dialogAction: { type: 'Close' }, intent: { name: 'FallbackIntent', state: 'Failed' } });
  });
});
