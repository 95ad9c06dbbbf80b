import { assert } from 'chai';
import type { CaseQueries } from '../../../src/cases/case-finder.ts';
import type { CaseNoteRepository } from '../../../src/cases/case-notes.ts';
import type { Actor } from '../../../src/domain/actor.ts';
import type { Decision } from '../../../src/domain/decision.ts';
import type { PhoneNumber } from '../../../src/domain/phone-number.ts';
import type { CaseEvent } from '../../../src/domain/return-case.ts';
import type { Vin } from '../../../src/domain/vin.ts';
import { PgCaseNoteRepository } from '../../../src/storage/postgres/pg-case-note-repository.ts';
import { PgCaseQueries } from '../../../src/storage/postgres/pg-case-queries.ts';
import { PgCaseRepository } from '../../../src/storage/postgres/pg-case-repository.ts';
import { openPostgres } from '../../../src/storage/postgres/pg-database.ts';
import { PgDealerRepository } from '../../../src/storage/postgres/pg-dealer-repository.ts';
import type { CaseRepository, Dealer, DealerRepository, NewCase } from '../../../src/storage/repositories.ts';
import { SqliteCaseNoteRepository } from '../../../src/storage/sqlite-case-note-repository.ts';
import { SqliteCaseQueries } from '../../../src/storage/sqlite-case-queries.ts';
import { SqliteCaseRepository } from '../../../src/storage/sqlite-case-repository.ts';
import { SqliteDealerRepository } from '../../../src/storage/sqlite-dealer-repository.ts';
import { makeVin } from '../../cases/case-fixtures.ts';
import { freshPostgresDatabase } from '../../support/postgres-cluster.ts';
import { forEachEngine, type EngineFixture } from './engines.ts';

/** SQLite's case queries and notes answer synchronously, PostgreSQL's with promises: tests await either. */
type AnyCaseQueries = CaseQueries | PgCaseQueries;
type AnyCaseNotes = CaseNoteRepository | PgCaseNoteRepository;

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

const agent: Actor = { kind: 'agent', agentId: '7', name: 'Dana Smith' };

function phone(text: string): PhoneNumber {
  return text as PhoneNumber;
}

function vin(n: number, prefix?: string): Vin {
  return makeVin(n, prefix) as Vin;
}

function dealer(id: string, name: string, phones: string[] = []): Dealer {
  return { id, name, state: 'OH', phones: phones.map(phone), createdAt: '2026-03-01T00:00:00Z' };
}

function newCase(n: number, overrides: Partial<NewCase> = {}): NewCase {
  return {
    vin: vin(n),
    dealerId: 'd1',
    state: 'OH',
    maturityDate: '2026-03-02' as NewCase['maturityDate'],
    returnDate: '2026-03-02' as NewCase['returnDate'],
    intent: 'lesseeReturn',
    hasAvrmAccess: true,
    openedAt: '2026-03-02T15:00:00Z',
    decision,
    events: [{ type: 'notified', at: '2026-03-02T16:00:00Z' }],
    stage: 'notified',
    nextDeadline: '2026-03-08T04:59:59Z',
    closedAt: null,
    ...overrides,
  };
}

const pickedUp: CaseEvent = { type: 'pickedUp', at: '2026-03-05T16:00:00Z', by: 'transporter', document: 'billOfLading' };

function repositories(engine: EngineFixture): { dealers: DealerRepository; cases: CaseRepository; queries: AnyCaseQueries; notes: AnyCaseNotes } {
  return engine.build<{ dealers: DealerRepository; cases: CaseRepository; queries: AnyCaseQueries; notes: AnyCaseNotes }>({
    sqlite: (database) => ({
      dealers: new SqliteDealerRepository(database),
      cases: new SqliteCaseRepository(database),
      queries: new SqliteCaseQueries(database),
      notes: new SqliteCaseNoteRepository(database),
    }),
    postgresql: (database) => ({
      dealers: new PgDealerRepository(database),
      cases: new PgCaseRepository(database),
      queries: new PgCaseQueries(database),
      notes: new PgCaseNoteRepository(database),
    }),
  });
}

interface TwoInstances {
  first: CaseRepository;
  second: CaseRepository;
  close: () => Promise<void>;
}

