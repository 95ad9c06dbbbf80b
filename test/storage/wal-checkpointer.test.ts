import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createLogger } from '../../src/logger.ts';
import { openDatabase, type Database } from '../../src/storage/database.ts';
import { SqliteSmsRepository } from '../../src/storage/sqlite-sms-repository.ts';
import { startWalCheckpointer, type WalCheckpointer } from '../../src/storage/wal-checkpointer.ts';
import { makeTempDir } from '../support/test-app.ts';

describe('WAL checkpoints in a worker thread (src/storage/wal-checkpointer)', () => {
  let dataDir: string;
  let database: Database;
  let checkpointer: WalCheckpointer | undefined;
  beforeEach(() => {
    dataDir = makeTempDir();
    database = openDatabase(dataDir);
  });
  afterEach(async () => {
    await checkpointer?.stop();
    checkpointer = undefined;
    if (database.open) database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const databaseFileBytes = (): number => statSync(path.join(dataDir, 'lease-return.sqlite')).size;

  async function writeMessages(count: number, from = 0): Promise<void> {
    const sms = new SqliteSmsRepository(database);
    for (let index = from; index < from + count; index += 1) {
      await sms.recordAnswer(
        { messageSid: `SM${String(index).padStart(32, '0')}`, from: '+16145550100', body: `STATUS ${index}`, receivedAt: '2026-11-26T12:00:00Z' },
        'x'.repeat(160),
      );
    }
  }

  it('copies committed pages into the database file while the server connection never checkpoints', async () => {
    checkpointer = startWalCheckpointer(database, { intervalMs: 20, safetyNetPages: 1_000_000, logger: createLogger('silent') });
    const before = databaseFileBytes();
    await writeMessages(2_000);
    const deadline = Date.now() + 5_000;
    while (databaseFileBytes() < before + 300_000 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(databaseFileBytes() >= before + 300_000, `the database file grew from ${before} to ${databaseFileBytes()} bytes`);
    assert.equal((database.pragma('wal_autocheckpoint') as { wal_autocheckpoint: number }[])[0]?.wal_autocheckpoint, 1_000_000);
  });

  it('without it, the same writes stay in the log (the test above measures the worker, not SQLite)', async () => {
    database.pragma('wal_autocheckpoint = 1000000');
    const before = databaseFileBytes();
    await writeMessages(2_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(databaseFileBytes(), before);
    assert.ok(statSync(path.join(dataDir, 'lease-return.sqlite-wal')).size > 1_000_000, 'the writes are in the log');
  });

  it('gives checkpoints back to the server connection, with one warning, when the worker cannot run', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => lines.push(line) });
    checkpointer = startWalCheckpointer(database, { intervalMs: 10, logger, driverPath: path.join(dataDir, 'no-such-driver.js') });
    const deadline = Date.now() + 5_000;
    while (lines.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? '', /the server connection checkpoints again/);
    assert.equal((database.pragma('wal_autocheckpoint') as { wal_autocheckpoint: number }[])[0]?.wal_autocheckpoint, 1000);
  });

  describe('when checkpoints fail for a while (a disk that fills up, then is freed)', () => {
    // better-sqlite3 itself, wrapped: while `fail-checkpoints` exists in the data folder every checkpoint
    // fails as a full disk's would, while `fail-load` exists the driver cannot even load (the worker dies);
    // each checkpoint attempt is counted in `attempts`. The only way to make a real checkpoint fail and
    // heal on cue without root.
    const flakyDriver = (): string => {
      const file = path.join(dataDir, 'flaky-driver.cjs');
      writeFileSync(
        file,
        `const fs = require('node:fs');
const path = require('node:path');
if (fs.existsSync(path.join(__dirname, 'fail-load'))) throw new Error('cannot load the driver');
const Real = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
module.exports = class Flaky extends Real {
  pragma(source, options) {
    if (source.startsWith('wal_checkpoint')) {
      fs.appendFileSync(path.join(__dirname, 'attempts'), 'x');
      if (fs.existsSync(path.join(__dirname, 'fail-checkpoints'))) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    }
    return super.pragma(source, options);
  }
};
`,
      );
      return file;
    };
    const attempts = (): number => (existsSync(path.join(dataDir, 'attempts')) ? readFileSync(path.join(dataDir, 'attempts'), 'utf8').length : 0);
    const autocheckpoint = (): number | undefined => (database.pragma('wal_autocheckpoint') as { wal_autocheckpoint: number }[])[0]?.wal_autocheckpoint;
    async function waitFor(condition: () => boolean, what: string): Promise<void> {
      const deadline = Date.now() + 5_000;
      while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.ok(condition(), what);
    }

    it('hands checkpoints to the server connection, retries with growing waits, and takes them back once they work', async () => {
      writeFileSync(path.join(dataDir, 'fail-checkpoints'), '');
      const lines: string[] = [];
      const logger = createLogger('info', { write: (line: string) => lines.push(line) });
      const options = { intervalMs: 10, safetyNetPages: 1_000_000, retryMinMs: 20, retryMaxMs: 160, logger, driverPath: flakyDriver() };
      checkpointer = startWalCheckpointer(database, options);
      await waitFor(() => lines.length > 0, 'a warning');
      assert.match(lines[0] ?? '', /the server connection checkpoints again/);
      assert.equal(autocheckpoint(), 1000, 'the server connection checkpoints meanwhile');

      const before = attempts();
      await new Promise((resolve) => setTimeout(resolve, 700));
      const during = attempts() - before;
      // Waits of 20, 40, 80, 160, 160 ... ms: a handful of tries in 700 ms, not one every 10 ms.
      assert.ok(during >= 1 && during <= 12, `${during} attempts in 700 ms`);
      assert.equal(lines.length, 1, 'said once, not once per failure');

      rmSync(path.join(dataDir, 'fail-checkpoints'));
      await waitFor(() => lines.length > 1, 'a line saying checkpoints work again');
      assert.match(lines[1] ?? '', /work again/);
      assert.equal(autocheckpoint(), 1_000_000, 'the worker has the work back');
      await writeMessages(200);
      const after = attempts();
      await waitFor(() => attempts() >= after + 5, 'checkpoints every interval again');
    });

    it('starts a new worker, after growing waits, when the worker died, and takes checkpoints back once one runs', async () => {
      writeFileSync(path.join(dataDir, 'fail-load'), '');
      const lines: string[] = [];
      const logger = createLogger('info', { write: (line: string) => lines.push(line) });
      checkpointer = startWalCheckpointer(database, {
        intervalMs: 10,
        safetyNetPages: 1_000_000,
        retryMinMs: 20,
        retryMaxMs: 160,
        logger,
        driverPath: flakyDriver(),
      });
      await waitFor(() => lines.length > 0, 'a warning');
      assert.equal(autocheckpoint(), 1000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(lines.length, 1, 'said once, not once per new worker');

      rmSync(path.join(dataDir, 'fail-load'));
      await waitFor(() => lines.length > 1, 'a line saying checkpoints work again');
      assert.match(lines[1] ?? '', /work again/);
      assert.equal(autocheckpoint(), 1_000_000);
      assert.ok(attempts() > 0, 'the new worker checkpoints');
    });
  });

  it('stops cleanly, and everything written is there after reopening', async () => {
    checkpointer = startWalCheckpointer(database, { intervalMs: 10, logger: createLogger('silent') });
    await writeMessages(500);
    await checkpointer.stop();
    checkpointer = undefined;
    database.close();
    database = openDatabase(dataDir);
    const sms = new SqliteSmsRepository(database);
    const again = { messageSid: `SM${String(499).padStart(32, '0')}`, from: '+16145550100', body: 'again', receivedAt: '2026-11-26T12:00:00Z' };
    assert.equal(await sms.recordAnswer(again, 'no'), false, 'the last message written is stored');
    assert.equal((database.prepare('SELECT count(*) AS n FROM sms_messages').get() as { n: number }).n, 500);
  });
});
