/**
 * SMS status replies with 100,000 cases stored, next to GET /healthz on the same server in the same run,
 * and the status lookup time at 1,000 and at 100,000 cases (it should stay flat: every lookup is an
 * index range, never a scan). The server runs in a child process (this file, started with
 * BENCH_CASES_CHILD=1) so the load generator does not share its event loop.
 */
import { sqliteDatabaseOf } from '../../src/storage/open-storage.ts';
import { spawn } from 'node:child_process';
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
import { SqliteCaseRepository } from '../../src/storage/sqlite-case-repository.ts';
import { load, ratio, table, warmedUp, type BenchSuite } from '../support.ts';
import { makeTempDir } from '../../test/support/test-app.ts';

const totalCases = 100_000;
const smallCases = 1_000;
const dealerCount = 100;
const connections = 10;

function vinFor(index: number): Vin {
  const draft = `1M8GDM9A0KP${String(index).padStart(6, '0')}`;
  return `${draft.slice(0, 8)}${expectedCheckDigit(draft) ?? '0'}${draft.slice(9)}` as Vin;
}
const phoneFor = (dealer: number): PhoneNumber => `+1614555${String(dealer).padStart(4, '0')}` as PhoneNumber;
const dealerOf = (index: number): number => index % dealerCount;

interface ChildReport {
  port: number;
  insertMs: number;
  lookups: { cases: number; meanMicros: number; p99Micros: number }[];
}

async function child(): Promise<void> {
  const dataDir = makeTempDir('lra-bench-');
  const app = await buildApp(loadConfig({ HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
  for (let dealer = 0; dealer < dealerCount; dealer += 1) {
    await app.cases.registerDealer({ id: `dealer-${dealer}`, name: `Dealer ${dealer}`, state: 'OH', phones: [phoneFor(dealer)] });
  }
  const today = DateTime.now().setZone('America/New_York');
  const returnDate = parseCalendarDate(today.minus({ days: 2 }).toISODate() ?? '') as CalendarDate;
  const maturityDate = parseCalendarDate(today.plus({ days: 60 }).toISODate() ?? '') as CalendarDate;
  const decision = await app.decisions.decide({ state: 'OH', maturityDate, returnDate, intent: 'lesseeReturn', hasAvrmAccess: true });
  const openedAt = today.toUTC().toISO() ?? '';
  const notifiedAt = today.minus({ days: 2 }).toUTC().toISO() ?? '';
  const inspectedAt = today.minus({ days: 1 }).toUTC().toISO() ?? '';
  const nextDeadline = today.plus({ days: 5 }).toUTC().toISO() ?? '';
  const record = (index: number): NewCase => ({
    vin: vinFor(index),
    dealerId: `dealer-${dealerOf(index)}`,
    state: 'OH',
    maturityDate,
    returnDate,
    intent: 'lesseeReturn',
    hasAvrmAccess: true,
    openedAt,
    decision,
    events: [
      { type: 'notified', at: notifiedAt },
      { type: 'inspected', at: inspectedAt },
    ],
    stage: 'inspected',
    nextDeadline,
    closedAt: null,
  });
  const repository = new SqliteCaseRepository(sqliteDatabaseOf(app.storage));
  const measure = async (cases: number): Promise<{ cases: number; meanMicros: number; p99Micros: number }> => {
    const samples: number[] = [];
    for (let probe = 0; probe < 3_000; probe += 1) {
      const index = (probe * 7919) % cases;
      const started = process.hrtime.bigint();
      await app.status.statusText({ vinOrSuffix: vinFor(index).slice(-6), phone: phoneFor(dealerOf(index)) });
      samples.push(Number(process.hrtime.bigint() - started) / 1_000);
    }
    samples.sort((a, b) => a - b);
    const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
    return { cases, meanMicros: mean, p99Micros: samples[Math.floor(samples.length * 0.99)] ?? 0 };
  };

  const started = performance.now();
  await repository.createMany(Array.from({ length: smallCases }, (_, index) => record(index)));
  const small = await measure(smallCases);
  await repository.createMany(Array.from({ length: totalCases - smallCases }, (_, index) => record(index + smallCases)));
  const insertMs = performance.now() - started;
  const large = await measure(totalCases);
  const address = await app.start();
  const report: ChildReport = { port: address.port, insertMs, lookups: [small, large] };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    void app.stop().then(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
  });
}

export const suite: BenchSuite = {
  title: `Cases and SMS: status replies with ${totalCases.toLocaleString('en-US')} cases stored vs GET /healthz (concurrency ${connections})`,
  async run() {
    const processChild = spawn(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', fileURLToPath(import.meta.url)], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, BENCH_CASES_CHILD: '1' },
    });
    const report = await new Promise<ChildReport>((resolve, reject) => {
      processChild.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
      createInterface({ input: processChild.stdout }).once('line', (line) => resolve(JSON.parse(line) as ChildReport));
    });
    try {
      const base = `http://127.0.0.1:${report.port}`;
      const health = await load({ url: `${base}/healthz`, connections });
      let sent = 0;
      // Every webhook carries a new MessageSid (warm-up included), so each one is answered and stored.
      const sms = await warmedUp((seconds) =>
        autocannon({
          url: `${base}/api/v1/sms`,
          connections,
          duration: seconds,
          requests: [
            {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              setupRequest: (request) => {
                sent += 1;
                const index = (sent * 7919) % totalCases;
                const form = new URLSearchParams({
                  From: phoneFor(dealerOf(index)),
                  To: '+18885550199',
                  Body: `STATUS ${vinFor(index).slice(-6)}`,
                  MessageSid: `SM${String(sent).padStart(32, '0')}`,
                });
                return { ...request, body: form.toString() };
              },
            },
          ],
        }),
      );
      const [small, large] = report.lookups;
      return [
        table(
          ['endpoint', 'req/s', 'p99 ms', 'errors/non-2xx', 'ratio to /healthz'],
          [
            ['GET /healthz (baseline)', health.requestsPerSecond.toFixed(0), health.p99Ms.toFixed(1), `${health.errors}/${health.non2xx}`, '1.00'],
            [
              'POST /api/v1/sms "STATUS <last 6>"',
              sms.requestsPerSecond.toFixed(0),
              sms.p99Ms.toFixed(1),
              `${sms.errors}/${sms.non2xx}`,
              ratio(sms.requestsPerSecond, health.requestsPerSecond),
            ],
          ],
        ),
        '',
        table(
          ['cases stored', 'status lookup mean µs', 'p99 µs'],
          [small, large]
            .filter((row) => row !== undefined)
            .map((row) => [row.cases.toLocaleString('en-US'), row.meanMicros.toFixed(0), row.p99Micros.toFixed(0)]),
        ),
        '',
        `${totalCases.toLocaleString('en-US')} cases with 2 events each inserted through the repository in ${(report.insertMs / 1000).toFixed(1)} s (two transactions). Target: SMS p99 < 10 ms at concurrency ${connections}; lookup flat from 1,000 to 100,000.`,
      ].join('\n');
    } finally {
      processChild.stdin.end();
    }
  },
};

if (process.env.BENCH_CASES_CHILD === '1') await child();
