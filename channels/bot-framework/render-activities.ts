/**
 * Parley turn output -> Bot Framework activities. Pure: botbuilder fills in the addressing (from,
 * recipient, conversation, replyToId) when the activities are sent.
 */
import {
  ActionTypes,
  ActivityTypes,
  EndOfConversationCodes,
  HandoffEventNames,
  InputHints,
  RoleTypes,
  TextFormatTypes,
  TurnContext,
  type Activity,
  type Attachment,
  type CardAction,
  type ConversationReference,
} from 'botbuilder';
import type { Directive, Message, TurnOutput } from '../../src/core/turn.js';
import type { EnvelopeLine, HandoffEnvelope } from '../../src/handoff/handoff-envelope.js';

/** What a `handoff.initiate` event carries in `value`: where to route, why, and the envelope's summary. */
export interface HandoffContext {
  queue: string;
  reason: Extract<Directive, { kind: 'handoff' }>['reason'];
  dialog?: string;
  summary?: string;
}

/** The content type of the attachment that carries the handoff envelope whole. */
export const handoffEnvelopeContentType = 'application/vnd.parley.handoff-envelope+json';

/**
 * One `message` per message (quick replies as `imBack` suggested actions), then one activity per
 * directive: `handoff` -> the Bot Framework handoff protocol's `handoff.initiate` event, `end` ->
 * `endOfConversation`.
 *
 * @example
 * renderActivities(await bot.handle(input), context.activity)
 * // [{ type: 'message', text: 'Shall I book it?', suggestedActions: { actions: [{ type: 'imBack', title: 'Yes', value: 'yes' }, …] } }]
 */
export function renderActivities(output: TurnOutput, inbound?: Partial<Activity>): Partial<Activity>[] {
  const last = output.messages.length - 1;
  const activities = output.messages.map((message, index) =>
    renderMessage(message, index === last && output.directives.length === 0 && output.view.awaiting !== null),
  );
  for (const directive of output.directives) {
    activities.push(directive.kind === 'handoff' ? renderHandoff(directive, output.handoff, inbound) : renderEnd());
  }
  return activities;
}

/** One message as a `message` activity; `expectingAnswer` opens a voice client's microphone. */
export function renderMessage(message: Message, expectingAnswer: boolean): Partial<Activity> {
  const activity: Partial<Activity> = {
    type: ActivityTypes.Message,
    text: message.text,
    // Plain, so that customer words the bot repeats back can never render as markdown links.
    textFormat: TextFormatTypes.Plain,
    // A voice client opens the microphone for a question.
    inputHint: expectingAnswer ? InputHints.ExpectingInput : InputHints.AcceptingInput,
  };
  if (message.quickReplies?.length) {
    const actions: CardAction[] = message.quickReplies.map(({ title, value }) => ({ type: ActionTypes.ImBack, title, value }));
    // `to` is typed as required but optional on the wire; botbuilder's MessageFactory leaves it out too.
    activity.suggestedActions = { actions } as Activity['suggestedActions'];
  }
  return activity;
}

/**
 * The shape `EventFactory.createHandoffInitiation` builds, without needing a live TurnContext: the
 * envelope rides whole as an attachment, and its transcript as the protocol's `Transcript` one.
 */
function renderHandoff(directive: Extract<Directive, { kind: 'handoff' }>, envelope: HandoffEnvelope | undefined, inbound: Partial<Activity> | undefined): Partial<Activity> {
  const value: HandoffContext = { queue: directive.queue, reason: directive.reason };
  if (directive.dialog) value.dialog = directive.dialog;
  if (envelope) value.summary = envelope.summary;
  const attachments: Attachment[] = envelope
    ? [
        { contentType: handoffEnvelopeContentType, name: 'envelope', content: envelope },
        { contentType: 'Transcript', content: { activities: envelope.transcript.map(transcriptActivity) } },
      ]
    : [];
  const activity: Partial<Activity> = { type: ActivityTypes.Event, name: HandoffEventNames.InitiateHandoff, value, attachments, entities: [] };
  if (inbound) activity.relatesTo = TurnContext.getConversationReference(inbound) as ConversationReference;
  return activity;
}

function transcriptActivity(line: EnvelopeLine): Partial<Activity> {
  const role = line.from === 'customer' ? RoleTypes.User : line.from === 'agent' ? 'agent' : RoleTypes.Bot;
  return { type: ActivityTypes.Message, text: line.text, textFormat: TextFormatTypes.Plain, timestamp: new Date(line.at), from: { id: line.from, name: line.from, role } };
}

function renderEnd(): Partial<Activity> {
  return { type: ActivityTypes.EndOfConversation, code: EndOfConversationCodes.CompletedSuccessfully };
}
