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
    await openCase(running.baseUrl, { events: [{ type: 'notified', at: '2026-03-02T16:00:00Z' }, { type: 'inspected', at: '2026-03-03T16:00:00Z' }] });
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
});
