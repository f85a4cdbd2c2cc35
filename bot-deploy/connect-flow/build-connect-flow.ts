/**
 * The Amazon Connect contact flow that puts a Parley assistant in front of a contact centre: greet,
 * talk through the assistant's Lex V2 bot, then transfer to the queue the bot named. Its options are
 * checked here, once; the flow is checked with `validateFlow` before it is returned.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { ConfigurationError } from '../../src/core/errors.js';
import { envelopeAttributeNames } from '../../src/handoff/envelope-attributes.js';
import { connectQueueHelp, connectQueueReference } from '../../src/runtime/connect-config.js';
import { flowLanguageVersion, maxFlowActions, validateFlow, type FlowAction, type FlowDocument } from './flow-language.js';

/** The Lex session attribute the assistant sets to the queue's name when it hands the contact to a person. */
export const defaultSessionAttributeKey = 'parley_queue';

const lexAliasArn = /^arn:aws(?:-cn|-us-gov)?:lex:[a-z]{2}(?:-[a-z]+)+-\d:\d{12}:bot-alias\/[0-9A-Za-z]{10}\/[0-9A-Za-z]{10}$/;
const queue = z.string().trim().regex(connectQueueReference, `is not a Connect queue: ${connectQueueHelp}`);
const message = z.string().trim().min(1, 'give the text to say');

const optionsSchema = z.strictObject({
  botAliasArn: z.string().trim().regex(lexAliasArn, 'is not a Lex V2 bot alias ARN: give arn:aws:lex:<region>:<account>:bot-alias/<bot id>/<alias id> (the Lex console shows it on the alias page)'),
  queues: z.record(z.string().trim().min(1, 'a queue needs the name the assistant uses for it'), queue).refine((queues) => Object.keys(queues).length <= maxFlowActions - 20, 'too many queues for one flow (a flow holds 250 actions)'),
  defaultQueue: queue,
  greeting: message.default('Hello, and thank you for contacting us.'),
  sessionAttributeKey: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'is a session attribute name: letters, digits and _').default(defaultSessionAttributeKey),
  locale: z.string().regex(/^[a-z]{2,3}[-_][A-Z]{2}$/, 'write a locale like en-US').transform((l) => l.replace('_', '-')).optional(),
  lexTimeoutSeconds: z.number().int('give whole seconds').min(60, 'at least 60 seconds').max(604_800, 'at most 7 days (604800 seconds)').optional(),
  endIntents: z.array(z.string().trim().min(1)).transform((intents) => [...new Set(intents)]).default(['Goodbye']),
  messages: z
    .strictObject({ prompt: message, botError: message, timeout: message, queueFull: message, failure: message })
    .partial()
    .default({}),
  name: z.string().trim().min(1).default('Parley assistant'),
});

/** What `buildConnectFlow` takes. */
export type ConnectFlowOptions = z.input<typeof optionsSchema>;

const defaultMessages = {
  prompt: 'How can I help you today?',
  botError: 'Sorry, I am having trouble right now. Let me find someone who can help you.',
  timeout: 'We have not heard from you for a while, so we are closing this conversation. Contact us again any time.',
  queueFull: 'All of our agents are busy at the moment. Please try again a little later.',
  failure: 'Sorry, we cannot connect you right now. Please try again later.',
};

/**
 * A Flow-language contact flow for a Parley assistant. It enables flow logging, sets the contact's
 * language (with `locale`), greets, and runs the Lex V2 bot (`ConnectParticipantWithLexBot`). When the
 * bot ends with one of `endIntents` the contact is disconnected (the bot has said goodbye). Otherwise
 * the flow copies the queue name from the session attribute `sessionAttributeKey` (default
 * `parley_queue`, which Parley's Connect hand-off sets), the intent and the handoff envelope's
 * attributes (`parley_summary`, `parley_transcript`…) into contact attributes, where an agent sees them, compares
 * the name with each of `queues`, sets that working queue, and transfers. No queue, an unknown name, or
 * a Lex error goes to `defaultQueue`; a timeout, a full queue or a failed transfer says so politely and
 * disconnects. Identifiers are readable (`ask-bot`, `route-billing`) and blocks are laid out in columns.
 *
 * @example
 * const flow = buildConnectFlow({
 *   botAliasArn: 'arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDEFGHIJ/TSTALIASID',
 *   queues: { Billing: 'arn:aws:connect:us-east-1:123456789012:instance/…/queue/…' },
 *   defaultQueue: 'arn:aws:connect:us-east-1:123456789012:instance/…/queue/…',
 * });
 * writeFileSync('flow.json', JSON.stringify(flow, null, 2));
 */
