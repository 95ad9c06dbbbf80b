import { assert } from 'chai';
import type { PlannedNotice, StoredNotice } from '../../../src/notices/notice.ts';
import type { CasePlan, NoticeRepository, WatchedCase } from '../../../src/notices/notice-repository.ts';
import { openPostgres } from '../../../src/storage/postgres/pg-database.ts';
import { PgNoticeRepository } from '../../../src/storage/postgres/pg-notice-repository.ts';
import { SqliteNoticeRepository } from '../../../src/storage/sqlite-notice-repository.ts';
import { freshPostgresDatabase } from '../../support/postgres-cluster.ts';
import { forEachEngine, type EngineFixture } from './engines.ts';

type RawSql = (text: string, values?: readonly unknown[]) => Promise<Record<string, unknown>[]>;

/** Two app instances over one database: two pools on PostgreSQL, two repositories on one connection for SQLite. */
interface TwoInstances {
  first: NoticeRepository;
  second: NoticeRepository;
  sql: RawSql;
  close: () => Promise<void>;
}

async function twoInstances(engine: EngineFixture): Promise<TwoInstances> {
  if (engine.kind === 'sqlite') {
    const [first, second] = engine.build({
      sqlite: (database) => [new SqliteNoticeRepository(database), new SqliteNoticeRepository(database)],
      postgresql: () => {
        throw new Error('not this engine');
      },
    });
    if (!first || !second) throw new Error('two repositories expected');
    return { first, second, sql: (text, values) => engine.sql(text, values), close: async () => undefined };
  }
  const url = await freshPostgresDatabase('notices');
  const firstPool = await openPostgres(url, { poolSize: 4 });
  const secondPool = await openPostgres(url, { poolSize: 4 });
  return {
    first: new PgNoticeRepository(firstPool),
    second: new PgNoticeRepository(secondPool),
    sql: (text, values = []) => firstPool.rows(text, values),
    close: async () => {
      await firstPool.close();
      await secondPool.close();
    },
  };
}

let vinCounter = 0;

/** A dealer (once) and an open case for it, by raw SQL (the case repositories are not under test); returns the case id. */
async function openCase(sql: RawSql, dealerId = 'D1', closedAt: string | null = null): Promise<{ caseId: number; vin: string }> {
  await sql(
    `INSERT INTO dealers (id, name, state, created_at) SELECT $1, 'Dealer', 'OH', '2026-01-01T00:00:00.000Z'
     WHERE NOT EXISTS (SELECT 1 FROM dealers WHERE id = $2)`,
    [dealerId, dealerId],
  );
  await sql(`INSERT INTO decisions (hash, rules_version, body) SELECT 'h1', 'r1', '{}' WHERE NOT EXISTS (SELECT 1 FROM decisions WHERE hash = 'h1')`);
  vinCounter += 1;
  const vin = `1HGCM82633A${String(vinCounter).padStart(6, '0')}`;
  await sql(
    `INSERT INTO return_cases (vin, vin_reversed, dealer_id, state, maturity_date, return_date, intent, has_avrm_access, opened_at,
       closed_at, stage, decision_id, version)
     SELECT $1, $2, $3, 'OH', '2026-06-30', '2026-06-30', 'lesseeReturn', 1, '2026-01-01T00:00:00.000Z', $4, 'open', id, 1
     FROM decisions WHERE hash = 'h1'`,
    [vin, [...vin].reverse().join(''), dealerId, closedAt],
  );
  const [row] = await sql('SELECT id FROM return_cases WHERE vin = $1 ORDER BY id DESC', [vin]);
  return { caseId: Number(row?.id), vin };
}

function overdue(step: string, dueAt = '2026-03-01T10:00:00.000Z'): PlannedNotice {
  return { step, kind: 'stepOverdue', text: `${step} is overdue`, dueAt };
}

