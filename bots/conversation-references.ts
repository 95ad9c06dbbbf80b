import { TurnContext } from 'botbuilder';
import type { Clock } from '../src/clock.ts';
import { conversationKeyOf } from '../src/handoffs/handoff.ts';
import type { ConversationReferenceRepository } from '../src/storage/conversation-reference-repository.ts';

/**
 * Keeps where each chat conversation can be reached, from the dealer's last message (the reference
 * changes when Teams moves a conversation to another service URL). One upsert per message.
 */
export async function rememberConversation(context: TurnContext, references: ConversationReferenceRepository, clock: Clock): Promise<void> {
  const { activity } = context;
  const conversationId = activity.conversation?.id;
  const userId = activity.from?.id;
  if (!conversationId || !userId || !activity.channelId) return;
  const reference = TurnContext.getConversationReference(activity);
  await references.save({
    conversationKey: conversationKeyOf(activity.channelId, conversationId),
    channelId: activity.channelId,
    conversationId,
    userId,
    aadObjectId: activity.from.aadObjectId ?? null,
    // Plain JSON: the reference's own fields (ids, names, serviceUrl), nothing else of the activity.
    reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
    updatedAt: clock.now().toUTC().toISO() ?? '',
  });
}
