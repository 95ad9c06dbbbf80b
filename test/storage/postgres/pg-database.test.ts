import { assert } from 'chai';
import { buildApp } from '../../../src/app.ts';
import { loadConfig } from '../../../src/config.ts';
import { ConfigError, StorageUnavailableError } from '../../../src/errors.ts';
import { createLogger } from '../../../src/logger.ts';
import { openPostgres, type PgDatabase } from '../../../src/storage/postgres/pg-database.ts';
import { openPostgresStorage, type PostgresStorage } from '../../../src/storage/postgres/pg-storage.ts';
import { freshPostgresDatabase, requirePostgres } from '../../support/postgres-cluster.ts';
import { makeTempDir } from '../../support/test-app.ts';

describe('PostgreSQL: transactions, readiness and start-up failures (src/storage/postgres)', function () {
  this.timeout(60_000);
  let url: string;
  let database: PgDatabase;
  before(async function () {
    requirePostgres(this);
    url = await freshPostgresDatabase('pgdb');
    database = await openPostgres(url, { poolSize: 4 });
    await database.rows('CREATE TABLE attempts_seen (n INTEGER NOT NULL)');
  });
  after(async () => {
    await database?.close();
  });

  it('retries a transaction that fails to serialize, and commits the retry once', async () => {
    let attempts = 0;
    const result = await database.transaction(async (client) => {
      attempts += 1;
      await client.query('INSERT INTO attempts_seen (n) VALUES ($1)', [attempts]);
      // What PostgreSQL raises when two serializable transactions cross: the first attempt loses.
      if (attempts === 1) await client.query("DO $$ BEGIN RAISE EXCEPTION 'could not serialize' USING ERRCODE = 'serialization_failure'; END $$");
      return 'committed';
    });
    assert.equal(result, 'committed');
    assert.equal(attempts, 2);
    assert.deepEqual(await database.rows('SELECT n FROM attempts_seen ORDER BY n'), [{ n: 2 }], "the failed attempt's write was rolled back");
  });

  it('gives up after its retries with a 503 storage_unavailable, never a raw error (a 500)', async () => {
    let attempts = 0;
    const failure = await database
      .transaction(
        async (client) => {
          attempts += 1;
          await client.query("DO $$ BEGIN RAISE EXCEPTION 'deadlock' USING ERRCODE = 'deadlock_detected'; END $$");
        },
        { retries: 2 },
      )
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    assert.instanceOf(failure, StorageUnavailableError);
    assert.equal((failure as StorageUnavailableError).code, 'storage_unavailable');
    assert.equal(attempts, 3);
  });

  it('keeps other errors as they are (a constraint or a SQL mistake is not the database being down)', async () => {
    const failure = await database.rows('SELECT no_such_column FROM attempts_seen').then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.notInstanceOf(failure, StorageUnavailableError);
  });

  describe('readiness (GET /readyz)', () => {
    let storage: PostgresStorage;
    before(async () => {
      storage = await openPostgresStorage(url, { poolSize: 1, logger: createLogger('silent'), readinessTimeoutMs: 300 });
    });
    after(async () => {
      await storage?.close();
    });

    it('is ready when a pooled connection reaches a server that takes writes', async () => {
      assert.isUndefined(await storage.checkReady());
    });

    it('is not ready while the pool is exhausted past the timeout, and ready again once a connection is free', async () => {
      const busy = storage.database.rows('SELECT pg_sleep(1)');
      const failure = await storage.checkReady();
      assert.instanceOf(failure, StorageUnavailableError);
      await busy;
      assert.isUndefined(await storage.checkReady());
    });
  });

  it('a database that cannot be reached stops the start with one line naming DATABASE_URL, without the password', async () => {
    const config = loadConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATA_DIR: makeTempDir(),
      DATABASE_URL: 'postgres://lease:very-secret-password@127.0.0.1:1/lease_return',
    });
    const failure = await buildApp(config).then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.instanceOf(failure, ConfigError);
    assert.match(String((failure as Error).message), /^DATABASE_URL: cannot open the PostgreSQL database/);
    assert.notInclude(String((failure as Error).message), 'very-secret-password');
  });

  it('refuses a DATABASE_URL that is not a postgres:// URL, without echoing it', () => {
    assert.throws(
      () => loadConfig({ DATABASE_URL: 'mysql://root:hunter2@db/lease' }),
      ConfigError,
      /^DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/,
    );
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://root:hunter2@db/lease' }), /\[redacted\]/);
  });
});
