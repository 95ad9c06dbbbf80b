import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Another program on the database file (an admin's sqlite3 shell, a backup tool), played by a worker
 * thread with its own connection: it takes the write lock with `writeSql` inside BEGIN IMMEDIATE and
 * commits after `holdMs`. The server runs on the main thread, so it really waits on the lock, as it would
 * on another process.
 */
export function holdWriteLock(file: string, holdMs: number, writeSql: string): Promise<{ released: Promise<void> }> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const Database = require(workerData.driver);
    const connection = new Database(workerData.file);
    connection.exec('BEGIN IMMEDIATE');
    connection.prepare(workerData.writeSql).run();
    parentPort.postMessage('locked');
    setTimeout(() => { connection.exec('COMMIT'); connection.close(); parentPort.postMessage('released'); }, workerData.holdMs);
  `;
  const worker = new Worker(source, { eval: true, workerData: { file, holdMs, writeSql, driver: createRequire(import.meta.url).resolve('better-sqlite3') } });
  return new Promise((resolve, reject) => {
    const released = new Promise<void>((done) => worker.on('message', (message) => message === 'released' && done()));
    worker.on('message', (message) => message === 'locked' && resolve({ released }));
    worker.once('error', reject);
  });
}
