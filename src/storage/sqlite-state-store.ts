import { randomInt } from 'node:crypto';
import {
  processedRetention,
  type DocumentWrite,
  type ProcessedActivity,
  type StateStore,
  type StoredDocument,
  type ProcessedRetention,
  type StateStoreOptions,
} from './state-store.ts';
import { ConflictError } from '../errors.ts';
import type { Database } from './database.ts';
import { guardStorage } from './storage-failure.ts';

interface Row {
  key: string;
  value: string;
  etag: number;
}

interface ProcessedRow {
  fingerprint: string;
  replies: string;
}

export type SqliteStateStoreOptions = StateStoreOptions;

export class SqliteStateStore implements StateStore {
  private readonly selectOne;
  private readonly selectETag;
  private readonly insert;
  private readonly update;
  private readonly remove;
  private readonly removeIfAt;
  private readonly selectProcessed;
  private readonly upsertProcessed;
  private readonly pruneConversation;
  private readonly pruneExpired;
  private readonly writeAtomically;
  private readonly deleteAtomically;
  private readonly retention: ProcessedRetention;

  constructor(database: Database, options: SqliteStateStoreOptions = {}) {
    this.retention = processedRetention(options);
    this.selectOne = database.prepare<[string], Row>('SELECT key, value, etag FROM state_documents WHERE key = ?');
    this.selectETag = database.prepare<[string], { etag: number }>('SELECT etag FROM state_documents WHERE key = ?');
    this.insert = database.prepare<[string, string, number, string]>('INSERT INTO state_documents (key, value, etag, updated_at) VALUES (?, ?, ?, ?)');
    this.update = database.prepare<[string, string, string]>('UPDATE state_documents SET value = ?, etag = etag + 1, updated_at = ? WHERE key = ?');
    this.remove = database.prepare<[string]>('DELETE FROM state_documents WHERE key = ?');
    this.removeIfAt = database.prepare<[string, number]>('DELETE FROM state_documents WHERE key = ? AND etag = ?');
    this.selectProcessed = database.prepare<[string, string], ProcessedRow>(
      'SELECT fingerprint, replies FROM processed_activities WHERE conversation_key = ? AND activity_id = ?',
    );
    // A client that reuses an id for new content (a different fingerprint) replaces the old record.
    this.upsertProcessed = database.prepare<[string, string, string, string, string]>(
      `INSERT INTO processed_activities (conversation_key, activity_id, fingerprint, replies, processed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (conversation_key, activity_id) DO UPDATE SET fingerprint = excluded.fingerprint, replies = excluded.replies, processed_at = excluded.processed_at`,
    );
    // Keeps the newest `keep` of the conversation: its rows are a short prefix range of the unique index.
    this.pruneConversation = database.prepare<{ key: string; keep: number }>(
      `DELETE FROM processed_activities WHERE conversation_key = @key
       AND id <= (SELECT id FROM processed_activities WHERE conversation_key = @key ORDER BY id DESC LIMIT 1 OFFSET @keep)`,
    );
    this.pruneExpired = database.prepare<[string, number]>(
      'DELETE FROM processed_activities WHERE id IN (SELECT id FROM processed_activities WHERE processed_at < ? ORDER BY processed_at LIMIT ?)',
    );
    // Built once, not per turn: better-sqlite3's transaction() builds four wrapper functions each time it is called.
    this.writeAtomically = database.transaction(
      (writes: readonly DocumentWrite[], processed: ProcessedActivity | undefined, now: Date): Record<string, string> => {
        const stamp = now.toISOString();
        const eTags: Record<string, string> = {};
        for (const write of writes) {
          const current = this.selectETag.get(write.key)?.etag;
          if (!isBaseOf(current, write.eTag)) {
            throw new ConflictError(`State "${write.key}" was changed by another turn.`, write.key, 'etag_mismatch');
          }
          const json = write.json ?? JSON.stringify(write.value);
          if (current === undefined) {
            // A random first version: a document deleted and created again must not come back at a version
            // a turn that read the old one still holds (its save would then pass the check).
            const first = randomInt(1, 2 ** 47);
            this.insert.run(write.key, json, first, stamp);
            eTags[write.key] = String(first);
          } else {
            this.update.run(json, stamp, write.key);
            eTags[write.key] = String(current + 1);
          }
        }
        if (processed) {
          this.upsertProcessed.run(processed.conversationKey, processed.activityId, processed.fingerprint, JSON.stringify(processed.replies), stamp);
          this.pruneConversation.run({ key: processed.conversationKey, keep: this.retention.keepPerConversation });
          this.pruneExpired.run(new Date(now.getTime() - this.retention.keepForMs).toISOString(), this.retention.expiredPerWrite);
        }
        return eTags;
      },
    );
    this.deleteAtomically = database.transaction((keys: readonly string[]): void => {
      for (const key of keys) this.remove.run(key);
    });
  }

  async read(keys: readonly string[]): Promise<Record<string, StoredDocument>> {
    return guardStorage(() => {
      const found: Record<string, StoredDocument> = {};
      for (const key of keys) {
        const row = this.selectOne.get(key);
        if (row) found[key] = { value: JSON.parse(row.value) as unknown, eTag: String(row.etag), json: row.value };
      }
      return found;
    });
  }

  async write(writes: readonly DocumentWrite[], processed?: ProcessedActivity): Promise<Record<string, string>> {
    // IMMEDIATE: the write lock is taken before the eTags are read, so the check and the write are one
    // step for every connection (a deferred transaction would fail with SQLITE_BUSY on the upgrade).
    return guardStorage(() => this.writeAtomically.immediate(writes, processed, this.retention.now()));
  }

  async delete(keys: readonly string[]): Promise<void> {
    guardStorage(() => this.deleteAtomically.immediate(keys));
  }

  async deleteIfUnchanged(key: string, eTag: string): Promise<boolean> {
    const version = Number(eTag);
    if (!Number.isSafeInteger(version)) return false;
    return guardStorage(() => this.removeIfAt.run(key, version).changes > 0);
  }

  async findProcessed(conversationKey: string, activityId: string): Promise<ProcessedActivity | undefined> {
    const row = guardStorage(() => this.selectProcessed.get(conversationKey, activityId));
    if (!row) return undefined;
    return { conversationKey, activityId, fingerprint: row.fingerprint, replies: JSON.parse(row.replies) as unknown };
  }
}

/** Whether the stored version (undefined: no document) is the one the write was based on. */
function isBaseOf(current: number | undefined, expected: string | null | undefined): boolean {
  if (expected === undefined || expected === '*' || expected === '') return true;
  if (expected === null) return current === undefined;
  return current !== undefined && String(current) === expected;
}
