import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { migrations, type Migration } from './migrations.ts';
import { storageMessages } from './storage-messages.ts';

export type Database = BetterSqlite3.Database;

/** The database file fails SQLite's integrity check: start-up stops with this one line naming the file. */
export class DatabaseDamagedError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(storageMessages.damaged(file, problem));
    this.name = 'DatabaseDamagedError';
  }
}

/**
 * Opens (creating if needed) the SQLite database under DATA_DIR, in WAL mode, checks that the file is
 * sound, and applies every numbered migration not yet applied, each in its own transaction.
 */
export function openDatabase(dataDir: string, fileName = 'lease-return.sqlite'): Database {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, fileName);
  const database = new BetterSqlite3(file);
  try {
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    checkIntegrity(database, file);
    migrate(database, migrations);
  } catch (error) {
    database.close();
    const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
    if (typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code)) throw new DatabaseDamagedError(file, code);
    throw error;
  }
  return database;
}

/**
 * Damage in the middle of the file (a bad disk, a copy taken mid-write, a stray write) would otherwise
 * go unnoticed until some request reads or writes that page and fails. quick_check reads every page once
 * (it skips only the costlier index-content checks of integrity_check), so a damaged file is refused at
 * start, naming it, instead of failing requests later.
 */
function checkIntegrity(database: Database, file: string): void {
  const problems = database
    .prepare<[], unknown>('PRAGMA quick_check(3)')
    .pluck()
    .all()
    .map(String)
    .filter((problem) => problem !== 'ok');
  if (problems.length > 0) throw new DatabaseDamagedError(file, problems.join('; ').replace(/\s+/g, ' ').slice(0, 300));
}

export function migrate(database: Database, all: readonly Migration[]): void {
  database.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set(
    database
      .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
      .all()
      .map((row) => row.version),
  );
  const isApplied = database.prepare<[number], { version: number }>('SELECT version FROM schema_migrations WHERE version = ?');
  const record = database.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of [...all].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    // Write lock first, then look again: another connection (npm run seed while the server starts) may
    // have applied it since the read above.
    database
      .transaction(() => {
        if (isApplied.get(migration.version)) return;
        database.exec(migration.sql);
        record.run(migration.version, migration.name, new Date().toISOString());
      })
      .immediate();
  }
}
