import { referenceColumns, referenceOf, type ReferenceRow } from './conversation-reference-rows.ts';
import type { ConversationReferenceRepository, StoredConversationReference } from './conversation-reference-repository.ts';
import type { Database } from './database.ts';
import { guardStorage } from './storage-failure.ts';

export class SqliteConversationReferenceRepository implements ConversationReferenceRepository {
  private readonly upsert;
  private readonly selectByKey;
  private readonly selectByUser;
  private readonly selectByAad;

  constructor(database: Database) {
    this.upsert = database.prepare<[string, string, string, string, string | null, string, string]>(
      `INSERT INTO conversation_references (${referenceColumns}) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(conversation_key) DO UPDATE SET user_id = excluded.user_id, aad_object_id = excluded.aad_object_id,
         reference = excluded.reference, updated_at = excluded.updated_at`,
    );
    this.selectByKey = database.prepare<[string], ReferenceRow>(`SELECT ${referenceColumns} FROM conversation_references WHERE conversation_key = ?`);
    this.selectByUser = database.prepare<[string, string], ReferenceRow>(
      `SELECT ${referenceColumns} FROM conversation_references WHERE channel_id = ? AND user_id = ? ORDER BY updated_at DESC LIMIT 1`,
    );
    this.selectByAad = database.prepare<[string], ReferenceRow>(
      `SELECT ${referenceColumns} FROM conversation_references WHERE aad_object_id = ? ORDER BY updated_at DESC LIMIT 1`,
    );
  }

  async save(reference: StoredConversationReference): Promise<void> {
    guardStorage(() =>
      this.upsert.run(
        reference.conversationKey,
        reference.channelId,
        reference.conversationId,
        reference.userId,
        reference.aadObjectId,
        JSON.stringify(reference.reference),
        reference.updatedAt,
      ),
    );
  }

  async find(conversationKey: string): Promise<StoredConversationReference | undefined> {
    const row = guardStorage(() => this.selectByKey.get(conversationKey));
    return row && referenceOf(row);
  }

  async latestForUser(query: { channelId: string; userId: string } | { aadObjectId: string }): Promise<StoredConversationReference | undefined> {
    const row = guardStorage(() => ('aadObjectId' in query ? this.selectByAad.get(query.aadObjectId) : this.selectByUser.get(query.channelId, query.userId)));
    return row && referenceOf(row);
  }
}
