import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { FixedClock } from '../../src/clock.ts';
import { makeVin as makeNumberedVin } from '../cases/case-fixtures.ts';
import { NoticeDriver, twilioEnv } from '../notices/notice-support.ts';
import { FakeTwilioServer } from '../support/fake-twilio-server.ts';
import { getJson, startTestApp } from '../support/test-app.ts';
import { launchBrowserOrSkip, openConsole, screenshot, unexpectedProblems } from './support/browser.ts';

/** The case's notices and the dealer's notice settings in the agent console (issue 16), in a real browser. */
describe('agent console: notices on the case', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  let fake: FakeTwilioServer;
  let driver: NoticeDriver;
  const clock = new FixedClock('2026-03-04T15:00:00Z');

  before(async function () {
    browser = await launchBrowserOrSkip(this);
    fake = await new FakeTwilioServer().start();
    driver = new NoticeDriver(await startTestApp(twilioEnv(fake, { NOTICE_QUIET_HOURS: 'off' }), { clock }), clock, fake);
  });
  after(async () => {
    await browser?.close();
    await driver?.running.stop();
    await fake?.stop();
  });

  it('lists what was sent (channel, delivery status, Twilio SID) and changes the dealer’s settings', async () => {
    if (!browser) return;
    const vin = makeNumberedVin(163001);
    await driver.dealer('console-notice-motors', '+16145555001');
    await driver.openCase({
      vin,
      dealerId: 'console-notice-motors',
      returnDate: '2026-03-02',
      events: [
        { type: 'notified', at: '2026-03-02T16:00:00Z' },
        { type: 'inspected', at: '2026-03-03T16:00:00Z' },
        { type: 'postedToSmartAuction', at: '2026-03-04T13:00:00Z' },
      ],
    });
    await driver.record(vin, { type: 'sold' });
    await driver.pass();
    const sid = fake.messages[0]?.sid ?? '';
    expect(sid).to.match(/^SM/);
    await fake.postStatus(sid, 'delivered', driver.url('/api/v1/sms/status'));

    const { page, context, problems } = await openConsole(browser, driver.running.baseUrl, { hash: `#vin=${vin}` });
    try {
      const row = page.locator('[data-testid="notice-row"][data-kind="sold"]');
      await row.waitFor();
      expect(await row.getAttribute('data-status')).to.equal('sent');
      expect(await row.getByTestId('notice-channel').innerText())
        .to.contain('SMS')
        .and.contain('+16145555001');
      expect(await row.getByTestId('notice-delivery').innerText()).to.equal('delivered');
      expect(await row.getByTestId('notice-sid').innerText()).to.equal(sid);

      await page.getByTestId('notice-kind-notSold').uncheck();
      await page.getByTestId('notice-channel-preference').selectOption('sms');
      await page.getByTestId('notice-settings-save').click();
      await page.locator('[data-testid="notice-settings-result"][data-kind="ok"]').waitFor();
      const saved = await getJson(driver.url('/api/v1/dealers/console-notice-motors/notice-settings'));
      expect(saved.body).to.deep.include({ channel: 'sms', kinds: { stepOverdue: true, holdEnding: true, sold: true, notSold: false } });
      await screenshot(page, 'console-notices.png');
      expect(unexpectedProblems(problems)).to.deep.equal([]);
    } finally {
      await context.close();
    }
  });
});
