import assert from 'node:assert/strict';
import { FixedClock } from '../../src/clock.ts';
import { gsm7Length, isGsm7 } from '../../src/domain/sms-text.ts';
import { startTestApp, type RunningApp } from '../support/test-app.ts';
import { makeVin, openCase, recordEvent, registerDealer, sampleVin } from './case-fixtures.ts';

describe('StatusService', () => {
  let running: RunningApp;
  const clock = new FixedClock('2026-03-10T14:00:00Z');
  before(async () => {
    running = await startTestApp({}, { clock });
    await registerDealer(running.baseUrl);
    await openCase(running.baseUrl, {
      events: [
        { type: 'notified', at: '2026-03-02T16:00:00Z' },
        { type: 'inspected', at: '2026-03-03T16:00:00Z' },
      ],
    });
  });
  after(async () => {
    await running.stop();
  });

  describe('statusText() without a phone (chat)', () => {
    it('needs the full VIN and answers in at most 320 GSM-7 characters', async () => {
      const text = await running.app.status.statusText({ vinOrSuffix: sampleVin });
      assert.match(text, /inspected/);
      assert.ok(isGsm7(text) && gsm7Length(text) <= 320);
      assert.match(await running.app.status.statusText({ vinOrSuffix: '042788' }), /full 17-character VIN/);
      assert.match(await running.app.status.statusText({ vinOrSuffix: makeVin(5) }), /No return case found/);
      assert.match(await running.app.status.statusText({ vinOrSuffix: 'hello' }), /not valid/);
    });

    it('says when the next step is late', async () => {
      // Inspected Mar 3; SmartAuction expected by Mar 9; it is Mar 10.
      assert.match(await running.app.status.statusText({ vinOrSuffix: sampleVin }), /was due by Mon Mar 9 \(late\)/);
    });
  });

  describe('statusText() and releaseText() with a phone (SMS)', () => {
    it('scopes to the dealer of the phone and accepts a suffix', async () => {
      assert.match(await running.app.status.statusText({ vinOrSuffix: '042788', phone: '+16145550100' }), new RegExp(sampleVin));
      assert.match(await running.app.status.statusText({ vinOrSuffix: '042788', phone: '+16145550999' }), /No case found for this number/);
    });

    it('follows the case through release: not yet, on auction, to the buying dealer, picked up', async () => {
      const release = (): Promise<string> => running.app.status.releaseText({ vinOrSuffix: sampleVin, phone: '+16145550100' });
      assert.match(await release(), /transporter with the Bill of Lading/);
      await recordEvent(running.baseUrl, sampleVin, { type: 'postedToSmartAuction', at: '2026-03-04T16:00:00Z' });
      assert.match(await release(), /do not release it yet, it is on SmartAuction/);
      await recordEvent(running.baseUrl, sampleVin, { type: 'sold', at: '2026-03-06T16:00:00Z' });
      const sold = await release();
      assert.match(sold, /only to the buying dealer with proof of sale/);
      assert.match(sold, /877-290-9544, option 4/);
      assert.match(await running.app.status.statusText({ vinOrSuffix: sampleVin }), /Next: pickup.*877-290-9544, option 4/);
      await recordEvent(running.baseUrl, sampleVin, { type: 'pickedUp', at: '2026-03-07T16:00:00Z', by: 'buyingDealer', document: 'proofOfSale' });
      assert.match(await release(), /picked up Sat Mar 7 by the buying dealer/);
    });
  });

  describe('dealer purchases', () => {
    const phone = '+16145550100';
    const within320 = (text: string): string => {
      assert.ok(isGsm7(text) && gsm7Length(text) <= 320, text);
      return text;
    };

    it('keeps the vehicle with the dealer on RELEASE before the notification, during the hold and once bought; STATUS says to finalize, then closed', async () => {
      clock.set('2026-03-03T14:00:00Z');
      try {
        const vin = makeVin(61001);
        await openCase(running.baseUrl, { vin, intent: 'dealerPurchaseForLessee' });
        const release = async (): Promise<string> => within320(await running.app.status.releaseText({ vinOrSuffix: vin, phone }));
        const status = async (): Promise<string> => within320(await running.app.status.statusText({ vinOrSuffix: vin, phone }));

        const notNotified = await release();
        assert.match(notNotified, /stays with the dealer/);
        assert.match(notNotified, /Do not release it to a transporter/);
        assert.match(notNotified, /877-290-9544, option 2/);
        assert.doesNotMatch(notNotified, /inspected/);

        await recordEvent(running.baseUrl, vin, { type: 'notified', at: '2026-03-02T15:00:00Z' });
        const duringHold = await release();
        assert.match(duringHold, /stays with the dealer/);
        assert.match(duringHold, /72-hour hold runs until Thu Mar 5 10:00 AM EST/);
        assert.match(duringHold, /Ally Dealer Buyout 877-290-9544, option 2/);
        assert.doesNotMatch(duringHold, /not been inspected/);
        const holdStatus = await status();
        assert.match(holdStatus, /Next: finalize the dealer purchase before the 72-hour hold ends Thu Mar 5 10:00 AM EST/);
        assert.match(holdStatus, /Ally Dealer Buyout 877-290-9544, option 2/);

        await recordEvent(running.baseUrl, vin, { type: 'purchaseCompleted', at: '2026-03-03T13:00:00Z' });
        const bought = await release();
        assert.match(bought, /bought by the dealer Tue Mar 3/);
        assert.match(bought, /stays with the dealer/);
        assert.match(bought, /Do not release it to a transporter/);
        const closed = await status();
        assert.match(closed, /bought by the dealer Tue Mar 3, case closed/);
        assert.doesNotMatch(closed, /Next/);
        assert.match(closed, /877-290-9544, option 2/);
      } finally {
        clock.set('2026-03-10T14:00:00Z');
      }
    });

    it('answers as for any return once the hold ended without the purchase (remarketing applies)', async () => {
      const vin = makeVin(61002);
      await openCase(running.baseUrl, { vin, intent: 'dealerPurchaseForInventory', events: [{ type: 'notified', at: '2026-03-02T15:00:00Z' }] });
      assert.match(await running.app.status.releaseText({ vinOrSuffix: vin, phone }), /do not release it yet, it has not been inspected/);
      await recordEvent(running.baseUrl, vin, { type: 'inspected', at: '2026-03-06T15:00:00Z' });
      await recordEvent(running.baseUrl, vin, { type: 'pickedUp', at: '2026-03-07T15:00:00Z', by: 'transporter', document: 'billOfLading' });
      const closed = within320(await running.app.status.statusText({ vinOrSuffix: vin, phone }));
      assert.match(closed, /picked up Sat Mar 7, case closed/);
      assert.doesNotMatch(closed, /Next/);
    });
  });
});
