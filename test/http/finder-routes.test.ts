import assert from 'node:assert/strict';
import { FixedClock } from '../../src/clock.ts';
import { getJson, postJson, startTestApp, type RunningApp } from '../support/test-app.ts';
import { asError, makeVin } from '../cases/case-fixtures.ts';

interface Row {
  kind: string;
  vin: string;
  dealer: { id: string; name: string };
  state: string;
  stage: string;
  status: string;
  due: string | null;
  overdue: boolean;
}
interface Queue {
  id: string;
  title: string;
  count: number;
  rows: Row[];
}

const vins = {
  overdue: makeVin(630001), // returned 04-10, never notified: the notification was due that day
  dueToday: makeVin(630002), // returned today, not yet notified: due by tonight (Ohio)
  dueTodayHawaii: makeVin(630003), // returned today in Hawaii: due by tonight there
  inspectionToday: makeVin(630004), // notified 04-10: the inspection window ends today
  notDueToday: makeVin(630005), // returned and notified today: next is the inspection, days away
  holdEnding: makeVin(630006), // dealer purchase notified 04-13 10:00Z: hold ends 04-16 10:00Z, 18 hours from now
  holdLater: makeVin(630007), // dealer purchase notified today: hold ends in 68 hours
  closed: makeVin(630008), // bought by the dealer: in no queue
};

