import { expect } from 'chai';
import { FixedClock } from '../../src/clock.ts';
import { gsm7Length, isGsm7 } from '../../src/domain/sms-text.ts';
import { makeVin } from '../cases/case-fixtures.ts';
import { FakeTwilioServer } from '../support/fake-twilio-server.ts';
import { startTestApp } from '../support/test-app.ts';
import { NoticeDriver, twilioEnv, type NoticeJson } from './notice-support.ts';

const hour = 3_600_000;

function expectTextShape(driver: NoticeDriver): void {
  for (const request of driver.fake.createRequests) {
    expect(request.basicAuth).to.equal(`${driver.fake.accountSid}:${driver.fake.authToken}`);
    expect(request.accountSid).to.equal(driver.fake.accountSid);
    expect(request.form.From).to.equal('+16145559999');
    expect(isGsm7(request.form.Body ?? ''), request.form.Body).to.equal(true);
    expect(gsm7Length(request.form.Body ?? '')).to.be.within(1, 320);
    expect(request.form.StatusCallback).to.equal('https://lease-return.example.com/api/v1/sms/status');
  }
}

function onceEach(notices: readonly NoticeJson[]): void {
  const keys = notices.map((notice) => `${notice.kind}/${notice.step}`);
  expect(new Set(keys).size, keys.join(', ')).to.equal(keys.length);
}

