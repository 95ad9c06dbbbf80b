import { expect } from 'chai';
import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import { postJson, startTestApp, type RunningApp } from '../support/test-app.ts';
import { isoDay, launchBrowserOrSkip, makeVin, openConsole, unexpectedProblems, type ConsolePage } from './support/browser.ts';

/** Issue 16: the console's decision panel says when a dealer purchase's 72-hour hold ends, in the dealer's zone. */
describe('agent console: the end of the dealer-purchase hold', function () {
  this.timeout(30_000);
  let running: RunningApp;
  let browser: Browser | undefined;
  let open: ConsolePage | undefined;

  before(async function () {
    browser = await launchBrowserOrSkip(this);
    running = await startTestApp();
  });
  after(async () => {
    await open?.context.close();
    await browser?.close();
    await running?.stop();
  });

  async function dealerPurchase(dealerId: string, state: string, notifiedAt: string | null): Promise<string> {
    expect(
      (
        await postJson(`${running.baseUrl}/api/v1/dealers`, {
          id: dealerId,
          name: `Hold ${dealerId}`,
          state,
          phones: [state === 'CA' ? '+13105557701' : '+16145557702'],
        })
      ).status,
    ).to.equal(201);
    const vin = makeVin();
    const opened = await postJson(`${running.baseUrl}/api/v1/cases`, {
      vin,
      dealerId,
      maturityDate: isoDay(60),
      returnDate: isoDay(-1),
      intent: 'dealerPurchaseForInventory',
      hasAvrmAccess: true,
      ...(notifiedAt === null ? {} : { events: [{ type: 'notified', at: notifiedAt }] }),
    });
    expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
    return vin;
  }

  it('dates the hold end from the notification, in the dealer zone, in the Remarketing row', async () => {
    if (!browser) throw new Error('no browser');
    // Notified 10 hours ago (at 15 minutes past an hour, so the end is never a midnight shown without its time).
    const notified = DateTime.utc().minus({ hours: 10 }).set({ minute: 15, second: 0, millisecond: 0 });
    const vin = await dealerPurchase('hold-ca', 'CA', notified.toISO() ?? '');
    const notNotified = await dealerPurchase('hold-oh', 'OH', null);
    open = await openConsole(browser, running.baseUrl, {});
    const { page, problems } = open;

    await page.getByTestId('vin-search').fill(vin);
    await page.getByTestId('vin-search').press('Enter');
    const holdEnds = page.getByTestId('case-view').getByTestId('hold-ends');
    await holdEnds.waitFor();
    const end = notified.plus({ hours: 72 }).setZone('America/Los_Angeles');
    const shown = await holdEnds.innerText();
    expect(shown).to.include('hold ends');
    expect(shown).to.include(end.toFormat('LLL d'));
    expect(shown).to.include(end.toFormat('h:mm a'));
    expect(shown).to.match(/P[SD]T/);

    await page.getByTestId('vin-search').fill(notNotified);
    await page.getByTestId('vin-search').press('Enter');
    await page.getByTestId('case-view').getByText('the hold starts when Ally is notified').waitFor();
    expect(unexpectedProblems(problems)).to.deep.equal([]);
  });
});
