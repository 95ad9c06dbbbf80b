import assert from 'node:assert/strict';
import { FixedClock } from '../../src/clock.ts';
import { gsm7Length, isGsm7 } from '../../src/domain/sms-text.ts';
import { startTestApp, type RunningApp } from '../support/test-app.ts';
import { sendSms } from '../sms/sms-client.ts';
import { asCase, makeVin, openCase, recordEvent, registerDealer } from './case-fixtures.ts';

/** Issue 16's timeline corrections, through the cases API and the status texts (SMS and chat share them). */
describe('Timeline corrections on a case (issue 16)', () => {
  let running: RunningApp;
  const clock = new FixedClock('2026-03-20T14:00:00Z');
  const phone = '+16145550100';
  before(async () => {
    running = await startTestApp({}, { clock });
    await registerDealer(running.baseUrl);
  });
  after(async () => {
    await running.stop();
  });
  afterEach(() => clock.set('2026-03-20T14:00:00Z'));

  const sms = async (vin: string): Promise<string> => {
    const text = await running.app.status.statusText({ vinOrSuffix: vin, phone });
    assert.ok(isGsm7(text) && gsm7Length(text) <= 320, text);
    return text;
  };
  const stepOf = (body: unknown, id: string): { status: string; expectedBy: string } => {
    const found = asCase(body).timeline.find((entry) => entry.step === id);
    assert.ok(found, id);
    return found;
  };

  it('shows posting and the SmartAuction sale as two steps, and a never-inspected case has nothing overdue after the inspection', async () => {
    const vin = makeVin(16001);
    const opened = await openCase(running.baseUrl, { vin, events: [{ type: 'notified', at: '2026-03-02T15:00:00Z' }] });
    assert.equal(opened.status, 201);
    const steps = asCase(opened.body).timeline.map((entry) => entry.step);
    assert.deepEqual(steps, ['returned', 'notified', 'inspected', 'postedToSmartAuction', 'smartAuction', 'pickedUp']);
    assert.equal(stepOf(opened.body, 'inspected').status, 'overdue');
    for (const id of ['postedToSmartAuction', 'smartAuction', 'pickedUp']) assert.equal(stepOf(opened.body, id).status, 'waiting', id);
    // The case is late only for the inspection.
    assert.match(await sms(vin), /Next: third-party inspection, was due by Sat Mar 7 \(late\)/);
  });

  it('counts the posting from the actual inspection day and names the posting, not the sale, as next', async () => {
    const vin = makeVin(16002);
    await openCase(running.baseUrl, {
      vin,
      events: [
        { type: 'notified', at: '2026-03-02T15:00:00Z' },
        { type: 'inspected', at: '2026-03-18T15:00:00Z' },
      ],
    });
    const text = await sms(vin);
    assert.match(text, /Next: SmartAuction posting, expected by Tue Mar 24\./);
    assert.doesNotMatch(text, /late/);
  });

  it('gives an inspected case only the steps still ahead: no odometer copy "before they leave"', async () => {
    const vin = makeVin(16003);
    const opened = await openCase(running.baseUrl, { vin, events: [{ type: 'notified', at: '2026-03-19T15:00:00Z' }] });
    const before = asCase(opened.body) as unknown as { nextSteps: string[]; decision: { steps: string[] } };
    assert.ok(before.nextSteps.some((step) => /before they leave/.test(step)));
    const inspected = await recordEvent(running.baseUrl, vin, { type: 'inspected', at: '2026-03-20T13:00:00Z' });
    const after = inspected.body as { nextSteps: string[]; decision: { steps: string[] } };
    assert.ok(!after.nextSteps.some((step) => /before they leave/.test(step)), after.nextSteps.join(' | '));
    assert.ok(!after.nextSteps.some((step) => /inspector should come/.test(step)));
    assert.ok(after.nextSteps.some((step) => /SmartAuction/.test(step)));
    assert.ok(
      after.decision.steps.some((step) => /before they leave/.test(step)),
      'the decision itself keeps every step',
    );
  });

  it('says a normal-maturity lessee return gets a settlement letter', async () => {
    const vin = makeVin(16004);
    const opened = await openCase(running.baseUrl, { vin, maturityDate: '2026-03-01', returnDate: '2026-03-19' });
    const body = opened.body as { decision: { termination: string; letters: { settlementLetter: boolean } }; nextSteps: string[] };
    assert.equal(body.decision.termination, 'NM');
    assert.equal(body.decision.letters.settlementLetter, true);
    assert.ok(body.nextSteps.some((step) => /settlement letter/.test(step)));
  });

  describe('the end of the 72-hour hold in the status text (SMS and chat)', () => {
    it('says the hold starts with the notification, then its end in the dealer zone, then that it ended', async () => {
      const vin = makeVin(16005);
      clock.set('2026-03-02T16:00:00Z');
      await openCase(running.baseUrl, { vin, intent: 'dealerPurchaseForInventory', maturityDate: '2026-03-01', returnDate: '2026-03-02' });
      assert.match(await sms(vin), /72-hour hold starts when Ally is notified/);

      // Notified 10:00 EST on Mon Mar 2: the hold ends Thu Mar 5 10:00 AM EST, whenever the status is asked.
      assert.equal((await recordEvent(running.baseUrl, vin, { type: 'notified', at: '2026-03-02T15:00:00Z' })).status, 201);
      const view = (await running.app.cases.getCase(vin)) as { holdEndsAt: string | null };
      assert.equal(view.holdEndsAt, '2026-03-05T10:00:00-05:00');
      clock.set('2026-03-04T20:00:00Z');
      assert.match(await sms(vin), /hold ends Thu Mar 5 10:00 AM EST/);
      assert.match(await running.app.status.statusText({ vinOrSuffix: vin }), /hold ends Thu Mar 5 10:00 AM EST/, 'the chat (no phone) says it too');
      assert.match(
        await running.app.status.statusText({ vinOrSuffix: vin, dealerId: 'columbus-motors' }),
        /hold ends Thu Mar 5 10:00 AM EST/,
        "a recognized chat user's summary says it",
      );
      const texted = await sendSms(running.baseUrl, `STATUS ${vin.slice(-6)}`, { from: phone });
      assert.equal(texted.status, 200);
      assert.match(texted.text ?? '', /hold ends Thu Mar 5 10:00 AM EST/, 'the SMS webhook (TwiML) says it');

      clock.set('2026-03-06T15:00:00Z');
      const ended = await sms(vin);
      assert.match(ended, /72-hour hold ended Thu Mar 5 10:00 AM EST/);
      assert.match(ended, /Next: third-party inspection/);
    });

    it('dates the hold in the dealer zone (Pacific for a California dealer)', async () => {
      await registerDealer(running.baseUrl, { id: 'la-motors', name: 'LA Motors', state: 'CA', phones: ['+13105550100'] });
      const vin = makeVin(16006);
      clock.set('2026-03-03T20:00:00Z');
      await openCase(running.baseUrl, {
        vin,
        dealerId: 'la-motors',
        intent: 'dealerPurchaseForLessee',
        maturityDate: '2026-03-01',
        returnDate: '2026-03-02',
        events: [{ type: 'notified', at: '2026-03-02T23:30:00Z' }],
      });
      const text = await running.app.status.statusText({ vinOrSuffix: vin, phone: '+13105550100' });
      assert.match(text, /hold ends Thu Mar 5 3:30 PM PST/);
    });
  });
});
