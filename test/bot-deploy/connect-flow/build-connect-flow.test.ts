import { describe, expect, it } from 'vitest';
import { buildConnectFlow, flowDocumentSchema, validateFlow, type FlowAction, type FlowDocument } from '../../../bot-deploy/connect-flow/index.js';
import { ConfigurationError } from '../../../src/core/errors.js';
import { envelopeAttributeNames } from '../../../src/handoff/envelope-attributes.js';
import { botAliasArn, queueArn, referenceOptions } from './fixtures.js';

const byId = (flow: FlowDocument) => new Map(flow.Actions.map((a) => [a.Identifier, a]));
const errorTarget = (action: FlowAction | undefined, type: string) => action?.Transitions.Errors?.find((e) => e.ErrorType === type)?.NextAction;

/** Follows the flow the way Connect would, taking the branch `choose` picks (else NextAction); "queued" stands for a transfer that worked. */
function walk(flow: FlowDocument, choose: (action: FlowAction) => string | undefined): string[] {
  const actions = byId(flow);
  const path: string[] = [];
  for (let id: string | undefined = flow.StartAction; id !== undefined && path.length < 50; ) {
    path.push(id);
    const action = actions.get(id);
    id = action && (choose(action) ?? action.Transitions.NextAction);
  }
  return path;
}

