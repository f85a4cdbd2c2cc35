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
  TextFormatTypes,
  TurnContext,
  type Activity,
  type CardAction,
  type ConversationReference,
} from 'botbuilder';
import type { Directive, Message, TurnOutput } from '../../src/core/turn.js';

/** What a `handoff.initiate` event carries in `value`: where to route, and why. */
export interface HandoffContext {
  queue: string;
  reason: Extract<Directive, { kind: 'handoff' }>['reason'];
  dialog?: string;
}

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
    activities.push(directive.kind === 'handoff' ? renderHandoff(directive, inbound) : renderEnd());
  }
  return activities;
}

function renderMessage(message: Message, expectingAnswer: boolean): Partial<Activity> {
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

/** The shape `EventFactory.createHandoffInitiation` builds, without needing a live TurnContext. */
function renderHandoff(directive: Extract<Directive, { kind: 'handoff' }>, inbound: Partial<Activity> | undefined): Partial<Activity> {
  const value: HandoffContext = { queue: directive.queue, reason: directive.reason };
  if (directive.dialog) value.dialog = directive.dialog;
  const activity: Partial<Activity> = { type: ActivityTypes.Event, name: HandoffEventNames.InitiateHandoff, value, attachments: [], entities: [] };
  if (inbound) activity.relatesTo = TurnContext.getConversationReference(inbound) as ConversationReference;
  return activity;
}

function renderEnd(): Partial<Activity> {
  return { type: ActivityTypes.EndOfConversation, code: EndOfConversationCodes.CompletedSuccessfully };
}
