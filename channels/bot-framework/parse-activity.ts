/**
 * Inbound Bot Framework activity -> Parley turn. Pure: no I/O, no botbuilder objects, so it is tested
 * on the recorded activities directly.
 */
import type { TurnContent, TurnInput } from '../../src/core/turn.js';
import { conversationIdOf } from './conversation-id.js';
import { describeProblems, inboundActivitySchema, type InboundActivity } from './inbound-activity.js';

/** Why an activity runs no turn; logged, never shown to the customer. */
export type IgnoreReason =
  | 'from-bot'
  | 'no-customer-joined'
  | 'no-welcome-event'
  | 'group-conversation'
  | 'unknown-event'
  | 'not-a-turn'
  | 'unknown-type';

export type ParsedActivity =
  | { kind: 'turn'; activity: InboundActivity; conversationId: string; input: TurnInput }
  | { kind: 'ignore'; activity: InboundActivity; conversationId: string; reason: IgnoreReason }
  | { kind: 'invalid'; problems: string[] };

export interface ParseActivityOptions {
  /**
   * The event turn to run when a customer joins a one-to-one conversation (`conversationUpdate`),
   * e.g. `Greeting`. Default: none, the bot speaks when spoken to.
   */
  welcomeEvent?: string;
  /** Which `event` activities become event turns, by name (default: none). Others are acknowledged and ignored. */
  acceptsEvent?: (name: string) => boolean;
}

/** The event a card submit runs when its data names no intent (`{ intent: 'CheckOrderStatus', … }` does). */
export const cardSubmitEvent = 'CardSubmit';

const channel = 'bot-framework';
const intentName = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
// Activity types the Bot Framework defines. Others are "SHOULD ignore" for a bot (spec A2014).
const knownTypes = new Set([
  'message', 'contactRelationUpdate', 'conversationUpdate', 'typing', 'endOfConversation', 'event', 'invoke',
  'invokeResponse', 'deleteUserData', 'messageUpdate', 'messageDelete', 'installationUpdate', 'messageReaction',
  'suggestion', 'trace', 'handoff', 'command', 'commandResult',
]);

/**
 * Reads a JSON body as an activity and says what turn, if any, it is.
 *
 * @example
 * const parsed = parseActivity({ type: 'message', text: 'hi', channelId: 'emulator', serviceUrl: 'http://localhost:5000', conversation: { id: 'c1' } });
 * // { kind: 'turn', conversationId: 'bf:emulator:c1', input: { channel: 'bot-framework', content: { kind: 'text', text: 'hi' }, … }, … }
 */
export function parseActivity(body: unknown, options: ParseActivityOptions = {}): ParsedActivity {
  const result = inboundActivitySchema.safeParse(body);
  if (!result.success) return { kind: 'invalid', problems: describeProblems(result.error) };
  const activity = result.data;
  const conversationId = conversationIdOf(activity.channelId, activity.conversation.id);
  const ignore = (reason: IgnoreReason): ParsedActivity => ({ kind: 'ignore', activity, conversationId, reason });
  const turn = (content: TurnContent): ParsedActivity => ({
    kind: 'turn',
    activity,
    conversationId,
    input: { conversationId, channel, locale: activity.locale || undefined, content },
  });

  // Our own replies, or another bot's, echoed back: answering them could loop.
  if (activity.from?.role === 'bot') return ignore('from-bot');
  switch (activity.type) {
    case 'message':
      return turn(messageContent(activity));
    case 'conversationUpdate': {
      const botId = activity.recipient?.id;
      const customers = (activity.membersAdded ?? []).filter((member) => !botId || member.id !== botId);
      if (customers.length === 0) return ignore('no-customer-joined');
      if (!options.welcomeEvent) return ignore('no-welcome-event');
      if (activity.conversation.isGroup === true) return ignore('group-conversation');
      return turn({ kind: 'event', name: options.welcomeEvent });
    }
    case 'event': {
      const name = activity.name ?? '';
      if (!intentName.test(name) || !options.acceptsEvent?.(name)) return ignore('unknown-event');
      return turn(activity.value === undefined ? { kind: 'event', name } : { kind: 'event', name, value: activity.value });
    }
    default:
      return ignore(knownTypes.has(activity.type) ? 'not-a-turn' : 'unknown-type');
  }
}

/**
 * Typed text, a quick reply (`imBack` comes back as text, `postBack` with a string as `value`), or a
 * card submit (`value` an object). A message with neither (an image, say) is empty text: the bot then
 * asks for words.
 */
function messageContent(activity: InboundActivity): TurnContent {
  const text = withoutBotMentions(activity);
  if (text.trim()) return { kind: 'text', text };
  const { value } = activity;
  if (typeof value === 'string' && value.trim()) return { kind: 'text', text: value };
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const named = (value as Record<string, unknown>).intent;
    const name = typeof named === 'string' && intentName.test(named) ? named : cardSubmitEvent;
    return { kind: 'event', name, value };
  }
  return { kind: 'text', text };
}

/** Teams puts `<at>Bot</at>` in the text when the bot is @mentioned; that is not something the customer said. */
function withoutBotMentions(activity: InboundActivity): string {
  let text = activity.text ?? '';
  const botId = activity.recipient?.id;
  if (!botId || !text) return text;
  for (const entity of activity.entities ?? []) {
    if (typeof entity !== 'object' || entity === null) continue;
    const { type, mentioned, text: mention } = entity as { type?: unknown; mentioned?: { id?: unknown }; text?: unknown };
    if (type === 'mention' && mentioned?.id === botId && typeof mention === 'string' && mention) {
      text = text.split(mention).join(' ');
    }
  }
  return text;
}