export function buildConnectFlow(options: ConnectFlowOptions): FlowDocument {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const given = issue.path.reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined), options);
    const detail = issue.code === 'unrecognized_keys' ? `unknown option${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` : issue.code === 'invalid_type' && given === undefined ? 'is required' : issue.message;
    throw new ConfigurationError(issue.path.map(String).join('.') || 'options', detail);
  }
  const settings = parsed.data;
  const messages = { ...defaultMessages, ...settings.messages };
  const key = settings.sessionAttributeKey;
  const routes = routeIdentifiers(Object.keys(settings.queues));
  const actions: FlowAction[] = [];
  const extras: Record<string, Record<string, unknown>> = {};
  const add = (Identifier: string, Type: string, Parameters: Record<string, unknown>, next?: string, errors: Record<string, string> = {}, conditions: Array<[string, string]> = []) => {
    const Transitions: FlowAction['Transitions'] = next ? { NextAction: next } : {};
    if (conditions.length > 0) Transitions.Conditions = conditions.map(([operand, target]) => ({ NextAction: target, Condition: { Operator: 'Equals', Operands: [operand] } }));
    if (Object.keys(errors).length > 0) Transitions.Errors = Object.entries(errors).map(([ErrorType, target]) => ({ NextAction: target, ErrorType }));
    actions.push({ Identifier, Type, Parameters, Transitions });
    if (conditions.length > 0) extras[Identifier] = { conditionMetadata: conditions.map(([value]) => conditionMetadata(Identifier, value)) };
  };
  const say = (id: string, text: string, next: string) => add(id, 'MessageParticipant', { Text: text }, next, { NoMatchingError: next });

  add('set-logging', 'UpdateFlowLoggingBehavior', { FlowLoggingBehavior: 'Enabled' }, settings.locale ? 'set-language' : 'greet');
  // Connect talks to the Lex locale matching the contact's language.
  if (settings.locale) add('set-language', 'UpdateContactData', { LanguageCode: settings.locale }, 'greet', { NoMatchingError: 'greet' });
  say('greet', settings.greeting, 'ask-bot');
  add(
    'ask-bot',
    'ConnectParticipantWithLexBot',
    { Text: messages.prompt, LexV2Bot: { AliasArn: settings.botAliasArn }, ...(settings.lexTimeoutSeconds ? { LexTimeoutSeconds: { Text: String(settings.lexTimeoutSeconds) } } : {}) },
    // As Connect's exports do, NextAction repeats the Error branch.
    'say-bot-error',
    { NoMatchingCondition: 'save-handoff', NoMatchingError: 'say-bot-error', InputTimeLimitExceeded: 'say-timeout' },
    settings.endIntents.map((intent) => [intent, 'disconnect']),
  );
  add('save-handoff', 'UpdateContactAttributes', { Attributes: handoffAttributes(key), TargetContact: 'Current' }, 'choose-queue', { NoMatchingError: 'choose-queue' });
  add('choose-queue', 'Compare', { ComparisonValue: `$.Lex.SessionAttributes.${key}` }, 'route-default', { NoMatchingCondition: 'route-default' }, [...routes].map(([name, id]) => [name, id]));
  extras['choose-queue'] = { conditions: [], ...extras['choose-queue'] };
  for (const [name, id] of routes) {
    add(id, 'UpdateContactTargetQueue', { QueueId: settings.queues[name] }, 'transfer', { NoMatchingError: 'route-default' });
    extras[id] = { parameters: { QueueId: { displayName: name } }, queue: { text: name } };
  }
  add('route-default', 'UpdateContactTargetQueue', { QueueId: settings.defaultQueue }, 'transfer', { NoMatchingError: 'say-failure' });
  // A successful transfer ends the flow; NextAction repeats the Error branch, as in Connect's exports.
  add('transfer', 'TransferContactToQueue', {}, 'say-failure', { QueueAtCapacity: 'say-queue-full', NoMatchingError: 'say-failure' });
  say('say-bot-error', messages.botError, 'route-default');
  say('say-timeout', messages.timeout, 'disconnect');
  say('say-queue-full', messages.queueFull, 'disconnect');
  say('say-failure', messages.failure, 'disconnect');
  add('disconnect', 'DisconnectParticipant', {});

  const flow: FlowDocument = {
    Version: flowLanguageVersion,
    StartAction: 'set-logging',
    Metadata: {
      entryPointPosition: { x: 40, y: 40 },
      ActionMetadata: layOut(actions, extras),
      Annotations: [],
      name: settings.name,
      description: `Generated by parley connect flow: the Lex V2 bot, then the queue named in $.Lex.SessionAttributes.${key}`,
      type: 'contactFlow',
      status: 'published',
      hash: {},
    },
    Actions: actions,
  };
  const errors = validateFlow(flow).filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new Error(`buildConnectFlow made an invalid flow: ${errors.map((p) => `${p.action}: ${p.message}`).join('; ')}`);
  return flow;
}