describe('search and queues (GET /api/v1/search, GET /api/v1/queues)', () => {
  let running: RunningApp;
  // 12:00 in Ohio (EDT), 06:00 in Hawaii.
  const clock = new FixedClock('2026-04-15T16:00:00Z');

  async function open(vin: string, dealerId: string, returnDate: string, events: unknown[] = [], intent = 'lesseeReturn'): Promise<void> {
    const body = { vin, dealerId, maturityDate: '2026-06-30', returnDate, intent, hasAvrmAccess: true, events };
    const response = await postJson(`${running.baseUrl}/api/v1/cases`, body);
    assert.equal(response.status, 201, JSON.stringify(response.body));
  }
  const search = async (q: string): Promise<{ status: number; body: { rows: Row[]; matchedBy: string[] } }> => {
    const response = await getJson(`${running.baseUrl}/api/v1/search?q=${encodeURIComponent(q)}`);
    return response as { status: number; body: { rows: Row[]; matchedBy: string[] } };
  };

  before(async () => {
    running = await startTestApp({}, { clock });
    const dealers = [
      { id: 'demo-columbus', name: 'Demo Motors of Columbus', state: 'OH', phones: ['+16145550100'] },
      { id: 'aloha-auto', name: 'Aloha Auto 100% Hawaii_', state: 'HI', phones: ['+18085550123'] },
      { id: 'dayton-cars', name: 'Dayton Cars', state: 'OH', phones: ['+19375550100', '+19375550101'] },
    ];
    for (const dealer of dealers) assert.equal((await postJson(`${running.baseUrl}/api/v1/dealers`, dealer)).status, 201);
    await open(vins.overdue, 'demo-columbus', '2026-04-10');
    await open(vins.dueToday, 'demo-columbus', '2026-04-15');
    await open(vins.dueTodayHawaii, 'aloha-auto', '2026-04-15');
    await open(vins.inspectionToday, 'dayton-cars', '2026-04-10', [{ type: 'notified', at: '2026-04-10T15:00:00Z' }]);
    await open(vins.notDueToday, 'dayton-cars', '2026-04-15', [{ type: 'notified', at: '2026-04-15T13:00:00Z' }]);
    await open(vins.holdEnding, 'demo-columbus', '2026-04-13', [{ type: 'notified', at: '2026-04-13T10:00:00Z' }], 'dealerPurchaseForInventory');
    await open(vins.holdLater, 'dayton-cars', '2026-04-15', [{ type: 'notified', at: '2026-04-15T12:00:00Z' }], 'dealerPurchaseForLessee');
    await open(
      vins.closed,
      'demo-columbus',
      '2026-04-01',
      [
        { type: 'notified', at: '2026-04-01T15:00:00Z' },
        { type: 'purchaseCompleted', at: '2026-04-02T15:00:00Z' },
      ],
      'dealerPurchaseForInventory',
    );
  });
  after(() => running.stop());

  describe('search', () => {
    it('finds one case by its full VIN, and by its last 6 characters in any case', async () => {
      for (const q of [vins.dueToday, vins.dueToday.slice(-6).toLowerCase(), vins.dueToday.slice(-8)]) {
        const { status, body } = await search(q);
        assert.equal(status, 200);
        assert.deepEqual(
          body.rows.map((row) => row.vin),
          [vins.dueToday],
          q,
        );
      }
      const row = (await search(vins.dueToday)).body.rows[0];
      assert.equal(row?.dealer.name, 'Demo Motors of Columbus');
      assert.equal(row?.state, 'OH');
      assert.equal(row?.status, 'open');
    });

    it('finds every case of a dealer by any part of its name, in any case', async () => {
      const { body } = await search('demo MOTORS');
      assert.deepEqual(new Set(body.rows.map((row) => row.vin)), new Set([vins.overdue, vins.dueToday, vins.holdEnding, vins.closed]));
      assert.ok(body.matchedBy.includes('dealerName'));
      // Open cases first.
      assert.equal(body.rows[body.rows.length - 1]?.vin, vins.closed);
      assert.deepEqual(
        (await search('aloha')).body.rows.map((row) => row.vin),
        [vins.dueTodayHawaii],
      );
    });

    it('reads a name with SQL wildcards literally', async () => {
      assert.deepEqual(
        (await search('100% Hawaii_')).body.rows.map((row) => row.vin),
        [vins.dueTodayHawaii],
      );
      assert.deepEqual((await search('%_')).body.rows, []);
      assert.deepEqual((await search('Motors%Columbus')).body.rows, []);
    });

    it("finds a dealer's cases by phone, however the number is spelled", async () => {
      for (const q of ['+16145550100', '+1 (614) 555-0100', '(614) 555-0100', '614-555-0100', '614.555.0100', '6145550100', '1 614 555 0100']) {
        const { status, body } = await search(q);
        assert.equal(status, 200, q);
        assert.deepEqual(new Set(body.rows.map((row) => row.vin)), new Set([vins.overdue, vins.dueToday, vins.holdEnding, vins.closed]), q);
      }
      // The second phone of a dealer finds it too; an unknown number finds nothing.
      assert.equal((await search('937 555 0101')).body.rows.length, 3);
      assert.deepEqual((await search('(212) 555-0199')).body.rows, []);
    });

    it('answers nothing found with 200 and no rows, and a query too short or too long with 400 naming q', async () => {
      assert.deepEqual((await search('Nobody Motors')).body.rows, []);
      for (const q of ['', 'a', 'x'.repeat(101)]) {
        const { status, body } = await search(q);
        assert.equal(status, 400, q);
        assert.equal(asError(body).error.field, 'q');
      }
      const missing = await getJson(`${running.baseUrl}/api/v1/search`);
      assert.equal(missing.status, 400);
    });

    it('is not taken for a VIN lookup (GET /api/v1/cases/:vin still finds cases)', async () => {
      assert.equal((await getJson(`${running.baseUrl}/api/v1/cases/${vins.overdue}`)).status, 200);
    });
  });

  describe('queues', () => {
    async function queues(): Promise<Map<string, Queue>> {
      const response = await getJson(`${running.baseUrl}/api/v1/queues`);
      assert.equal(response.status, 200);
      return new Map((response.body as { queues: Queue[] }).queues.map((queue) => [queue.id, queue]));
    }
    const vinsOf = (queue: Queue | undefined): Set<string> => new Set(queue?.rows.map((row) => row.vin));

    it('lists the overdue cases with their count', async () => {
      const overdue = (await queues()).get('overdue');
      assert.equal(overdue?.count, 1);
      assert.deepEqual(vinsOf(overdue), new Set([vins.overdue]));
      assert.equal(overdue?.rows[0]?.overdue, true);
      assert.equal(overdue?.rows[0]?.kind, 'case');
    });

    it("lists what is due by the end of today in each dealer's own time zone", async () => {
      const dueToday = (await queues()).get('dueToday');
      assert.deepEqual(vinsOf(dueToday), new Set([vins.dueToday, vins.dueTodayHawaii, vins.inspectionToday]));
      assert.equal(dueToday?.count, 3);
      const hawaii = dueToday?.rows.find((row) => row.vin === vins.dueTodayHawaii);
      // The end of April 15 in Honolulu is 09:59 UTC on April 16.
      assert.match(hawaii?.due ?? '', /^2026-04-16T09:59:59/);
    });

    it('lists dealer-purchase holds ending within 24 hours, with when each ends', async () => {
      const holds = (await queues()).get('holdsEnding');
      assert.deepEqual(vinsOf(holds), new Set([vins.holdEnding]));
      assert.equal(holds?.count, 1);
      assert.equal(holds?.rows[0]?.due, '2026-04-16T10:00:00Z');
    });

    it('moves cases between queues as time passes', async () => {
      clock.set('2026-04-16T05:00:00Z'); // 01:00 in Ohio, 19:00 (April 15) in Hawaii
      try {
        const all = await queues();
        assert.deepEqual(vinsOf(all.get('overdue')), new Set([vins.overdue, vins.dueToday, vins.inspectionToday]));
        assert.deepEqual(vinsOf(all.get('dueToday')), new Set([vins.dueTodayHawaii]));
        assert.deepEqual(vinsOf(all.get('holdsEnding')), new Set([vins.holdEnding]));
        clock.set('2026-04-16T10:00:01Z'); // the first hold has ended
        assert.deepEqual(vinsOf((await queues()).get('holdsEnding')), new Set());
      } finally {
        clock.set('2026-04-15T16:00:00Z');
      }
    });

    it('names every queue, in a fixed order', async () => {
      const response = await getJson(`${running.baseUrl}/api/v1/queues`);
      const list = (response.body as { queues: Queue[] }).queues;
      assert.deepEqual(
        list.slice(0, 3).map((queue) => queue.id),
        ['overdue', 'dueToday', 'holdsEnding'],
      );
      for (const queue of list) assert.match(queue.title, /\S/);
    });
  });
});
