import { sqliteDatabaseOf } from '../../src/storage/open-storage.ts';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { SqliteSmsRepository } from '../../src/storage/sqlite-sms-repository.ts';
import { registerDealer } from '../cases/case-fixtures.ts';
import { runNode } from '../support/run-process.ts';
import { makeTempDir, startTestApp } from '../support/test-app.ts';

describe('opening the database (src/storage/database)', () => {
  let dataDir: string;
  let busyPort: Server | undefined;
  beforeEach(() => {
    dataDir = makeTempDir();
  });
  afterEach(async () => {
    await new Promise((resolve) => (busyPort ? busyPort.close(resolve) : resolve(undefined)));
    busyPort = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses, with one line naming the file, a database with garbage in the middle', async () => {
    // A real app writes some data and stops (its WAL is folded into the file on close).
    const running = await startTestApp({ DATA_DIR: dataDir });
    assert.equal((await registerDealer(running.baseUrl)).status, 201);
    const sms = new SqliteSmsRepository(sqliteDatabaseOf(running.app.storage));
    for (let index = 0; index < 2_000; index += 1) {
      await sms.recordAnswer(
        { messageSid: `SM${String(index).padStart(32, '0')}`, from: '+16145550100', body: `STATUS ${index}`, receivedAt: '2026-11-26T12:00:00Z' },
        'x'.repeat(160),
      );
    }
    const pageSize = Number(sqliteDatabaseOf(running.app.storage).pragma('page_size', { simple: true }));
    await running.app.stop();

    // Random bytes over pages in the middle of the file; the header (page 1) and the schema stay intact,
    // so nothing at start-up reads the damaged pages unless it checks them.
    const file = path.join(dataDir, 'lease-return.sqlite');
    const pages = Math.floor(statSync(file).size / pageSize);
    assert.ok(pages > 50, `the file has ${pages} pages`);
    const descriptor = openSync(file, 'r+');
    try {
      for (let page = Math.floor(pages * 0.4); page < Math.floor(pages * 0.6); page += 1)
        writeSync(descriptor, randomBytes(pageSize), 0, pageSize, page * pageSize);
    } finally {
      closeSync(descriptor);
    }

    // The port is taken, so a server that failed to notice the damage would stop there (with another
    // message) instead of running for good.
    busyPort = createServer();
    await new Promise<void>((resolve) => busyPort?.listen(0, '127.0.0.1', resolve));
    const port = String((busyPort.address() as { port: number }).port);
    const result = await runNode('src/index.ts', [], { env: { DATA_DIR: dataDir, PORT: port, HOST: '127.0.0.1' } });
    assert.equal(result.code, 1);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /^Cannot start: DATA_DIR: the database file ".*lease-return\.sqlite" is damaged/);
    assert.ok(result.stderr.includes(file), 'the line names the file');
  });
});
