import { countOn, failInserts, sqlOn } from '../support/database-probe.ts';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { FixedClock } from '../../src/clock.ts';
import { getJson, startTestApp, type RunningApp } from '../support/test-app.ts';
import { asCase, asError, makeVin, openCase, recordEvent, registerDealer, sampleVin } from '../cases/case-fixtures.ts';

const t0 = DateTime.fromISO('2026-03-02T15:00:00Z', { zone: 'utc' });
const hoursAfter = (hours: number): string => t0.plus({ hours }).toISO() ?? '';

type Event = Record<string, unknown> & { type: string };
const pickup = (by: string, document: string): Event => ({ type: 'pickedUp', by, document });

/** Opens a case whose history is `types`, one hour apart from t0, and returns its VIN. */
async function caseWith(running: RunningApp, n: number, history: Event[], overrides: Record<string, unknown> = {}): Promise<string> {
  const vin = makeVin(n);
  const events = history.map((event, index) => ({ at: hoursAfter(index + 1), ...event }));
  const opened = await openCase(running.baseUrl, { vin, events, ...overrides });
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  return vin;
}

describe('case routes (/api/v1/cases)', () => {
  let running: RunningApp;
  const clock = new FixedClock('2026-03-08T12:00:00Z');

  before(async () => {
    running = await startTestApp({}, { clock });
    assert.equal((await registerDealer(running.baseUrl)).status, 201);
    assert.equal(
      (await registerDealer(running.baseUrl, { id: 'honolulu-motors', name: 'Honolulu Motors', state: 'HI', phones: ['+18085550100'] })).status,
      201,
    );
  });
  after(async () => {
    await running.stop();
  });
  beforeEach(() => clock.set('2026-03-08T12:00:00Z'));

  describe('POST /api/v1/cases', () => {
    it('opens a case with its decision, trace, rules version and timeline', async () => {
      const response = await openCase(running.baseUrl, { vin: makeVin(900001), maturityDate: '2026-06-30' });
      assert.equal(response.status, 201);
      const body = asCase(response.body);
      assert.equal(body.stage, 'returned');
      assert.equal(body.state, 'OH');
      assert.equal(body.dealer.name, 'Columbus Motors');
      assert.deepEqual(body.dealer.phones, ['+16145550100']);
      assert.equal(body.decision.termination, 'ET');
      assert.ok(body.decision.trace.length > 0);
      assert.match(body.decision.rulesVersion, /\S/);
      assert.deepEqual(
        body.timeline.map((step) => step.step),
        ['returned', 'notified', 'inspected', 'postedToSmartAuction', 'smartAuction', 'pickedUp'],
      );
    });

    it('refuses a second open case for the same VIN with 409', async () => {
      const vin = makeVin(900002);
      assert.equal((await openCase(running.baseUrl, { vin })).status, 201);
      const again = await openCase(running.baseUrl, { vin });
      assert.equal(again.status, 409);
      assert.equal(asError(again.body).error.field, 'vin');
    });

    it('names dealerId when the dealer is unknown, and the field of any bad input', async () => {
      const unknown = await openCase(running.baseUrl, { vin: makeVin(900003), dealerId: 'nobody' });
      assert.equal(unknown.status, 400);
      assert.equal(asError(unknown.body).error.field, 'dealerId');
      const cases: [Record<string, unknown>, string][] = [
        [{ vin: '1M8GDM9A1KP042788' }, 'vin'],
        [{ returnDate: '2026-02-30' }, 'returnDate'],
        [{ returnDate: '2026-03-20' }, 'returnDate'],
        [{ intent: 'keep' }, 'intent'],
        [{ state: 'XX' }, 'state'],
        [{ events: [{ type: 'pickedUp', by: 'transporter', document: 'billOfLading' }] }, 'events.0.type'],
      ];
      for (const [override, field] of cases) {
        const response = await openCase(running.baseUrl, { vin: makeVin(900004), ...override });
        assert.equal(response.status, override.events ? 409 : 400, JSON.stringify(override));
        assert.equal(asError(response.body).error.field, field, JSON.stringify(override));
      }
    });

    it('uses the case state over the dealer state when given (AK/HI/SD: no inspection)', async () => {
      const response = await openCase(running.baseUrl, { vin: makeVin(900005), state: 'sd' });
      const body = asCase(response.body);
      assert.equal(body.state, 'SD');
      assert.equal(body.decision.inspection.available, false);
      const inspection = body.timeline.find((step) => step.step === 'inspected');
      assert.equal(inspection?.status, 'notApplicable');
      assert.match(inspection?.note ?? '', /877-290-9544, option 1/);
    });
  });

  describe('POST /api/v1/cases/:vin/events (the process order)', () => {
    const n = ['notified', 'inspected'].map((type) => ({ type }));
    const posted = [...n, { type: 'postedToSmartAuction' }];
    const sold = [...posted, { type: 'sold' }];
    const notSold = [...posted, { type: 'notSold' }];
    const et = { maturityDate: '2026-06-30' };
    const nm = { maturityDate: '2026-03-02' };
    const allowed: [string, Event[], Event, Record<string, unknown>?][] = [
      ['notify first', [], { type: 'notified' }],
      ['inspect after notification', [{ type: 'notified' }], { type: 'inspected' }],
      ['ET pre-sale letter after inspection', n, { type: 'etPreSaleLetterMailed' }, et],
      ['post after inspection', n, { type: 'postedToSmartAuction' }],
      ['sold after posting', posted, { type: 'sold' }],
      ['not sold after posting', posted, { type: 'notSold' }],
      ['ET settlement letter after the sale', sold, { type: 'settlementLetterMailed' }, et],
      ['NM settlement letter after notification', [{ type: 'notified' }], { type: 'settlementLetterMailed' }, nm],
      ['buying dealer with proof of sale after a sale', sold, pickup('buyingDealer', 'proofOfSale')],
      ['transporter with bill of lading after no sale', notSold, pickup('transporter', 'billOfLading')],
      ['transporter with bill of lading when not posted (ineligible)', n, pickup('transporter', 'billOfLading')],
      ['a letter after the pickup', [...sold, pickup('buyingDealer', 'proofOfSale')], { type: 'settlementLetterMailed' }, et],
      ['posting without inspection in HI', [{ type: 'notified' }], { type: 'postedToSmartAuction' }, { dealerId: 'honolulu-motors' }],
    ];
    const forbidden: [string, Event[], Event, string, RegExp, Record<string, unknown>?][] = [
      ['inspection before notification', [], { type: 'inspected' }, 'out_of_order', /notification/],
      ['pickup before anything', [], pickup('transporter', 'billOfLading'), 'out_of_order', /notification/],
      ['pickup before inspection', [{ type: 'notified' }], pickup('transporter', 'billOfLading'), 'out_of_order', /inspection first/],
      ['posting before inspection', [{ type: 'notified' }], { type: 'postedToSmartAuction' }, 'out_of_order', /inspection first/],
      ['sale before posting', n, { type: 'sold' }, 'out_of_order', /SmartAuction posting first/],
      ['no-sale before posting', n, { type: 'notSold' }, 'out_of_order', /SmartAuction posting first/],
      ['pickup while on SmartAuction', posted, pickup('transporter', 'billOfLading'), 'out_of_order', /on SmartAuction/],
      ['a second auction result', sold, { type: 'notSold' }, 'out_of_order', /already recorded as sold/],
      ['transporter takes a sold vehicle', sold, pickup('transporter', 'billOfLading'), 'out_of_order', /buying dealer/],
      ['buying dealer takes an unposted vehicle', n, pickup('buyingDealer', 'proofOfSale'), 'out_of_order', /transporter/],
      ['buying dealer without proof of sale', sold, pickup('buyingDealer', 'none'), 'release_not_allowed', /proof of sale/],
      ['buying dealer with only a bill of lading', sold, pickup('buyingDealer', 'billOfLading'), 'release_not_allowed', /proof of sale/],
      ['transporter without bill of lading', notSold, pickup('transporter', 'none'), 'release_not_allowed', /Bill of Lading/],
      ['the same event twice', [{ type: 'notified' }], { type: 'notified' }, 'already_recorded', /already recorded/],
      ['ET settlement letter before the sale', posted, { type: 'settlementLetterMailed' }, 'out_of_order', /sale first/, et],
      ['ET pre-sale letter before inspection', [{ type: 'notified' }], { type: 'etPreSaleLetterMailed' }, 'out_of_order', /inspection first/, et],
      ['ET pre-sale letter for an NM', n, { type: 'etPreSaleLetterMailed' }, 'out_of_order', /early/, nm],
      ['anything but a letter after pickup', [...n, pickup('transporter', 'billOfLading')], { type: 'postedToSmartAuction' }, 'out_of_order', /picked up/],
      ['an inspection in HI', [{ type: 'notified' }], { type: 'inspected' }, 'out_of_order', /877-290-9544, option 1/, { dealerId: 'honolulu-motors' }],
    ];

    allowed.forEach(([name, history, next, overrides], index) => {
      it(`allows ${name}`, async () => {
        const vin = await caseWith(running, 1000 + index, history, overrides);
        const response = await recordEvent(running.baseUrl, vin, { at: hoursAfter(history.length + 1), ...next });
        assert.equal(response.status, 201, JSON.stringify(response.body));
        const body = asCase(response.body);
        assert.equal(body.events.at(-1)?.type, next.type);
      });
    });

    forbidden.forEach(([name, history, next, code, message, overrides], index) => {
      it(`refuses ${name} with 409 saying what must happen first`, async () => {
        const vin = await caseWith(running, 2000 + index, history, overrides);
        const response = await recordEvent(running.baseUrl, vin, { at: hoursAfter(history.length + 1), ...next });
        assert.equal(response.status, 409, JSON.stringify(response.body));
        assert.equal(asError(response.body).error.code, code);
        assert.match(asError(response.body).error.message, message);
        const after = asCase((await getJson(`${running.baseUrl}/api/v1/cases/${vin}`)).body);
        assert.equal(after.events.length, history.length, 'nothing recorded');
      });
    });

    it('holds a dealer purchase 72 hours after the notification before the inspection and SmartAuction', async () => {
      const vin = await caseWith(running, 3001, [], { intent: 'dealerPurchaseForInventory' });
      await recordEvent(running.baseUrl, vin, { type: 'notified', at: hoursAfter(0) });
      const early = await recordEvent(running.baseUrl, vin, { type: 'inspected', at: hoursAfter(24) });
      assert.equal(early.status, 409);
      // Notified Mon Mar 2 10:00 EST: the hold runs until Thu Mar 5 10:00 AM EST.
      assert.match(asError(early.body).error.message, /72-hour dealer-purchase hold runs until Thu Mar 5 10:00 AM EST/);
      assert.match(asError(early.body).error.message, /Ally Dealer Buyout, 877-290-9544, option 2/);
      assert.equal((await recordEvent(running.baseUrl, vin, { type: 'inspected', at: hoursAfter(72) })).status, 201);
      const posted = await recordEvent(running.baseUrl, vin, { type: 'postedToSmartAuction', at: hoursAfter(73) });
      assert.equal(posted.status, 201);
    });

    it('closes the case at pickup so the VIN can be opened again later', async () => {
      const vin = await caseWith(running, 3002, [...n]);
      const picked = asCase((await recordEvent(running.baseUrl, vin, { at: hoursAfter(3), ...pickup('transporter', 'billOfLading') })).body);
      assert.equal(picked.stage, 'pickedUp');
      assert.equal(picked.status, 'closed');
      assert.equal(picked.events.at(-1)?.document, 'billOfLading');
      assert.equal((await openCase(running.baseUrl, { vin, returnDate: '2026-03-07' })).status, 201);
    });

    it('validates times and pickup fields, naming the field', async () => {
      const vin = await caseWith(running, 3003, [{ type: 'notified' }]);
      const cases: [Record<string, unknown>, number, string][] = [
        [{ type: 'inspected', at: '2026-03-09T12:00:00Z' }, 400, 'at'],
        [{ type: 'inspected', at: '2026-03-01T23:00:00-05:00' }, 400, 'at'],
        [{ type: 'inspected', at: 'yesterday' }, 400, 'at'],
        [{ type: 'inspected', at: hoursAfter(0) }, 409, 'type'],
        [{ type: 'inspected', by: 'transporter' }, 400, 'by'],
        [{ type: 'pickedUp', document: 'billOfLading' }, 400, 'by'],
        [{ type: 'pickedUp', by: 'transporter' }, 400, 'document'],
        [{ type: 'towed' }, 400, 'type'],
        [{ type: 'inspected', color: 'red' }, 400, 'color'],
      ];
      for (const [event, status, field] of cases) {
        const response = await recordEvent(running.baseUrl, vin, event);
        assert.equal(response.status, status, JSON.stringify(event));
        assert.equal(asError(response.body).error.field, field, JSON.stringify(event));
      }
    });

    it('reads a time without an offset on the dealership clock, and defaults to now', async () => {
      const vin = await caseWith(running, 3004, []);
      const local = asCase((await recordEvent(running.baseUrl, vin, { type: 'notified', at: '2026-03-03T09:30' })).body);
      assert.equal(local.events[0]?.at, '2026-03-03T14:30:00Z');
      const now = asCase((await recordEvent(running.baseUrl, vin, { type: 'inspected' })).body);
      assert.equal(now.events[1]?.at, '2026-03-08T12:00:00Z');
    });

    it('answers 404 for an unknown VIN and 400 for a suffix (writes need the full VIN)', async () => {
      assert.equal((await recordEvent(running.baseUrl, makeVin(999998), { type: 'notified' })).status, 404);
      const suffix = await recordEvent(running.baseUrl, '042788', { type: 'notified' });
      assert.equal(suffix.status, 400);
      assert.equal(asError(suffix.body).error.field, 'vin');
    });

    it('refuses a note with a control or bidirectional formatting character: 400 naming note, no event written', async () => {
      const vin = await caseWith(running, 3100, []);
      for (const note of ['keys\u0000in drop box', 'bell\u0007', 'lot \u202E7 yap', 'isolate \u2066x\u2069', 'lone\rreturn']) {
        const refused = await recordEvent(running.baseUrl, vin, { type: 'notified', note });
        assert.equal(refused.status, 400, JSON.stringify(note));
        assert.equal(asError(refused.body).error.field, 'note', JSON.stringify(note));
      }
      assert.deepEqual(asCase((await getJson(`${running.baseUrl}/api/v1/cases/${vin}`)).body).events, []);
      // A note is multi-line: line breaks and tabs from a dealer system are kept.
      const accepted = await recordEvent(running.baseUrl, vin, { type: 'notified', note: 'Called Ally:\r\n\tref 12 & "ok" — José' });
      assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
      assert.equal(asCase(accepted.body).events[0]?.note, 'Called Ally:\r\n\tref 12 & "ok" — José');
    });

    it('refuses such a note in the events of a new case without opening it', async () => {
      const vin = makeVin(3101);
      const refused = await openCase(running.baseUrl, { vin, events: [{ type: 'notified', at: hoursAfter(1), note: 'ok\u202Egnp.exe' }] });
      assert.equal(refused.status, 400);
      assert.equal(asError(refused.body).error.field, 'events.0.note');
      assert.equal((await getJson(`${running.baseUrl}/api/v1/cases/${vin}`)).status, 404);
    });

    it('records two events sent at the same moment one after the other', async () => {
      const vin = await caseWith(running, 3005, [{ type: 'notified' }]);
      const [first, second] = await Promise.all([
        recordEvent(running.baseUrl, vin, { type: 'inspected', at: hoursAfter(2) }),
        recordEvent(running.baseUrl, vin, { type: 'inspected', at: hoursAfter(2) }),
      ]);
      assert.deepEqual([first.status, second.status].sort(), [201, 409]);
      assert.equal(asCase((await getJson(`${running.baseUrl}/api/v1/cases/${vin}`)).body).events.length, 2);
    });
  });

  describe('dealer purchases: the 72-hour hold and purchaseCompleted', () => {
    // Notified at t0 (Mon Mar 2 10:00 EST): the hold runs until t0 + 72 h.
    const notified: Event = { type: 'notified', at: hoursAfter(0) };
    const at = (hours: number, event: Event): Event => ({ ...event, at: hoursAfter(hours) });
    const transitions: [string, Event[], Event, number, RegExp?][] = [
      ['purchaseCompleted during the hold', [notified], at(30, { type: 'purchaseCompleted' }), 201],
      ['purchaseCompleted after the hold, before any remarketing', [notified], at(80, { type: 'purchaseCompleted' }), 201],
      ['purchaseCompleted before the notification', [], at(1, { type: 'purchaseCompleted' }), 409, /notification/],
      [
        'a transporter pickup 3 hours after the notification',
        [notified],
        at(3, pickup('transporter', 'billOfLading')),
        409,
        /72-hour dealer-purchase hold runs until Thu Mar 5 10:00 AM EST.*finalize the purchase/i,
      ],
      ['an inspection during the hold', [notified], at(3, { type: 'inspected' }), 409, /hold runs until.*877-290-9544, option 2/],
      ['a SmartAuction posting during the hold', [notified], at(71, { type: 'postedToSmartAuction' }), 409, /hold runs until.*Ally Dealer Buyout/],
      [
        'a transporter pickup after the hold and the inspection (not finalized: remarketed)',
        [notified, at(75, { type: 'inspected' })],
        at(76, pickup('transporter', 'billOfLading')),
        201,
      ],
      [
        'anything but a letter after the purchase was completed',
        [notified, at(5, { type: 'purchaseCompleted' })],
        at(80, { type: 'inspected' }),
        409,
        /purchase was completed/,
      ],
      [
        'a pickup after the purchase was completed',
        [notified, at(5, { type: 'purchaseCompleted' })],
        at(80, pickup('transporter', 'billOfLading')),
        409,
        /purchase was completed/,
      ],
      [
        'purchaseCompleted once the vehicle is on SmartAuction',
        [notified, at(75, { type: 'inspected' }), at(76, { type: 'postedToSmartAuction' })],
        at(77, { type: 'purchaseCompleted' }),
        409,
        /SmartAuction since/,
      ],
      ['purchaseCompleted twice', [notified, at(5, { type: 'purchaseCompleted' })], at(6, { type: 'purchaseCompleted' }), 409, /already recorded/],
    ];
    ['dealerPurchaseForLessee', 'dealerPurchaseForInventory'].forEach((intent, intentIndex) => {
      transitions.forEach(([name, history, next, status, message], index) => {
        it(`${status === 201 ? 'allows' : 'refuses'} ${name} (${intent})`, async () => {
          const vin = makeVin(4000 + intentIndex * 100 + index);
          assert.equal((await openCase(running.baseUrl, { vin, intent, events: history })).status, 201);
          const response = await recordEvent(running.baseUrl, vin, next);
          assert.equal(response.status, status, JSON.stringify(response.body));
          if (message) assert.match(asError(response.body).error.message, message);
          if (status === 409) assert.equal(asCase((await getJson(`${running.baseUrl}/api/v1/cases/${vin}`)).body).events.length, history.length);
        });
      });
    });

    it('refuses purchaseCompleted on a lessee return, and by or document on it', async () => {
      const vin = await caseWith(running, 4300, [{ type: 'notified' }]);
      const refused = await recordEvent(running.baseUrl, vin, { type: 'purchaseCompleted', at: hoursAfter(2) });
      assert.equal(refused.status, 409);
      assert.equal(asError(refused.body).error.code, 'out_of_order');
      assert.match(asError(refused.body).error.message, /only for a Dealer Purchase.*lessee return/);
      const dealerVin = await caseWith(running, 4301, [{ type: 'notified' }], { intent: 'dealerPurchaseForLessee' });
      const withParty = await recordEvent(running.baseUrl, dealerVin, { type: 'purchaseCompleted', at: hoursAfter(2), by: 'transporter' });
      assert.equal(withParty.status, 400);
      assert.equal(asError(withParty.body).error.field, 'by');
    });

    it('closes the case at purchaseCompleted: remarketing steps notApplicable, nothing next, not overdue, listed by stage, never as overdue', async () => {
      const late = new FixedClock('2026-04-30T12:00:00Z');
      const other = await startTestApp({}, { clock: late });
      try {
        await registerDealer(other.baseUrl);
        const bought = makeVin(4400);
        const unfinished = makeVin(4401);
        const pickedUp = makeVin(4402);
        await openCase(other.baseUrl, {
          vin: bought,
          intent: 'dealerPurchaseForLessee',
          events: [notified, at(5, { type: 'purchaseCompleted', note: 'resold to the lessee' })],
        });
        await openCase(other.baseUrl, { vin: unfinished, intent: 'dealerPurchaseForInventory', events: [notified] });
        await openCase(other.baseUrl, { vin: pickedUp, events: [notified, at(20, { type: 'inspected' }), at(30, pickup('transporter', 'billOfLading'))] });

        const body = asCase((await getJson(`${other.baseUrl}/api/v1/cases/${bought}`)).body);
        assert.equal(body.stage, 'purchaseCompleted');
        assert.equal(body.status, 'closed');
        assert.equal(body.closedAt, '2026-03-02T20:00:00Z');
        assert.equal(body.nextStep, null);
        assert.equal(body.overdue, false);
        const status = Object.fromEntries(body.timeline.map((step) => [step.step, step.status]));
        assert.deepEqual(status, {
          returned: 'done',
          notified: 'done',
          remarketingHold: 'done',
          inspected: 'notApplicable',
          postedToSmartAuction: 'notApplicable',
          smartAuction: 'notApplicable',
          pickedUp: 'notApplicable',
        });

        // Not finalized within the hold: remarketing applies, and by Apr 30 the inspection is late.
        const open = asCase((await getJson(`${other.baseUrl}/api/v1/cases/${unfinished}`)).body);
        assert.equal(open.overdue, true);

        type Page = { items: { vin: string; overdue: boolean; status: string }[] };
        const overdue = (await getJson(`${other.baseUrl}/api/v1/cases?overdue=true`)).body as Page;
        assert.deepEqual(
          overdue.items.map((item) => item.vin),
          [unfinished],
        );
        const byStage = (await getJson(`${other.baseUrl}/api/v1/cases?stage=purchaseCompleted`)).body as Page;
        assert.deepEqual(
          byStage.items.map((item) => item.vin),
          [bought],
        );
        const onTime = (await getJson(`${other.baseUrl}/api/v1/cases?overdue=false`)).body as Page;
        assert.deepEqual(onTime.items.map((item) => item.vin).sort(), [bought, pickedUp].sort());
        assert.ok(onTime.items.every((item) => item.status === 'closed' && !item.overdue));

        assert.equal((await openCase(other.baseUrl, { vin: bought, returnDate: '2026-04-20' })).status, 201, 'the VIN is free again');
      } finally {
        await other.stop();
      }
    });

    it('shows a closed case with no due step and no next step, even one picked up during the hold before that was refused', async () => {
      const clockAt = new FixedClock('2026-04-30T12:00:00Z');
      const other = await startTestApp({}, { clock: clockAt });
      try {
        await registerDealer(other.baseUrl);
        const vin = '5YJSA1DN7CFP01657';
        assert.equal((await openCase(other.baseUrl, { vin, intent: 'dealerPurchaseForInventory', events: [notified] })).status, 201);
        // What an earlier version let through: an inspection and a transporter pickup inside the hold.
        const storage = other.app.storage;
        const caseId = Number((await sqlOn(storage, 'SELECT id FROM return_cases WHERE vin = $1', [vin]))[0]?.id);
        await sqlOn(storage, "INSERT INTO case_events (case_id, type, at) VALUES ($1, 'inspected', $2)", [caseId, '2026-03-02T17:00:00Z']);
        await sqlOn(storage, "INSERT INTO case_events (case_id, type, at, by_party, document) VALUES ($1, 'pickedUp', $2, 'transporter', 'billOfLading')", [
          caseId,
          '2026-03-02T18:00:00Z',
        ]);
        await sqlOn(storage, "UPDATE return_cases SET stage = 'pickedUp', closed_at = $1, next_deadline = $2 WHERE id = $3", [
          '2026-03-02T18:00:00Z',
          '2026-03-03T04:59:59Z',
          caseId,
        ]);

        clockAt.set(hoursAfter(24)); // inside the hold
        const body = asCase((await getJson(`${other.baseUrl}/api/v1/cases/${vin}`)).body);
        assert.equal(body.status, 'closed');
        assert.equal(body.nextStep, null);
        assert.equal(body.overdue, false);
        assert.deepEqual(
          body.timeline.filter((step) => step.status === 'due' || step.status === 'overdue'),
          [],
        );
        assert.equal(body.timeline.find((step) => step.step === 'remarketingHold')?.status, 'notApplicable');

        const text = await other.app.status.statusText({ vinOrSuffix: vin });
        assert.match(text, /picked up Mon Mar 2, case closed/);
        assert.doesNotMatch(text, /Next/);
        const overdue = (await getJson(`${other.baseUrl}/api/v1/cases?overdue=true`)).body as { items: unknown[] };
        assert.equal(overdue.items.length, 0, 'a closed case is never overdue, whatever its stored deadline');
      } finally {
        await other.stop();
      }
    });
  });

  describe('GET /api/v1/cases/:vin', () => {
    it('finds a case by its full VIN or by a unique suffix of 6+ characters', async () => {
      await openCase(running.baseUrl, { vin: sampleVin });
      const full = await getJson(`${running.baseUrl}/api/v1/cases/${sampleVin}`);
      assert.equal(full.status, 200);
      const bySuffix = await getJson(`${running.baseUrl}/api/v1/cases/p042788`);
      assert.equal(bySuffix.status, 200);
      assert.equal(asCase(bySuffix.body).vin, sampleVin);
    });

    it('answers 409 listing the VINs when a suffix matches several cases, 404 when none, 400 when too short', async () => {
      await openCase(running.baseUrl, { vin: makeVin(123456, '1FTFW1E5') });
      await openCase(running.baseUrl, { vin: makeVin(123456, '2HGFC2F6') });
      const ambiguous = await getJson(`${running.baseUrl}/api/v1/cases/123456`);
      assert.equal(ambiguous.status, 409);
      assert.equal(asError(ambiguous.body).error.code, 'ambiguous_vin');
      assert.match(asError(ambiguous.body).error.message, new RegExp(makeVin(123456, '1FTFW1E5')));
      assert.equal((await getJson(`${running.baseUrl}/api/v1/cases/654321`)).status, 404);
      assert.equal((await getJson(`${running.baseUrl}/api/v1/cases/4321`)).status, 400);
    });
  });

  describe('GET /api/v1/cases (list)', () => {
    it('filters by dealer, stage and overdue, newest first, paginated with limit and cursor', async () => {
      const other = await startTestApp({}, { clock });
      try {
        await registerDealer(other.baseUrl);
        await registerDealer(other.baseUrl, { id: 'dayton-motors', name: 'Dayton Motors', phones: ['+19375550100'] });
        for (let index = 0; index < 5; index += 1) {
          const events =
            index < 2
              ? [
                  { type: 'notified', at: hoursAfter(1) },
                  { type: 'inspected', at: hoursAfter(2) },
                ]
              : [{ type: 'notified', at: hoursAfter(1) }];
          await openCase(other.baseUrl, { vin: makeVin(5000 + index), events });
        }
        await openCase(other.baseUrl, { vin: makeVin(5100), dealerId: 'dayton-motors', returnDate: '2026-03-08' });

        type Page = { items: { vin: string; stage: string; overdue: boolean; dealerId: string }[]; nextCursor: string | null };
        const all = (await getJson(`${other.baseUrl}/api/v1/cases?dealerId=columbus-motors&limit=2`)).body as Page;
        assert.equal(all.items.length, 2);
        assert.equal(all.items[0]?.vin, makeVin(5004));
        const seen = [...all.items];
        let cursor = all.nextCursor;
        while (cursor) {
          const page = (await getJson(`${other.baseUrl}/api/v1/cases?dealerId=columbus-motors&limit=2&cursor=${cursor}`)).body as Page;
          seen.push(...page.items);
          cursor = page.nextCursor;
        }
        assert.equal(seen.length, 5);
        assert.equal(new Set(seen.map((item) => item.vin)).size, 5);

        const inspected = (await getJson(`${other.baseUrl}/api/v1/cases?stage=inspected`)).body as Page;
        assert.deepEqual(inspected.items.map((item) => item.vin).sort(), [makeVin(5000), makeVin(5001)].sort());

        // On Mar 8 the Mar 2 returns without an inspection are past the 1-5 day window (ends Mar 7).
        const overdue = (await getJson(`${other.baseUrl}/api/v1/cases?overdue=true`)).body as Page;
        assert.deepEqual(overdue.items.map((item) => item.vin).sort(), [makeVin(5002), makeVin(5003), makeVin(5004)].sort());
        assert.ok(overdue.items.every((item) => item.overdue));
        const onTime = (await getJson(`${other.baseUrl}/api/v1/cases?overdue=false`)).body as Page;
        assert.equal(onTime.items.length, 3);
        assert.ok(onTime.items.every((item) => !item.overdue));

        const bad = await getJson(`${other.baseUrl}/api/v1/cases?stage=lost`);
        assert.equal(bad.status, 400);
        assert.equal(asError(bad.body).error.field, 'stage');
        assert.equal((await getJson(`${other.baseUrl}/api/v1/cases?limit=1000`)).status, 400);
      } finally {
        await other.stop();
      }
    });
  });

  describe('durability', () => {
    it('keeps dealers, cases and events across a restart on the same DATA_DIR', async () => {
      const first = await startTestApp({}, { clock });
      const dataDir = first.dataDir;
      await registerDealer(first.baseUrl);
      await openCase(first.baseUrl, { events: [{ type: 'notified', at: hoursAfter(1) }] });
      await recordEvent(first.baseUrl, sampleVin, { type: 'inspected', at: hoursAfter(2), note: 'done at the lot' });
      await first.app.stop();
      const second = await startTestApp({ DATA_DIR: dataDir }, { clock });
      try {
        const body = asCase((await getJson(`${second.baseUrl}/api/v1/cases/${sampleVin}`)).body);
        assert.equal(body.stage, 'inspected');
        assert.equal(body.events[1]?.note, 'done at the lot');
        assert.equal((await getJson(`${second.baseUrl}/api/v1/dealers/columbus-motors`)).status, 200);
      } finally {
        await second.stop();
        const { rmSync } = await import('node:fs');
        rmSync(dataDir, { recursive: true, force: true });
      }
    });

    it('leaves no partial case when the database fails halfway through opening one', async () => {
      const vin = makeVin(7001);
      // The second event insert fails inside the transaction, after the case row was written.
      const restore = await failInserts(running.app.storage, 'case_events', "NEW.type = 'inspected'");
      try {
        const response = await openCase(running.baseUrl, {
          vin,
          events: [
            { type: 'notified', at: hoursAfter(1) },
            { type: 'inspected', at: hoursAfter(2) },
          ],
        });
        assert.equal(response.status, 500);
        assert.doesNotMatch(JSON.stringify(response.body), /simulated|stack|sqlite|postgres/i);
      } finally {
        await restore();
      }
      assert.equal((await getJson(`${running.baseUrl}/api/v1/cases/${vin}`)).status, 404);
      assert.equal(await countOn(running.app.storage, 'SELECT COUNT(*) AS count FROM return_cases WHERE vin = $1', [vin]), 0);
      assert.equal((await openCase(running.baseUrl, { vin })).status, 201, 'the VIN is free and the server keeps serving');
    });

    it('leaves the case as it was when recording an event fails halfway', async () => {
      const vin = await caseWith(running, 7002, [{ type: 'notified' }]);
      const restore = await failInserts(running.app.storage, 'case_events');
      try {
        assert.equal((await recordEvent(running.baseUrl, vin, { type: 'inspected', at: hoursAfter(2) })).status, 500);
      } finally {
        await restore();
      }
      const body = asCase((await getJson(`${running.baseUrl}/api/v1/cases/${vin}`)).body);
      assert.equal(body.stage, 'notified', 'the stage update was rolled back with the event');
      assert.equal((await recordEvent(running.baseUrl, vin, { type: 'inspected', at: hoursAfter(2) })).status, 201);
    });
  });
});
