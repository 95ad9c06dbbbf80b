import { ConflictError } from '../errors.ts';
import type { Database } from './database.ts';
import type { DocumentWrite, StateStore, StoredDocument } from './state-store.ts';

interface Row {
  key: string;
  value: string;
  etag: number;
}

export class SqliteStateStore implements StateStore {
  private readonly selectOne;
  private readonly insert;
  private readonly update;
  private readonly remove;
  private readonly writeAtomically;
  private readonly deleteAtomically;

  constructor(database: Database) {
    this.selectOne = database.prepare<[string], Row>('SELECT key, value, etag FROM state_documents WHERE key = ?');
    this.insert = database.prepare<[string, string, string]>('INSERT INTO state_documents (key, value, etag, updated_at) VALUES (?, ?, 1, ?)');
    this.update = database.prepare<[string, string, string]>('UPDATE state_documents SET value = ?, etag = etag + 1, updated_at = ? WHERE key = ?');
    this.remove = database.prepare<[string]>('DELETE FROM state_documents WHERE key = ?');
    // Built once, not per turn: better-sqlite3's transaction() builds four wrapper functions each time it is called.
    this.writeAtomically = database.transaction((writes: readonly DocumentWrite[], now: string): Record<string, string> => {
      const eTags: Record<string, string> = {};
      for (const write of writes) {
        const current = this.selectOne.get(write.key);
        const expected = write.eTag;
        // Like botbuilder's own storages: a missing document is simply written; an existing one must match.
        if (current && expected !== undefined && expected !== '' && expected !== '*' && String(current.etag) !== expected) {
          throw new ConflictError(`State "${write.key}" was changed by another turn.`, write.key, 'etag_mismatch');
        }
        const json = JSON.stringify(write.value);
        if (current) this.update.run(json, now, write.key);
        else this.insert.run(write.key, json, now);
        eTags[write.key] = String((current?.etag ?? 0) + 1);
      }
      return eTags;
    });
    this.deleteAtomically = database.transaction((keys: readonly string[]): void => {
      for (const key of keys) this.remove.run(key);
    });
  }

  async read(keys: readonly string[]): Promise<Record<string, StoredDocument>> {
    const found: Record<string, StoredDocument> = {};
    for (const key of keys) {
      const row = this.selectOne.get(key);
      if (row) found[key] = { value: JSON.parse(row.value) as unknown, eTag: String(row.etag) };
    }
    return found;
  }

  async write(writes: readonly DocumentWrite[]): Promise<Record<string, string>> {
    const now = new Date().toISOString();
    return this.writeAtomically(writes, now);
  }

  async delete(keys: readonly string[]): Promise<void> {
    this.deleteAtomically(keys);
  }
}
