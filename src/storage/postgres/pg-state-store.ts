import { randomInt } from 'node:crypto';
import {
  processedRetention,
  type DocumentWrite,
  type ProcessedActivity,
  type StateStore,
  type StoredDocument,
  type ProcessedRetention,
  type StateStoreOptions,
} from '../state-store.ts';
import { ConflictError } from '../../errors.ts';
import type { PgDatabase, PgQueryable } from './pg-database.ts';

/**
 * The bot's state documents on PostgreSQL, with the behaviour of sqlite-state-store.ts. SQLite makes the
 * eTag check and the write one step by taking the write lock first (BEGIN IMMEDIATE); here several
 * instances write at once, so every check is part of the statement that writes: an UPDATE … WHERE etag =
 * the version read, an INSERT … ON CONFLICT DO NOTHING for "must not exist yet", each judged by the rows it
 * touched. Of two instances saving on the same version, exactly one changes a row; the other gets
 * ConflictError `etag_mismatch` and its whole transaction (every write and the processed activity) is
 * rolled back.
 */

interface DocumentRow {
  key: string;
  value: string;
  etag: number;
}

interface ProcessedRow {
  fingerprint: string;
  replies: string;
}

export type PgStateStoreOptions = StateStoreOptions;

export class PgStateStore implements StateStore {
  private readonly retention: ProcessedRetention;

  constructor(
    private readonly database: PgDatabase,
    options: PgStateStoreOptions = {},
  ) {
    this.retention = processedRetention(options);
  }

  async read(keys: readonly string[]): Promise<Record<string, StoredDocument>> {
    if (keys.length === 0) return {};
    const rows = await this.database.rows<DocumentRow>('SELECT key, value, etag FROM state_documents WHERE key = ANY($1::text[])', [[...keys]]);
    const byKey = new Map(rows.map((row) => [row.key, row]));
    const found: Record<string, StoredDocument> = {};
    // In the order asked, as SQLite answers.
    for (const key of keys) {
      const row = byKey.get(key);
      if (row) found[key] = { value: JSON.parse(row.value) as unknown, eTag: String(row.etag), json: row.value };
    }
    return found;
  }

  async write(writes: readonly DocumentWrite[], processed?: ProcessedActivity): Promise<Record<string, string>> {
    const now = this.retention.now();
    return this.database.transaction(async (client) => {
      const stamp = now.toISOString();
      const eTags: Record<string, string> = {};
      for (const write of writes) eTags[write.key] = await this.writeOne(client, write, stamp);
      if (processed) await this.recordProcessed(client, processed, now);
      return eTags;
    });
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.database.rows('DELETE FROM state_documents WHERE key = ANY($1::text[])', [[...keys]]);
  }

  async deleteIfUnchanged(key: string, eTag: string): Promise<boolean> {
    // As SQLite: the eTag read as a number (unlike write(), which compares its text).
    const version = Number(eTag);
    if (!Number.isSafeInteger(version)) return false;
    const deleted = await this.database.rows<{ key: string }>('DELETE FROM state_documents WHERE key = $1 AND etag = $2 RETURNING key', [key, version]);
    return deleted.length > 0;
  }

  async findProcessed(conversationKey: string, activityId: string): Promise<ProcessedActivity | undefined> {
    const [row] = await this.database.rows<ProcessedRow>(
      'SELECT fingerprint, replies FROM processed_activities WHERE conversation_key = $1 AND activity_id = $2',
      [conversationKey, activityId],
    );
    if (!row) return undefined;
    return { conversationKey, activityId, fingerprint: row.fingerprint, replies: JSON.parse(row.replies) as unknown };
  }

  /** One write of a batch, checked and applied in one statement; returns the new eTag. */
  private async writeOne(client: PgQueryable, write: DocumentWrite, stamp: string): Promise<string> {
    const json = write.json ?? JSON.stringify(write.value);
    const expected = write.eTag;
    if (expected === undefined || expected === '*' || expected === '') {
      // Last write wins: an upsert, so a concurrent first insert by another instance cannot make it fail.
      const { rows } = await client.query<{ etag: number }>(
        `INSERT INTO state_documents (key, value, etag, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = state_documents.etag + 1, updated_at = excluded.updated_at
         RETURNING etag`,
        [write.key, json, firstVersion(), stamp],
      );
      return String(rows[0]?.etag);
    }
    if (expected === null) {
      // Insert only: when another instance inserted the key first (even while we waited on its
      // uncommitted row), nothing is inserted and the write conflicts.
      const { rows } = await client.query<{ etag: number }>(
        'INSERT INTO state_documents (key, value, etag, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING RETURNING etag',
        [write.key, json, firstVersion(), stamp],
      );
      if (rows[0] === undefined) throw conflictOn(write.key);
      return String(rows[0].etag);
    }
    const version = versionOf(expected);
    if (version === undefined) throw conflictOn(write.key);
    // READ COMMITTED re-checks the WHERE on the newest row after waiting for a concurrent writer: a second
    // writer on the same version finds it moved on and updates nothing.
    const { rows } = await client.query<{ etag: number }>(
      'UPDATE state_documents SET value = $2, etag = etag + 1, updated_at = $3 WHERE key = $1 AND etag = $4 RETURNING etag',
      [write.key, json, stamp, version],
    );
    if (rows[0] === undefined) throw conflictOn(write.key);
    return String(rows[0].etag);
  }

  private async recordProcessed(client: PgQueryable, processed: ProcessedActivity, now: Date): Promise<void> {
    const stamp = now.toISOString();
    // A client that reuses an id for new content (a different fingerprint) replaces the old record.
    await client.query(
      `INSERT INTO processed_activities (conversation_key, activity_id, fingerprint, replies, processed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (conversation_key, activity_id) DO UPDATE SET fingerprint = excluded.fingerprint, replies = excluded.replies, processed_at = excluded.processed_at`,
      [processed.conversationKey, processed.activityId, processed.fingerprint, JSON.stringify(processed.replies), stamp],
    );
    // Keeps the newest `keep` of the conversation: its rows are a short prefix range of the unique index.
    await client.query(
      `DELETE FROM processed_activities WHERE conversation_key = $1
       AND id <= (SELECT id FROM processed_activities WHERE conversation_key = $1 ORDER BY id DESC LIMIT 1 OFFSET $2)`,
      [processed.conversationKey, this.retention.keepPerConversation],
    );
    // SKIP LOCKED: expired records another instance is already deleting are left to it, so two turns
    // never wait on each other (or deadlock) over housekeeping.
    await client.query(
      `DELETE FROM processed_activities WHERE id IN (
         SELECT id FROM processed_activities WHERE processed_at < $1 ORDER BY processed_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [new Date(now.getTime() - this.retention.keepForMs).toISOString(), this.retention.expiredPerWrite],
    );
  }
}

/**
 * A random first version: a document deleted and created again must not come back at a version a turn
 * that read the old one still holds (its save would then pass the check). BIGINT since migration 4.
 */
function firstVersion(): number {
  return randomInt(1, 2 ** 47);
}

/** The stored version an eTag names, or undefined when it names none (SQLite compares the text: '007' is not 7). */
function versionOf(eTag: string): number | undefined {
  const version = Number(eTag);
  return Number.isSafeInteger(version) && String(version) === eTag ? version : undefined;
}

function conflictOn(key: string): ConflictError {
  return new ConflictError(`State "${key}" was changed by another turn.`, key, 'etag_mismatch');
}
