/**
 * The notice scheduler's scan with 100,000 open cases: one pass when nothing is due, and one pass per
 * NOTICE_INTERVAL_SECONDS (60 s) of a steady day, next to a full walk of the open cases measured in the
 * same run (the baseline: what a scheduler without the due-time index would read on every pass). The
 * cases' return days are spread over 12 days, so their next looks spread over the week as real ones do.
 */
import { sqliteDatabaseOf } from '../../src/storage/open-storage.ts';
import { rmSync } from 'node:fs';
import { DateTime } from 'luxon';
import { buildApp } from '../../src/app.ts';
import { FixedClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { parseCalendarDate, type CalendarDate } from '../../src/domain/calendar-date.ts';
import type { PhoneNumber } from '../../src/domain/phone-number.ts';
import type { CaseEvent } from '../../src/domain/return-case.ts';
import { expectedCheckDigit, type Vin } from '../../src/domain/vin.ts';
import type { NewCase } from '../../src/storage/repositories.ts';
import { SqliteCaseRepository } from '../../src/storage/sqlite-case-repository.ts';
import { makeTempDir } from '../../test/support/test-app.ts';
import { ratio, table, type BenchSuite } from '../support.ts';

const totalCases = 100_000;
const dealerCount = 100;
const spreadDays = 12;

function vinFor(index: number): Vin {
  const draft = `1M8GDM9A0KP${String(index).padStart(6, '0')}`;
  return `${draft.slice(0, 8)}${expectedCheckDigit(draft) ?? '0'}${draft.slice(9)}` as Vin;
}

function micros(samples: number[]): { mean: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(sorted.length, 1);
  return { mean, p99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0, max: sorted.at(-1) ?? 0 };
}

const ms = (value: number): string => (value >= 1000 ? `${(value / 1000).toFixed(1)} ms` : `${value.toFixed(0)} µs`);

async function timed(run: () => Promise<unknown> | unknown, times: number): Promise<number[]> {
  const samples: number[] = [];
  for (let attempt = 0; attempt < times; attempt += 1) {
    const started = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - started) / 1_000);
  }
  return samples;
}

export const suite: BenchSuite = {
  title: 'Notice scheduler scan (100,000 open cases)',
  async run() {
    const dataDir = makeTempDir('lra-bench-notices-');
    const start = DateTime.utc().startOf('minute');
    const clock = new FixedClock(start);
    const app = await buildApp(
      loadConfig({ HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', NOTICE_QUIET_HOURS: 'off', NOTICE_INTERVAL_SECONDS: '86400' }),
      { clock },
    );
    try {
      for (let dealer = 0; dealer < dealerCount; dealer += 1) {
        const phone = `+1614555${String(dealer).padStart(4, '0')}` as PhoneNumber;
        await app.cases.registerDealer({ id: `dealer-${dealer}`, name: `Dealer ${dealer}`, state: 'OH', phones: [phone] });
      }
      const local = start.setZone('America/New_York');
      const maturityDate = parseCalendarDate(local.plus({ days: 60 }).toISODate() ?? '') as CalendarDate;
      const decisions = new Map<string, Awaited<ReturnType<typeof app.decisions.decide>>>();
      const records: NewCase[] = [];
      for (let index = 0; index < totalCases; index += 1) {
        // Returned 0 to 11 days ago, notified the same day; one case in three also inspected the next day.
        const daysAgo = index % spreadDays;
        const returned = local
          .minus({ days: daysAgo })
          .startOf('day')
          .plus({ hours: 9, minutes: (index * 7) % 480 });
        const returnDate = parseCalendarDate(returned.toISODate() ?? '') as CalendarDate;
        let decision = decisions.get(returnDate);
        if (!decision) {
          decision = await app.decisions.decide({ state: 'OH', maturityDate, returnDate, intent: 'lesseeReturn', hasAvrmAccess: true });
          decisions.set(returnDate, decision);
        }
        const events: CaseEvent[] = [{ type: 'notified', at: returned.plus({ hours: 1 }).toUTC().toISO() ?? '' }];
        if (index % 3 === 0 && daysAgo >= 1) events.push({ type: 'inspected', at: returned.plus({ days: 1 }).toUTC().toISO() ?? '' });
        records.push({
          vin: vinFor(index),
          dealerId: `dealer-${index % dealerCount}`,
          state: 'OH',
          maturityDate,
          returnDate,
          intent: 'lesseeReturn',
          hasAvrmAccess: true,
          openedAt: returned.toUTC().toISO() ?? '',
          decision,
          events,
          stage: events.length === 2 ? 'inspected' : 'notified',
          nextDeadline: null,
          closedAt: null,
        });
      }
      await new SqliteCaseRepository(sqliteDatabaseOf(app.storage)).createMany(records);

      const scheduler = app.noticeScheduler;
      // The first look at every case (after the migration, or a bulk load): each is planned once.
      const firstStarted = performance.now();
      const first = await scheduler.decideOnce();
      const firstMs = performance.now() - firstStarted;

      // Nothing due: what every pass costs on a quiet minute.
      const idle = micros(await timed(() => scheduler.decideOnce(), 200));
      // A steady day: the clock moves one interval (60 s) per pass, as the timer would.
      let looked = 0;
      let mostLooked = 0;
      const interval = micros(
        await timed(async () => {
          clock.advance({ minutes: 1 });
          const pass = await scheduler.decideOnce();
          looked += pass.casesLooked;
          mostLooked = Math.max(mostLooked, pass.casesLooked);
        }, 600),
      );
      // The baseline: reading every open case once (only its id and stored deadline, nothing computed).
      const walk = sqliteDatabaseOf(app.storage).prepare<[], { id: number; next_deadline: string | null }>(
        'SELECT id, next_deadline FROM return_cases WHERE closed_at IS NULL',
      );
      const full = micros(await timed(() => walk.all().length, 20));
      const plan = sqliteDatabaseOf(app.storage)
        .prepare<[string, number], { detail: string }>(
          'EXPLAIN QUERY PLAN SELECT w.case_id, c.vin, w.next_check_at FROM notice_watch w JOIN return_cases c ON c.id = w.case_id WHERE w.next_check_at <= ? ORDER BY w.next_check_at LIMIT ?',
        )
        .all(clock.now().toUTC().toISO() ?? '', 500)
        .map((row) => row.detail)
        .join('; ');

      return [
        table(
          ['pass', 'mean', 'p99', 'max', 'cases looked at', 'ratio to full walk (mean)'],
          [
            ['full walk of the open cases (baseline)', ms(full.mean), ms(full.p99), ms(full.max), totalCases, '1.00'],
            ['scan, nothing due', ms(idle.mean), ms(idle.p99), ms(idle.max), 0, ratio(idle.mean, full.mean)],
            [
              'scan per 60 s interval (10 h of a steady day)',
              ms(interval.mean),
              ms(interval.p99),
              ms(interval.max),
              `${(looked / 600).toFixed(1)} per pass, at most ${mostLooked}`,
              ratio(interval.mean, full.mean),
            ],
          ],
        ),
        '',
        'Steps turn overdue at the end of a local day, so the pass just after midnight (Ohio) looks at every case whose step ended that day: that pass is the max above; the others look at a handful.',
        `First look at all ${totalCases.toLocaleString('en-US')} cases (once, after a bulk load or the migration): ${(firstMs / 1000).toFixed(1)} s, ${first.noticesDecided.toLocaleString('en-US')} notices decided. Query plan of the scan: ${plan}.`,
      ].join('\n');
    } finally {
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
