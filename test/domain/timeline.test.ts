import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { timelineText } from '../../src/cases/case-messages.ts';
import type { CaseEvent, CaseProcessFacts } from '../../src/domain/return-case.ts';
import { computeTimeline, nextDeadline, nextStep, type TimelineStep } from '../../src/domain/timeline.ts';
import { stateTimeZone, type UsStateCode } from '../../src/domain/us-states.ts';

const lesseeReturn: CaseProcessFacts = {
  inspectionAvailable: true,
  holdHours: 0,
  etPreSaleLetter: false,
  settlementAfterAuctionSale: false,
  dealerPurchase: false,
};

function timeline(options: { state?: UsStateCode; returnDate?: string; events?: CaseEvent[]; now: string; facts?: Partial<CaseProcessFacts> }): TimelineStep[] {
  const state = options.state ?? 'OH';
  return computeTimeline({
    returnDate: options.returnDate ?? '2026-03-02',
    stateCode: state,
    zone: stateTimeZone(state),
    facts: { ...lesseeReturn, ...options.facts },
    notification: { method: 'AVRM', faxNumber: null },
    events: options.events ?? [],
    now: DateTime.fromISO(options.now, { zone: 'utc' }),
    text: timelineText({ remarketingCenter: '877-290-9544, option 1' }),
  });
}

const step = (steps: TimelineStep[], id: string): TimelineStep => {
  const found = steps.find((candidate) => candidate.step === id);
  assert.ok(found, id);
  return found;
};