describe('buildConnectFlow', () => {
  const flow = buildConnectFlow(referenceOptions);
  const actions = byId(flow);

  it('builds a sound Flow-language document: the schema and every graph check pass, without warnings', () => {
    expect(flowDocumentSchema.safeParse(flow).success).toBe(true);
    expect(validateFlow(flow)).toEqual([]);
    expect(flow.Version).toBe('2019-10-30');
    expect(flow.StartAction).toBe('set-logging');
  });

  it('runs the Lex V2 bot by alias ARN and ends on the goodbye intent', () => {
    const lex = actions.get('ask-bot')!;
    expect(lex.Type).toBe('ConnectParticipantWithLexBot');
    expect(lex.Parameters.LexV2Bot).toEqual({ AliasArn: botAliasArn });
    expect(lex.Transitions.Conditions).toEqual([{ NextAction: 'disconnect', Condition: { Operator: 'Equals', Operands: ['Goodbye'] } }]);
    expect(lex.Transitions.Errors?.map((e) => e.ErrorType).sort()).toEqual(['InputTimeLimitExceeded', 'NoMatchingCondition', 'NoMatchingError']);
  });

  it('routes the queue the bot named in its session attribute, and anything else to the default queue', () => {
    const compare = actions.get('choose-queue')!;
    expect(compare.Parameters).toEqual({ ComparisonValue: '$.Lex.SessionAttributes.parley_queue' });
    expect(compare.Transitions.Conditions?.map((c) => [c.Condition.Operands[0], c.NextAction])).toEqual([
      ['Billing', 'route-billing'],
      ['TechSupport', 'route-techsupport'],
      ['General', 'route-general'],
    ]);
    expect(errorTarget(compare, 'NoMatchingCondition')).toBe('route-default');
    expect(actions.get('route-billing')).toMatchObject({ Type: 'UpdateContactTargetQueue', Parameters: { QueueId: referenceOptions.queues.Billing }, Transitions: { NextAction: 'transfer' } });
    expect(actions.get('route-default')?.Parameters).toEqual({ QueueId: referenceOptions.defaultQueue });
  });

  it('has a polite way out of every failure', () => {
    const followed = (lexOutcome: string, transferOutcome?: string) =>
      walk(flow, (action) => {
        if (action.Identifier === 'ask-bot') return lexOutcome === 'Goodbye' ? 'disconnect' : errorTarget(action, lexOutcome);
        if (action.Identifier === 'choose-queue') return 'route-techsupport';
        if (action.Identifier === 'transfer') return transferOutcome ? errorTarget(action, transferOutcome) : 'queued';
        return undefined;
      });
    expect(followed('Goodbye')).toEqual(['set-logging', 'greet', 'ask-bot', 'disconnect']);
    expect(followed('NoMatchingCondition')).toEqual(['set-logging', 'greet', 'ask-bot', 'save-handoff', 'choose-queue', 'route-techsupport', 'transfer', 'queued']);
    expect(followed('InputTimeLimitExceeded').slice(3)).toEqual(['say-timeout', 'disconnect']);
    expect(followed('NoMatchingError').slice(3)).toEqual(['say-bot-error', 'route-default', 'transfer', 'queued']);
    expect(followed('NoMatchingCondition', 'QueueAtCapacity').slice(-2)).toEqual(['say-queue-full', 'disconnect']);
    expect(followed('NoMatchingCondition', 'NoMatchingError').slice(-2)).toEqual(['say-failure', 'disconnect']);
    expect(errorTarget(actions.get('route-billing'), 'NoMatchingError')).toBe('route-default');
    expect(actions.get('say-queue-full')?.Parameters.Text).toMatch(/busy/);
  });

  it('keeps the queue name, the intent and the handoff envelope on the contact, for the agent', () => {
    expect(actions.get('save-handoff')?.Parameters).toEqual({
      Attributes: {
        parley_queue: '$.Lex.SessionAttributes.parley_queue',
        parley_intent: '$.Lex.IntentName',
        parley_reason: '$.Lex.SessionAttributes.parley_reason',
        parley_conversation_id: '$.Lex.SessionAttributes.parley_conversation_id',
        parley_summary: '$.Lex.SessionAttributes.parley_summary',
        parley_task: '$.Lex.SessionAttributes.parley_task',
        parley_missing: '$.Lex.SessionAttributes.parley_missing',
        parley_intents: '$.Lex.SessionAttributes.parley_intents',
        parley_sentiment: '$.Lex.SessionAttributes.parley_sentiment',
        parley_transcript: '$.Lex.SessionAttributes.parley_transcript',
      },
      TargetContact: 'Current',
    });
  });

  it('copies the envelope as the code hook names it, and the queue from another session attribute when told', () => {
    const other = buildConnectFlow({ ...referenceOptions, sessionAttributeKey: 'target_queue' });
    const attributes = other.Actions.find((action) => action.Identifier === 'save-handoff')?.Parameters.Attributes as Record<string, string>;
    expect(attributes.target_queue).toBe('$.Lex.SessionAttributes.target_queue');
    for (const name of ['queue', 'reason', 'conversationId', 'summary', 'task', 'missing', 'intents', 'sentiment', 'transcript'] as const) {
      expect(attributes[envelopeAttributeNames[name]]).toBe(`$.Lex.SessionAttributes.${envelopeAttributeNames[name]}`);
    }
  });

  it('lays blocks out in columns left to right, each with designer metadata', () => {
    const metadata = flow.Metadata!.ActionMetadata!;
    expect(Object.keys(metadata).sort()).toEqual([...actions.keys()].sort());
    const x = (id: string) => (metadata[id]!.position as { x: number }).x;
    for (const action of flow.Actions) {
      for (const target of [action.Transitions.NextAction, ...(action.Transitions.Errors ?? []).map((e) => e.NextAction)]) {
        if (target) expect(x(target), `${action.Identifier} → ${target}`).toBeGreaterThan(x(action.Identifier));
      }
    }
    const places = Object.values(metadata).map((m) => JSON.stringify(m.position));
    expect(new Set(places).size).toBe(places.length);
    expect(metadata['route-billing']).toMatchObject({ isFriendlyName: true, queue: { text: 'Billing' } });
    expect(flow.Metadata).toMatchObject({ name: 'Parley assistant', type: 'contactFlow' });
  });

  it('is deterministic', () => {
    expect(JSON.stringify(buildConnectFlow(referenceOptions))).toBe(JSON.stringify(flow));
  });

  it('takes a locale, a chat timeout (a string, as Connect writes numbers), its own key, messages and end intents', () => {
    const custom = buildConnectFlow({
      ...referenceOptions,
      locale: 'es_US',
      lexTimeoutSeconds: 900,
      sessionAttributeKey: 'handoffQueue',
      endIntents: ['Goodbye', 'Thanks'],
      greeting: 'Hola.',
      messages: { queueFull: 'Todos ocupados.' },
    });
    const customActions = byId(custom);
    expect(validateFlow(custom)).toEqual([]);
    expect(customActions.get('set-language')).toMatchObject({ Type: 'UpdateContactData', Parameters: { LanguageCode: 'es-US' } });
    expect(customActions.get('ask-bot')?.Parameters.LexTimeoutSeconds).toEqual({ Text: '900' });
    expect(customActions.get('ask-bot')?.Transitions.Conditions).toHaveLength(2);
    expect(customActions.get('choose-queue')?.Parameters.ComparisonValue).toBe('$.Lex.SessionAttributes.handoffQueue');
    expect(customActions.get('greet')?.Parameters.Text).toBe('Hola.');
    expect(customActions.get('say-queue-full')?.Parameters.Text).toBe('Todos ocupados.');
  });

  it('makes legal, unique identifiers from any queue names', () => {
    const odd = buildConnectFlow({ ...referenceOptions, queues: { 'Tech Support (US)': queueArn('aaaaaaaa-2222-3333-4444-555555555555'), 'tech-support-us': queueArn('bbbbbbbb-2222-3333-4444-555555555555'), Default: queueArn('cccccccc-2222-3333-4444-555555555555') } });
    expect(validateFlow(odd)).toEqual([]);
    expect(odd.Actions.map((a) => a.Identifier).filter((id) => id.startsWith('route-'))).toEqual(['route-tech-support-us', 'route-tech-support-us-2', 'route-default-2', 'route-default']);
  });

  it.each([
    [{ botAliasArn: 'arn:aws:lex:us-east-1:123456789012:bot/YY9557EM03' }, 'botAliasArn', /not a Lex V2 bot alias ARN/],
    [{ defaultQueue: 'BasicQueue' }, 'defaultQueue', /not a Connect queue/],
    [{ queues: { Billing: 'arn:aws:connect:us-east-1:123456789012:instance/x/queue/y' } }, 'queues.Billing', /not a Connect queue/],
    [{ sessionAttributeKey: 'queue name' }, 'sessionAttributeKey', /session attribute name/],
    [{ lexTimeoutSeconds: 5 }, 'lexTimeoutSeconds', /at least 60/],
    [{ defaultQueue: undefined }, 'defaultQueue', /is required/],
    [{ greting: 'hi' }, 'options', /unknown option greting/],
  ])('refuses bad options with the key and the fix: %j', (change, key, message) => {
    const attempt = () => buildConnectFlow({ ...referenceOptions, ...change } as never);
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigurationError).key).toBe(key);
    }
  });

  it('accepts a bare queue id and other partitions', () => {
    const flowWithIds = buildConnectFlow({ ...referenceOptions, botAliasArn: 'arn:aws-us-gov:lex:us-gov-west-1:123456789012:bot-alias/ABCDEFGHIJ/TSTALIASID', defaultQueue: '48e235a6-546b-43a8-aa4c-9a8d04e45ad1' });
    expect(byId(flowWithIds).get('route-default')?.Parameters.QueueId).toBe('48e235a6-546b-43a8-aa4c-9a8d04e45ad1');
  });
});
