import { randomBytes } from 'node:crypto';
import { StorageUnavailableError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { storageMessages } from '../storage-messages.ts';
import type { StorageEngine, StorageRepositories } from '../storage-engine.ts';
import { openPostgres, toPgStorageFailure, type PgDatabase } from './pg-database.ts';
import { PgAgentRepository } from './pg-agent-repository.ts';
import { PgCaseNoteRepository } from './pg-case-note-repository.ts';
import { PgCaseQueries } from './pg-case-queries.ts';
import { PgCaseRepository } from './pg-case-repository.ts';
import { PgConversationReferenceRepository } from './pg-conversation-reference-repository.ts';
import { PgDealerRepository } from './pg-dealer-repository.ts';
import { PgDealerUserRepository } from './pg-dealer-user-repository.ts';
import { PgHandoffRepository } from './pg-handoff-repository.ts';
import { PgNoticeRepository } from './pg-notice-repository.ts';
import { PgSmsRepository } from './pg-sms-repository.ts';
import { PgStateStore } from './pg-state-store.ts';

export interface PostgresStorage extends StorageEngine {
  readonly kind: 'postgresql';
  readonly database: PgDatabase;
}

export interface PostgresStorageOptions {
  poolSize: number;
  logger: Logger;
  /** How long GET /readyz waits for the pool before it says not ready (default 2 s). */
  readinessTimeoutMs?: number;
}

export function postgresRepositories(database: PgDatabase): StorageRepositories {
  return {
    dealers: new PgDealerRepository(database),
    cases: new PgCaseRepository(database),
    caseQueries: new PgCaseQueries(database),
    caseNotes: new PgCaseNoteRepository(database),
    agents: new PgAgentRepository(database),
    sms: new PgSmsRepository(database),
    dealerUsers: new PgDealerUserRepository(database),
    conversationReferences: new PgConversationReferenceRepository(database),
    handoffs: new PgHandoffRepository(database),
    notices: new PgNoticeRepository(database),
    stateStore: new PgStateStore(database),
  };
}

/**
 * PostgreSQL at DATABASE_URL: a pool per instance, migrations applied at start under an advisory lock
 * (several instances starting at once migrate once), and every repository on that pool. Nothing here
 * holds a file or a lock between requests: many instances can run on one database.
 */
export async function openPostgresStorage(url: string, options: PostgresStorageOptions): Promise<PostgresStorage> {
  const database = await openPostgres(url, { poolSize: options.poolSize });
  const timeoutMs = options.readinessTimeoutMs ?? 2000;
  options.logger.info({ poolSize: options.poolSize }, 'postgresql: connected and migrated');
  return {
    kind: 'postgresql',
    database,
    repositories: postgresRepositories(database),
    checkReady: () => checkPoolTakesWrites(database, timeoutMs),
    async sharedSecret(name) {
      await database.rows('INSERT INTO shared_secrets (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', [
        name,
        randomBytes(32).toString('base64url'),
        new Date().toISOString(),
      ]);
      const [row] = await database.rows<{ value: string }>('SELECT value FROM shared_secrets WHERE name = $1', [name]);
      return row?.value;
    },
    // Idempotent, as SQLite's close is: a failed start and a stop may both give the pool back.
    close: once(() => database.close()),
  };
}

/**
 * GET /readyz on PostgreSQL: a pooled connection answers within the timeout and the server takes writes
 * (not a standby in recovery, not a read-only transaction default). A pool exhausted for longer than the
 * timeout is not ready either: traffic sent now would only queue.
 */
async function checkPoolTakesWrites(database: PgDatabase, timeoutMs: number): Promise<StorageUnavailableError | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const probe = database
    .rows<{ recovering: boolean; read_only: string }>("SELECT pg_is_in_recovery() AS recovering, current_setting('transaction_read_only') AS read_only")
    .then((rows) => (rows[0] && !rows[0].recovering && rows[0].read_only === 'off' ? 'ready' : 'read_only'));
  try {
    const outcome = await Promise.race([probe, timeout]);
    if (outcome === 'ready') return undefined;
    return new StorageUnavailableError('storage_unavailable', storageMessages.notReady.storage_unavailable);
  } catch (error) {
    const failure = toPgStorageFailure(error);
    const code = failure instanceof StorageUnavailableError ? failure.code : 'storage_unavailable';
    return new StorageUnavailableError(code, storageMessages.notReady[code], { cause: error });
  } finally {
    clearTimeout(timer);
    probe.catch(() => undefined);
  }
}

function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= close();
    return closing;
  };
}