describe('computeTimeline()', () => {
  it('expects the inspection 1 to 5 calendar days after the return, local time', () => {
    const inspection = step(timeline({ now: '2026-03-03T12:00:00Z', events: [{ type: 'notified', at: '2026-03-02T15:00:00Z' }] }), 'inspected');
    assert.equal(inspection.expectedFrom, '2026-03-03T00:00:00-05:00');
    assert.equal(inspection.expectedBy, '2026-03-07T23:59:59-05:00');
    assert.equal(inspection.status, 'due');
  });

  it('turns overdue at local midnight across a daylight-saving change (Ohio, March 8 2026)', () => {
    // Returned Saturday Mar 7; the window ends Thursday Mar 12 in EDT (-04:00), not EST.
    const events: CaseEvent[] = [{ type: 'notified', at: '2026-03-07T15:00:00Z' }];
    const before = step(timeline({ returnDate: '2026-03-07', events, now: '2026-03-13T03:30:00Z' }), 'inspected');
    assert.equal(before.expectedFrom, '2026-03-08T00:00:00-05:00');
    assert.equal(before.expectedBy, '2026-03-12T23:59:59-04:00');
    assert.equal(before.status, 'due', '23:30 EDT on the last day');
    const after = step(timeline({ returnDate: '2026-03-07', events, now: '2026-03-13T04:30:00Z' }), 'inspected');
    assert.equal(after.status, 'overdue', '00:30 EDT the day after (still 23:30 in EST)');
  });

  it('gives the same instant different statuses in different dealership time zones', () => {
    const now = '2026-03-08T06:30:00Z'; // Mar 8 01:30 in New York, Mar 7 22:30 in Los Angeles
    const events: CaseEvent[] = [{ type: 'notified', at: '2026-03-02T20:00:00Z' }];
    assert.equal(step(timeline({ state: 'NY', events, now }), 'inspected').status, 'overdue');
    assert.equal(step(timeline({ state: 'CA', events, now }), 'inspected').status, 'due');
    assert.equal(step(timeline({ state: 'CA', events, now }), 'inspected').expectedBy, '2026-03-07T23:59:59-08:00');
  });

  it('marks the inspection notApplicable in AK, HI and SD, pointing to the Remarketing Center', () => {
    for (const state of ['AK', 'HI', 'SD'] as const) {
      const inspection = step(timeline({ state, now: '2026-03-20T00:00:00Z', facts: { inspectionAvailable: false } }), 'inspected');
      assert.equal(inspection.status, 'notApplicable');
      assert.match(inspection.note ?? '', new RegExp(`${state}.*877-290-9544, option 1`));
    }
  });

  it('marks steps done with their time, and projects later windows from what happened', () => {
    const events: CaseEvent[] = [
      { type: 'notified', at: '2026-03-02T15:00:00Z' },
      { type: 'inspected', at: '2026-03-04T15:00:00Z' },
      { type: 'postedToSmartAuction', at: '2026-03-05T15:00:00Z' },
      { type: 'sold', at: '2026-03-07T15:00:00Z' },
    ];
    const steps = timeline({ events, now: '2026-03-08T12:00:00Z' });
    assert.deepEqual(
      steps.map((entry) => entry.status),
      ['done', 'done', 'done', 'done', 'done', 'due'],
    );
    assert.equal(step(steps, 'inspected').doneAt, '2026-03-04T10:00:00-05:00');
    assert.equal(step(steps, 'pickedUp').expectedFrom, '2026-03-08T00:00:00-05:00');
    assert.equal(step(steps, 'pickedUp').expectedBy, '2026-03-14T23:59:59-04:00', 'pickup 1 to 7 days after the sale');
    assert.equal(nextDeadline(steps), '2026-03-15T03:59:59Z');
  });

  it('holds a dealer purchase 72 hours from the notification, never overdue, and starts the inspection window after it', () => {
    const events: CaseEvent[] = [{ type: 'notified', at: '2026-03-02T15:00:00Z' }];
    const during = timeline({ events, now: '2026-03-04T12:00:00Z', facts: { holdHours: 72 } });
    assert.equal(step(during, 'remarketingHold').status, 'due');
    assert.equal(step(during, 'remarketingHold').expectedBy, '2026-03-05T10:00:00-05:00');
    assert.equal(step(during, 'inspected').expectedFrom, '2026-03-06T00:00:00-05:00');
    const after = timeline({ events, now: '2026-03-06T12:00:00Z', facts: { holdHours: 72 } });
    assert.equal(step(after, 'remarketingHold').status, 'done');
    assert.equal(step(timeline({ now: '2026-03-06T12:00:00Z' }), 'notified').status, 'overdue');
  });

  it('does not call a later step overdue only because an earlier one is late: it waits', () => {
    const steps = timeline({ events: [{ type: 'notified', at: '2026-03-02T15:00:00Z' }], now: '2026-04-30T12:00:00Z' });
    assert.equal(step(steps, 'inspected').status, 'overdue');
    for (const id of ['postedToSmartAuction', 'smartAuction', 'pickedUp']) assert.equal(step(steps, id).status, 'waiting', id);
    assert.match(step(steps, 'postedToSmartAuction').note ?? '', /inspection/);
    assert.equal(nextDeadline(steps), '2026-03-08T04:59:59Z', 'only the inspection counts');
  });

  it('marks SmartAuction notApplicable when a transporter took an unposted vehicle', () => {
    const events: CaseEvent[] = [
      { type: 'notified', at: '2026-03-02T15:00:00Z' },
      { type: 'inspected', at: '2026-03-04T15:00:00Z' },
      { type: 'pickedUp', at: '2026-03-05T15:00:00Z', by: 'transporter', document: 'billOfLading' },
    ];
    const steps = timeline({ events, now: '2026-03-30T12:00:00Z' });
    assert.equal(step(steps, 'postedToSmartAuction').status, 'notApplicable');
    assert.equal(step(steps, 'smartAuction').status, 'notApplicable');
    assert.equal(step(steps, 'pickedUp').status, 'done');
    assert.equal(nextDeadline(steps), null);
  });

  describe('dealer purchases', () => {
    const dealerPurchase: Partial<CaseProcessFacts> = { holdHours: 72, dealerPurchase: true };
    const notified: CaseEvent = { type: 'notified', at: '2026-03-02T15:00:00Z' };
    const remarketing = ['inspected', 'postedToSmartAuction', 'smartAuction', 'pickedUp'];

    it('starts the remarketing windows when the hold ends, noting they apply only if the purchase is not finalized', () => {
      // Hold: Mon Mar 2 10:00 to Thu Mar 5 10:00 EST. One minute before it ends nothing is late.
      const steps = timeline({ events: [notified], now: '2026-03-05T14:59:00Z', facts: dealerPurchase });
      assert.equal(step(steps, 'remarketingHold').status, 'due');
      assert.equal(step(steps, 'inspected').expectedFrom, '2026-03-06T00:00:00-05:00');
      assert.equal(step(steps, 'inspected').expectedBy, '2026-03-10T23:59:59-04:00');
      for (const id of remarketing) {
        assert.equal(step(steps, id).status, 'waiting', id);
        assert.match(step(steps, id).note ?? '', /not finalized.*72-hour hold, Thu Mar 5 10:00 AM EST/, id);
      }
      const after = timeline({ events: [notified], now: '2026-03-05T15:01:00Z', facts: dealerPurchase });
      assert.equal(step(after, 'remarketingHold').status, 'done');
      assert.equal(step(after, 'inspected').status, 'due', 'the hold ended: the inspection can happen');
      assert.equal(nextDeadline(steps), '2026-03-11T03:59:59Z', 'the first deadline is the inspection after the hold');
    });

    it('marks every remarketing step notApplicable once the purchase is completed, the hold done, and nothing left', () => {
      const events: CaseEvent[] = [notified, { type: 'purchaseCompleted', at: '2026-03-03T15:00:00Z' }];
      for (const now of ['2026-03-03T16:00:00Z', '2026-05-01T00:00:00Z']) {
        const steps = timeline({ events, now, facts: dealerPurchase });
        assert.equal(step(steps, 'remarketingHold').status, 'done');
        assert.equal(step(steps, 'remarketingHold').doneAt, '2026-03-03T10:00:00-05:00');
        for (const id of remarketing) {
          assert.equal(step(steps, id).status, 'notApplicable', id);
          assert.match(step(steps, id).note ?? '', /dealer bought/, id);
        }
        assert.equal(nextDeadline(steps), null);
        assert.equal(nextStep(steps), undefined);
      }
    });

    it('leaves nothing due on a case closed by a pickup, even one recorded inside the hold', () => {
      const events: CaseEvent[] = [
        notified,
        { type: 'inspected', at: '2026-03-02T17:00:00Z' },
        { type: 'pickedUp', at: '2026-03-02T18:00:00Z', by: 'transporter', document: 'billOfLading' },
      ];
      const steps = timeline({ events, now: '2026-03-03T12:00:00Z', facts: dealerPurchase });
      assert.deepEqual(
        steps.filter((entry) => entry.status === 'due' || entry.status === 'overdue'),
        [],
      );
      assert.equal(step(steps, 'remarketingHold').status, 'notApplicable');
      assert.match(step(steps, 'remarketingHold').note ?? '', /picked up on 2026-03-02/);
      assert.equal(step(steps, 'pickedUp').status, 'done');
      assert.equal(nextStep(steps), undefined);
    });
  });
  describe('chained expectations (issue 16)', () => {
    const notified: CaseEvent = { type: 'notified', at: '2026-03-02T15:00:00Z' };

    it('posts 1 to 6 days after the actual inspection, then lists up to 6 days on SmartAuction from the actual posting', () => {
      // Inspected late (Fri Mar 13): posting counts from that day, not from the inspection's window.
      const inspected: CaseEvent = { type: 'inspected', at: '2026-03-13T15:00:00Z' };
      const steps = timeline({ events: [notified, inspected], now: '2026-03-14T12:00:00Z' });
      const posting = step(steps, 'postedToSmartAuction');
      assert.equal(posting.expectedFrom, '2026-03-14T00:00:00-04:00');
      assert.equal(posting.expectedBy, '2026-03-19T23:59:59-04:00');
      assert.equal(posting.status, 'due');
      assert.equal(step(steps, 'smartAuction').status, 'waiting');

      const posted: CaseEvent = { type: 'postedToSmartAuction', at: '2026-03-16T15:00:00Z' };
      const listed = timeline({ events: [notified, inspected, posted], now: '2026-03-17T12:00:00Z' });
      assert.equal(step(listed, 'postedToSmartAuction').status, 'done');
      const sale = step(listed, 'smartAuction');
      assert.equal(sale.expectedFrom, '2026-03-16T00:00:00-04:00');
      assert.equal(sale.expectedBy, '2026-03-22T23:59:59-04:00', 'up to 6 days on SmartAuction');
      assert.equal(sale.status, 'due');
      assert.equal(step(timeline({ events: [notified, inspected, posted], now: '2026-03-23T12:00:00Z' }), 'smartAuction').status, 'overdue');
    });

    it('never calls a step overdue whose previous step has not happened, however late it is', () => {
      for (const now of ['2026-03-03T12:00:00Z', '2026-03-20T12:00:00Z', '2026-09-01T12:00:00Z']) {
        const neverInspected = timeline({ events: [notified], now });
        assert.equal(step(neverInspected, 'postedToSmartAuction').status, 'waiting', now);
        assert.equal(step(neverInspected, 'smartAuction').status, 'waiting', now);
        assert.equal(step(neverInspected, 'pickedUp').status, 'waiting', now);
        const neverNotified = timeline({ now });
        assert.notEqual(step(neverNotified, 'inspected').status, 'overdue', now);
        assert.equal(step(neverNotified, 'inspected').status, 'waiting', now);
      }
    });

    it('counts the inspection from the actual notification', () => {
      const late: CaseEvent = { type: 'notified', at: '2026-03-09T15:00:00Z' };
      const inspection = step(timeline({ events: [late], now: '2026-03-12T12:00:00Z' }), 'inspected');
      assert.equal(inspection.expectedFrom, '2026-03-10T00:00:00-04:00');
      assert.equal(inspection.expectedBy, '2026-03-14T23:59:59-04:00');
      assert.equal(inspection.status, 'due');
    });

    it('counts the pickup from the actual auction result, and only then', () => {
      const events: CaseEvent[] = [notified, { type: 'inspected', at: '2026-03-04T15:00:00Z' }, { type: 'postedToSmartAuction', at: '2026-03-05T15:00:00Z' }];
      assert.equal(step(timeline({ events, now: '2026-04-30T12:00:00Z' }), 'pickedUp').status, 'waiting');
      const notSold = timeline({ events: [...events, { type: 'notSold', at: '2026-03-11T15:00:00Z' }], now: '2026-03-19T12:00:00Z' });
      assert.equal(step(notSold, 'pickedUp').expectedBy, '2026-03-18T23:59:59-04:00');
      assert.equal(step(notSold, 'pickedUp').status, 'overdue');
    });

    it('in AK, HI and SD posts after the notification (no inspection to wait for)', () => {
      const steps = timeline({
        state: 'SD',
        events: [{ type: 'notified', at: '2026-03-02T16:00:00Z' }],
        now: '2026-03-10T12:00:00Z',
        facts: { inspectionAvailable: false },
      });
      assert.equal(step(steps, 'inspected').status, 'notApplicable');
      assert.equal(step(steps, 'postedToSmartAuction').expectedBy, '2026-03-08T23:59:59-05:00');
      assert.equal(step(steps, 'postedToSmartAuction').status, 'overdue');
    });

    it('keeps the remarketing steps waiting until a dealer-purchase hold ends, then counts from its end', () => {
      const facts = { holdHours: 72, dealerPurchase: true };
      const notNotified = timeline({ now: '2026-03-20T12:00:00Z', facts });
      assert.equal(step(notNotified, 'notified').status, 'overdue');
      assert.equal(step(notNotified, 'remarketingHold').status, 'waiting');
      assert.equal(step(notNotified, 'inspected').status, 'waiting');
      const ended = timeline({ events: [notified], now: '2026-03-11T12:00:00Z', facts });
      assert.equal(step(ended, 'inspected').expectedBy, '2026-03-10T23:59:59-04:00', '1 to 5 days after the hold ends Thu Mar 5');
      assert.equal(step(ended, 'inspected').status, 'overdue');
      assert.equal(step(ended, 'postedToSmartAuction').status, 'waiting');
    });
  });
});
