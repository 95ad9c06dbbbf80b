import { referenceColumns, referenceOf, type ReferenceRow } from '../conversation-reference-rows.ts';
import type { ConversationReferenceRepository, StoredConversationReference } from '../conversation-reference-repository.ts';
import type { PgDatabase } from './pg-database.ts';

/**
 * Conversation references on PostgreSQL, with the behaviour of sqlite-conversation-reference-repository.ts:
 * one row per conversation, replaced by each save in one upsert (two instances saving the same
 * conversation at once: the later statement's reference stands, never a unique-violation error).
 */

export class PgConversationReferenceRepository implements ConversationReferenceRepository {
  constructor(private readonly database: PgDatabase) {}

  async save(reference: StoredConversationReference): Promise<void> {
    await this.database.rows(
      `INSERT INTO conversation_references (${referenceColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (conversation_key) DO UPDATE SET user_id = excluded.user_id, aad_object_id = excluded.aad_object_id,
         reference = excluded.reference, updated_at = excluded.updated_at`,
      [
        reference.conversationKey,
        reference.channelId,
        reference.conversationId,
        reference.userId,
        reference.aadObjectId,
        JSON.stringify(reference.reference),
        reference.updatedAt,
      ],
    );
  }

  async find(conversationKey: string): Promise<StoredConversationReference | undefined> {
    const [row] = await this.database.rows<ReferenceRow>(`SELECT ${referenceColumns} FROM conversation_references WHERE conversation_key = $1`, [
      conversationKey,
    ]);
    return row && referenceOf(row);
  }

  async latestForUser(query: { channelId: string; userId: string } | { aadObjectId: string }): Promise<StoredConversationReference | undefined> {
    const [row] =
      'aadObjectId' in query
        ? await this.database.rows<ReferenceRow>(
            `SELECT ${referenceColumns} FROM conversation_references WHERE aad_object_id = $1 ORDER BY updated_at DESC LIMIT 1`,
            [query.aadObjectId],
          )
        : await this.database.rows<ReferenceRow>(
            `SELECT ${referenceColumns} FROM conversation_references WHERE channel_id = $1 AND user_id = $2 ORDER BY updated_at DESC LIMIT 1`,
            [query.channelId, query.userId],
          );
    return row && referenceOf(row);
  }
}

/** Undefined for a row whose JSON no longer parses as an object (as SQLite: such a conversation cannot be reached). */