/** The handoff envelope's attributes an agent sees on the contact. The slots' (`parley_slot_<name>`) vary by task, and a flow can only copy names it knows. */
const envelopeOnContact = ['queue', 'reason', 'conversationId', 'summary', 'task', 'missing', 'intents', 'sentiment', 'transcript'] as const;

/**
 * What `save-handoff` copies from the Lex session to the contact: the queue name under `key`, the
 * intent the bot ended with, and the envelope's attributes the assistant set when it handed over.
 */
function handoffAttributes(key: string): Record<string, string> {
  const attributes: Record<string, string> = { [key]: `$.Lex.SessionAttributes.${key}`, parley_intent: '$.Lex.IntentName' };
  for (const field of envelopeOnContact) {
    const name = envelopeAttributeNames[field];
    attributes[name] = `$.Lex.SessionAttributes.${name}`;
  }
  return attributes;
}

/** `route-<queue>` per queue name: legal, at most 50 characters, unique. */
function routeIdentifiers(names: string[]): Map<string, string> {
  const taken = new Set(['route-default']);
  const routes = new Map<string, string>();
  for (const name of names) {
    const slug = name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 40) || 'queue';
    let id = `route-${slug}`;
    for (let n = 2; taken.has(id); n += 1) id = `route-${slug}-${n}`;
    taken.add(id);
    routes.set(name, id);
  }
  return routes;
}

/** Columns by longest path from the start, so every arrow points right; blocks stacked in each column. */
function layOut(actions: FlowAction[], extras: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> {
  const column = new Map(actions.map((a) => [a.Identifier, 0]));
  for (let round = 0; round < actions.length; round += 1) {
    for (const action of actions) {
      const { NextAction, Conditions = [], Errors = [] } = action.Transitions;
      for (const target of [NextAction, ...Conditions.map((c) => c.NextAction), ...Errors.map((e) => e.NextAction)]) {
        if (target && target !== action.Identifier) column.set(target, Math.max(column.get(target) ?? 0, column.get(action.Identifier)! + 1));
      }
    }
  }
  const nextY = new Map<number, number>();
  const metadata: Record<string, Record<string, unknown>> = {};
  for (const action of actions) {
    const x = column.get(action.Identifier)!;
    const y = nextY.get(x) ?? 40;
    const branches = (action.Transitions.Conditions?.length ?? 0) + (action.Transitions.Errors?.length ?? 0) + 1;
    nextY.set(x, y + 120 + 30 * branches);
    metadata[action.Identifier] = { position: { x: 200 + 280 * x, y }, isFriendlyName: true, ...extras[action.Identifier] };
  }
  return metadata;
}

/** The flow designer's record of a condition; its id only has to be stable and unique. */
function conditionMetadata(identifier: string, value: string) {
  const hex = createHash('sha1').update(`${identifier}\u0000${value}`).digest('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  return { id, operator: { name: 'Equals', value: 'Equals', shortDisplay: '=' }, value };
}