/**
 * Two app instances over one database: two pools on one PostgreSQL database (each with its own
 * repositories and caches), two repositories on one connection for SQLite (one process).
 */
async function twoInstances(engine: EngineFixture): Promise<TwoInstances> {
  if (engine.kind === 'sqlite') {
    const [first, second, dealers] = engine.build<[CaseRepository, CaseRepository, DealerRepository] | []>({
      sqlite: (database) => [new SqliteCaseRepository(database), new SqliteCaseRepository(database), new SqliteDealerRepository(database)],
      postgresql: () => [],
    });
    if (!first || !second || !dealers) throw new Error('two repositories expected');
    await dealers.create(dealer('d1', 'One'));
    return { first, second, close: async () => undefined };
  }
  const url = await freshPostgresDatabase('cases');
  const firstPool = await openPostgres(url, { poolSize: 4 });
  const secondPool = await openPostgres(url, { poolSize: 4 });
  await new PgDealerRepository(firstPool).create(dealer('d1', 'One'));
  return {
    first: new PgCaseRepository(firstPool),
    second: new PgCaseRepository(secondPool),
    close: async () => {
      await firstPool.close();
      await secondPool.close();
    },
  };
}

async function count(engine: EngineFixture, sql: string, values: readonly unknown[] = []): Promise<number> {
  const [row] = await engine.sql(sql, values);
  return Number(row?.n);
}

forEachEngine('dealers', (engine) => {
  it('stores a dealer with its phones in order, found by id and by any of its phones', async () => {
    const { dealers } = repositories(engine());
    const stored = dealer('columbus', 'Columbus Motors', ['+16145550101', '+16145550102']);
    await dealers.create(stored);
    assert.deepEqual(await dealers.get('columbus'), stored);
    assert.deepEqual(await dealers.findByPhone(phone('+16145550102')), stored);
    assert.isUndefined(await dealers.get('nobody'));
    assert.isUndefined(await dealers.findByPhone(phone('+16145550199')));
  });

  it('refuses a taken id (dealer_exists) or a phone of another dealer (phone_taken), storing nothing', async () => {
    const { dealers } = repositories(engine());
    await dealers.create(dealer('taken', 'First', ['+16145550111']));
    try {
      await dealers.create(dealer('taken', 'Second', ['+16145550112']));
      assert.fail('a second dealer with the same id was stored');
    } catch (error) {
      assert.include(error, { code: 'dealer_exists', field: 'id', status: 409 });
    }
    try {
      await dealers.create(dealer('phone-thief', 'Thief', ['+16145550113', '+16145550111']));
      assert.fail('a phone was registered to two dealers');
    } catch (error) {
      assert.include(error, { code: 'phone_taken', field: 'phones', status: 409 });
    }
    const fresh = repositories(engine()).dealers;
    assert.isUndefined(await fresh.get('phone-thief'), 'the dealer whose phone was taken is not stored');
    assert.isUndefined(await fresh.findByPhone(phone('+16145550113')), 'nor its first phone');
    assert.isUndefined(await fresh.findByPhone(phone('+16145550112')), 'nor the phones of the refused duplicate');
    assert.equal((await fresh.findByPhone(phone('+16145550111')))?.name, 'First');
  });

  it('keeps a dealer once read, and sees a dealer registered after a miss at once', async () => {
    const { dealers } = repositories(engine());
    assert.isUndefined(await dealers.findByPhone(phone('+16145550121')));
    await repositories(engine()).dealers.create(dealer('late', 'Late Motors', ['+16145550121']));
    assert.equal((await dealers.findByPhone(phone('+16145550121')))?.id, 'late', 'a miss is not remembered');
    // Dealers never change once stored: what one repository read, it keeps (no read per text message).
    await engine().sql('DELETE FROM dealer_phones WHERE dealer_id = $1', ['late']);
    await engine().sql('DELETE FROM dealers WHERE id = $1', ['late']);
    assert.equal((await dealers.get('late'))?.name, 'Late Motors');
    assert.equal((await dealers.findByPhone(phone('+16145550121')))?.id, 'late');
    assert.isUndefined(await repositories(engine()).dealers.get('late'), 'another repository reads the database');
  });
});

