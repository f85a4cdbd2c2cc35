/**
 * A Bot Framework conversation's address: what botbuilder needs to write into it outside a turn (its
 * conversation reference), kept with the conversation as flat strings (`TurnInput.address`), so a
 * notification reaches it from any process, after a restart, as `continueConversation` does.
 */
import type { ConversationReference } from 'botbuilder';
import type { ChannelAddress } from '../../src/core/turn.js';

/** The reference's parts as an address; undefined when it lacks what a reply needs. */
export function addressOf(reference: Partial<ConversationReference>): ChannelAddress | undefined {
  const { serviceUrl, channelId, conversation, bot, user } = reference;
  if (!serviceUrl || !channelId || !conversation?.id || !bot?.id) return undefined;
  return {
    serviceUrl,
    channelId,
    conversationId: conversation.id,
    botId: bot.id,
    ...(bot.name ? { botName: bot.name } : {}),
    ...(user?.id ? { userId: user.id } : {}),
    ...(conversation.tenantId ? { tenantId: conversation.tenantId } : {}),
    ...(reference.locale ? { locale: reference.locale } : {}),
  };
}

/** The address back as a conversation reference. */
export function referenceOf(address: ChannelAddress): Partial<ConversationReference> {
  return {
    serviceUrl: address.serviceUrl,
    channelId: address.channelId,
    conversation: { id: address.conversationId!, isGroup: false, conversationType: '', name: '', ...(address.tenantId ? { tenantId: address.tenantId } : {}) },
    bot: { id: address.botId!, name: address.botName ?? '' },
    ...(address.userId ? { user: { id: address.userId, name: '' } } : {}),
    ...(address.locale ? { locale: address.locale } : {}),
  };
}
