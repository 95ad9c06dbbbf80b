import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
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
 * checkpoint every `intervalMs`: it copies what it can without blocking readers or the writer.
 *
 * A failing checkpoint (disk full, a read-only or unreadable file) or a worker that dies hands the work
 * back to the server's connection (SQLite's own checkpoints at 1,000 pages), with one warning; the worker
 * keeps trying with exponential backoff (`retryMinMs` doubling to `retryMaxMs`, reopening its connection,
 * or starting a new worker), and takes the work back, with one info line, once a checkpoint succeeds.
 * Most such failures are temporary (a disk that someone frees), so giving up for the process's life
 * would leave the slower path in place until a restart.
 *
 * The worker is plain JavaScript evaluated from a string (no TypeScript loader needed in the thread), and
 * is given better-sqlite3's resolved path, so it works from any working directory.
 */
export interface WalCheckpointerOptions {
  intervalMs?: number;
  safetyNetPages?: number;
  /** First wait after a failure; doubled after each further failure, up to `retryMaxMs`. */
  retryMinMs?: number;
  retryMaxMs?: number;
  logger: Logger;
  /** Where the worker loads better-sqlite3 from (resolved from here by default). */
  driverPath?: string;
}

export interface WalCheckpointer {
  /** Stops the worker after its current checkpoint and closes its connection. */
  stop(): Promise<void>;
}

/** The wait before retry number `failures` (1, 2, ...): retryMinMs, doubled each time, at most retryMaxMs. */
export function backoffDelay(failures: number, retryMinMs: number, retryMaxMs: number): number {
  return Math.min(retryMaxMs, retryMinMs * 2 ** Math.min(Math.max(failures - 1, 0), 30));
}

// Reports `{ checkpointed: true }` after its first success and after every recovery, `{ failed }` per failure.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
let connection;
let failures = 0;
let reported = false;
let timer;
let stopped = false;
const delayAfter = (count) => Math.min(workerData.retryMaxMs, workerData.retryMinMs * 2 ** Math.min(count - 1, 30));
const closeConnection = () => {
  try { if (connection && connection.open) connection.close(); } catch {}
  connection = undefined;
};
const run = () => {
  if (stopped) return;
  try {
    if (!connection) {
      connection = new Database(workerData.file);
      connection.pragma('busy_timeout = 1000');
      connection.pragma('synchronous = NORMAL');
    }
    connection.pragma('wal_checkpoint(PASSIVE)');
    if (!reported || failures > 0) parentPort.postMessage({ checkpointed: true });
    reported = true;
    failures = 0;
    timer = setTimeout(run, workerData.intervalMs);
  } catch (error) {
    failures += 1;
    // A fresh connection next time: the old one may hold on to a file that was replaced or made writable.
    closeConnection();
    parentPort.postMessage({ failed: String(error && error.message), code: error && error.code });
    timer = setTimeout(run, delayAfter(failures));
  }
};
timer = setTimeout(run, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  stopped = true;
  clearTimeout(timer);
  closeConnection();
  parentPort.close();
});
`;

const workerMessageSchema = z.object({ checkpointed: z.literal(true).optional(), failed: z.string().optional(), code: z.string().optional() });

export function startWalCheckpointer(database: Database, options: WalCheckpointerOptions): WalCheckpointer {
  const { logger } = options;
  const safetyNetPages = options.safetyNetPages ?? 10_000;
  const retryMinMs = options.retryMinMs ?? 1_000;
  const retryMaxMs = options.retryMaxMs ?? 60_000;
  const workerData = {
    file: database.name,
    driverPath: options.driverPath ?? createRequire(import.meta.url).resolve('better-sqlite3'),
    intervalMs: options.intervalMs ?? 250,
    retryMinMs,
    retryMaxMs,
  };
  database.pragma(`wal_autocheckpoint = ${safetyNetPages}`);

  let stopping = false;
  let worker: Worker | undefined;
  let exited: Promise<void> = Promise.resolve();
  let restartTimer: NodeJS.Timeout | undefined;
  /** Workers that died in a row: the backoff before starting the next one. */
  let deaths = 0;
  let failing = false;

  // While checkpoints fail, the server's connection does them (SQLite's default 1,000 pages), said once.
  const fail = (detail: Record<string, unknown>, message: string): void => {
    if (failing) {
      logger.debug(detail, message);
      return;
    }
    failing = true;
    if (database.open) database.pragma('wal_autocheckpoint = 1000');
    logger.warn(detail, `${message}; the server connection checkpoints again, and the worker retries with backoff`);
  };
  const recover = (): void => {
    deaths = 0;
    if (!failing) return;
    failing = false;
    if (database.open) database.pragma(`wal_autocheckpoint = ${safetyNetPages}`);
    logger.info('background WAL checkpoints work again; the worker checkpoints again');
  };

  const startWorker = (): void => {
    restartTimer = undefined;
    if (stopping) return;
    const current = new Worker(workerSource, { eval: true, workerData });
    worker = current;
    // The worker never keeps the process alive on its own; stop() is how the app ends it.
    current.unref();
    exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
    current.on('message', (raw: unknown) => {
      const message = workerMessageSchema.safeParse(raw);
      if (!message.success) return;
      if (message.data.checkpointed) recover();
      if (message.data.failed !== undefined) fail({ reason: message.data.failed, code: message.data.code }, 'background WAL checkpoint failed');
    });
    current.on('error', (error) => fail({ err: error }, 'WAL checkpoint worker stopped'));
    current.once('exit', (exitCode) => {
      if (worker === current) worker = undefined;
      if (stopping) return;
      // It was not asked to stop: a new worker, later, and the server's connection checkpoints meanwhile.
      deaths += 1;
      fail({ exitCode }, 'WAL checkpoint worker exited');
      restartTimer = setTimeout(startWorker, backoffDelay(deaths, retryMinMs, retryMaxMs));
      restartTimer.unref();
    });
  };
  startWorker();

  return {
    async stop() {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      const running = worker;
      if (!running) return;
      running.postMessage('stop');
      const timeout = setTimeout(() => void running.terminate(), 5_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
