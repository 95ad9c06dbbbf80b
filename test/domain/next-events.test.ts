import assert from 'node:assert/strict';
import { possibleEvents } from '../../src/domain/next-events.ts';
import type { CaseEvent, CaseProcessFacts } from '../../src/domain/return-case.ts';

const lesseeReturn: CaseProcessFacts = {
  inspectionAvailable: true,
  holdHours: 0,
  etPreSaleLetter: false,
  settlementAfterAuctionSale: false,
  dealerPurchase: false,
};
const noInspection: CaseProcessFacts = { ...lesseeReturn, inspectionAvailable: false };
const etReturn: CaseProcessFacts = { ...lesseeReturn, etPreSaleLetter: true, settlementAfterAuctionSale: true };
const dealerPurchase: CaseProcessFacts = { ...lesseeReturn, holdHours: 72, dealerPurchase: true };

const at = (hours: number): string => new Date(Date.parse('2026-03-02T15:00:00Z') + hours * 3_600_000).toISOString().replace('.000Z', 'Z');
const event = (type: CaseEvent['type'], hours: number, extra: Partial<CaseEvent> = {}): CaseEvent => ({ type, at: at(hours), ...extra });

describe('possibleEvents()', () => {
  const cases: [string, CaseProcessFacts, CaseEvent[], number, string[], string | null][] = [
    ['a lessee return just back', lesseeReturn, [], 1, ['notified'], null],
    ['a lessee return notified', lesseeReturn, [event('notified', 0)], 1, ['inspected', 'settlementLetterMailed'], null],
    [
      'no inspection in the state: posting or a transporter pickup after the notification',
      noInspection,
      [event('notified', 0)],
      1,
      ['postedToSmartAuction', 'settlementLetterMailed', 'pickedUp'],
      'transporter',
    ],
    [
      'an ET return inspected: the pre-sale letter, the posting, or a transporter for a car not eligible for SmartAuction',
      etReturn,
      [event('notified', 0), event('inspected', 1)],
      2,
      ['etPreSaleLetterMailed', 'postedToSmartAuction', 'pickedUp'],
      'transporter',
    ],
    [
      'on SmartAuction: the result only',
      lesseeReturn,
      [event('notified', 0), event('inspected', 1), event('postedToSmartAuction', 2)],
      3,
      ['sold', 'notSold', 'settlementLetterMailed'],
      null,
    ],
    [
      'not sold: the transporter picks up',
      lesseeReturn,
      [event('notified', 0), event('inspected', 1), event('postedToSmartAuction', 2), event('notSold', 3)],
      4,
      ['settlementLetterMailed', 'pickedUp'],
      'transporter',
    ],
    ['a dealer purchase inside its hold', dealerPurchase, [event('notified', 0)], 10, ['settlementLetterMailed', 'purchaseCompleted'], null],
    ['a dealer purchase after its hold', dealerPurchase, [event('notified', 0)], 73, ['inspected', 'settlementLetterMailed', 'purchaseCompleted'], null],
    [
      'a completed purchase: only the letter may still go out',
      dealerPurchase,
      [event('notified', 0), event('purchaseCompleted', 5)],
      6,
      ['settlementLetterMailed'],
      null,
    ],
    [
      'picked up with every letter out: nothing',
      etReturn,
      [
        event('notified', 0),
        event('inspected', 1),
        event('etPreSaleLetterMailed', 2),
        event('postedToSmartAuction', 3),
        event('sold', 4),
        event('settlementLetterMailed', 5),
        event('pickedUp', 6, { by: 'buyingDealer', document: 'proofOfSale' }),
      ],
      7,
      [],
      null,
    ],
  ];
  for (const [name, facts, events, hours, expected, party] of cases) {
    it(name, () => {
      const result = possibleEvents(facts, events, at(hours));
      assert.deepEqual(result.nextEvents, expected);
      assert.equal(result.nextPickupParty, party);
    });
  }
});
