import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '../../src/clock.ts';
import { postJson, startTestApp, type RunningApp } from '../support/test-app.ts';
import { isoDay, launchBrowserOrSkip, makeVin, openConsole, screenshot, unexpectedProblems, type ConsolePage } from './support/browser.ts';

interface CaseSetup {
  dealerId: string;
  intent?: string;
  returnDate?: string;
  events?: { type: string; at?: string; by?: string; document?: string }[];
}

async function addDealer(baseUrl: string, dealer: { id: string; name: string; state: string; phones: string[] }): Promise<void> {
  const response = await postJson(`${baseUrl}/api/v1/dealers`, dealer);
  expect(response.status, JSON.stringify(response.body)).to.equal(201);
}

async function addCase(baseUrl: string, setup: CaseSetup, vin = makeVin()): Promise<string> {
  const opened = await postJson(`${baseUrl}/api/v1/cases`, {
    vin,
    dealerId: setup.dealerId,
    maturityDate: isoDay(60),
    returnDate: setup.returnDate ?? isoDay(-3),
    intent: setup.intent ?? 'lesseeReturn',
    hasAvrmAccess: true,
    events: setup.events ?? [],
  });
  expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
  return vin;
}

const hoursAgo = (hours: number): string => new Date(Date.now() - hours * 3_600_000).toISOString();

async function search(page: Page, query: string): Promise<void> {
  await page.getByTestId('vin-search').fill(query);
  await page.getByTestId('vin-search').press('Enter');
}

