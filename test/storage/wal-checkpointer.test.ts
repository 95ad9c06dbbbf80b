import assert from 'node:assert/strict';
import { rmSync, statSync } from 'node:fs';
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
      await sms.recordAnswer({ messageSid: `SM${String(index).padStart(32, '0')}`, from: '+16145550100', body: `STATUS ${index}`, receivedAt: '2026-11-26T12:00:00Z' }, 'x'.repeat(160));
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
