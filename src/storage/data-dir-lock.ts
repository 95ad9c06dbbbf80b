import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { storageMessages } from './storage-messages.ts';

/** Another process holds DATA_DIR: start-up stops with this one line. */
export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string) {
    super(storageMessages.dataDirInUse(dataDir));
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  /** Lets another process take DATA_DIR (after this one has closed its database). */
  release(): void;
}

export const lockFileName = 'lease-return.lock';

/**
 * Makes this process the only server on DATA_DIR, for as long as it lives: two servers on one database
 * would both start fine and then fight over every write.
 *
 * The lock is SQLite's own: a separate, empty database file (`lease-return.lock`) on which this process
 * holds an EXCLUSIVE transaction open until release(). SQLite takes that as an operating-system lock on
 * the file (fcntl on Unix, LockFileEx on Windows), which the kernel drops when the process ends in any
 * way, kill -9 included: there is no stale lock file to clean up, and no pid to check. (A lock *file*
 * whose existence is the lock, as proper-lockfile does, survives a kill -9 until its staleness timeout.)
 * SQLite also sees a second connection inside the same process, so an in-process second app is refused
 * the same way. The app's own database stays free for an admin's sqlite3 shell or a backup tool.
 * The journal stays in memory, so the lock never leaves a journal file behind.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const connection = new BetterSqlite3(path.join(dataDir, lockFileName));
  try {
    // Refuse at once: waiting would only delay the same answer.
    connection.pragma('busy_timeout = 0');
    connection.pragma('journal_mode = MEMORY');
    connection.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    connection.close();
    const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw new DataDirInUseError(dataDir);
    throw error;
  }
  return {
    release() {
      if (connection.open) connection.close();
    },
  };
}