describe('agent console: the phone center (search, queues, notes, events, copy)', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  let running: RunningApp;
  let open: ConsolePage | undefined;
  const vins: Record<string, string> = {};

  before(async function () {
    browser = await launchBrowserOrSkip(this);
    running = await startTestApp();
    await addDealer(running.baseUrl, { id: 'center-motors', name: 'Phone Center Motors', state: 'OH', phones: ['+16145552001'] });
    await addDealer(running.baseUrl, { id: 'other-lot', name: 'Riverside Autos', state: 'OH', phones: ['+16145552002'] });
    vins.first = await addCase(running.baseUrl, { dealerId: 'center-motors', events: [{ type: 'notified', at: hoursAgo(30) }] });
    vins.second = await addCase(running.baseUrl, { dealerId: 'center-motors' });
    vins.riverside = await addCase(running.baseUrl, { dealerId: 'other-lot', events: [{ type: 'notified', at: hoursAgo(30) }] });
  });
  after(async () => {
    await browser?.close();
    await running?.stop();
  });
  afterEach(async () => {
    await open?.context.close();
    open = undefined;
  });

  async function openPage(): Promise<ConsolePage> {
    if (!browser) throw new Error('no browser');
    open = await openConsole(browser, running.baseUrl);
    return open;
  }

  it('finds cases by dealer name: several hits list as rows, and Enter on a row opens that case', async () => {
    const { page, problems } = await openPage();
    await search(page, 'center MOTORS');
    const results = page.getByTestId('search-results');
    await results.getByTestId('case-row').first().waitFor();
    const rows = results.getByTestId('case-row');
    expect(await rows.count()).to.equal(2);
    expect(new Set(await rows.evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-vin'))))).to.deep.equal(
      new Set([vins.first, vins.second]),
    );
    expect(await results.innerText())
      .to.include('Phone Center Motors')
      .and.not.include('Riverside');
    await screenshot(page, 'console-search-rows.png');

    // Keyboard: to the rows, down to the second, Enter.
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    const chosen = await page.evaluate(() => document.activeElement?.getAttribute('data-vin'));
    await page.keyboard.press('Enter');
    await page.getByTestId('case-vin').waitFor();
    expect(await page.getByTestId('case-vin').innerText()).to.equal(chosen);
    expect(unexpectedProblems(problems)).to.deep.equal([]);
  });

  it('finds a dealer by phone however it is typed, and opens the only case a VIN suffix matches', async () => {
    const { page, problems } = await openPage();
    for (const phone of ['(614) 555-2002', '614.555.2002', '+1 614 555 2002']) {
      await search(page, phone);
      await page.getByTestId('case-vin').waitFor();
      expect(await page.getByTestId('case-vin').innerText(), phone).to.equal(vins.riverside);
      await page.evaluate(() => document.querySelector('[data-testid="case-view"]')?.replaceChildren());
    }
    await search(page, '614-555-2001');
    await page.getByTestId('search-results').getByTestId('case-row').first().waitFor();
    expect(await page.getByTestId('search-results').getByTestId('case-row').count()).to.equal(2);

    await search(page, (vins.second ?? '').slice(-6).toLowerCase());
    await page.getByTestId('case-vin').waitFor();
    expect(await page.getByTestId('case-vin').innerText()).to.equal(vins.second);
    expect(await page.getByTestId('search-results').isHidden()).to.equal(true);

    await search(page, 'Nobody Motors');
    await page.locator('[data-testid="search-status"][data-kind="error"]').waitFor();
    expect(await page.getByTestId('search-status').innerText())
      .to.include('No case found')
      .and.include('dealer name');
    expect(unexpectedProblems(problems)).to.deep.equal([]);
  });

  it('an agent signs in with their own token; their note and their event show their name and the time', async () => {
    const { token } = await running.app.agents.add('Dana Smith');
    const { page, problems } = await openPage();
    await page.getByTestId('token-change').click();
    await page.getByTestId('token-input').fill(token);
    await page.getByTestId('token-submit').click();
    await page.getByTestId('token-panel').waitFor({ state: 'hidden' });

    await search(page, vins.first ?? '');
    const view = page.getByTestId('case-view');
    await view.getByTestId('note-form').waitFor();
    expect(await view.getByTestId('notes').innerText()).to.include('No call notes yet');
    await view.getByTestId('note-text').fill('Dealer asked when the inspector comes.\nCall back after 3.');
    await view.getByTestId('note-submit').click();
    await page.locator('[data-testid="note-result"][data-kind="ok"]').waitFor();
    const note = view.getByTestId('note').first();
    expect(await note.innerText())
      .to.include('Dealer asked when the inspector comes.')
      .and.include('Call back after 3.');
    expect(await note.getByTestId('note-meta').innerText()).to.match(/^Agent Dana Smith · \w{3}, \w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2} (AM|PM) E[SD]T$/);

    await view.getByTestId('event-type').selectOption('inspected');
    await view.getByTestId('event-submit').click();
    await page.locator('[data-testid="event-result"][data-kind="ok"]').waitFor();
    const recorded = await view.getByTestId('event-recorded-by').allInnerTexts();
    // The notification came with the case, opened through the API on this machine: the administrator.
    expect(recorded[0]).to.include('recorded by Administrator');
    expect(recorded[recorded.length - 1]).to.include('recorded by Agent Dana Smith');
    // The note survives the case being drawn again after the event.
    expect(await view.getByTestId('note').count()).to.equal(1);
    await screenshot(page, 'console-notes.png');
    expect(unexpectedProblems(problems)).to.deep.equal([]);
  });

  it('offers only the events the case can take, says when it takes none, and words a refusal as a sentence', async () => {
    // Everything the process expects, letters included, then the pickup: nothing is left to record.
    const closedVin = await addCase(running.baseUrl, {
      dealerId: 'center-motors',
      returnDate: isoDay(-8),
      events: [
        { type: 'notified', at: hoursAgo(160) },
        { type: 'inspected', at: hoursAgo(140) },
        { type: 'etPreSaleLetterMailed', at: hoursAgo(130) },
        { type: 'postedToSmartAuction', at: hoursAgo(120) },
        { type: 'sold', at: hoursAgo(60) },
        { type: 'settlementLetterMailed', at: hoursAgo(50) },
        { type: 'pickedUp', at: hoursAgo(40), by: 'buyingDealer', document: 'proofOfSale' },
      ],
    });
    const { page, problems } = await openPage();
    await search(page, vins.riverside ?? '');
    const view = page.getByTestId('case-view');
    await view.getByTestId('event-form').waitFor();
    const offered = await view
      .getByTestId('event-type')
      .locator('option')
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(offered[0]).to.equal('inspected');
    expect(offered).to.not.include('purchaseCompleted').and.not.include('notified').and.not.include('sold');
    expect(await view.locator('label[for="event-at"]').innerText()).to.match(/dealer's time, E[SD]T/);

    // A time tomorrow: the API's "at is in the future." reads as a sentence about the event time.
    const tomorrow = await view.getByTestId('event-at').inputValue();
    const [day, time] = tomorrow.split('T');
    const next = new Date(`${day}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    await view.getByTestId('event-at').fill(`${next.toISOString().slice(0, 10)}T${time}`);
    await view.getByTestId('event-submit').click();
    await page.locator('[data-testid="event-result"][data-kind="error"]').waitFor();
    const refusal = await view.getByTestId('event-result').innerText();
    expect(refusal).to.include('The event time is in the future.');
    expect(refusal).to.not.match(/\bat is\b/);

    await search(page, closedVin);
    await page.getByTestId('case-vin').filter({ hasText: closedVin }).waitFor();
    expect(await view.getByTestId('no-more-events').innerText()).to.include('takes no more events');
    expect(await view.getByTestId('event-type').count()).to.equal(0);
    expect(unexpectedProblems(problems, [400])).to.deep.equal([]);
  });

  it('copies the VIN and a phone number with one click', async () => {
    if (!browser) throw new Error('no browser');
    const context = await browser.newContext({ baseURL: running.baseUrl });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: running.baseUrl });
    const page = await context.newPage();
    try {
      await page.goto('/console');
      await page.waitForSelector('body[data-ready="true"]');
      await search(page, vins.first ?? '');
      await page.getByTestId('copy-vin').click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).to.equal(vins.first);
      expect(await page.getByTestId('copy-vin').innerText()).to.equal('Copied');

      const dealerPhone = page.getByTestId('dealer-phones').getByTestId('copy-number');
      await dealerPhone.click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).to.equal('+16145552001');
      // Every number the agent reads out has its button: the numbers to give too.
      const numberButtons = page.getByTestId('numbers-to-give').getByTestId('copy-number');
      expect(await numberButtons.count()).to.be.greaterThan(0);
      await numberButtons.first().click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).to.match(/^\d{3}-\d{3}-\d{4}$/);
    } finally {
      await context.close();
    }
  });
});

describe('agent console: the queues', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  let running: RunningApp;
  const clock = new FixedClock('2026-04-15T16:00:00Z'); // noon in Ohio
  const vins = { overdue: makeVin(), dueToday: makeVin(), hold: makeVin(), quiet: makeVin() };

  before(async function () {
    browser = await launchBrowserOrSkip(this);
    running = await startTestApp({}, { clock });
    await addDealer(running.baseUrl, { id: 'queue-motors', name: 'Queue Motors', state: 'OH', phones: ['+16145553001'] });
    await addCase(running.baseUrl, { dealerId: 'queue-motors', returnDate: '2026-04-10' }, vins.overdue);
    await addCase(running.baseUrl, { dealerId: 'queue-motors', returnDate: '2026-04-15' }, vins.dueToday);
    await addCase(
      running.baseUrl,
      { dealerId: 'queue-motors', returnDate: '2026-04-13', intent: 'dealerPurchaseForLessee', events: [{ type: 'notified', at: '2026-04-13T10:00:00Z' }] },
      vins.hold,
    );
    await addCase(
      running.baseUrl,
      { dealerId: 'queue-motors', returnDate: '2026-04-15', events: [{ type: 'notified', at: '2026-04-15T13:00:00Z' }] },
      vins.quiet,
    );
  });
  after(async () => {
    await browser?.close();
    await running?.stop();
  });

  it('shows each queue with its count, and a row opens its case', async () => {
    if (!browser) throw new Error('no browser');
    const { page, problems, context } = await openConsole(browser, running.baseUrl);
    try {
      await page.getByTestId('queue-overdue').waitFor();
      expect(await page.getByTestId('queue-overdue-count').innerText()).to.equal('1');
      expect(await page.getByTestId('queue-due-today-count').innerText()).to.equal('1');
      expect(await page.getByTestId('queue-holds-ending-count').innerText()).to.equal('1');
      expect(await page.locator('#handoff-queue-slot').count()).to.equal(1);

      const holds = page.getByTestId('queue-holds-ending');
      await holds.locator('summary').click();
      const holdRow = holds.getByTestId('queue-row');
      expect(await holdRow.getAttribute('data-vin')).to.equal(vins.hold);
      // When the hold ends, in the dealer's zone: 06:00 EDT on April 16.
      expect(await holdRow.innerText()).to.include('hold ends Thu, Apr 16, 2026, 6:00 AM EDT');

      const overdue = page.getByTestId('queue-overdue');
      await overdue.locator('summary').focus();
      await page.keyboard.press('Enter');
      const row = overdue.getByTestId('queue-row');
      expect(await row.innerText())
        .to.include('Queue Motors')
        .and.include('overdue since');
      await row.focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('case-vin').waitFor();
      expect(await page.getByTestId('case-vin').innerText()).to.equal(vins.overdue);
      await screenshot(page, 'console-queues.png');
      expect(unexpectedProblems(problems)).to.deep.equal([]);
    } finally {
      await context.close();
    }
  });
});
