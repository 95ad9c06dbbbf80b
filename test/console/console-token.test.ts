import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { postJson, startTestApp, type RunningApp } from '../support/test-app.ts';
import { isoDay, launchBrowserOrSkip, makeVin, openConsole, unexpectedProblems, type ConsolePage } from './support/browser.ts';

const token = 'console-browser-token-0123456789';

describe('agent console with API_TOKEN set', function () {
  this.timeout(60_000);
  let running: RunningApp;
  let browser: Browser | undefined;
  let open: ConsolePage | undefined;
  let vin: string;

  before(async function () {
    browser = await launchBrowserOrSkip(this);
    running = await startTestApp({ API_TOKEN: token });
    const auth = { authorization: `Bearer ${token}` };
    const dealer = await postJson(
      `${running.baseUrl}/api/v1/dealers`,
      { id: 'token-dealer', name: 'Token Motors', state: 'OH', phones: ['+16145550199'] },
      auth,
    );
    expect(dealer.status).to.equal(201);
    vin = makeVin();
    const opened = await postJson(
      `${running.baseUrl}/api/v1/cases`,
      { vin, dealerId: 'token-dealer', maturityDate: isoDay(30), returnDate: isoDay(-1), intent: 'lesseeReturn', hasAvrmAccess: true },
      auth,
    );
    expect(opened.status).to.equal(201);
  });
  after(async () => {
    await browser?.close();
    await running?.stop();
  });
  afterEach(async () => {
    await open?.context.close();
    open = undefined;
  });

  it('asks for the token first, refuses a wrong one clearly, then works with the right one for the session', async () => {
    if (!browser) throw new Error('no browser');
    open = await openConsole(browser, running.baseUrl);
    const { page, problems } = open;
    const panel = page.getByTestId('token-panel');
    expect(await panel.isVisible()).to.equal(true);
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('token-input');

    await page.keyboard.type('not-the-token-at-all');
    await page.keyboard.press('Enter');
    await page.getByTestId('token-message').filter({ hasText: 'not accepted' }).waitFor();
    expect(await page.getByTestId('token-message').innerText()).to.include('401');
    expect(await panel.isVisible()).to.equal(true);
    expect(await page.evaluate(() => sessionStorage.length)).to.equal(0);

    await page.keyboard.type(token);
    await page.keyboard.press('Enter');
    await panel.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('vin-search');

    await page.keyboard.type(vin);
    await page.keyboard.press('Enter');
    await page.getByTestId('case-vin').waitFor();
    expect(await page.getByTestId('case-vin').innerText()).to.equal(vin);

    // Kept for the browser session: a reload does not ask again.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    expect(await panel.isVisible()).to.equal(false);
    expect(unexpectedProblems(problems, [401])).to.deep.equal([]);
  });

  it('asks again with a clear message when the server stops accepting the stored token', async () => {
    if (!browser) throw new Error('no browser');
    open = await openConsole(browser, running.baseUrl);
    const { page, problems } = open;
    await page.evaluate(() => sessionStorage.setItem('lra-console-api-token', 'a-token-that-was-rotated'));
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    // The queues load at once, so a rotated token is noticed before the agent searches.
    await page.getByTestId('token-panel').waitFor();
    expect(await page.getByTestId('token-message').innerText()).to.include('refused (401)');

    await page.getByTestId('token-input').fill(token);
    await page.getByTestId('token-input').press('Enter');
    await page.getByTestId('token-panel').waitFor({ state: 'hidden' });
    await page.getByTestId('queue-overdue').waitFor();
    await page.getByTestId('vin-search').fill(vin);
    await page.getByTestId('vin-search').press('Enter');
    await page.getByTestId('case-vin').waitFor();
    expect(await page.getByTestId('case-vin').innerText()).to.equal(vin);
    expect(unexpectedProblems(problems, [401])).to.deep.equal([]);
  });
});
