/**
 * Where a chat conversation can be reached later: botbuilder's ConversationReference, kept as JSON from
 * the dealer's last message (bots/conversation-references.ts writes it). An agent's handoff reply and a
 * proactive notice (issue 16) send through it with the adapter's continueConversation.
 */
export interface StoredConversationReference {
  conversationKey: string;
  channelId: string;
  conversationId: string;
  userId: string;
  /** Teams: the user's Azure AD object id, to find the conversation a dealer user last wrote from. */
  aadObjectId: string | null;
  reference: Record<string, unknown>;
  updatedAt: string;
}

export interface ConversationReferenceRepository {
  save(reference: StoredConversationReference): Promise<void>;
  find(conversationKey: string): Promise<StoredConversationReference | undefined>;
  /** The conversation a chat user (channel + user id, or Azure AD object id) wrote from last. */
  latestForUser(query: { channelId: string; userId: string } | { aadObjectId: string }): Promise<StoredConversationReference | undefined>;
}
