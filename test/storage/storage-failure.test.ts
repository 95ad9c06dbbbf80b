import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { ConflictError, StorageUnavailableError } from '../../src/errors.ts';
import { openDatabase, type Database } from '../../src/storage/database.ts';
import { createReadinessProbe } from '../../src/storage/readiness.ts';
import { toStorageFailure } from '../../src/storage/storage-failure.ts';
import { makeTempDir } from '../support/test-app.ts';

/** better-sqlite3's own error class, as its statements throw it. */
const sqliteError = (code: string): Error => new BetterSqlite3.SqliteError(code.toLowerCase(), code);

describe('storage failures (src/storage/storage-failure)', () => {
  describe('toStorageFailure()', () => {
    const cases: [string, 'storage_full' | 'storage_unavailable'][] = [
      ['SQLITE_FULL', 'storage_full'],
      ['SQLITE_BUSY', 'storage_unavailable'],
      ['SQLITE_BUSY_SNAPSHOT', 'storage_unavailable'],
      ['SQLITE_LOCKED', 'storage_unavailable'],
      ['SQLITE_READONLY', 'storage_unavailable'],
      ['SQLITE_READONLY_DBMOVED', 'storage_unavailable'],
      ['SQLITE_IOERR', 'storage_unavailable'],
      ['SQLITE_IOERR_WRITE', 'storage_unavailable'],
      ['SQLITE_CORRUPT', 'storage_unavailable'],
      ['SQLITE_NOTADB', 'storage_unavailable'],
      ['SQLITE_CANTOPEN', 'storage_unavailable'],
    ];
    for (const [sqliteCode, code] of cases) {
      it(`${sqliteCode} becomes a 503 ${code} with Retry-After`, () => {
        const mapped = toStorageFailure(sqliteError(sqliteCode));
        assert.ok(mapped instanceof StorageUnavailableError);
        assert.equal(mapped.code, code);
        assert.equal(mapped.status, 503);
        assert.ok(mapped.retryAfterSeconds > 0);
      });
    }

    it('leaves everything else as it is: constraint violations, SQL mistakes, our own errors', () => {
      for (const error of [
        sqliteError('SQLITE_CONSTRAINT_UNIQUE'),
        sqliteError('SQLITE_ERROR'),
        sqliteError('SQLITE_MISMATCH'),
        new ConflictError('x'),
        new TypeError('x'),
        'text',
      ]) {
        assert.equal(toStorageFailure(error), error);
      }
    });
  });

  describe('createReadinessProbe()', () => {
    let dataDir: string;
    let database: Database;
    beforeEach(() => {
      dataDir = makeTempDir();
      database = openDatabase(dataDir);
    });
    afterEach(() => {
      if (database.open) database.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('is ready on a database with room, and its probe leaves nothing behind', () => {
      const pages = database.pragma('page_count', { simple: true });
      assert.equal(createReadinessProbe(database).check(), undefined);
      assert.equal((database.prepare('SELECT count(*) AS n FROM schema_migrations WHERE version < 0').get() as { n: number }).n, 0);
      assert.equal(database.pragma('page_count', { simple: true }), pages);
    });

    it('says storage_full when the disk under DATA_DIR has less free space than it needs', () => {
      assert.equal(createReadinessProbe(database, { minFreeBytes: Number.MAX_SAFE_INTEGER }).check()?.code, 'storage_full');
    });

    it('says storage_unavailable once the database is closed', () => {
      const probe = createReadinessProbe(database);
      database.close();
      assert.equal(probe.check()?.code, 'storage_unavailable');
    });
  });
});
