/**
 * Issue 17: the same server on PostgreSQL next to SQLite, in one run. Each engine gets 1,000,000 cases
 * (BENCH_PG_CASES to change it) loaded through its own case repository, then, at concurrency 10: SMS
 * status replies ("STATUS <last 6>", a new MessageSid each, so every text is answered and stored) and
 * POST /api/v1/decisions, as throughput and p99, PostgreSQL as a ratio to SQLite; the walkthrough turn on
 * each engine; and one PostgreSQL instance against two on the same database (this machine has 2 cores:
 * reported as measured, no scaling claim).
 *
 * The PostgreSQL server is a throwaway cluster started here (test/support/postgres-cluster.ts) with
 * fsync on and synchronous_commit off, which matches the embedded SQLite's synchronous=NORMAL in WAL
 * mode (a commit is durable once the WAL reaches the disk, in the background; a crash of the machine may
 * lose the last moments, never corrupt). Servers run in child processes (this file with
 * BENCH_PG_CHILD=1) so the load generator does not share their event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { DateTime } from 'luxon';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { parseCalendarDate, type CalendarDate } from '../../src/domain/calendar-date.ts';
import type { PhoneNumber } from '../../src/domain/phone-number.ts';
import { expectedCheckDigit, type Vin } from '../../src/domain/vin.ts';
import type { NewCase } from '../../src/storage/repositories.ts';
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason } from '../../test/support/postgres-cluster.ts';
import { makeTempDir } from '../../test/support/test-app.ts';
import { startReplySink, turnsPerSecond, walkthrough } from '../bot-load.ts';
import { ratio, table, warmedUp, type BenchSuite, type LoadResult } from '../support.ts';

const totalCases = Number(process.env.BENCH_PG_CASES ?? 1_000_000);
const dealerCount = 100;
const connections = 10;
const batchSize = 10_000;

function vinFor(index: number): Vin {
  const draft = `1M8GDM9A0K${String(index).padStart(7, '0')}`;
  return `${draft.slice(0, 8)}${expectedCheckDigit(draft) ?? '0'}${draft.slice(9)}` as Vin;
}
const phoneFor = (dealer: number): PhoneNumber => `+1614555${String(dealer).padStart(4, '0')}` as PhoneNumber;
const dealerOf = (index: number): number => index % dealerCount;

interface ChildReport {
  port: number;
  insertMs: number;
}

/** A server on the engine in BENCH_PG_ENGINE; loads the cases unless BENCH_PG_SKIP_LOAD=1 (a second instance). */
async function child(): Promise<void> {
  const engine = process.env.BENCH_PG_ENGINE === 'postgresql' ? 'postgresql' : 'sqlite';
  const dataDir = makeTempDir('lra-bench-pg-');
  const env: Record<string, string> = { HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', NOTICE_INTERVAL_SECONDS: '86400' };
  if (engine === 'postgresql') Object.assign(env, { DATABASE_URL: process.env.BENCH_PG_URL ?? '', DATABASE_POOL_SIZE: '10' });
  const app = await buildApp(loadConfig(env));
  let insertMs = 0;
  if (process.env.BENCH_PG_SKIP_LOAD !== '1') {
    for (let dealer = 0; dealer < dealerCount; dealer += 1) {
      await app.cases.registerDealer({ id: `dealer-${dealer}`, name: `Dealer ${dealer}`, state: 'OH', phones: [phoneFor(dealer)] });
    }
    const today = DateTime.now().setZone('America/New_York');
    const returnDate = parseCalendarDate(today.minus({ days: 2 }).toISODate() ?? '') as CalendarDate;
    const maturityDate = parseCalendarDate(today.plus({ days: 60 }).toISODate() ?? '') as CalendarDate;
    const decision = await app.decisions.decide({ state: 'OH', maturityDate, returnDate, intent: 'lesseeReturn', hasAvrmAccess: true });
    const record = (index: number): NewCase => ({
      vin: vinFor(index),
      dealerId: `dealer-${dealerOf(index)}`,
      state: 'OH',
      maturityDate,
      returnDate,
      intent: 'lesseeReturn',
      hasAvrmAccess: true,
      openedAt: today.toUTC().toISO() ?? '',
      decision,
      events: [
        { type: 'notified', at: today.minus({ days: 2 }).toUTC().toISO() ?? '' },
        { type: 'inspected', at: today.minus({ days: 1 }).toUTC().toISO() ?? '' },
      ],
      stage: 'inspected',
      nextDeadline: today.plus({ days: 5 }).toUTC().toISO() ?? '',
      closedAt: null,
    });
    const started = performance.now();
    for (let first = 0; first < totalCases; first += batchSize) {
      const size = Math.min(batchSize, totalCases - first);
      await app.storage.repositories.cases.createMany(Array.from({ length: size }, (_, offset) => record(first + offset)));
    }
    insertMs = performance.now() - started;
  }
  const address = await app.start();
  process.stdout.write(`${JSON.stringify({ port: address.port, insertMs } satisfies ChildReport)}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    void app.stop().then(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
  });
}

async function startChild(engine: 'sqlite' | 'postgresql', extra: Record<string, string> = {}): Promise<{ process: ChildProcess; report: ChildReport }> {
  const processChild = spawn(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', '--disable-warning=DEP0111', fileURLToPath(import.meta.url)], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_PG_CHILD: '1', BENCH_PG_ENGINE: engine, ...extra },
  });
  const report = await new Promise<ChildReport>((resolve, reject) => {
    processChild.once('exit', (code) => reject(new Error(`bench server (${engine}) exited with ${code}`)));
    createInterface({ input: processChild.stdout }).once('line', (line) => resolve(JSON.parse(line) as ChildReport));
  });
  return { process: processChild, report };
}

let messageCounter = 0;

/** SMS status at `connections`, spread evenly over the servers at `baseUrls` (run at once, figures summed). */
async function smsLoad(baseUrls: readonly string[]): Promise<LoadResult> {
  const perServer = Math.max(1, Math.floor(connections / baseUrls.length));
  const results = await Promise.all(
    baseUrls.map((base) =>
      warmedUp((seconds) =>
        autocannon({
          url: `${base}/api/v1/sms`,
          connections: perServer,
          duration: seconds,
          requests: [
            {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              setupRequest: (request) => {
                messageCounter += 1;
                const index = (messageCounter * 7919) % totalCases;
                const form = new URLSearchParams({
                  From: phoneFor(dealerOf(index)),
                  To: '+18885550199',
                  Body: `STATUS ${vinFor(index).slice(-6)}`,
                  MessageSid: `SM${process.pid}${String(messageCounter).padStart(24, '0')}`,
                });
                return { ...request, body: form.toString() };
              },
            },
          ],
        }),
      ),
    ),
  );
  return {
    requestsPerSecond: results.reduce((sum, result) => sum + result.requestsPerSecond, 0),
    p99Ms: Math.max(...results.map((result) => result.p99Ms)),
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
  };
}

const decisionBody = JSON.stringify({ state: 'OH', maturityDate: '2027-06-30', returnDate: '2027-05-01', intent: 'lesseeReturn', hasAvrmAccess: true });

async function decisionLoad(base: string): Promise<LoadResult> {
  return warmedUp((seconds) =>
    autocannon({
      url: `${base}/api/v1/decisions`,
      connections,
      duration: seconds,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: decisionBody,
    }),
  );
}

interface EngineFigures {
  insertMs: number;
  sms: LoadResult;
  decisions: LoadResult;
  turnsPerSecond: number;
}

async function measureEngine(base: string, sinkUrl: string, insertMs: number): Promise<EngineFigures> {
  const sms = await smsLoad([base]);
  const decisions = await decisionLoad(base);
  await turnsPerSecond(base, sinkUrl, connections, walkthrough, 1);
  const turns = await turnsPerSecond(base, sinkUrl, connections, walkthrough, Number(process.env.BENCH_SECONDS ?? 3));
  return { insertMs, sms, decisions, turnsPerSecond: turns };
}

export const suite: BenchSuite = {
  title: `PostgreSQL vs SQLite: SMS status and decisions with ${totalCases.toLocaleString('en-US')} cases, walkthrough turns, one vs two instances (concurrency ${connections})`,
  async run() {
    if (!postgresAvailable()) return postgresMissingReason();
    process.env.LRA_PG_FSYNC = 'on';
    const sink = await startReplySink();
    const children: ChildProcess[] = [];
    try {
      const sqlite = await startChild('sqlite');
      children.push(sqlite.process);
      const sqliteFigures = await measureEngine(`http://127.0.0.1:${sqlite.report.port}`, sink.url, sqlite.report.insertMs);
      sqlite.process.stdin?.end();

      const url = await freshPostgresDatabase('bench');
      const postgres = await startChild('postgresql', { BENCH_PG_URL: url });
      children.push(postgres.process);
      const postgresBase = `http://127.0.0.1:${postgres.report.port}`;
      const postgresFigures = await measureEngine(postgresBase, sink.url, postgres.report.insertMs);

      const secondInstance = await startChild('postgresql', { BENCH_PG_URL: url, BENCH_PG_SKIP_LOAD: '1' });
      children.push(secondInstance.process);
      const twoInstances = await smsLoad([postgresBase, `http://127.0.0.1:${secondInstance.report.port}`]);

      const row = (label: string, result: LoadResult, baseline?: LoadResult): string[] => [
        label,
        result.requestsPerSecond.toFixed(0),
        result.p99Ms.toFixed(1),
        `${result.errors}/${result.non2xx}`,
        baseline ? ratio(result.requestsPerSecond, baseline.requestsPerSecond) : '1.00',
      ];
      return [
        table(
          ['load (concurrency 10)', 'req/s', 'p99 ms', 'errors/non-2xx', 'ratio to SQLite'],
          [
            row('SQLite: POST /api/v1/sms "STATUS <last 6>"', sqliteFigures.sms),
            row('PostgreSQL: same', postgresFigures.sms, sqliteFigures.sms),
            row('PostgreSQL, two instances (5 connections each): same', twoInstances, sqliteFigures.sms),
            row('SQLite: POST /api/v1/decisions', sqliteFigures.decisions),
            row('PostgreSQL: same', postgresFigures.decisions, sqliteFigures.decisions),
          ],
        ),
        '',
        table(
          ['walkthrough turns (POST /api/messages, 10 dealers)', 'turns/s', 'ratio to SQLite'],
          [
            ['SQLite', sqliteFigures.turnsPerSecond.toFixed(0), '1.00'],
            ['PostgreSQL', postgresFigures.turnsPerSecond.toFixed(0), ratio(postgresFigures.turnsPerSecond, sqliteFigures.turnsPerSecond)],
          ],
        ),
        '',
        `${totalCases.toLocaleString('en-US')} cases with 2 events each loaded in ${(sqliteFigures.insertMs / 1000).toFixed(0)} s (SQLite) and ${(postgresFigures.insertMs / 1000).toFixed(0)} s (PostgreSQL), ${batchSize.toLocaleString('en-US')} per transaction.`,
        `Target: SMS status p99 < 15 ms at concurrency ${connections} with ${totalCases.toLocaleString('en-US')} cases on PostgreSQL. Two instances share this machine's 2 cores with the database and the load generator: no scaling claim.`,
      ].join('\n');
    } finally {
      for (const running of children) running.stdin?.end();
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const running of children) if (running.exitCode === null) running.kill('SIGKILL');
      sink.server.close();
    }
  },
};

if (process.env.BENCH_PG_CHILD === '1') await child();
