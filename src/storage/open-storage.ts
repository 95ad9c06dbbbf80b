import type { Config } from '../config.ts';
import { ConfigError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { openPostgresStorage, type PostgresStorage } from './postgres/pg-storage.ts';
import { openSqliteStorage, type SqliteStorage } from './sqlite-storage.ts';

export type OpenedStorage = SqliteStorage | PostgresStorage;

/**
 * The engine the configuration asks for: PostgreSQL when DATABASE_URL is set (as many instances as needed on
 * one database), else SQLite under DATA_DIR (one process). A database that cannot be reached at start is
 * an operator's matter, said in one line naming the variable, without the password.
 */
export async function openStorage(config: Config, logger: Logger, use: 'server' | 'command' = 'server'): Promise<OpenedStorage> {
  // A short CLI command (seed, agents) shares the database with a running server: no DATA_DIR lock, no
  // checkpointer of its own, and a small pool.
  const server = use === 'server';
  if (!config.postgres) return openSqliteStorage(config.dataDir, { logger, lock: server, checkpointer: server });
  try {
    return await openPostgresStorage(config.postgres.url, { poolSize: server ? config.postgres.poolSize : 2, logger });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`DATABASE_URL: cannot open the PostgreSQL database (${reason.replaceAll(config.postgres.url, '[DATABASE_URL]')})`);
  }
}

/** The SQLite connection of a SQLite engine (tests, benchmarks and SQLite-only tools); an error on PostgreSQL. */
export function sqliteDatabaseOf(storage: OpenedStorage): SqliteStorage['database'] {
  if (storage.kind !== 'sqlite') throw new Error('this needs the SQLite engine (DATABASE_URL is set)');
  return storage.database;
}
