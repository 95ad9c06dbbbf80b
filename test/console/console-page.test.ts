import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { postJson, startTestApp, type RunningApp } from '../support/test-app.ts';
import { isoDay, launchBrowserOrSkip, makeVin, openConsole, screenshot, unexpectedProblems, type ConsolePage } from './support/browser.ts';

interface CaseSetup {
  state: string;
  intent?: 'lesseeReturn' | 'dealerPurchaseForInventory' | 'dealerPurchaseForLessee';
  hasAvrmAccess?: boolean;
  returnDaysAgo?: number;
  maturityInDays?: number;
  events?: { type: string; at?: string; by?: string; document?: string }[];
}

let dealerCounter = 0;

/** Registers a dealer in `state` and opens a case for a fresh VIN through the API, as a real user would. */
async function createCase(baseUrl: string, setup: CaseSetup): Promise<{ vin: string; dealerName: string }> {
  dealerCounter += 1;
  const dealerId = `console-dealer-${dealerCounter}`;
  const dealerName = `Console Test Motors ${dealerCounter}`;
  const dealer = await postJson(`${baseUrl}/api/v1/dealers`, {
    id: dealerId,
    name: dealerName,
    state: setup.state,
    phones: [`+1614555${String(1000 + dealerCounter)}`],
  });
  expect(dealer.status, JSON.stringify(dealer.body)).to.equal(201);
  const vin = makeVin();
  const opened = await postJson(`${baseUrl}/api/v1/cases`, {
    vin,
    dealerId,
    maturityDate: isoDay(setup.maturityInDays ?? 60),
    returnDate: isoDay(-(setup.returnDaysAgo ?? 2)),
    intent: setup.intent ?? 'lesseeReturn',
    hasAvrmAccess: setup.hasAvrmAccess ?? true,
  });
  expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
  for (const event of setup.events ?? []) {
    const recorded = await postJson(`${baseUrl}/api/v1/cases/${vin}/events`, event);
    expect(recorded.status, JSON.stringify(recorded.body)).to.be.oneOf([200, 201]);
  }
  return { vin, dealerName };
}

const hoursAgo = (hours: number): string => new Date(Date.now() - hours * 3_600_000).toISOString();

async function searchVin(page: Page, query: string): Promise<void> {
  await page.getByTestId('vin-search').fill(query);
  await page.getByTestId('vin-search').press('Enter');
}

async function caseText(page: Page): Promise<string> {
  return page.getByTestId('case-view').innerText();
}

