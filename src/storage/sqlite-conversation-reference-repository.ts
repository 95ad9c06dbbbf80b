import { z } from 'zod';
import type { ConversationReferenceRepository, StoredConversationReference } from './conversation-reference-repository.ts';
import type { Database } from './database.ts';
import { guardStorage } from './storage-failure.ts';

interface ReferenceRow {
  conversation_key: string;
  channel_id: string;
  conversation_id: string;
  user_id: string;
  aad_object_id: string | null;
  reference: string;
  updated_at: string;
}

const columns = 'conversation_key, channel_id, conversation_id, user_id, aad_object_id, reference, updated_at';
const referenceSchema = z.record(z.string(), z.unknown());

export class SqliteConversationReferenceRepository implements ConversationReferenceRepository {
  private readonly upsert;
  private readonly selectByKey;
  private readonly selectByUser;
  private readonly selectByAad;

  constructor(database: Database) {
    this.upsert = database.prepare<[string, string, string, string, string | null, string, string]>(
      `INSERT INTO conversation_references (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(conversation_key) DO UPDATE SET user_id = excluded.user_id, aad_object_id = excluded.aad_object_id,
         reference = excluded.reference, updated_at = excluded.updated_at`,
    );
    this.selectByKey = database.prepare<[string], ReferenceRow>(`SELECT ${columns} FROM conversation_references WHERE conversation_key = ?`);
    this.selectByUser = database.prepare<[string, string], ReferenceRow>(
      `SELECT ${columns} FROM conversation_references WHERE channel_id = ? AND user_id = ? ORDER BY updated_at DESC LIMIT 1`,
    );
    this.selectByAad = database.prepare<[string], ReferenceRow>(
      `SELECT ${columns} FROM conversation_references WHERE aad_object_id = ? ORDER BY updated_at DESC LIMIT 1`,
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

function referenceOf(row: ReferenceRow): StoredConversationReference | undefined {
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