/** Stores `count` pending notices for one new case (steps s0..s{count-1}); returns the case. */
async function caseWithNotices(repository: NoticeRepository, sql: RawSql, count: number, dueAt = '2026-03-01T10:00:00.000Z'): Promise<number> {
  const { caseId, vin } = await openCase(sql);
  const watched: WatchedCase = { caseId, vin, checkAt: '' };
  const notices = Array.from({ length: count }, (_, index) => overdue(`s${index}`, dueAt));
  assert.equal(await repository.recordPlans([{ watched, dealerId: 'D1', notices, nextCheckAt: null }], '2026-03-01T09:00:00.000Z'), count);
  return caseId;
}

const attempt = (attemptsSeen: number, at = '2026-03-01T10:05:00.000Z') => ({
  channel: 'sms' as const,
  recipient: '+16145550100',
  body: 'Your case: s0 is overdue',
  at,
  attemptsSeen,
});

async function onlyNotice(repository: NoticeRepository, caseId: number): Promise<StoredNotice> {
  const [notice] = await repository.listForCase(caseId);
  if (!notice) throw new Error(`case ${caseId} has no notice`);
  return notice;
}

forEachEngine('notices outbox', (engine) => {
  let notices: NoticeRepository;
  const sql: RawSql = (text, values) => engine().sql(text, values);

  before(() => {
    notices = engine().build<NoticeRepository>({
      sqlite: (database) => new SqliteNoticeRepository(database),
      postgresql: (database) => new PgNoticeRepository(database),
    });
  });

  describe('the watch', () => {
    it('lists a new case as due at once, and moves its next look on only while it still holds the value read', async () => {
      const { caseId, vin } = await openCase(sql);
      const due = (await notices.dueCases('2026-03-01T09:00:00.000Z', 1000)).filter((watched) => watched.caseId === caseId);
      assert.deepEqual(due, [{ caseId, vin, checkAt: '' }]);

      const plan: CasePlan = {
        watched: { caseId, vin, checkAt: '' },
        dealerId: 'D1',
        notices: [overdue('inspection')],
        nextCheckAt: '2026-03-05T00:00:00.000Z',
      };
      assert.equal(await notices.recordPlans([plan], '2026-03-01T09:00:00.000Z'), 1);
      assert.deepEqual(await sql('SELECT next_check_at FROM notice_watch WHERE case_id = $1', [caseId]), [{ next_check_at: '2026-03-05T00:00:00.000Z' }]);
      assert.notInclude(
        (await notices.dueCases('2026-03-04T23:59:59.999Z', 1000)).map((watched) => watched.caseId),
        caseId,
      );

      // A second look from the same stale read: the notice is already there, and the watch is not moved back.
      assert.equal(await notices.recordPlans([{ ...plan, nextCheckAt: '2026-03-02T00:00:00.000Z' }], '2026-03-01T09:01:00.000Z'), 0);
      assert.deepEqual(await sql('SELECT next_check_at FROM notice_watch WHERE case_id = $1', [caseId]), [{ next_check_at: '2026-03-05T00:00:00.000Z' }]);
      // Nor removed by a stale "forget".
      await notices.recordPlans([{ ...plan, notices: [], nextCheckAt: null }], '2026-03-01T09:02:00.000Z');
      assert.lengthOf(await sql('SELECT case_id FROM notice_watch WHERE case_id = $1', [caseId]), 1);
      // A fresh "forget" removes it.
      await notices.recordPlans(
        [{ ...plan, watched: { caseId, vin, checkAt: '2026-03-05T00:00:00.000Z' }, notices: [], nextCheckAt: null }],
        '2026-03-05T00:00:00.000Z',
      );
      assert.lengthOf(await sql('SELECT case_id FROM notice_watch WHERE case_id = $1', [caseId]), 0);
      assert.lengthOf(await notices.listForCase(caseId), 1);
    });

    it('lists due cases earliest first, up to the limit, never a case not yet due', async () => {
      const cases = [await openCase(sql), await openCase(sql), await openCase(sql)];
      const times = ['2026-04-03T00:00:00.000Z', '2026-04-01T00:00:00.000Z', '2026-04-02T00:00:00.000Z'];
      await notices.recordPlans(
        cases.map((opened, index) => ({ watched: { ...opened, checkAt: '' }, dealerId: 'D1', notices: [], nextCheckAt: times[index] ?? null })),
        '2026-03-01T00:00:00.000Z',
      );
      const mine = new Set(cases.map((opened) => opened.caseId));
      const due = (await notices.dueCases('2026-04-02T12:00:00.000Z', 1000)).filter((watched) => mine.has(watched.caseId));
      assert.deepEqual(
        due.map((watched) => watched.checkAt),
        ['2026-04-01T00:00:00.000Z', '2026-04-02T00:00:00.000Z'],
      );
      const all = await notices.dueCases('2026-12-31T00:00:00.000Z', 1000);
      assert.deepEqual(
        all.map((watched) => watched.checkAt),
        [...all.map((watched) => watched.checkAt)].sort(),
      );
      assert.lengthOf(await notices.dueCases('2026-12-31T00:00:00.000Z', 2), 2);
    });

    it('stores a kind the dealer turned off as skipped, and stores each (case, step, kind) once', async () => {
      const { caseId, vin } = await openCase(sql);
      const watched = { caseId, vin, checkAt: '' };
      const planned: PlannedNotice[] = [
        overdue('inspection'),
        { ...overdue('inspection'), kind: 'holdEnding', skippedReason: 'kindOff' },
        overdue('inspection'),
      ];
      assert.equal(await notices.recordPlans([{ watched, dealerId: 'D1', notices: planned, nextCheckAt: null }], '2026-03-01T09:00:00.000Z'), 2);
      const stored = await notices.listForCase(caseId);
      assert.deepEqual(
        stored.map((notice) => [notice.kind, notice.status, notice.skippedReason, notice.createdAt]),
        [
          ['stepOverdue', 'pending', null, '2026-03-01T09:00:00.000Z'],
          ['holdEnding', 'skipped', 'kindOff', '2026-03-01T09:00:00.000Z'],
        ],
      );
    });

    it('two instances planning the same due cases at once store each notice once', async () => {
      const instances = await twoInstances(engine());
      try {
        const opened: { caseId: number; vin: string }[] = [];
        for (let index = 0; index < 20; index += 1) opened.push(await openCase(instances.sql));
        const planOf = (watched: WatchedCase): CasePlan => ({
          watched,
          dealerId: 'D1',
          notices: [overdue('inspection'), overdue('payoff')],
          nextCheckAt: '2026-03-09T00:00:00.000Z',
        });
        for (let round = 0; round < 3; round += 1) {
          const [firstDue, secondDue] = await Promise.all([
            instances.first.dueCases('2026-03-01T09:00:00.000Z', 1000),
            instances.second.dueCases('2026-03-01T09:00:00.000Z', 1000),
          ]);
          const [firstStored, secondStored] = await Promise.all([
            instances.first.recordPlans(firstDue.map(planOf), '2026-03-01T09:00:00.000Z'),
            instances.second.recordPlans([...secondDue].reverse().map(planOf), '2026-03-01T09:00:00.000Z'),
          ]);
          assert.equal(firstStored + secondStored, round === 0 ? 40 : 0, `round ${round}`);
        }
        for (const { caseId } of opened) {
          assert.lengthOf(await instances.first.listForCase(caseId), 2);
          assert.deepEqual(await instances.sql('SELECT next_check_at FROM notice_watch WHERE case_id = $1', [caseId]), [
            { next_check_at: '2026-03-09T00:00:00.000Z' },
          ]);
        }
      } finally {
        await instances.close();
      }
    });
  });

  describe('sending', () => {
    it('lists pending notices whose time has come, oldest due first', async () => {
      const { caseId, vin } = await openCase(sql);
      await notices.recordPlans(
        [
          {
            watched: { caseId, vin, checkAt: '' },
            dealerId: 'D1',
            notices: [overdue('late', '2026-05-03T00:00:00.000Z'), overdue('early', '2026-05-01T00:00:00.000Z'), overdue('future', '2026-06-01T00:00:00.000Z')],
            nextCheckAt: null,
          },
        ],
        '2026-05-01T00:00:00.000Z',
      );
      const due = (await notices.dueNotices('2026-05-05T00:00:00.000Z', 1000)).filter((notice) => notice.caseId === caseId);
      assert.deepEqual(
        due.map((notice) => notice.step),
        ['early', 'late'],
      );
      const all = await notices.dueNotices('2026-12-31T00:00:00.000Z', 1000);
      const keys = all.map((notice) => `${notice.dueAt}#${String(notice.id).padStart(9, '0')}`);
      assert.deepEqual(keys, [...keys].sort());
    });

    it('claims a pending notice once, and only as the attempt the caller read', async () => {
      const caseId = await caseWithNotices(notices, sql, 1);
      const notice = await onlyNotice(notices, caseId);
      assert.isTrue(await notices.claim(notice.id, attempt(0)));
      assert.isFalse(await notices.claim(notice.id, attempt(0)), 'already sending');
      const sending = await onlyNotice(notices, caseId);
      assert.include(sending, { status: 'sending', attempts: 1, channel: 'sms', recipient: '+16145550100', attemptStartedAt: '2026-03-01T10:05:00.000Z' });

      // Another attempt failed in doubt and went back to pending: a claim made from the old read is refused.
      await notices.markRetry(notice.id, { dueAt: '2026-03-01T10:06:00.000Z', error: 'Twilio 500', inDoubt: true });
      assert.isFalse(await notices.claim(notice.id, attempt(0, '2026-03-01T10:07:00.000Z')), 'stale read');
      const retrying = await onlyNotice(notices, caseId);
      assert.include(retrying, { status: 'pending', attempts: 1, inDoubtSince: '2026-03-01T10:05:00.000Z', error: 'Twilio 500' });
      assert.isTrue(await notices.claim(notice.id, attempt(1, '2026-03-01T10:07:00.000Z')));
      await notices.markRetry(notice.id, { dueAt: '2026-03-01T10:12:00.000Z', error: 'Twilio 500 again', inDoubt: true });
      assert.include(await onlyNotice(notices, caseId), { inDoubtSince: '2026-03-01T10:05:00.000Z', attempts: 2 }, 'in doubt since the first such attempt');

      await notices.markSent(notice.id, { providerId: 'SM-claim-1', deliveryStatus: 'queued', at: '2026-03-01T10:13:00.000Z' });
      assert.include(await onlyNotice(notices, caseId), {
        status: 'sent',
        providerId: 'SM-claim-1',
        deliveryStatus: 'queued',
        sentAt: '2026-03-01T10:13:00.000Z',
        inDoubtSince: null,
        error: null,
      });
      assert.isFalse(await notices.claim(notice.id, attempt(2)), 'already sent');
    });

    it('a retry that is not in doubt leaves in_doubt_since alone', async () => {
      const caseId = await caseWithNotices(notices, sql, 1);
      const notice = await onlyNotice(notices, caseId);
      await notices.claim(notice.id, attempt(0));
      await notices.markRetry(notice.id, { dueAt: '2026-03-01T10:06:00.000Z', error: 'Twilio 429', inDoubt: false });
      assert.include(await onlyNotice(notices, caseId), { status: 'pending', inDoubtSince: null, dueAt: '2026-03-01T10:06:00.000Z', error: 'Twilio 429' });
    });

    it('skips and postpones only a pending notice; fails one for good', async () => {
      const caseId = await caseWithNotices(notices, sql, 3);
      const [first, second, third] = await notices.listForCase(caseId);
      if (!first || !second || !third) throw new Error('three notices expected');

      await notices.postpone(first.id, '2026-03-02T07:00:00.000Z');
      await notices.markSkipped(first.id, 'stale', '2026-03-02T07:00:00.000Z');
      assert.include(await notices.listForCase(caseId).then((all) => all[0]), { status: 'skipped', skippedReason: 'stale', dueAt: '2026-03-02T07:00:00.000Z' });

      // Claimed by another instance meanwhile: neither a skip nor a postponement from an old read touches it.
      assert.isTrue(await notices.claim(second.id, attempt(0)));
      await notices.markSkipped(second.id, 'optedOut', '2026-03-02T07:00:00.000Z');
      await notices.postpone(second.id, '2026-03-09T07:00:00.000Z');
      assert.include(await notices.listForCase(caseId).then((all) => all[1]), { status: 'sending', skippedReason: null, dueAt: second.dueAt });

      await notices.markFailed(third.id, 'Gave up after 6 attempts', '2026-03-02T08:00:00.000Z');
      assert.include(await notices.listForCase(caseId).then((all) => all[2]), {
        status: 'failed',
        error: 'Gave up after 6 attempts',
        deliveryUpdatedAt: '2026-03-02T08:00:00.000Z',
      });
      assert.notInclude(
        (await notices.dueNotices('2026-12-31T00:00:00.000Z', 1000)).map((notice) => notice.caseId),
        caseId,
      );
    });

    it('after a restart, attempts left in flight are pending and in doubt since their start', async () => {
      const caseId = await caseWithNotices(notices, sql, 2);
      const [first] = await notices.listForCase(caseId);
      if (!first) throw new Error('a notice expected');
      await notices.claim(first.id, attempt(0, '2026-03-01T10:05:00.000Z'));
      const recovered = await notices.recoverInFlight();
      assert.isAtLeast(recovered, 1);
      assert.include(await onlyNotice(notices, caseId), { status: 'pending', inDoubtSince: '2026-03-01T10:05:00.000Z', attempts: 1 });
      assert.equal(await notices.recoverInFlight(), 0);
    });

    it('with a lease (several instances): only attempts started before the cut-off are handed back', async () => {
      const caseId = await caseWithNotices(notices, sql, 2);
      const [older, newer] = await notices.listForCase(caseId);
      if (!older || !newer) throw new Error('two notices expected');
      assert.isTrue(await notices.claim(older.id, attempt(0, '2026-03-01T10:00:00.000Z')));
      assert.isTrue(await notices.claim(newer.id, attempt(0, '2026-03-01T10:03:00.000Z')));
      // Lease cut-off 10:02: the 10:00 attempt's instance is gone; the 10:03 one may still be sending.
      assert.equal(await notices.recoverInFlight('2026-03-01T10:02:00.000Z'), 1);
      const after = await notices.listForCase(caseId);
      assert.include(
        after.find((notice) => notice.id === older.id),
        { status: 'pending', inDoubtSince: '2026-03-01T10:00:00.000Z' },
      );
      assert.include(
        after.find((notice) => notice.id === newer.id),
        { status: 'sending' },
      );
      assert.equal(await notices.recoverInFlight('2026-03-01T10:02:00.000Z'), 0);
    });

    for (let round = 1; round <= 4; round += 1) {
      it(`two instances sending at once claim every attempt exactly once (round ${round})`, async function () {
        this.timeout(60_000);
        const instances = await twoInstances(engine());
        try {
          const perCase = 25;
          // Due before anything else in the database (on SQLite it is the suite's), so each batch read is this round's.
          const dueAt = `2026-02-0${round}T00:00:00.000Z`;
          const caseIds = [
            await caseWithNotices(instances.first, instances.sql, perCase, dueAt),
            await caseWithNotices(instances.second, instances.sql, perCase, dueAt),
          ];
          const claims: { instance: string; attempt: string }[] = [];
          // Each notice goes through two attempts: the first ends in doubt and is due again at once, so an
          // instance acting on an old read would claim the second attempt as if it were the first.
          // The second instance walks its batch backwards, so the two meet midway on notices both read before
          // either claimed them: the stale reads this test is about happen on SQLite's lock-step interleaving too.
          const sendLoop = async (name: string, repository: NoticeRepository, batch: number, backwards: boolean): Promise<void> => {
            for (let idle = 0; idle < 3; ) {
              const due = (await repository.dueNotices(`2026-02-0${round}T12:00:00.000Z`, batch)).filter((notice) => caseIds.includes(notice.caseId));
              if (due.length === 0) {
                idle += 1;
                await new Promise((resolve) => setTimeout(resolve, 5));
                continue;
              }
              idle = 0;
              for (const notice of backwards ? [...due].reverse() : due) {
                if (!(await repository.claim(notice.id, attempt(notice.attempts, '2026-03-01T10:30:00.000Z')))) continue;
                claims.push({ instance: name, attempt: `${notice.id}#${notice.attempts}` });
                if (notice.attempts === 0)
                  await repository.markRetry(notice.id, { dueAt: `2026-02-0${round}T00:01:00.000Z`, error: 'Twilio 500', inDoubt: true });
                else await repository.markSent(notice.id, { providerId: null, deliveryStatus: 'sent', at: '2026-03-01T10:32:00.000Z' });
              }
            }
          };
          await Promise.all([sendLoop('first', instances.first, 7, false), sendLoop('second', instances.second, 5, true)]);

          const attempts = claims.map((claim) => claim.attempt);
          assert.lengthOf(attempts, 2 * 2 * perCase, 'two attempts per notice');
          assert.lengthOf(new Set(attempts), attempts.length, 'an attempt claimed twice');
          assert.includeMembers(
            claims.map((claim) => claim.instance),
            ['first', 'second'],
            'both instances claimed some',
          );
          for (const caseId of caseIds) {
            for (const notice of await instances.first.listForCase(caseId)) assert.include(notice, { status: 'sent', attempts: 2 });
          }
        } finally {
          await instances.close();
        }
      });
    }
  });

  describe('delivery statuses', () => {
    it('records Twilio statuses by SID; a late earlier status never takes a message back', async () => {
      const caseId = await caseWithNotices(notices, sql, 1);
      const notice = await onlyNotice(notices, caseId);
      await notices.claim(notice.id, attempt(0));
      await notices.markSent(notice.id, { providerId: 'SM-delivery-1', deliveryStatus: 'queued', at: '2026-03-01T10:05:01.000Z' });

      assert.isFalse(await notices.updateDelivery('SM-unknown', 'delivered', null, '2026-03-01T10:06:00.000Z'));
      assert.isTrue(await notices.updateDelivery('SM-delivery-1', 'sent', null, '2026-03-01T10:06:00.000Z'));
      assert.include(await onlyNotice(notices, caseId), { deliveryStatus: 'sent', deliveryUpdatedAt: '2026-03-01T10:06:00.000Z' });
      assert.isTrue(await notices.updateDelivery('SM-delivery-1', 'undelivered', '30003', '2026-03-01T10:07:00.000Z'));
      assert.isTrue(await notices.updateDelivery('SM-delivery-1', 'sending', null, '2026-03-01T10:08:00.000Z'));
      assert.include(await onlyNotice(notices, caseId), {
        status: 'sent',
        deliveryStatus: 'undelivered',
        error: 'Twilio error 30003',
        deliveryUpdatedAt: '2026-03-01T10:07:00.000Z',
      });

      assert.includeMembers(await notices.providerIdsFor('+16145550100'), ['SM-delivery-1', 'SM-claim-1']);
      assert.deepEqual(await notices.providerIdsFor('+16145550199'), []);
    });

    it('two callbacks for one SID at two instances at once: the later status wins', async () => {
      const instances = await twoInstances(engine());
      try {
        for (let round = 0; round < 10; round += 1) {
          const caseId = await caseWithNotices(instances.first, instances.sql, 1);
          const notice = await onlyNotice(instances.first, caseId);
          const sid = `SM-race-${round}`;
          await instances.first.markSent(notice.id, { providerId: sid, deliveryStatus: 'queued', at: '2026-03-01T10:00:00.000Z' });
          const results = await Promise.all([
            instances.first.updateDelivery(sid, round % 2 === 0 ? 'delivered' : 'sent', null, '2026-03-01T10:01:00.000Z'),
            instances.second.updateDelivery(sid, round % 2 === 0 ? 'sent' : 'delivered', null, '2026-03-01T10:01:00.000Z'),
          ]);
          assert.deepEqual(results, [true, true]);
          assert.include(await onlyNotice(instances.second, caseId), { deliveryStatus: 'delivered' });
        }
      } finally {
        await instances.close();
      }
    });
  });

  describe('settings and lookups', () => {
    it('settings: every kind on and the last channel used until saved; a save replaces the last', async () => {
      await openCase(sql, 'D-settings');
      assert.deepEqual(await notices.settings('D-settings'), {
        kinds: { stepOverdue: true, holdEnding: true, sold: true, notSold: true },
        channel: 'lastUsed',
      });
      const saved = { kinds: { stepOverdue: false, holdEnding: true, sold: true, notSold: false }, channel: 'sms' as const };
      await notices.saveSettings('D-settings', saved, '2026-03-01T00:00:00.000Z');
      assert.deepEqual(await notices.settings('D-settings'), saved);
      const changed = { ...saved, channel: 'chat' as const };
      await notices.saveSettings('D-settings', changed, '2026-03-02T00:00:00.000Z');
      assert.deepEqual(await notices.settings('D-settings'), changed);
      assert.deepEqual(await sql('SELECT updated_at FROM dealer_notice_settings WHERE dealer_id = $1', ['D-settings']), [
        { updated_at: '2026-03-02T00:00:00.000Z' },
      ]);
      // Another dealer's settings are not these.
      assert.equal((await notices.settings('D1')).channel, 'lastUsed');
    });

    it('finds the last text from a set of phones, a VIN’s newest case and a case’s VIN', async () => {
      const messages = [
        ['SM-in-1', '+16145550301', '2026-03-01T08:00:00.000Z'],
        ['SM-in-2', '+16145550302', '2026-03-01T09:00:00.000Z'],
        ['SM-in-3', '+16145550303', '2026-03-01T10:00:00.000Z'],
      ];
      for (const [sid, phone, at] of messages) {
        await sql('INSERT INTO sms_messages (message_sid, from_phone, body, received_at) VALUES ($1, $2, $3, $4)', [sid, phone, 'hi', at]);
      }
      assert.deepEqual(await notices.lastTextFrom(['+16145550301', '+16145550302']), { phone: '+16145550302', at: '2026-03-01T09:00:00.000Z' });
      assert.isUndefined(await notices.lastTextFrom(['+16145550399']));
      assert.isUndefined(await notices.lastTextFrom([]));

      const older = await openCase(sql, 'D1', '2026-02-01T00:00:00.000Z');
      await sql(
        `INSERT INTO return_cases (vin, vin_reversed, dealer_id, state, maturity_date, return_date, intent, has_avrm_access, opened_at, stage, decision_id, version)
         SELECT $1, vin_reversed, dealer_id, state, maturity_date, return_date, intent, has_avrm_access, opened_at, stage, decision_id, version
         FROM return_cases WHERE id = $2`,
        [older.vin, older.caseId],
      );
      const newest = await notices.caseIdOf(older.vin);
      assert.isAbove(newest ?? 0, older.caseId);
      assert.equal(await notices.vinOfCase(older.caseId), older.vin);
      assert.isUndefined(await notices.caseIdOf('1HGCM82633A999999'));
      assert.isUndefined(await notices.vinOfCase(987_654));
    });
  });
});
