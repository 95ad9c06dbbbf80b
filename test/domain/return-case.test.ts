import assert from 'node:assert/strict';
import {
  checkTransition,
  closingEvent,
  holdUntil,
  isDealerPurchase,
  stageOf,
  type CaseEvent,
  type CaseProcessFacts,
  type TransitionProblem,
} from '../../src/domain/return-case.ts';

const lesseeReturn: CaseProcessFacts = {
  inspectionAvailable: true,
  holdHours: 0,
  etPreSaleLetter: false,
  settlementAfterAuctionSale: false,
  dealerPurchase: false,
};
const dealerPurchase: CaseProcessFacts = { ...lesseeReturn, holdHours: 72, dealerPurchase: true };

/** Mon Mar 2 2026 15:00 UTC plus `hours`. */
const at = (hours: number): string => new Date(Date.parse('2026-03-02T15:00:00Z') + hours * 3_600_000).toISOString().replace('.000Z', 'Z');
const event = (type: CaseEvent['type'], hours: number, extra: Partial<CaseEvent> = {}): CaseEvent => ({ type, at: at(hours), ...extra });
const transporter = (hours: number): CaseEvent => event('pickedUp', hours, { by: 'transporter', document: 'billOfLading' });
const notified = event('notified', 0);

describe('checkTransition() for dealer purchases', () => {
  const cases: [string, CaseProcessFacts, CaseEvent[], CaseEvent, TransitionProblem['kind'] | null][] = [
    ['purchaseCompleted inside the hold', dealerPurchase, [notified], event('purchaseCompleted', 3), null],
    ['purchaseCompleted after the hold, nothing remarketed yet', dealerPurchase, [notified], event('purchaseCompleted', 100), null],
    ['purchaseCompleted after a late inspection', dealerPurchase, [notified, event('inspected', 80)], event('purchaseCompleted', 81), null],
    ['purchaseCompleted on a lessee return', lesseeReturn, [notified], event('purchaseCompleted', 3), 'notDealerPurchase'],
    ['purchaseCompleted before the notification', dealerPurchase, [], event('purchaseCompleted', 3), 'needsFirst'],
    ['purchaseCompleted dated before the notification', dealerPurchase, [event('notified', 5)], event('purchaseCompleted', 3), 'beforePrerequisite'],
    [
      'purchaseCompleted once on SmartAuction',
      dealerPurchase,
      [notified, event('inspected', 80), event('postedToSmartAuction', 81)],
      event('purchaseCompleted', 82),
      'remarketingStarted',
    ],
    ['purchaseCompleted twice', dealerPurchase, [notified, event('purchaseCompleted', 3)], event('purchaseCompleted', 4), 'alreadyRecorded'],
    ['inspection inside the hold', dealerPurchase, [notified], event('inspected', 24), 'holdActive'],
    ['inspection when the hold ends', dealerPurchase, [notified], event('inspected', 72), null],
    ['posting inside the hold (not inspected either)', dealerPurchase, [notified], event('postedToSmartAuction', 71), 'holdActive'],
    ['pickup 3 hours after the notification', dealerPurchase, [notified], transporter(3), 'holdActive'],
    ['pickup after the hold, not posted (ineligible)', dealerPurchase, [notified, event('inspected', 80)], transporter(90), null],
    ['pickup before the notification', dealerPurchase, [], transporter(3), 'needsFirst'],
    ['inspection after the purchase was completed', dealerPurchase, [notified, event('purchaseCompleted', 3)], event('inspected', 80), 'closed'],
    ['pickup after the purchase was completed', dealerPurchase, [notified, event('purchaseCompleted', 3)], transporter(80), 'closed'],
    ['settlement letter after the purchase was completed', dealerPurchase, [notified, event('purchaseCompleted', 3)], event('settlementLetterMailed', 4), null],
    ['purchaseCompleted after a pickup', dealerPurchase, [notified, event('inspected', 80), transporter(81)], event('purchaseCompleted', 82), 'closed'],
  ];
  for (const [name, facts, events, next, expected] of cases) {
    it(`${expected === null ? 'allows' : `refuses (${expected})`} ${name}`, () => {
      assert.equal(checkTransition(facts, events, next)?.kind ?? null, expected);
    });
  }

  it('says until when the hold runs and how long it is', () => {
    assert.deepEqual(checkTransition(dealerPurchase, [notified], transporter(3)), {
      kind: 'holdActive',
      type: 'pickedUp',
      until: '2026-03-05T15:00:00Z',
      hours: 72,
    });
  });

  it('names what closed the case', () => {
    const problem = checkTransition(dealerPurchase, [notified, event('purchaseCompleted', 3)], transporter(80));
    assert.deepEqual(problem, { kind: 'closed', type: 'pickedUp', closedBy: 'purchaseCompleted', closedAt: at(3) });
  });
});

describe('stageOf(), closingEvent(), holdUntil(), isDealerPurchase()', () => {
  it('puts a completed purchase at stage purchaseCompleted, which closes the case', () => {
    const events = [notified, event('purchaseCompleted', 3), event('settlementLetterMailed', 4)];
    assert.equal(stageOf(events), 'purchaseCompleted');
    assert.equal(closingEvent(events)?.type, 'purchaseCompleted');
    assert.equal(closingEvent([notified]), undefined);
  });

  it('starts the hold at the notification, only for a hold', () => {
    assert.equal(holdUntil(dealerPurchase, [notified]), '2026-03-05T15:00:00Z');
    assert.equal(holdUntil(dealerPurchase, []), null);
    assert.equal(holdUntil(lesseeReturn, [notified]), null);
  });

  it('knows the two dealer-purchase intents', () => {
    assert.equal(isDealerPurchase('dealerPurchaseForLessee'), true);
    assert.equal(isDealerPurchase('dealerPurchaseForInventory'), true);
    assert.equal(isDealerPurchase('lesseeReturn'), false);
  });
});