describe('notice scheduler (a case left alone on a fake clock)', () => {
  let fake: FakeTwilioServer;
  let driver: NoticeDriver;
  const clock = new FixedClock('2026-03-02T15:00:00Z');

  before(async () => {
    fake = await new FakeTwilioServer().start();
    const running = await startTestApp(twilioEnv(fake, { NOTICE_QUIET_HOURS: 'off' }), { clock });
    driver = new NoticeDriver(running, clock, fake);
  });
  after(async () => {
    await driver.running.stop();
    await fake.stop();
  });

  it('texts each step the moment it turns overdue, once, through to the pickup, and the no-sale with the Bill of Lading', async () => {
    const phone = '+16145550101';
    const vin = makeVin(160001);
    clock.set('2026-03-02T15:00:00Z');
    await driver.dealer('walk-motors', phone);
    await driver.openCase({ vin, dealerId: 'walk-motors', returnDate: '2026-03-02' });
    const firstPass = await driver.pass();
    expect(firstPass, 'nothing is late on the day of the return').to.equal(0);

    // Each event moves the case on; the step it makes due is left to run late, then it happens.
    const events: Record<string, unknown>[] = [{ type: 'notified' }, { type: 'inspected' }, { type: 'postedToSmartAuction' }, { type: 'notSold' }];
    const overdueSteps: string[] = [];
    for (const event of events) {
      const current = await driver.getCase(vin);
      const next = current.nextStep;
      expect(next, `a step is due before ${String(event.type)}`).to.not.equal(null);
      const by = Date.parse(next?.expectedBy ?? '');
      const textsBefore = driver.texts.length;
      // Up to its expected-by instant nothing about it is sent, however often the scheduler looks.
      if (by > clock.now().toMillis()) await driver.walk(new Date(by).toISOString(), 3);
      expect(driver.texts.length, `nothing before ${next?.step} is late`).to.equal(textsBefore);
      // The first look after it is late sends one text; the following days add nothing.
      await driver.walk(new Date(by + 3 * hour).toISOString(), 3);
      expect(driver.texts.length - textsBefore, `one text when ${next?.step} turned overdue`).to.equal(1);
      const text = driver.texts.at(-1);
      expect(Date.parse(text?.at ?? '') - by).to.be.within(0, 3 * hour);
      expect(text?.to).to.equal(phone);
      expect(text?.body).to.contain(vin.slice(-6)).and.contain('overdue');
      await driver.walk(new Date(by + 27 * hour).toISOString(), 6);
      const late = (await driver.getCase(vin)).timeline.filter((step) => step.status === 'overdue').map((step) => step.step);
      expect(late, 'the step stays overdue').to.include(next?.step);
      overdueSteps.push(next?.step ?? '');

      await driver.record(vin, { ...event, at: driver.nowIso() });
    }

    // The no-sale: one text, at once, with who may take the car and against what.
    const beforeResult = driver.texts.length;
    await driver.pass();
    await driver.pass();
    expect(driver.texts.length - beforeResult).to.equal(1);
    expect(driver.texts.at(-1)?.body).to.contain('transporter').and.contain('Bill of Lading');

    // The pickup closes the case: nothing more, ever.
    await driver.record(vin, { type: 'pickedUp', by: 'transporter', document: 'billOfLading', at: driver.nowIso() });
    const atClose = driver.texts.length;
    await driver.walk(new Date(clock.now().toMillis() + 20 * 24 * hour).toISOString(), 12);
    expect(driver.texts.length).to.equal(atClose);

    const notices = await driver.notices(vin);
    onceEach(notices);
    expect(notices.filter((notice) => notice.kind === 'stepOverdue').map((notice) => notice.step)).to.deep.equal(overdueSteps);
    expect(notices.map((notice) => notice.kind)).to.include('notSold');
    for (const notice of notices) {
      expect(notice).to.include({ status: 'sent', channel: 'sms', recipient: phone });
      expect(driver.texts.map((text) => text.sid)).to.include(notice.twilioSid);
    }
    expect(fake.messages).to.have.length(notices.length);
    expectTextShape(driver);
  });

  it('texts once in the last 12 hours of a dealer-purchase hold, and never an overdue step while it runs', async () => {
    const vin = makeVin(160002);
    clock.set('2026-03-03T14:00:00Z');
    await driver.dealer('hold-motors', '+16145550102');
    const notifiedAt = '2026-03-03T15:00:00Z';
    await driver.openCase({ vin, dealerId: 'hold-motors', returnDate: '2026-03-03', intent: 'dealerPurchaseForInventory' });
    clock.set(notifiedAt);
    await driver.record(vin, { type: 'notified', at: notifiedAt });
    const before = driver.texts.length;
    const holdEnd = Date.parse(notifiedAt) + 72 * hour;

    await driver.walk(new Date(holdEnd - 12 * hour - 1000).toISOString(), 1);
    expect(driver.texts.length, 'nothing before the last 12 hours').to.equal(before);
    await driver.walk(new Date(holdEnd - 1000).toISOString(), 1);
    const sent = driver.texts.slice(before);
    expect(sent, 'one text in the last 12 hours').to.have.length(1);
    expect(Date.parse(sent[0]?.at ?? '')).to.be.within(holdEnd - 12 * hour, holdEnd - 11 * hour);
    // The hold's end, on the dealer's clock (Ohio: EST), and the hours from the rules.
    expect(sent[0]?.body).to.contain('72-hour').and.contain('Fri Mar 6 10:00 AM EST').and.contain('877-290-9544, option 2');

    const notices = await driver.notices(vin);
    expect(notices.map((notice) => `${notice.kind}/${notice.step}`)).to.deep.equal(['holdEnding/remarketingHold']);
    expectTextShape(driver);
  });

  it('tells a sale at once: release only to the buying dealer, against proof of sale', async () => {
    const vin = makeVin(160003);
    clock.set('2026-03-04T14:00:00Z');
    await driver.dealer('sold-motors', '+16145550103');
    await driver.openCase({
      vin,
      dealerId: 'sold-motors',
      returnDate: '2026-03-02',
      events: [
        { type: 'notified', at: '2026-03-02T16:00:00Z' },
        { type: 'inspected', at: '2026-03-03T16:00:00Z' },
        { type: 'postedToSmartAuction', at: '2026-03-04T13:00:00Z' },
      ],
    });
    await driver.pass();
    const before = driver.texts.length;
    await driver.record(vin, { type: 'sold', at: driver.nowIso() });
    await driver.pass();
    await driver.pass();
    expect(driver.texts.length - before).to.equal(1);
    expect(driver.texts.at(-1)?.body).to.contain('buying dealer').and.contain('proof of sale').and.contain(vin.slice(-6));
    const sold = (await driver.notices(vin)).filter((notice) => notice.kind === 'sold');
    expect(sold).to.have.length(1);
    expect(sold[0]).to.include({ step: 'smartAuction', status: 'sent', channel: 'sms' });
  });
});
