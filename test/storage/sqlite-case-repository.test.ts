import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { DateTime } from 'luxon';
import { parseCalendarDate, type CalendarDate } from '../../src/domain/calendar-date.ts';
import type { Decision } from '../../src/domain/decision.ts';
import type { PhoneNumber } from '../../src/domain/phone-number.ts';
import type { Vin } from '../../src/domain/vin.ts';
import { openDatabase, type Database } from '../../src/storage/database.ts';
import type { NewCase } from '../../src/storage/repositories.ts';
import { SqliteCaseRepository } from '../../src/storage/sqlite-case-repository.ts';
import { SqliteDealerRepository } from '../../src/storage/sqlite-dealer-repository.ts';
import { SqliteSmsRepository } from '../../src/storage/sqlite-sms-repository.ts';
import { makeVin } from '../cases/case-fixtures.ts';
import { makeTempDir } from '../support/test-app.ts';

const date = (text: string): CalendarDate => parseCalendarDate(text) ?? (text as CalendarDate);
const decision: Decision = {
  termination: 'NM',
  quote: { type: 'lesseeReturn', isReturnQuote: true, requiresProofOfResale: false },
  remarketing: { holdHours: 0, startsImmediately: true },
  notification: { method: 'AVRM', faxNumber: null },
  eligibleQuotes: ['lesseeReturn'],
  inspection: { available: true },
  letters: { etPreSaleLetter: false, settlementAfterAuctionSale: false },
  contacts: [],
  steps: [],
  trace: [{ rule: 'test', source: 'test', facts: {} }],
  rulesVersion: 'test-version',
};

function newCase(n: number, dealerId = 'd1', prefix?: string): NewCase {
  return {
    vin: makeVin(n, prefix) as Vin,
    dealerId,
    state: 'OH',
    maturityDate: date('2026-03-02'),
    returnDate: date('2026-03-02'),
    intent: 'lesseeReturn',
    hasAvrmAccess: true,
    openedAt: '2026-03-02T15:00:00Z',
    decision,
    events: [{ type: 'notified', at: '2026-03-02T16:00:00Z' }],
    stage: 'notified',
    nextDeadline: '2026-03-08T04:59:59Z',
    closedAt: null,
  };
}

