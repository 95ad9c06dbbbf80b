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
      ['done', 'done', 'done', 'done', 'due'],
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

  it('does not call a later step overdue only because an earlier one is late', () => {
    const steps = timeline({ events: [{ type: 'notified', at: '2026-03-02T15:00:00Z' }], now: '2026-03-10T12:00:00Z' });
    assert.equal(step(steps, 'inspected').status, 'overdue');
    assert.equal(step(steps, 'smartAuction').status, 'due');
  });

  it('marks SmartAuction notApplicable when a transporter took an unposted vehicle', () => {
    const events: CaseEvent[] = [
      { type: 'notified', at: '2026-03-02T15:00:00Z' },
      { type: 'inspected', at: '2026-03-04T15:00:00Z' },
      { type: 'pickedUp', at: '2026-03-05T15:00:00Z', by: 'transporter', document: 'billOfLading' },
    ];
    const steps = timeline({ events, now: '2026-03-30T12:00:00Z' });
    assert.equal(step(steps, 'smartAuction').status, 'notApplicable');
    assert.equal(step(steps, 'pickedUp').status, 'done');
    assert.equal(nextDeadline(steps), null);
  });

  describe('dealer purchases', () => {
    const dealerPurchase: Partial<CaseProcessFacts> = { holdHours: 72, dealerPurchase: true };
    const notified: CaseEvent = { type: 'notified', at: '2026-03-02T15:00:00Z' };
    const remarketing = ['inspected', 'smartAuction', 'pickedUp'];

    it('starts the remarketing windows when the hold ends, noting they apply only if the purchase is not finalized', () => {
      // Hold: Mon Mar 2 10:00 to Thu Mar 5 10:00 EST. One minute before it ends nothing is late.
      const steps = timeline({ events: [notified], now: '2026-03-05T14:59:00Z', facts: dealerPurchase });
      assert.equal(step(steps, 'remarketingHold').status, 'due');
      assert.equal(step(steps, 'inspected').expectedFrom, '2026-03-06T00:00:00-05:00');
      assert.equal(step(steps, 'inspected').expectedBy, '2026-03-10T23:59:59-04:00');
      for (const id of remarketing) {
        assert.equal(step(steps, id).status, 'due', id);
        assert.match(step(steps, id).note ?? '', /not finalized.*72-hour hold, Thu Mar 5 10:00 AM EST/, id);
      }
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
});
