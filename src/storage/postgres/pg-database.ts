import { createHash } from 'node:crypto';
import pg from 'pg';
import { StorageUnavailableError } from '../../errors.ts';
import { storageMessages } from '../storage-messages.ts';
import { pgMigrations, type PgMigration } from './pg-migrations.ts';

/**
 * PostgreSQL through node-postgres (`pg`): one pool per process, every write a transaction on one pooled
 * client, and the failures of the database itself turned into StorageUnavailableError (503 with
 * Retry-After), as SQLite's are by storage-failure.ts.
 *
 * Columns keep SQLite's types (TEXT for ISO instants and JSON, INTEGER 0/1 for flags) so both engines
 * map rows with the same code; ids are BIGINT identities, read back as JavaScript numbers (safe far
 * beyond every count of cases this product will hold).
 */

/** One pooled client, inside a transaction or not: what a repository method runs its statements on. */
export interface PgQueryable {
  query<Row extends pg.QueryResultRow>(text: string, values?: readonly unknown[]): Promise<pg.QueryResult<Row>>;
}

export interface TransactionOptions {
  /** SERIALIZABLE for read-then-write work that no row lock covers; READ COMMITTED otherwise (the default). */
  isolation?: 'read committed' | 'serializable';
  /** How often a serialization failure or deadlock is retried before it becomes a 503 (default 5). */
  retries?: number;
}

export interface PgDatabase {
  readonly pool: pg.Pool;
  /** A statement on a free pooled client (autocommit). */
  rows<Row extends pg.QueryResultRow>(text: string, values?: readonly unknown[]): Promise<Row[]>;
  /**
   * Runs `work` in one transaction on one client: commit when it resolves, roll back when it throws.
   * A serialization failure (40001) or deadlock (40P01) runs `work` again from the start, so `work` must
   * not have side effects outside the database. Storage failures come out as StorageUnavailableError.
   */
  transaction<T>(work: (client: PgQueryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Runs `work` on one client outside a transaction (advisory locks that span several transactions). */
  withClient<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface PgDatabaseOptions {
  /** Connections this process may hold (DATABASE_POOL_SIZE, default 10). */
  poolSize?: number;
  /** How long a request waits for a free connection before it is answered 503 (default 5 s). */
  connectionTimeoutMs?: number;
  /** Statements that run longer are cancelled (default 15 s): a stuck query must not hold a turn forever. */
  statementTimeoutMs?: number;
  migrations?: readonly PgMigration[];
}

/** Our own type parsers: BIGINT (ids, counts) as numbers; the pg module's global parsers are left alone. */
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8) return (value: string) => Number(value);
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  },
} as pg.CustomTypesConfig;

/** Opens the pool, checks that the database answers, and applies every migration not yet applied. */
export async function openPostgres(url: string, options: PgDatabaseOptions = {}): Promise<PgDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs ?? 15_000,
    application_name: 'lease-return-assistant',
    types: typeParsers,
  });
  // An idle client whose server connection drops (a restarted database, a failover) emits 'error' on the
  // pool: without a listener that would end the process. The next checkout simply opens a new connection.
  pool.on('error', () => undefined);
  const database = createPgDatabase(pool);
  try {
    await migratePostgres(database, options.migrations ?? pgMigrations);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return database;
}

export function createPgDatabase(pool: pg.Pool): PgDatabase {
  return {
    pool,
    async rows<Row extends pg.QueryResultRow>(text: string, values?: readonly unknown[]): Promise<Row[]> {
      try {
        // A statement with parameters is named: each pooled connection parses and plans it once, then only
        // binds and runs it. Without parameters (DDL, probes) it stays unnamed.
        const result =
          values === undefined || values.length === 0
            ? await pool.query<Row>(text)
            : await pool.query<Row>({ name: statementName(text), text, values: [...values] });
        return result.rows;
      } catch (error) {
        throw toPgStorageFailure(error);
      }
    },
    async transaction<T>(work: (client: PgQueryable) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
      const retries = options.retries ?? 5;
      for (let attempt = 0; ; attempt += 1) {
        let client: pg.PoolClient;
        try {
          client = await pool.connect();
        } catch (error) {
          throw toPgStorageFailure(error);
        }
        let broken = false;
        try {
          await client.query(options.isolation === 'serializable' ? 'BEGIN ISOLATION LEVEL SERIALIZABLE' : 'BEGIN');
          const result = await work(namedStatements(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          try {
            await client.query('ROLLBACK');
          } catch {
            broken = true; // the connection is gone: do not give it back to the pool
          }
          if (isRetryable(error) && attempt < retries) {
            await pause(attempt);
            continue;
          }
          throw toPgStorageFailure(error);
        } finally {
          client.release(broken);
        }
      }
    },
    async withClient<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw toPgStorageFailure(error);
      }
      let failed = false;
      try {
        return await work(client);
      } catch (error) {
        failed = true;
        throw toPgStorageFailure(error);
      } finally {
        // A client that failed may still hold session state (an advisory lock, an aborted transaction).
        client.release(failed);
      }
    },
    close: () => pool.end(),
  };
}