describe('agent console in a browser', function () {
  this.timeout(30_000);
  let running: RunningApp;
  let browser: Browser | undefined;
  let open: ConsolePage | undefined;

  before(async function () {
    browser = await launchBrowserOrSkip(this);
    running = await startTestApp();
  });
  after(async () => {
    await browser?.close();
    await running?.stop();
  });
  afterEach(async () => {
    await open?.context.close();
    open = undefined;
  });

  async function openPage(options: { width?: number; height?: number; hash?: string } = {}): Promise<ConsolePage> {
    if (!browser) throw new Error('no browser');
    open = await openConsole(browser, running.baseUrl, options);
    return open;
  }

  // The under-a-second load target is measured by `npm run bench` (bench/suites/50-console.ts), not here.
  it('loads with focus in the VIN box and nothing failing', async () => {
    const { page, problems } = await openPage();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).to.equal('vin-search');
    // The VIN box sits on the dark bar: its text must not inherit the bar's white.
    expect(await page.getByTestId('vin-search').evaluate((input) => getComputedStyle(input).color)).to.not.equal('rgb(255, 255, 255)');
    expect(unexpectedProblems(problems)).to.deep.equal([]);
  });

  it('finds a stored case by full VIN and shows its decision, timeline, numbers and an expandable why', async () => {
    const { vin, dealerName } = await createCase(running.baseUrl, {
      state: 'OH',
      events: [
        { type: 'notified', at: hoursAgo(40) },
        { type: 'inspected', at: hoursAgo(20) },
      ],
    });
    const { page, problems } = await openPage();
    await searchVin(page, vin);
    const view = page.getByTestId('case-view');
    await view.getByTestId('case-vin').waitFor();
    expect(await view.getByTestId('case-vin').innerText()).to.equal(vin);
    const text = await caseText(page);
    expect(text).to.include(dealerName).and.include('Ohio (OH)');
    expect(await view.getByTestId('termination').innerText()).to.include('Early termination');
    expect(await view.getByTestId('quote').innerText()).to.include('Lessee return');
    expect(await view.getByTestId('remarketing').innerText()).to.include('immediately');
    expect(await view.getByTestId('notification').innerText()).to.include('AVRM');
    expect(await view.getByTestId('numbers-to-give').innerText())
      .to.include('877-290-9544')
      .and.include('option 1');
    expect(await view.getByTestId('release-rule').innerText())
      .to.include('proof of sale')
      .and.include('Bill of Lading');
    expect(await view.getByTestId('timeline-inspected').getAttribute('data-status')).to.equal('done');
    expect(await view.getByTestId('timeline-pickedUp').getAttribute('data-status')).to.be.oneOf(['due', 'overdue', 'waiting']);

    // The why is folded until asked for, then names each rule and the process section it rests on.
    const trace = view.getByTestId('trace');
    expect(await trace.getAttribute('open')).to.equal(null);
    await trace.locator('summary').first().click();
    const entries = trace.getByTestId('trace-entry');
    expect(await entries.count()).to.be.greaterThan(3);
    expect(await trace.innerText()).to.include('Quotes and the type of termination');
    // Each rule reads as its title from the rule file, not as its id.
    expect(await trace.innerText()).to.include('Returned before the maturity window: early termination (ET)');
    await entries.first().locator('summary').click();
    expect(await entries.first().locator('blockquote').isVisible()).to.equal(true);

    await trace.locator('summary').first().click();
    await page.getByTestId('vin-search').focus();
    const file = await screenshot(page, 'console-case-view.png');
    expect(file).to.match(/console-case-view\.png$/);
    expect(unexpectedProblems(problems)).to.deep.equal([]);
  });

  it('finds a case by the last 6 characters of its VIN', async () => {
    const { vin } = await createCase(running.baseUrl, { state: 'TX' });
    const { page, problems } = await openPage();
    await searchVin(page, vin.slice(-6).toLowerCase());
    await page.getByTestId('case-vin').waitFor();
    expect(await page.getByTestId('case-vin').innerText()).to.equal(vin);
    expect(unexpectedProblems(problems)).to.deep.equal([]);
  });

  it('shows an AK/HI/SD case: no inspection, call the Remarketing Center option 1', async () => {
    const { vin } = await createCase(running.baseUrl, { state: 'HI' });
    const { page, problems } = await openPage();
    await searchVin(page, vin);
    const view = page.getByTestId('case-view');
    await view.getByTestId('inspection').waitFor();
    const inspection = await view.getByTestId('inspection').innerText();
    expect(inspection).to.include('Not available in Hawaii').and.include('877-290-9544').and.include('option 1');
    expect(await view.getByTestId('numbers-to-give').innerText())
      .to.include('877-290-9544')
      .and.include('option 1')
      .and.include('Hawaii');
    expect(await view.getByTestId('timeline-inspected').getAttribute('data-status')).to.equal('notApplicable');
    expect(unexpectedProblems(problems)).to.deep.equal([]);
  });

  it('shows a dealer purchase without AVRM: the 72-hour hold, Dealer Buyout option 2 and the dealer-purchase fax', async () => {
    const { vin } = await createCase(running.baseUrl, { state: 'OH', intent: 'dealerPurchaseForInventory', hasAvrmAccess: false });
    const { page, problems } = await openPage();
    await searchVin(page, vin);
    const view = page.getByTestId('case-view');
    await view.getByTestId('remarketing').waitFor();
    expect(await view.getByTestId('remarketing').innerText()).to.include('72 hours');
    expect(await view.getByTestId('quote').innerText()).to.include('Dealer purchase for inventory');
    expect(await view.getByTestId('notification').innerText()).to.include('866-851-0577');
    const numbers = await view.getByTestId('numbers-to-give').innerText();
    expect(numbers).to.include('option 2').and.include('866-851-0577');
    expect(await view.getByTestId('timeline-remarketingHold').count()).to.equal(1);
    await screenshot(page, 'console-dealer-purchase.png');
    expect(unexpectedProblems(problems)).to.deep.equal([]);
  });

  it('explains why a VIN is invalid without asking the server', async () => {
    const { page, problems } = await openPage();
    const status = page.getByTestId('search-status');
    const cases: [string, string][] = [
      ['1HGCM82633A0043521', '17 characters'],
      ['1HGCM82633A0O4352', 'I, O or Q'],
      ['1HGCM82634A004352', 'check digit'],
      ['AB12', 'last 6 characters'],
    ];
    for (const [input, reason] of cases) {
      await searchVin(page, input);
      expect(await status.innerText(), input).to.include(reason);
      expect(await status.getAttribute('role')).to.equal('alert');
      expect(await page.getByTestId('vin-search').getAttribute('aria-invalid')).to.not.equal(null);
    }
    expect(problems.errorResponses).to.deep.equal([]);
    expect(unexpectedProblems(problems)).to.deep.equal([]);
  });

  it('says clearly when no case matches', async () => {
    const { page, problems } = await openPage();
    await searchVin(page, makeVin());
    await page.locator('[data-testid="search-status"][data-kind="error"]').waitFor();
    expect(await page.getByTestId('search-status').innerText()).to.include('No case found');
    expect(unexpectedProblems(problems, [404])).to.deep.equal([]);
  });

  it('runs a what-if decision that stores nothing', async () => {
    const { page, problems } = await openPage();
    const form = page.getByTestId('whatif-form');
    await form.getByLabel('Dealer state').selectOption('SD');
    await form.getByLabel('Intent').selectOption('dealerPurchaseForLessee');
    await form.getByLabel('Maturity date').fill(isoDay(90));
    await form.getByLabel('Return date').fill(isoDay(-1));
    await form.getByLabel('Dealer has AVRM access').uncheck();
    const vin = makeVin();
    await form.locator('summary').click();
    await form.getByLabel('VIN').fill(vin);
    await page.getByTestId('whatif-submit').click();
    const result = page.getByTestId('whatif-result');
    await result.getByTestId('whatif-quote').waitFor();
    expect(await result.getByTestId('whatif-quote').innerText()).to.include('Proof of resale');
    expect(await result.getByTestId('whatif-remarketing').innerText()).to.include('72 hours');
    expect(await result.getByTestId('whatif-inspection').innerText()).to.include('South Dakota');
    expect(await result.getByTestId('whatif-notification').innerText()).to.include('866-851-0577');
    expect(await result.getByTestId('whatif-termination').innerText()).to.include('Early termination');
    expect(await result.getByTestId('whatif-trace').count()).to.equal(1);

    const stored = await fetch(`${running.baseUrl}/api/v1/cases/${vin}`);
    expect(stored.status, 'the what-if VIN has no case').to.equal(404);
    expect(unexpectedProblems(problems)).to.deep.equal([]);
  });

  it('shows the reason when a what-if field is wrong and focuses that field', async () => {
    const { page, problems } = await openPage();
    const form = page.getByTestId('whatif-form');
    await form.locator('summary').click();
    await form.getByLabel('VIN').fill('1HGCM82634A004352');
    await page.getByTestId('whatif-submit').click();
    await page.getByTestId('whatif-error').waitFor();
    expect(await page.getByTestId('whatif-error').innerText()).to.include('check digit');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('whatif-vin');
    expect(unexpectedProblems(problems)).to.deep.equal([]);
  });

  it('asks a question and shows the grounded answer with its citations', async () => {
    const { page, problems } = await openPage();
    await page.getByTestId('ask').fill('The transporter has no bill of lading, can he take the car?');
    await page.getByTestId('ask').press('Enter');
    const answer = page.getByTestId('answer');
    await answer.locator('[data-testid="answer-text"], .error').first().waitFor({ timeout: 5000 });
    expect(await answer.locator('.error').count(), await answer.innerText()).to.equal(0);
    expect(await answer.getByTestId('citation').count()).to.be.greaterThan(0);
    expect(await answer.innerText()).to.include('Bill of Lading');
    expect(await answer.getByTestId('citation').first().getAttribute('data-section')).to.be.a('string');
    expect(unexpectedProblems(problems)).to.deep.equal([]);
  });

  it("answers with the fact the question states over the open case's (a lessee-return case, a question about a dealer purchase)", async () => {
    const { vin } = await createCase(running.baseUrl, { state: 'HI', intent: 'lesseeReturn' });
    const { page, problems } = await openPage();
    await searchVin(page, vin);
    await page.getByTestId('case-view').getByTestId('event-form').waitFor();
    await page.getByTestId('ask').fill('How long is the remarketing hold after a dealer purchase?');
    await page.getByTestId('ask').press('Enter');
    const answerText = page.getByTestId('answer').getByTestId('answer-text');
    await answerText.waitFor({ timeout: 5000 });
    const shown = await answerText.innerText();
    expect(shown)
      .to.include('72 hours')
      .and.not.match(/no hold/i);
    expect(shown).to.match(/^For a dealer purchase in Hawaii\b[^:]*:/, 'the one line says which facts it used: the question’s and the case’s');
    expect(unexpectedProblems(problems)).to.deep.equal([]);
  });

  it('records an event and shows the state machine refusing one out of order', async () => {
    const { vin } = await createCase(running.baseUrl, { state: 'OH', events: [{ type: 'notified', at: hoursAgo(30) }] });
    const { page, problems } = await openPage();
    await searchVin(page, vin);
    const view = page.getByTestId('case-view');
    await view.getByTestId('event-form').waitFor();
    expect(await view.getByTestId('timeline-inspected').getAttribute('data-status')).to.not.equal('done');

    await view.getByTestId('event-type').selectOption('inspected');
    await view.getByTestId('event-note').fill('Inspector came at 10');
    await view.getByTestId('event-submit').click();
    await page.locator('[data-testid="event-result"][data-kind="ok"]').waitFor();
    expect(await view.getByTestId('event-result').innerText()).to.include('Recorded');
    expect(await view.getByTestId('timeline-inspected').getAttribute('data-status')).to.equal('done');
    expect(await view.getByTestId('case-stage').innerText()).to.include('Inspected');

    // The form offers only what the case can take now: no sale before the SmartAuction posting.
    const offered = await view
      .getByTestId('event-type')
      .locator('option')
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(offered).to.include('postedToSmartAuction').and.not.include('sold').and.not.include('inspected').and.not.include('purchaseCompleted');
    // Someone else records the posting meanwhile: the API's 409 is shown as a sentence.
    const behind = await postJson(`${running.baseUrl}/api/v1/cases/${vin}/events`, { type: 'postedToSmartAuction' });
    expect(behind.status).to.equal(201);
    await view.getByTestId('event-type').selectOption('postedToSmartAuction');
    await view.getByTestId('event-submit').click();
    await page.locator('[data-testid="event-result"][data-kind="error"]').waitFor();
    const refusal = await view.getByTestId('event-result').innerText();
    expect(refusal).to.include('Not recorded').and.include('already recorded');
    expect(await view.getByTestId('event-result').getAttribute('role')).to.equal('alert');
    expect(unexpectedProblems(problems, [409])).to.deep.equal([]);
  });

  it('records a completed dealer purchase, which closes the case', async () => {
    const { vin } = await createCase(running.baseUrl, { state: 'OH', intent: 'dealerPurchaseForInventory', events: [{ type: 'notified', at: hoursAgo(5) }] });
    const { page, problems } = await openPage();
    await searchVin(page, vin);
    const view = page.getByTestId('case-view');
    await view.getByTestId('event-form').waitFor();
    await view.getByTestId('event-type').selectOption('purchaseCompleted');
    await view.getByTestId('event-submit').click();
    await page.locator('[data-testid="event-result"][data-kind="ok"]').waitFor();
    expect(await view.getByTestId('case-stage').innerText()).to.include('Bought by the dealer');
    expect(await view.getByTestId('timeline-pickedUp').getAttribute('data-status')).to.equal('notApplicable');
    expect(unexpectedProblems(problems)).to.deep.equal([]);
  });

  it('records a pickup with the document seen', async () => {
    const { vin } = await createCase(running.baseUrl, {
      state: 'OH',
      // A day more than the events need: the return date is a day at the dealership, the events UTC instants.
      returnDaysAgo: 7,
      events: [
        { type: 'notified', at: hoursAgo(140) },
        { type: 'inspected', at: hoursAgo(120) },
        { type: 'postedToSmartAuction', at: hoursAgo(100) },
        { type: 'sold', at: hoursAgo(50) },
      ],
    });
    const { page, problems } = await openPage();
    await searchVin(page, vin);
    const view = page.getByTestId('case-view');
    expect(await view.getByTestId('numbers-to-give').innerText()).to.include('option 4');
    expect(await view.locator('[data-testid="release-rule"] [data-applies="true"]').innerText())
      .to.include('Buying dealer')
      .and.include('proof of sale');
    await view.getByTestId('event-type').selectOption('pickedUp');
    await view.getByTestId('event-by').selectOption('buyingDealer');
    await view.getByTestId('event-document').selectOption('proofOfSale');
    await view.getByTestId('event-submit').click();
    await page.locator('[data-testid="event-result"][data-kind="ok"]').waitFor();
    expect(await view.getByTestId('timeline-pickedUp').getAttribute('data-status')).to.equal('done');
    expect(unexpectedProblems(problems)).to.deep.equal([]);
  });

  it('works from the keyboard alone: Enter searches, Tab reaches every control, / and Esc come back', async () => {
    const { vin } = await createCase(running.baseUrl, { state: 'SD', intent: 'dealerPurchaseForInventory' });
    const { page, problems } = await openPage();
    await page.keyboard.type(vin);
    await page.keyboard.press('Enter');
    await page.getByTestId('case-vin').waitFor();

    // Tab through the whole page once and note every element that took focus.
    const reached = new Set<string>();
    for (let step = 0; step < 120; step += 1) {
      await page.keyboard.press('Tab');
      const key = await page.evaluate(() => {
        const element = document.activeElement;
        if (!element || element === document.body) return 'body';
        element.setAttribute('data-reached', 'yes');
        return element.id || element.getAttribute('data-testid') || `${element.tagName}:${element.textContent?.slice(0, 30) ?? ''}`;
      });
      if (step > 0 && key === 'vin-search') break;
      reached.add(key);
    }
    const unreached = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('input, select, button, summary, a[href], textarea'))
        // checkVisibility() also leaves out what a closed <details> hides.
        .filter((element) => element.checkVisibility() && !(element as HTMLButtonElement).disabled && element.getAttribute('data-reached') !== 'yes')
        .map((element) => element.outerHTML.slice(0, 80)),
    );
    expect(unreached).to.deep.equal([]);
    for (const id of ['event-type', 'event-submit', 'ask', 'ask-submit', 'whatif-submit']) expect([...reached]).to.include(id);

    // Every control has an accessible name (a label, aria-label or its own text).
    const unnamed = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('input, select, button, textarea'))
        .filter((element) => {
          const labelled = element.id !== '' && document.querySelector(`label[for="${CSS.escape(element.id)}"]`) !== null;
          return !labelled && !element.getAttribute('aria-label') && !element.getAttribute('aria-labelledby') && (element.textContent ?? '').trim() === '';
        })
        .map((element) => element.outerHTML.slice(0, 80)),
    );
    expect(unnamed).to.deep.equal([]);

    // The why opens from the keyboard.
    await page.getByTestId('trace').locator('summary').first().focus();
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('trace').getAttribute('open')).to.not.equal(null);

    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('vin-search');
    await page.getByTestId('ask').focus();
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('vin-search');
    await page.getByTestId('trace').locator('summary').first().focus();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('vin-search');
    expect(unexpectedProblems(problems)).to.deep.equal([]);
  });

  it('stays readable in a narrow window (no sideways scrolling)', async () => {
    const { vin } = await createCase(running.baseUrl, { state: 'AK', hasAvrmAccess: false });
    const { page, problems } = await openPage({ width: 390, height: 844, hash: `#vin=${vin}` });
    await page.getByTestId('case-vin').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).to.be.at.most(0);
    await screenshot(page, 'console-narrow.png');
    expect(unexpectedProblems(problems)).to.deep.equal([]);
  });
});
