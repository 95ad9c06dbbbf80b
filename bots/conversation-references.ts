import { TurnContext } from 'botbuilder';
import { isoNow, nowMillis, type Clock } from '../src/clock.ts';
import { conversationKeyOf } from '../src/handoffs/handoff.ts';
import { RecentlyUsed } from '../src/recently-used.ts';
import type { ConversationReferenceRepository } from '../src/storage/conversation-reference-repository.ts';

/** How long an unchanged reference, written by this instance for the user's latest conversation, is not written again. */
const rewriteAfterMs = 60_000;
/** Conversations and users remembered (least recently written forgotten first). */
const maxRemembered = 10_000;

/**
 * What this instance wrote last, so a message that changes nothing is not one more write transaction on
 * every turn: the same conversation, the same reference, the same user's latest conversation, written
 * under a minute ago. Any change (another conversation of the user, a new service URL) writes at once, so
 * "the conversation the user wrote from last" (notices) keeps its order; its `updatedAt` may lag by up to
 * a minute.
 */
export class RecentConversationWrites {
  private readonly byConversation = new RecentlyUsed<string, { reference: string; atMs: number }>(maxRemembered);
  private readonly latestByUser = new RecentlyUsed<string, string>(maxRemembered);

  isFresh(userKey: string, conversationKey: string, reference: string, nowMs: number): boolean {
    const written = this.byConversation.get(conversationKey);
    return (
      written !== undefined && written.reference === reference && nowMs - written.atMs < rewriteAfterMs && this.latestByUser.get(userKey) === conversationKey
    );
  }

  wrote(userKey: string, conversationKey: string, reference: string, nowMs: number): void {
    this.byConversation.set(conversationKey, { reference, atMs: nowMs });
    this.latestByUser.set(userKey, conversationKey);
  }
}

/**
 * Keeps where each chat conversation can be reached, from the dealer's last message (the reference
 * changes when Teams moves a conversation to another service URL). One upsert per message that changes
 * something (see RecentConversationWrites).
 */
export async function rememberConversation(
  context: TurnContext,
  references: ConversationReferenceRepository,
  clock: Clock,
  recent?: RecentConversationWrites,
): Promise<void> {
  const { activity } = context;
  const conversationId = activity.conversation?.id;
  const userId = activity.from?.id;
  if (!conversationId || !userId || !activity.channelId) return;
  const reference = TurnContext.getConversationReference(activity);
  const conversationKey = conversationKeyOf(activity.channelId, conversationId);
  const userKey = `${activity.channelId}/${userId}/${activity.from.aadObjectId ?? ''}`;
  const serialized = JSON.stringify(reference);
  // The activity id changes with every message and matters to nothing sent later: not a change.
  const { activityId: _activityId, ...where } = reference;
  const unchangedIf = JSON.stringify(where);
  const nowMs = nowMillis(clock);
  if (recent?.isFresh(userKey, conversationKey, unchangedIf, nowMs)) return;
  await references.save({
    conversationKey,
    channelId: activity.channelId,
    conversationId,
    userId,
    aadObjectId: activity.from.aadObjectId ?? null,
    // Plain JSON: the reference's own fields (ids, names, serviceUrl), nothing else of the activity.
    reference: JSON.parse(serialized) as Record<string, unknown>,
    updatedAt: isoNow(clock),
  });
  recent?.wrote(userKey, conversationKey, unchangedIf, nowMs);
}
