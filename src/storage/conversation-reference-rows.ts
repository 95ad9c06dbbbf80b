import { z } from 'zod';
import type { StoredConversationReference } from './conversation-reference-repository.ts';

/** Conversation references as both engines store them (sqlite- and postgres/pg-conversation-reference-repository.ts); a reference that does not parse reads as none. */
export interface ReferenceRow {
  conversation_key: string;
  channel_id: string;
  conversation_id: string;
  user_id: string;
  aad_object_id: string | null;
  reference: string;
  updated_at: string;
}

export const referenceColumns = 'conversation_key, channel_id, conversation_id, user_id, aad_object_id, reference, updated_at';

const referenceSchema = z.record(z.string(), z.unknown());

export function referenceOf(row: ReferenceRow): StoredConversationReference | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.reference);
  } catch {
    return undefined;
  }
  const reference = referenceSchema.safeParse(parsed);
  if (!reference.success) return undefined;
  return {
    conversationKey: row.conversation_key,
    channelId: row.channel_id,
    conversationId: row.conversation_id,
    userId: row.user_id,
    aadObjectId: row.aad_object_id,
    reference: reference.data,
    updatedAt: row.updated_at,
  };
}
