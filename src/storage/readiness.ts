import { statfsSync } from 'node:fs';
import path from 'node:path';
import { StorageUnavailableError } from '../errors.ts';
import type { Database } from './database.ts';
import { toStorageFailure } from './storage-failure.ts';
import { storageMessages } from './storage-messages.ts';

export interface ReadinessOptions {
  /** Below this much free space on DATA_DIR's disk the database counts as full (default 1 MiB). */
  minFreeBytes?: number;
  /** How long the probe waits for another connection's write lock (default 250 ms): it runs on the event loop. */
  busyTimeoutMs?: number;
}

export interface ReadinessProbe {
  /** Undefined when the database can take a write now; otherwise why not (storage_full or storage_unavailable). */
  check(): StorageUnavailableError | undefined;
}

/** Thrown inside the probe's transaction so that better-sqlite3 rolls it back. */
class ProbeRolledBack extends Error {}

/**
 * Whether the database can take a write right now, for GET /readyz.
 *
 * The probe takes the write lock (BEGIN IMMEDIATE: fails on a lock held past the probe's short timeout,
 * a read-only or damaged file), then writes a row two pages long and rolls it back. A small write into a
 * page with room left succeeds even when the database cannot grow, so the probe must need new pages:
 * those come from the free list or by growing the file, and fail with SQLITE_FULL when neither is possible
 * (the file's max_page_count, as tests simulate a full disk). A rolled-back write never reaches the disk,
 * so a disk that is really full is seen by its free space instead (statfs on DATA_DIR). The row goes into
 * schema_migrations with a version no migration uses, and never outlives the probe's transaction.
 */
export function createReadinessProbe(database: Database, options: ReadinessOptions = {}): ReadinessProbe {
  const minFreeBytes = options.minFreeBytes ?? 1024 * 1024;
  const busyTimeoutMs = options.busyTimeoutMs ?? 250;
  const folder = path.dirname(database.name);
  const pageSize = Number(database.pragma('page_size', { simple: true }));
  const insert = database.prepare<[number]>("INSERT INTO schema_migrations (version, name, applied_at) VALUES (-1, 'readiness probe', zeroblob(?))");
  const writeAndRollBack = database.transaction((): void => {
    insert.run(2 * pageSize);
    throw new ProbeRolledBack();
  }).immediate;

  const freeBytes = (): number | undefined => {
    try {
      const stats = statfsSync(folder);
      return stats.bavail * stats.bsize;
    } catch {
      return undefined; // no statfs here: the write probe alone decides
    }
  };

  return {
    check() {
      const free = freeBytes();
      if (free !== undefined && free < minFreeBytes) return new StorageUnavailableError('storage_full', storageMessages.notReady.storage_full);
      if (!database.open) return new StorageUnavailableError('storage_unavailable', storageMessages.notReady.storage_unavailable);
      const previousTimeout = Number(database.pragma('busy_timeout', { simple: true }));
      database.pragma(`busy_timeout = ${busyTimeoutMs}`);
      try {
        writeAndRollBack();
        return undefined;
      } catch (error) {
        if (error instanceof ProbeRolledBack) return undefined;
        const failure = toStorageFailure(error);
        const code = failure instanceof StorageUnavailableError ? failure.code : 'storage_unavailable';
        return new StorageUnavailableError(code, storageMessages.notReady[code], { cause: error });
      } finally {
        database.pragma(`busy_timeout = ${previousTimeout}`);
      }
    },
  };
}
