/**
 * Parley conversation ids for Bot Framework conversations. A conversation is named by its channel and
 * the channel's conversation id; those come from outside (`a:1Jr…` on Teams, `…|livechat` in the
 * Emulator, `19:…@thread.tacv2;messageid=…` in a Teams channel) and must become a safe store key.
 */
import { createHash } from 'node:crypto';

const plainChannel = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,39}$/;
const plainConversation = /^[A-Za-z0-9._:@-]+$/;
const maxLength = 200;

/**
 * `bf:<channel>:<conversation>` when that is already a safe id (letters, digits, `._:@-`, at most
 * 200 characters), else `bfh:<channel>:<sha-256>`. Distinct inputs give distinct ids: the channel part
 * holds no `:`, and the two forms have different prefixes.
 *
 * @example
 * conversationIdOf('msteams', 'a:1Jr9') // 'bf:msteams:a:1Jr9'
 * conversationIdOf('emulator', '45b2|livechat') // 'bfh:emulator:3f0c…'
 */
export function conversationIdOf(channelId: string, conversationId: string): string {
  const channelIsPlain = plainChannel.test(channelId);
  const readable = `bf:${channelId}:${conversationId}`;
  if (channelIsPlain && plainConversation.test(conversationId) && readable.length <= maxLength) return readable;
  // Length-prefixed, so that no two (channel, conversation) pairs hash the same bytes.
  const digest = createHash('sha256').update(`${channelId.length}:${channelId}${conversationId}`).digest('hex');
  return `bfh:${channelIsPlain ? channelId : 'other'}:${digest}`;
}