forEachEngine('return cases', (engine) => {
  before(async () => {
    const { dealers } = repositories(engine());
    await dealers.create(dealer('d1', 'One', ['+16145550100']));
    await dealers.create(dealer('d2', 'Two', ['+13125550100']));
  });

  it('stores a case with its events and decision, read back whole by VIN', async () => {
    const { cases } = repositories(engine());
    const events: CaseEvent[] = [
      { type: 'notified', at: '2026-03-02T16:00:00Z', note: 'by fax', actor: agent, recordedAt: '2026-03-02T16:01:00Z' },
      { type: 'inspected', at: '2026-03-03T16:00:00Z' },
    ];
    const record = newCase(1, { events, stage: 'inspected', openedBy: agent });
    const created = await cases.create(record);
    assert.equal(created.version, 1);
    assert.deepEqual({ ...created, id: 0, version: 0 }, { ...record, id: 0, version: 0 });
    assert.deepEqual(await cases.findByVin(record.vin), created);
    assert.deepEqual(await repositories(engine()).cases.findByVin(record.vin), created, 'the same through a repository with nothing cached');
    assert.deepEqual(await cases.findByVin(record.vin, 'd1'), created);
    assert.isUndefined(await cases.findByVin(record.vin, 'd2'), 'scoped to another dealer');
    assert.isUndefined(await cases.findByVin(vin(999_999)));
  });

  it('allows one open case per VIN (case_open), and a new one once it is closed; the newest is found', async () => {
    const { cases } = repositories(engine());
    const first = await cases.create(newCase(2));
    try {
      await cases.create(newCase(2, { dealerId: 'd2' }));
      assert.fail('a second open case was stored');
    } catch (error) {
      assert.include(error, { code: 'case_open', field: 'vin', status: 409 });
    }
    const closed = await cases.appendEvent(first.id, first.version, pickedUp, { stage: 'pickedUp', nextDeadline: null, closedAt: pickedUp.at });
    assert.equal(closed.closedAt, pickedUp.at);
    const second = await cases.create(newCase(2, { dealerId: 'd2', openedAt: '2026-03-06T15:00:00Z' }));
    assert.isAbove(second.id, first.id);
    assert.equal((await cases.findByVin(vin(2)))?.id, second.id);
    assert.equal((await cases.findByVin(vin(2), 'd1'))?.id, first.id, 'the newest among that dealer’s cases');
  });

  it('stores many cases in one transaction, all or nothing, with identical decisions stored once', async () => {
    const { cases } = repositories(engine());
    const decisionsBefore = await count(engine(), 'SELECT count(*) AS n FROM decisions');
    await cases.createMany([newCase(11), newCase(12), newCase(13)]);
    try {
      await cases.createMany([newCase(14), newCase(11)]);
      assert.fail('a batch with an open VIN was stored');
    } catch (error) {
      assert.include(error, { code: 'case_open', field: 'vin' });
    }
    assert.isUndefined(await cases.findByVin(vin(14)), 'the first of the failed batch was rolled back');
    const stored = await cases.findByVin(vin(12));
    assert.equal(stored?.events.length, 1);
    assert.equal(stored?.decision.rulesVersion, 'test-version');
    assert.equal(await count(engine(), 'SELECT count(*) AS n FROM decisions'), Math.max(decisionsBefore, 1), 'identical decisions are stored once');
    const other = await cases.create(newCase(15, { decision: { ...decision, rulesVersion: 'other-version' } }));
    assert.equal(other.decision.rulesVersion, 'other-version');
    assert.equal(await count(engine(), 'SELECT count(*) AS n FROM decisions'), Math.max(decisionsBefore, 1) + 1);
  });

  it('loads a bulk batch larger than one statement in record order, events and all', async function () {
    this.timeout(60_000);
    const { cases } = repositories(engine());
    const total = 12_000;
    const records = Array.from({ length: total }, (_, index) =>
      newCase(500_000 + index, {
        dealerId: 'bulk',
        events: [
          { type: 'notified', at: '2026-03-02T16:00:00Z' },
          { type: 'inspected', at: '2026-03-03T16:00:00Z', note: `#${index}` },
        ],
        stage: 'inspected',
      }),
    );
    await repositories(engine()).dealers.create(dealer('bulk', 'Bulk Motors'));
    await cases.createMany(records);
    assert.equal(await count(engine(), "SELECT count(*) AS n FROM return_cases WHERE dealer_id = 'bulk'"), total);
    assert.equal(
      await count(engine(), "SELECT count(*) AS n FROM case_events e JOIN return_cases c ON c.id = e.case_id WHERE c.dealer_id = 'bulk'"),
      2 * total,
    );
    const newest = await cases.list({ dealerId: 'bulk' }, { limit: 2 });
    assert.deepEqual(
      newest.items.map((item) => item.vin),
      [vin(500_000 + total - 1), vin(500_000 + total - 2)],
      'ids follow the order of the records',
    );
    assert.deepEqual(
      newest.items[0]?.events.map((event) => event.type),
      ['notified', 'inspected'],
    );
    assert.equal(newest.items[0]?.events[1]?.note, `#${total - 1}`);
  });

  it('finds the newest case of each VIN ending in a suffix, in reversed-VIN order, scoped to a dealer when asked', async () => {
    const { cases } = repositories(engine());
    const old = await cases.create(newCase(777_777, { dealerId: 'd1' }));
    await cases.appendEvent(old.id, old.version, pickedUp, { stage: 'pickedUp', nextDeadline: null, closedAt: pickedUp.at });
    const reopened = await cases.create(newCase(777_777, { dealerId: 'd1' }));
    const otherPrefix = await cases.create(newCase(777_777, { vin: vin(777_777, '2HGFC2F6'), dealerId: 'd2' }));
    const longer = await cases.create(newCase(177_777, { dealerId: 'd1' }));
    const found = await cases.findBySuffix('777777', 5);
    // Byte order of the reversed VINs, as the index keeps them.
    const expected = [reopened, otherPrefix].sort((a, b) => (reverse(a.vin) < reverse(b.vin) ? -1 : 1));
    assert.deepEqual(
      found.map((item) => item.id),
      expected.map((item) => item.id),
    );
    assert.deepEqual(
      (await cases.findBySuffix('777777', 1)).map((item) => item.id),
      [found[0]?.id],
      'limited to the given count of VINs',
    );
    assert.deepEqual(
      (await cases.findBySuffix('777777', 5, 'd2')).map((item) => item.id),
      [otherPrefix.id],
    );
    assert.deepEqual(
      (await cases.findBySuffix('P177777', 5, 'd1')).map((item) => item.id),
      [longer.id],
    );
    assert.deepEqual(await cases.findBySuffix('077777', 5), []);
  });

  it('appends an event with the next version and refuses a stale or unknown one (case_changed)', async () => {
    const { cases } = repositories(engine());
    const created = await cases.create(newCase(20));
    const update = { stage: 'inspected' as const, nextDeadline: '2026-03-10T04:59:59Z', closedAt: null };
    const inspected: CaseEvent = { type: 'inspected', at: '2026-03-03T16:00:00Z', actor: agent, recordedAt: '2026-03-03T16:05:00Z' };
    const appended = await cases.appendEvent(created.id, created.version, inspected, update);
    assert.equal(appended.version, created.version + 1);
    assert.equal(appended.stage, 'inspected');
    assert.equal(appended.nextDeadline, '2026-03-10T04:59:59Z');
    assert.deepEqual(appended.events, [...created.events, inspected]);
    for (const [caseId, version] of [
      [created.id, created.version],
      [created.id + 1_000_000, 1],
    ] as const) {
      try {
        await cases.appendEvent(caseId, version, inspected, update);
        assert.fail('a stale version was accepted');
      } catch (error) {
        assert.include(error, { code: 'case_changed', field: null, status: 409 });
      }
    }
    assert.deepEqual(await cases.findByVin(created.vin), appended, 'the refused appends changed nothing');
  });

  it('lists newest first, a page at a time, by dealer, stage and overdue or not', async () => {
    const { cases } = repositories(engine());
    await repositories(engine()).dealers.create(dealer('lister', 'Lister'));
    const open = await cases.create(newCase(30, { dealerId: 'lister' }));
    const bought = await cases.create(
      newCase(31, {
        dealerId: 'lister',
        intent: 'dealerPurchaseForLessee',
        events: [
          { type: 'notified', at: '2026-03-02T16:00:00Z' },
          { type: 'purchaseCompleted', at: '2026-03-03T16:00:00Z' },
        ],
        stage: 'purchaseCompleted',
        closedAt: '2026-03-03T16:00:00Z',
      }),
    );
    const later = await cases.create(newCase(32, { dealerId: 'lister', nextDeadline: '2026-07-01T00:00:00Z' }));
    const noDeadline = await cases.create(newCase(33, { dealerId: 'lister', nextDeadline: null }));
    const ids = async (filter: Parameters<CaseRepository['list']>[0]) =>
      (await cases.list({ dealerId: 'lister', ...filter }, { limit: 10 })).items.map((item) => item.id);
    assert.deepEqual(await ids({}), [noDeadline.id, later.id, bought.id, open.id]);
    assert.deepEqual(await ids({ overdueAt: '2026-06-01T00:00:00Z' }), [open.id], 'a closed case is never overdue');
    assert.deepEqual(await ids({ notOverdueAt: '2026-06-01T00:00:00Z' }), [noDeadline.id, later.id, bought.id]);
    assert.deepEqual(await ids({ stage: 'purchaseCompleted' }), [bought.id]);
    assert.deepEqual(await ids({ stage: 'notified', overdueAt: '2026-08-01T00:00:00Z' }), [later.id, open.id]);

    const first = await cases.list({ dealerId: 'lister' }, { limit: 3 });
    assert.deepEqual(
      first.items.map((item) => item.id),
      [noDeadline.id, later.id, bought.id],
    );
    assert.equal(first.next, bought.id);
    assert.deepEqual(first.items[2]?.events.at(-1)?.type, 'purchaseCompleted');
    const second = await cases.list({ dealerId: 'lister' }, { limit: 3, after: first.next ?? 0 });
    assert.deepEqual(
      second.items.map((item) => item.id),
      [open.id],
    );
    assert.isNull(second.next);
    const exact = await cases.list({ dealerId: 'lister' }, { limit: 4 });
    assert.isNull(exact.next, 'no next page when the last one is exactly full');
  });

  it('finds cases by id in the order asked, leaving out unknown ids', async () => {
    const { cases } = repositories(engine());
    const a = await cases.create(newCase(40));
    const b = await cases.create(newCase(41));
    const found = await cases.findByIds([b.id, 9_999_999, a.id]);
    assert.deepEqual(found, [b, a]);
    assert.deepEqual(await cases.findByIds([]), []);
  });
});