describe('SQLite repositories', () => {
  let dataDir: string;
  let database: Database;
  beforeEach(async () => {
    dataDir = makeTempDir();
    database = openDatabase(dataDir);
    const dealers = new SqliteDealerRepository(database);
    await dealers.create({ id: 'd1', name: 'One', state: 'OH', phones: ['+16145550100' as PhoneNumber], createdAt: '2026-03-01T00:00:00Z' });
    await dealers.create({ id: 'd2', name: 'Two', state: 'IL', phones: ['+13125550100' as PhoneNumber], createdAt: '2026-03-01T00:00:00Z' });
  });
  afterEach(() => {
    database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores many cases in one transaction, all or nothing', async () => {
    const cases = new SqliteCaseRepository(database);
    await cases.createMany([newCase(1), newCase(2), newCase(3)]);
    await assert.rejects(cases.createMany([newCase(4), newCase(1)]), { code: 'case_open' });
    assert.equal(await cases.findByVin(makeVin(4) as Vin), undefined, 'the first of the failed batch was rolled back');
    const stored = await cases.findByVin(makeVin(2) as Vin);
    assert.equal(stored?.events.length, 1);
    assert.equal(stored?.decision.rulesVersion, 'test-version');
    const decisions = database.prepare('SELECT COUNT(*) AS count FROM decisions').get() as { count: number };
    assert.equal(decisions.count, 1, 'identical decisions are stored once');
  });

  it('finds by suffix through the reversed-VIN index, scoped to a dealer when asked', async () => {
    const cases = new SqliteCaseRepository(database);
    await cases.createMany([newCase(777777, 'd1'), newCase(777777, 'd2', '2HGFC2F6'), newCase(177777, 'd1')]);
    assert.equal((await cases.findBySuffix('777777', 5)).length, 2);
    assert.equal((await cases.findBySuffix('777777', 5, 'd2'))[0]?.dealerId, 'd2');
    assert.equal((await cases.findBySuffix('P777777', 5, 'd1')).length, 1);
    assert.equal((await cases.findBySuffix('077777', 5)).length, 0);
    const plan = database.prepare("EXPLAIN QUERY PLAN SELECT DISTINCT vin FROM return_cases WHERE vin_reversed >= 'X' AND vin_reversed < 'X~' LIMIT 5").all();
    assert.match(JSON.stringify(plan), /return_cases_by_vin_reversed/);
  });

  it('refuses a stale version so concurrent writers cannot both append', async () => {
    const cases = new SqliteCaseRepository(database);
    const created = await cases.create(newCase(10));
    const update = { stage: 'inspected' as const, nextDeadline: null, closedAt: null };
    await cases.appendEvent(created.id, created.version, { type: 'inspected', at: '2026-03-03T16:00:00Z' }, update);
    await assert.rejects(cases.appendEvent(created.id, created.version, { type: 'inspected', at: '2026-03-03T16:00:00Z' }, update), { code: 'case_changed' });
    assert.equal((await cases.findByVin(created.vin))?.events.length, 2);
  });

  it('keeps everything across close and reopen, and applies each migration once', async () => {
    const cases = new SqliteCaseRepository(database);
    await cases.create(newCase(20));
    const sms = new SqliteSmsRepository(database);
    const stop = { messageSid: 'SM1', from: '+16145550100', body: 'STOP', receivedAt: DateTime.utc().toISO() ?? '' };
    assert.equal(await sms.recordAnswer(stop, 'bye', { optedOut: true }), true);
    database.close();
    database = openDatabase(dataDir);
    const migrations = database.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
    assert.deepEqual(
      migrations.map((row) => row.version),
      [...new Set(migrations.map((row) => row.version))],
    );
    assert.ok((await new SqliteCaseRepository(database).findByVin(makeVin(20) as Vin)) !== undefined);
    const reopened = new SqliteSmsRepository(database);
    assert.equal(await reopened.isOptedOut('+16145550100'), true);
    assert.equal(await reopened.recordAnswer({ ...stop, body: 'START' }, 'welcome back', { optedOut: false }), false, 'a repeated MessageSid changes nothing');
    assert.equal(await reopened.isOptedOut('+16145550100'), true);
    assert.equal((await new SqliteDealerRepository(database).findByPhone('+13125550100' as PhoneNumber))?.id, 'd2');
  });

  it('never lists a closed case as overdue, whatever deadline it has stored, and filters the purchaseCompleted stage', async () => {
    const cases = new SqliteCaseRepository(database);
    const open = newCase(30);
    const bought: NewCase = {
      ...newCase(31),
      intent: 'dealerPurchaseForLessee',
      events: [
        { type: 'notified', at: '2026-03-02T16:00:00Z' },
        { type: 'purchaseCompleted', at: '2026-03-03T16:00:00Z' },
      ],
      stage: 'purchaseCompleted',
      closedAt: '2026-03-03T16:00:00Z',
    };
    await cases.createMany([open, bought]);
    const overdue = await cases.list({ overdueAt: '2026-06-01T00:00:00Z' }, { limit: 10 });
    assert.deepEqual(
      overdue.items.map((item) => item.vin),
      [open.vin],
    );
    const notOverdue = await cases.list({ notOverdueAt: '2026-06-01T00:00:00Z' }, { limit: 10 });
    assert.deepEqual(
      notOverdue.items.map((item) => item.vin),
      [bought.vin],
    );
    const byStage = await cases.list({ stage: 'purchaseCompleted' }, { limit: 10 });
    assert.equal(byStage.items[0]?.events.at(-1)?.type, 'purchaseCompleted');
    assert.equal(byStage.items.length, 1);
  });
});
