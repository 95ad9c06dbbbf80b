import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { launchBrowserOrSkip, openConsole, screenshot, unexpectedProblems, type ConsolePage } from '../console/support/browser.ts';
import { startTestApp, type RunningApp } from '../support/test-app.ts';

const transcript = (page: Page) => page.locator('.webchat__basic-transcript');

async function say(page: Page, text: string): Promise<void> {
  const box = page.locator('[data-id="webchat-sendbox-input"]');
  await box.fill(text);
  await box.press('Enter');
}

/** The bot's messages as the dealer sees them (Web Chat writes "Bot attached:" above each card). */
const botMessageCount = async (page: Page): Promise<number> => ((await transcript(page).innerText()).match(/Bot attached:/g) ?? []).length;

/**
 * A dealer in /chat and an agent in /console, in two browser contexts of a real Chromium (issue 15):
 * the handoff reaches the queue within 2 s, each side sees the other's messages, the bot is silent while
 * the agent holds the conversation and answers again once it is ended.
 */
describe('handoff round trip: a dealer in /chat, an agent in /console', function () {
  this.timeout(90_000);
  let browser: Browser | undefined;
  let running: RunningApp;

  before(async function () {
    browser = await launchBrowserOrSkip(this);
    // People answer around the clock here, so the real clock (this test's browser needs it) never falls outside.
    running = await startTestApp({ SUPPORT_HOURS: 'UTC=Mon-Sun 00:00-24:00' });
  });
  after(async () => {
    await running?.stop();
    await browser?.close();
  });

  it('queues the conversation within 2 s, the agent takes it, both see each other, and ending it gives the dealer back to the bot', async () => {
    if (!browser) return;
    const agent: ConsolePage = await openConsole(browser, running.baseUrl);
    const dealerContext = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const dealer = await dealerContext.newPage();
    const dealerProblems: string[] = [];
    dealer.on('pageerror', (error) => dealerProblems.push(error.message));
    await dealer.goto(`${running.baseUrl}/chat`);
    await transcript(dealer).getByText('Return a vehicle').first().waitFor({ timeout: 20_000 });

    const queueCount = agent.page.getByTestId('queue-handoffs-count');
    await queueCount.waitFor();
    expect(await queueCount.innerText()).to.equal('0');

    await say(dealer, 'can I talk to a person?');
    await transcript(dealer)
      .getByText(/connecting you with a person/i)
      .waitFor({ timeout: 15_000 })
      .catch(async (error: unknown) => {
        await dealer.screenshot({ path: 'test-output/handoff-chat-failed.png', fullPage: true });
        throw error;
      });
    const queued = Date.now();
    await agent.page.waitForFunction(() => document.querySelector('[data-testid="queue-handoffs-count"]')?.textContent === '1', undefined, { timeout: 2000 });
    const withinMs = Date.now() - queued;
    console.log(`      the handoff reached the console's queue ${withinMs} ms after the dealer saw "connecting"`);

    await agent.page.getByTestId('queue-handoffs').getByTestId('handoff-row').first().click();
    const view = agent.page.getByTestId('handoff-view');
    await view.getByTestId('handoff-transcript').getByText('can I talk to a person?').waitFor();
    await view.getByTestId('handoff-take').click();
    await transcript(dealer)
      .getByText(/has joined the conversation/)
      .waitFor({ timeout: 10_000 });

    const reply = view.getByTestId('agent-reply');
    await reply.fill('Hi, this is Ally support. How can I help?');
    await reply.press('Enter');
    await transcript(dealer).getByText('Hi, this is Ally support. How can I help?').waitFor({ timeout: 10_000 });

    const botMessagesBefore = await botMessageCount(dealer);
    await say(dealer, 'The transporter has no bill of lading, VIN ends 042788');
    await view.getByTestId('handoff-messages').getByText('The transporter has no bill of lading, VIN ends 042788').waitFor({ timeout: 5000 });
    await dealer.waitForTimeout(1000);
    expect(await botMessageCount(dealer), 'the bot answers nothing while the agent holds the conversation').to.equal(botMessagesBefore);
    await screenshot(agent.page, 'handoff-console.png');

    await view.getByTestId('handoff-end').click();
    await transcript(dealer)
      .getByText(/I.m back/)
      .waitFor({ timeout: 10_000 });
    await agent.page.waitForFunction(() => document.querySelector('[data-testid="queue-handoffs-count"]')?.textContent === '0', undefined, { timeout: 3000 });

    await say(dealer, "What's the fax for dealer purchases?");
    await transcript(dealer).getByText('866-851-0577').first().waitFor({ timeout: 15_000 });
    await dealer.screenshot({ path: 'test-output/handoff-chat.png', fullPage: true });

    expect(withinMs).to.be.below(2000);
    expect(unexpectedProblems(agent.problems)).to.deep.equal([]);
    expect(dealerProblems).to.deep.equal([]);
    await dealerContext.close();
    await agent.context.close();
  }).timeout(60_000);
});