forEachEngine('return cases across two instances', (engine) => {
  let opened: TwoInstances | undefined;
  before(async () => {
    opened = await twoInstances(engine());
  });
  after(async () => {
    await opened?.close();
  });
  const instances = (): TwoInstances => {
    if (!opened) throw new Error('the two instances are not open');
    return opened;
  };

  it('lets exactly one of several concurrent appends on one version win; the others get case_changed', async () => {
    const { first, second } = instances();
    const created = await first.create(newCase(50));
    const update = { stage: 'inspected' as const, nextDeadline: null, closedAt: null };
    const attempts = [first, second, first, second, first, second].map((cases, index) =>
      cases.appendEvent(created.id, created.version, { type: 'inspected', at: '2026-03-03T16:00:00Z', note: `attempt ${index}` }, update),
    );
    const outcomes = await Promise.allSettled(attempts);
    const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    assert.lengthOf(winners, 1);
    for (const outcome of outcomes) if (outcome.status === 'rejected') assert.include(outcome.reason, { code: 'case_changed' });
    const stored = await second.findByVin(created.vin);
    assert.equal(stored?.version, created.version + 1);
    assert.lengthOf(stored?.events ?? [], 2, 'one event appended, not one per attempt');
    const [winner] = winners;
    assert.deepEqual(stored, winner?.status === 'fulfilled' ? winner.value : undefined);
  });

  it('opens one case when several instances open the same VIN at once; the others get case_open', async () => {
    const { first, second } = instances();
    const outcomes = await Promise.allSettled([first, second, first, second].map((cases) => cases.create(newCase(60))));
    assert.lengthOf(
      outcomes.filter((outcome) => outcome.status === 'fulfilled'),
      1,
    );
    for (const outcome of outcomes) if (outcome.status === 'rejected') assert.include(outcome.reason, { code: 'case_open', field: 'vin' });
    const stored = (await second.list({ dealerId: 'd1' }, { limit: 100 })).items.filter((item) => item.vin === vin(60));
    assert.lengthOf(stored, 1);
    // Two instances storing the same new decision at once: neither trips on the other's insert.
    const fresh = { ...decision, rulesVersion: 'concurrent-version' };
    const both = await Promise.all([first.create(newCase(61, { decision: fresh })), second.create(newCase(62, { decision: fresh }))]);
    assert.deepEqual(
      both.map((created) => created.decision.rulesVersion),
      ['concurrent-version', 'concurrent-version'],
    );
  });
});

