import { ConfigError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { DataDirInUseError, lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import { DatabaseDamagedError, openDatabase, type Database } from './database.ts';
import { createReadinessProbe, type ReadinessOptions } from './readiness.ts';
import { SqliteAgentRepository } from './sqlite-agent-repository.ts';
import { SqliteCaseNoteRepository } from './sqlite-case-note-repository.ts';
import { SqliteCaseQueries } from './sqlite-case-queries.ts';
import { SqliteCaseRepository } from './sqlite-case-repository.ts';
import { SqliteConversationReferenceRepository } from './sqlite-conversation-reference-repository.ts';
import { SqliteDealerRepository } from './sqlite-dealer-repository.ts';
import { SqliteDealerUserRepository } from './sqlite-dealer-user-repository.ts';
import { SqliteHandoffRepository } from './sqlite-handoff-repository.ts';
import { SqliteNoticeRepository } from './sqlite-notice-repository.ts';
import { SqliteSmsRepository } from './sqlite-sms-repository.ts';
import { SqliteStateStore } from './sqlite-state-store.ts';
import type { StorageEngine, StorageRepositories } from './storage-engine.ts';
import { startWalCheckpointer } from './wal-checkpointer.ts';

export interface SqliteStorage extends StorageEngine {
  readonly kind: 'sqlite';
  /** The better-sqlite3 connection (tests and the seed command reach the file through it). */
  readonly database: Database;
}

export interface SqliteStorageOptions {
  logger: Logger;
  readiness?: ReadinessOptions;
  /** Hold DATA_DIR for this process alone (the server does; the CLI's short commands do not). Default true. */
  lock?: boolean;
  /** Move WAL checkpoints to a worker (the server does). Default true. */
  checkpointer?: boolean;
}

/** Every repository on one SQLite connection. */
export function sqliteRepositories(database: Database): StorageRepositories {
  return {
    dealers: new SqliteDealerRepository(database),
    cases: new SqliteCaseRepository(database),
    caseQueries: new SqliteCaseQueries(database),
    caseNotes: new SqliteCaseNoteRepository(database),
    agents: new SqliteAgentRepository(database),
    sms: new SqliteSmsRepository(database),
    dealerUsers: new SqliteDealerUserRepository(database),
    conversationReferences: new SqliteConversationReferenceRepository(database),
    handoffs: new SqliteHandoffRepository(database),
    notices: new SqliteNoticeRepository(database),
    stateStore: new SqliteStateStore(database),
  };
}

/**
 * The embedded default: one SQLite file under DATA_DIR, held by this process alone (data-dir-lock.ts),
 * with WAL checkpoints off the event loop. A folder that cannot hold it, another server already on it, or
 * a damaged file is an operator's matter, said in one line (ConfigError).
 */
export function openSqliteStorage(dataDir: string, options: SqliteStorageOptions): SqliteStorage {
  let lock: DataDirLock | undefined;
  let database: Database;
  try {
    if (options.lock !== false) lock = lockDataDir(dataDir);
    database = openDatabase(dataDir);
  } catch (error) {
    lock?.release();
    if (error instanceof DataDirInUseError || error instanceof DatabaseDamagedError) throw new ConfigError(`DATA_DIR: ${error.message}`);
    const reason = error instanceof Error && 'code' in error ? String(error.code) : error instanceof Error ? error.message : String(error);
    throw new ConfigError(`DATA_DIR: cannot create or open the database in "${dataDir}" (${reason})`);
  }
  const checkpointer = options.checkpointer === false ? undefined : startWalCheckpointer(database, { logger: options.logger });
  const probe = createReadinessProbe(database, options.readiness);
  return {
    kind: 'sqlite',
    database,
    repositories: sqliteRepositories(database),
    checkReady: async () => probe.check(),
    sharedSecret: async () => undefined,
    async close() {
      await checkpointer?.stop();
      database.close();
      lock?.release();
    },
  };
}
