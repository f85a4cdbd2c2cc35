import { describe, expect, it } from 'vitest';
import { buildConnectFlow, validateFlow, type FlowAction, type FlowDocument } from '../../../bot-deploy/connect-flow/index.js';
import { referenceOptions } from './fixtures.js';

/** The generated flow, changed by `edit`: each test breaks one thing. */
function broken(edit: (flow: FlowDocument, action: (id: string) => FlowAction) => void): FlowDocument {
  const flow = structuredClone(buildConnectFlow(referenceOptions));
  edit(flow, (id) => flow.Actions.find((a) => a.Identifier === id)!);
  return flow;
}
const errors = (flow: unknown) => validateFlow(flow).filter((p) => p.severity === 'error');
const warnings = (flow: unknown) => validateFlow(flow).filter((p) => p.severity === 'warning');

describe('validateFlow', () => {
  it('finds a NextAction, condition or error branch that points nowhere', () => {
    const flow = broken((_, action) => {
      action('greet').Transitions.NextAction = 'ask-the-bot';
      action('choose-queue').Transitions.Conditions![0]!.NextAction = 'route-billling';
      action('transfer').Transitions.Errors![0]!.NextAction = 'say-full';
    });
    expect(errors(flow)).toEqual([
      { severity: 'error', action: 'greet', message: 'NextAction points to "ask-the-bot", which is not an action in this flow' },
      { severity: 'error', action: 'choose-queue', message: 'the condition Equals Billing points to "route-billling", which is not an action in this flow' },
      { severity: 'error', action: 'transfer', message: 'the QueueAtCapacity branch points to "say-full", which is not an action in this flow' },
    ]);
  });

  it('finds a missing StartAction', () => {
    expect(errors(broken((flow) => void (flow.StartAction = 'start')))).toEqual([{ severity: 'error', action: undefined, message: 'StartAction "start" is not the identifier of any action' }]);
  });

  it('finds duplicate, long, illegal and reserved identifiers', () => {
    const flow = broken((flow, action) => {
      action('say-timeout').Identifier = 'say-failure';
      action('say-queue-full').Identifier = 'x'.repeat(51);
      action('greet').Identifier = 'greet: hello';
      action('set-logging').Identifier = 'constructor';
      flow.StartAction = 'constructor';
    });
    const messages = errors(flow).map((p) => `${p.action?.slice(0, 12)}: ${p.message}`);
    expect(messages).toContain('say-failure: the identifier is used by more than one action');
    expect(messages).toContain('xxxxxxxxxxxx: the identifier has 51 characters; at most 50');
    expect(messages).toContain('greet: hello: the identifier holds a character Connect refuses: none of % : ( \\ / ) = $ , ; [ ] { }');
    expect(messages).toContain('constructor: "constructor" is a reserved word and cannot be an identifier');
  });

  it('finds an action with no way out, and a terminal action with one', () => {
    const flow = broken((_, action) => {
      action('save-handoff').Transitions = {};
      action('disconnect').Transitions = { NextAction: 'greet' };
    });
    expect(errors(flow).map((p) => [p.action, p.message])).toEqual([
      ['save-handoff', 'UpdateContactAttributes has no way out: give it a NextAction, conditions or error branches'],
      ['disconnect', 'DisconnectParticipant ends the flow, so its Transitions must be empty'],
    ]);
  });

  it('warns about unhandled errors and unreachable actions', () => {
    const flow = broken((_, action) => {
      action('transfer').Transitions.Errors = [{ NextAction: 'say-failure', ErrorType: 'NoMatchingError' }];
    });
    expect(warnings(flow)).toEqual([
      { severity: 'warning', action: 'transfer', message: 'no QueueAtCapacity branch: the contact has nowhere to go if it happens' },
      { severity: 'warning', action: 'say-queue-full', message: 'no path from StartAction reaches this action' },
    ]);
    expect(errors(flow)).toEqual([]);
  });

  it('refuses error types an action cannot raise, twice the same branch, and conditions where none are taken', () => {
    const flow = broken((_, action) => {
      action('route-default').Transitions.Errors!.push({ NextAction: 'say-failure', ErrorType: 'QueueAtCapacity' }, { NextAction: 'say-failure', ErrorType: 'NoMatchingError' });
      action('greet').Transitions.Conditions = [{ NextAction: 'ask-bot', Condition: { Operator: 'Equals', Operands: ['x'] } }];
    });
    expect(errors(flow).map((p) => p.message)).toEqual([
      'MessageParticipant takes no conditions',
      'two NoMatchingError branches',
      'UpdateContactTargetQueue raises no QueueAtCapacity error (it raises NoMatchingError)',
    ]);
  });

  it('checks the parameters of the action types Parley emits', () => {
    const flow = broken((_, action) => {
      action('ask-bot').Parameters = { Text: 'Hi', SSML: '<speak>Hi</speak>', LexV2Bot: {}, LexTimeoutSeconds: { Text: 'soon' } };
      action('route-billing').Parameters = { QueueId: 'q', AgentId: 'a' };
      action('choose-queue').Parameters = {};
      action('greet').Parameters = {};
      action('set-logging').Parameters = { FlowLoggingBehavior: 'On' };
    });
    expect(errors(flow).map((p) => `${p.action}: ${p.message}`)).toEqual([
      'set-logging: FlowLoggingBehavior is "Enabled" or "Disabled"',
      'greet: give exactly one of Text, SSML, PromptId and Media',
      'ask-bot: LexV2Bot.AliasArn must be the bot alias ARN',
      'ask-bot: give at most one of Text, SSML and PromptId',
      'ask-bot: LexTimeoutSeconds is { Text: "<seconds>" }',
      'choose-queue: ComparisonValue must be a JSONPath, like $.Lex.SessionAttributes.queue',
      'route-billing: give exactly one of QueueId and AgentId (an id, an ARN or a JSONPath)',
    ]);
  });

  it('warns about numbers that Connect writes as strings', () => {
    const flow = broken((_, action) => void (action('ask-bot').Parameters.LexTimeoutSeconds = { Text: 300 }));
    expect(validateFlow(flow)).toContainEqual({ severity: 'warning', action: 'ask-bot', message: 'LexTimeoutSeconds.Text should be strings ("8", not 8), as in Connect\'s own exports' });
  });

  it('refuses more than 250 actions', () => {
    const flow = broken((flow) => {
      for (let i = 0; flow.Actions.length < 251; i += 1) flow.Actions.push({ Identifier: `extra-${i}`, Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} });
    });
    expect(errors(flow)).toEqual([{ severity: 'error', action: undefined, message: 'has 251 actions; a flow holds at most 250' }]);
  });

  it('reports shape errors with the action they are in', () => {
    const flow = broken((_, action) => {
      (action('greet') as Record<string, unknown>).Transition = {};
      (action('ask-bot').Transitions as Record<string, unknown>).NextAction = 7;
    });
    expect(errors({ ...flow, Version: '2019-10-31' }).map((p) => `${p.action ?? 'flow'}: ${p.message}`)).toEqual([
      'flow: Version: Invalid input: expected "2019-10-30"',
      'greet: unknown key Transition',
      'ask-bot: Transitions.NextAction: Invalid input: expected string, received number',
    ]);
  });

  it('refuses a legacy "modules" export and says what to do', () => {
    const legacy = {
      modules: [{ id: 'a1', type: 'GetUserInput', branches: [], parameters: [{ name: 'BotName', value: 'OrderFlowers' }], metadata: {} }],
      version: '1',
      start: 'a1',
      metadata: {},
    };
    expect(validateFlow(legacy)).toEqual([{ severity: 'error', message: expect.stringMatching(/legacy Amazon Connect export .*"modules".*export it again/) }]);
  });

  it('refuses what is not a flow at all', () => {
    expect(errors('flow').map((p) => p.message)).toEqual(['Invalid input: expected object, received string']);
  });
});