/** The client's statements with parameters go out named (see `rows`), so a hot transaction is planned once per connection. */
function namedStatements(client: pg.PoolClient): PgQueryable {
  return {
    query: <Row extends pg.QueryResultRow>(text: string, values?: readonly unknown[]) =>
      values === undefined || values.length === 0 ? client.query<Row>(text) : client.query<Row>({ name: statementName(text), text, values: [...values] }),
  };
}

const statementNames = new Map<string, string>();

/** A stable prepared-statement name for a statement's text (the same text, the same name, on every connection). */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `lra_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}

/** The SQLSTATE of a node-postgres error, if `error` is one. */
export function pgCodeOf(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** A unique or exclusion constraint refused the write (optionally: that one constraint or index). */
export function isPgUniqueViolation(error: unknown, constraint?: string): boolean {
  if (pgCodeOf(error) !== '23505') return false;
  return constraint === undefined || (error as { constraint?: unknown }).constraint === constraint;
}

function isRetryable(error: unknown): boolean {
  const code = pgCodeOf(error);
  return code === '40001' || code === '40P01';
}

/** Network errors of the socket under a client (the server went away, refused or timed out). */
const networkErrorCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * Turns a failure of PostgreSQL itself into a StorageUnavailableError and returns every other error as it
 * was: a full disk (53100) is `storage_full`; a lost or refused connection (class 08, socket errors, the
 * pool's timeout), a server shutting down or starting (57P01-57P03), no resources (class 53), a read-only
 * server (25006, a standby after failover), a cancelled statement (57014) and a serialization failure that
 * outlived its retries are `storage_unavailable`. Constraint violations stay conflicts for the repository
 * to map; SQL mistakes stay bugs.
 */
export function toPgStorageFailure(error: unknown): unknown {
  if (error instanceof StorageUnavailableError) return error;
  if (!(error instanceof Error)) return error;
  const code = pgCodeOf(error);
  if (code === '53100') return new StorageUnavailableError('storage_full', storageMessages.full, { cause: error });
  if (code !== undefined) {
    if (/^(08|53|57P0[123]|57014|25006|40001|40P01)/.test(code))
      return new StorageUnavailableError('storage_unavailable', storageMessages.unavailable, { cause: error });
    return error;
  }
  const errno = (error as { code?: unknown }).code;
  if (typeof errno === 'string' && networkErrorCodes.has(errno))
    return new StorageUnavailableError('storage_unavailable', storageMessages.unavailable, { cause: error });
  if (
    /timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error|Cannot use a pool after calling end/i.test(
      error.message,
    )
  ) {
    return new StorageUnavailableError('storage_unavailable', storageMessages.unavailable, { cause: error });
  }
  return error;
}

function pause(attempt: number): Promise<void> {
  const ms = Math.min(200, 5 * 2 ** attempt) * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The advisory lock every instance takes to migrate: one migrates, the others wait and then find nothing to do. */
const migrationLockKey = 0x4c52_4131; // "LRA1"

/**
 * Applies every migration not yet applied, each in its own transaction, under a session-level advisory
 * lock: several instances starting at once against one database migrate it once, in order.
 */
export async function migratePostgres(database: PgDatabase, all: readonly PgMigration[]): Promise<void> {
  await database.withClient(async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
      const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((row) => row.version));
      for (const migration of [...all].sort((a, b) => a.version - b.version)) {
        if (applied.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
            migration.version,
            migration.name,
            new Date().toISOString(),
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]).catch(() => undefined);
    }
  });
}
