import assert from 'node:assert/strict';
import { FixedClock } from '../../src/clock.ts';
import { getJson, postJson, startTestApp, type RunningApp } from '../support/test-app.ts';
import { asError, makeVin, openCase, registerDealer } from '../cases/case-fixtures.ts';

interface NextJson {
  stage: string;
  nextEvents: string[];
  nextPickupParty: string | null;
}

describe('nextEvents on the case API: what the case can take now', () => {
  let running: RunningApp;
  const clock = new FixedClock('2026-04-15T16:00:00Z');
  let n = 650000;

  async function caseWith(events: unknown[], intent = 'lesseeReturn', state?: string): Promise<{ vin: string; body: NextJson }> {
    n += 1;
    const vin = makeVin(n);
    const opened = await openCase(running.baseUrl, { vin, events, intent, returnDate: '2026-04-01', maturityDate: '2026-06-30', ...(state ? { state } : {}) });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    const read = await getJson(`${running.baseUrl}/api/v1/cases/${vin}`);
    return { vin, body: read.body as NextJson };
  }

  before(async () => {
    running = await startTestApp({}, { clock });
    assert.equal((await registerDealer(running.baseUrl)).status, 201);
  });
  after(() => running.stop());

  it('a returned lessee return: the notification first; never a dealer purchase', async () => {
    const { body } = await caseWith([]);
    assert.equal(body.nextEvents[0], 'notified');
    for (const type of ['purchaseCompleted', 'inspected', 'postedToSmartAuction', 'sold', 'pickedUp']) assert.ok(!body.nextEvents.includes(type), type);
  });

  it('an inspected lessee return: the SmartAuction posting, not what is already done', async () => {
    const { body } = await caseWith([
      { type: 'notified', at: '2026-04-01T15:00:00Z' },
      { type: 'inspected', at: '2026-04-03T15:00:00Z' },
    ]);
    assert.ok(body.nextEvents.includes('postedToSmartAuction'));
    for (const type of ['notified', 'inspected', 'purchaseCompleted', 'sold']) assert.ok(!body.nextEvents.includes(type), type);
  });

  it('a sold vehicle: picked up by the buying dealer only', async () => {
    const { body } = await caseWith([
      { type: 'notified', at: '2026-04-01T15:00:00Z' },
      { type: 'inspected', at: '2026-04-02T15:00:00Z' },
      { type: 'postedToSmartAuction', at: '2026-04-03T15:00:00Z' },
      { type: 'sold', at: '2026-04-05T15:00:00Z' },
    ]);
    assert.ok(body.nextEvents.includes('pickedUp'));
    assert.equal(body.nextPickupParty, 'buyingDealer');
    assert.ok(!body.nextEvents.includes('notSold'));
  });

  it('a dealer purchase in its hold: the completed purchase, not the inspection', async () => {
    const { body } = await caseWith([{ type: 'notified', at: '2026-04-14T15:00:00Z' }], 'dealerPurchaseForInventory');
    assert.ok(body.nextEvents.includes('purchaseCompleted'));
    assert.ok(!body.nextEvents.includes('inspected'));
    assert.ok(!body.nextEvents.includes('pickedUp'));
    assert.equal(body.nextPickupParty, null);
  });

  it('a closed case takes no process event', async () => {
    const { body } = await caseWith(
      [
        { type: 'notified', at: '2026-04-01T15:00:00Z' },
        { type: 'purchaseCompleted', at: '2026-04-02T15:00:00Z' },
      ],
      'dealerPurchaseForLessee',
    );
    for (const type of ['notified', 'inspected', 'postedToSmartAuction', 'sold', 'notSold', 'pickedUp', 'purchaseCompleted']) {
      assert.ok(!body.nextEvents.includes(type), type);
    }
  });

  it('answers an event the case cannot take with 409 and a sentence, and the event is not in nextEvents', async () => {
    const { vin, body } = await caseWith([{ type: 'notified', at: '2026-04-01T15:00:00Z' }]);
    assert.ok(!body.nextEvents.includes('purchaseCompleted'));
    const refused = await postJson(`${running.baseUrl}/api/v1/cases/${vin}/events`, { type: 'purchaseCompleted' });
    assert.equal(refused.status, 409);
    assert.match(asError(refused.body).error.message, /^[A-Za-z].*\.$/);
    assert.equal(asError(refused.body).error.code, 'out_of_order');
  });

  it('follows the clock: the inspection is offered once the dealer-purchase hold has ended', async () => {
    const { vin, body } = await caseWith([{ type: 'notified', at: '2026-04-14T15:00:00Z' }], 'dealerPurchaseForInventory');
    assert.ok(!body.nextEvents.includes('inspected'));
    clock.set('2026-04-17T15:00:01Z');
    try {
      const later = (await getJson(`${running.baseUrl}/api/v1/cases/${vin}`)).body as NextJson;
      assert.ok(later.nextEvents.includes('inspected'));
      assert.ok(later.nextEvents.includes('purchaseCompleted'), 'a late purchase is still accepted until the posting');
    } finally {
      clock.set('2026-04-15T16:00:00Z');
    }
  });
});