forEachEngine('case queries', (engine) => {
  before(async () => {
    const { dealers, cases } = repositories(engine());
    await dealers.create(dealer('columbus', 'Columbus Motors'));
    await dealers.create(dealer('columbia', 'Columbia Auto'));
    await dealers.create(dealer('percent', '100% Cars_Lot'));
    await dealers.create(dealer('eclair', 'Éclair Autos'));
    await dealers.create(dealer('zone', 'Zone Autos'));
    await cases.createMany([
      newCase(70, { dealerId: 'columbus', nextDeadline: '2026-03-04T00:00:00Z' }),
      newCase(71, { dealerId: 'columbia', nextDeadline: '2026-03-03T00:00:00Z' }),
      newCase(72, { dealerId: 'columbus', nextDeadline: '2026-03-03T00:00:00Z' }),
      newCase(73, { dealerId: 'columbus', nextDeadline: '2026-03-01T00:00:00Z', stage: 'pickedUp', closedAt: '2026-03-01T00:00:00Z' }),
      newCase(74, { dealerId: 'percent', nextDeadline: null }),
    ]);
  });

  it('finds dealers by any part of the name, ignoring ASCII case, wildcards taken literally, by name', async () => {
    const { queries } = repositories(engine());
    assert.deepEqual(await queries.dealerIdsByName('COLUMB', 10), ['columbia', 'columbus'], 'ordered by name');
    assert.deepEqual(await queries.dealerIdsByName('columb', 1), ['columbia']);
    assert.deepEqual(await queries.dealerIdsByName('autos', 10), ['zone', 'eclair'], 'byte order: "É" sorts after "Z"');
    assert.deepEqual(await queries.dealerIdsByName('0% c', 10), ['percent']);
    assert.deepEqual(await queries.dealerIdsByName('%', 10), ['percent'], '% matches itself only');
    assert.deepEqual(await queries.dealerIdsByName('s_l', 10), ['percent'], '_ matches itself only');
    assert.deepEqual(await queries.dealerIdsByName('o_u', 10), []);
    assert.deepEqual(await queries.dealerIdsByName('Éclair', 10), ['eclair']);
    assert.deepEqual(await queries.dealerIdsByName('éclair', 10), [], 'case is ignored for ASCII letters only, as SQLite’s LIKE does');
  });

  it('lists case ids for dealers newest first, up to the limit', async () => {
    const { queries, cases } = repositories(engine());
    const idOf = async (n: number) => (await cases.findByVin(vin(n)))?.id;
    assert.deepEqual(await queries.caseIdsForDealers(['columbus', 'percent'], 10), [await idOf(74), await idOf(73), await idOf(72), await idOf(70)]);
    assert.deepEqual(await queries.caseIdsForDealers(['columbus'], 2), [await idOf(73), await idOf(72)]);
    assert.deepEqual(await queries.caseIdsForDealers([], 10), []);
  });

  it('queues open overdue cases longest overdue first, ties by id, with their count', async () => {
    const { queries, cases } = repositories(engine());
    const idOf = async (n: number) => (await cases.findByVin(vin(n)))?.id;
    assert.deepEqual(await queries.overdueCaseIds('2026-03-05T00:00:00Z', 10), [await idOf(71), await idOf(72), await idOf(70)]);
    assert.deepEqual(await queries.overdueCaseIds('2026-03-05T00:00:00Z', 2), [await idOf(71), await idOf(72)]);
    assert.equal(await queries.overdueCount('2026-03-05T00:00:00Z'), 3);
    assert.equal(await queries.overdueCount('2026-03-03T00:00:00Z'), 0, 'a deadline at this very instant is not yet passed');
  });

  it('lists open cases due in a window for some states, soonest first, with the total beyond the limit', async () => {
    const { queries, cases } = repositories(engine());
    const idOf = async (n: number) => (await cases.findByVin(vin(n)))?.id;
    assert.deepEqual(await queries.openCasesWithDeadlineBetween('2026-03-03T00:00:00Z', '2026-03-04T00:00:00Z', ['OH', 'IL'], 10), {
      ids: [await idOf(71), await idOf(72), await idOf(70)],
      count: 3,
    });
    assert.deepEqual(await queries.openCasesWithDeadlineBetween('2026-03-01T00:00:00Z', '2026-03-04T00:00:00Z', ['OH'], 1), {
      ids: [await idOf(71)],
      count: 3,
    });
    assert.deepEqual(await queries.openCasesWithDeadlineBetween('2026-03-01T00:00:00Z', '2026-03-04T00:00:00Z', ['IL'], 10), { ids: [], count: 0 });
    assert.deepEqual(await queries.openCasesWithDeadlineBetween('2026-03-01T00:00:00Z', '2026-03-04T00:00:00Z', [], 10), { ids: [], count: 0 });
  });

  it('queues open dealer purchases still at notification, notified since a time, earliest first', async () => {
    const { cases, queries } = repositories(engine());
    const purchase = (n: number, at: string, overrides: Partial<NewCase> = {}) =>
      cases.create(newCase(n, { dealerId: 'zone', intent: 'dealerPurchaseForInventory', events: [{ type: 'notified', at }], ...overrides }));
    const late = await purchase(80, '2026-03-04T12:00:00Z');
    const early = await purchase(81, '2026-03-03T12:00:00Z', { intent: 'dealerPurchaseForLessee' });
    await purchase(82, '2026-03-01T12:00:00Z');
    await purchase(83, '2026-03-04T13:00:00Z', { intent: 'lesseeReturn' });
    await purchase(84, '2026-03-04T14:00:00Z', { stage: 'purchaseCompleted', closedAt: '2026-03-04T15:00:00Z' });
    await purchase(85, '2026-03-04T14:00:00Z', { stage: 'inspected' });
    assert.deepEqual(await queries.openDealerPurchasesNotifiedSince('2026-03-02T00:00:00Z', 10), [early.id, late.id]);
    assert.deepEqual(await queries.openDealerPurchasesNotifiedSince('2026-03-02T00:00:00Z', 1), [early.id]);
  });
});

