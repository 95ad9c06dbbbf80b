import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.ts';
import type { Database } from './database.ts';

/**
 * Copies the write-ahead log into the database file from a worker thread, so the server's event loop
 * never waits for it.
 *
 * In WAL mode SQLite checkpoints inside the commit that passes 1,000 WAL pages: that commit copies the
 * pages and fsyncs the database file, which took 3–5 ms here, about every 400 text messages, and every
 * request in flight waited for it. Here the server's connection only checkpoints as a safety net (at
 * `safetyNetPages`, should the worker fall behind), and a worker with its own connection runs a PASSIVE
 * checkpoint every `intervalMs`: it copies what it can without blocking readers or the writer. If the
 * worker fails, the server's connection goes back to SQLite's own checkpoints.
 *
 * The worker is plain JavaScript evaluated from a string (no TypeScript loader needed in the thread), and
 * is given better-sqlite3's resolved path, so it works from any working directory.
 */
export interface WalCheckpointerOptions {
  intervalMs?: number;
  safetyNetPages?: number;
  logger: Logger;
  /** Where the worker loads better-sqlite3 from (resolved from here by default). */
  driverPath?: string;
}

export interface WalCheckpointer {
  /** Stops the worker after its current checkpoint and closes its connection. */
  stop(): Promise<void>;
}

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const connection = new Database(workerData.file);
connection.pragma('busy_timeout = 1000');
connection.pragma('synchronous = NORMAL');
const timer = setInterval(() => {
  try {
    connection.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ failed: String(error && error.message) });
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  connection.close();
  parentPort.close();
});
`;

export function startWalCheckpointer(database: Database, options: WalCheckpointerOptions): WalCheckpointer {
  const { logger } = options;
  database.pragma(`wal_autocheckpoint = ${options.safetyNetPages ?? 10_000}`);
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { file: database.name, driverPath: options.driverPath ?? createRequire(import.meta.url).resolve('better-sqlite3'), intervalMs: options.intervalMs ?? 250 },
  });
  // The worker never keeps the process alive on its own; stop() is how the app ends it.
  worker.unref();
  let fellBack = false;
  // A checkpoint that fails keeps failing (disk full, permissions): the server's connection takes the work back, said once.
  const fallBack = (detail: Record<string, unknown>, message: string): void => {
    if (fellBack) return;
    fellBack = true;
    if (database.open) database.pragma('wal_autocheckpoint = 1000');
    logger.warn(detail, message);
  };
  worker.on('message', (message: { failed?: string }) => {
    if (message.failed !== undefined) fallBack({ reason: message.failed }, 'background WAL checkpoint failed; the server connection checkpoints again');
  });
  worker.on('error', (error) => fallBack({ err: error }, 'WAL checkpoint worker stopped; the server connection checkpoints again'));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      const timeout = setTimeout(() => void worker.terminate(), 5_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