forEachEngine('case notes', (engine) => {
  before(async () => {
    await repositories(engine()).dealers.create(dealer('d1', 'One'));
  });

  it('writes notes on the newest case of a VIN and lists that case’s notes in order', async () => {
    const { cases, notes } = repositories(engine());
    assert.isUndefined(await notes.addToLatestCase(vin(90), { text: 'no case yet', actor: agent, at: '2026-03-02T10:00:00Z' }));
    assert.deepEqual(await notes.listForLatestCase(vin(90)), []);
    const first = await cases.create(newCase(90));
    const called = await notes.addToLatestCase(vin(90), { text: 'dealer called', actor: agent, at: '2026-03-02T17:00:00Z' });
    const again = await notes.addToLatestCase(vin(90), { text: 'called back\nleft a message', actor: { kind: 'administrator' }, at: '2026-03-02T18:00:00Z' });
    assert.isDefined(called);
    assert.isAbove(again?.id ?? 0, called?.id ?? 0);
    assert.deepEqual(await notes.listForLatestCase(vin(90)), [called, again]);
    await cases.appendEvent(first.id, first.version, pickedUp, { stage: 'pickedUp', nextDeadline: null, closedAt: pickedUp.at });
    await cases.create(newCase(90, { openedAt: '2026-03-06T15:00:00Z' }));
    assert.deepEqual(await notes.listForLatestCase(vin(90)), [], 'a new case starts without the old one’s notes');
    const onNew = await notes.addToLatestCase(vin(90), { text: 'new return', actor: agent, at: '2026-03-06T16:00:00Z' });
    assert.deepEqual(await notes.listForLatestCase(vin(90)), [onNew]);
  });
});

function reverse(text: string): string {
  return [...text].reverse().join('');
}
