import { expect } from 'chai';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestApp, type RunningApp } from '../support/test-app.ts';
import { startDirectLineHarness, type DirectLineHarness } from './support/direct-line-harness.ts';

const chromiumPath = '/usr/bin/chromium';
const outputDir = path.resolve('test-output');

/** Everything that went wrong in the page: console errors, page errors, failed or 4xx/5xx requests. */
interface PageProblems {
  list: string[];
}

function watch(page: Page): PageProblems {
  const problems: PageProblems = { list: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.list.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.list.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.list.push(`failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.list.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  return problems;
}

const transcript = (page: Page) => page.locator('.webchat__basic-transcript');
const sendBox = (page: Page) => page.locator('[data-id="webchat-sendbox-input"]');

async function say(page: Page, text: string): Promise<void> {
  await sendBox(page).fill(text);
  await sendBox(page).press('Enter');
}

async function botMessages(page: Page): Promise<number> {
  return ((await transcript(page).innerText()).match(/Bot LR said/g) ?? []).length;
}

async function waitForMoreBotMessages(page: Page, than: number): Promise<void> {
  await page.waitForFunction((count) => (document.querySelector('.webchat__basic-transcript')?.textContent?.match(/Bot LR said/g) ?? []).length > count, than, {
    timeout: 15_000,
  });
}

const storedConversationId = (page: Page) =>
  page.evaluate(() => (JSON.parse(sessionStorage.getItem('lease-return-assistant.chat') ?? '{}') as { conversationId?: string }).conversationId);

describe('Web Chat in a real browser on /chat', function () {
  this.timeout(60_000);
  let browser: Browser;

  before(async function () {
    if (!existsSync(chromiumPath)) {
      console.warn(`    skipping browser tests: ${chromiumPath} is absent (apt-get install -y chromium)`);
      this.skip();
    }
    mkdirSync(outputDir, { recursive: true });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    });
  });
  after(async () => {
    await browser?.close();
  });

  describe('with the product bot', () => {
    let running: RunningApp;
    before(async () => {
      running = await startTestApp();
    });
    after(async () => {
      await running?.stop();
    });

    it('answers a typed question, takes a card action, and carries on after a reload, without a single error', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems = watch(page);
      await page.goto(`${running.baseUrl}/chat`);
      expect(await page.title()).to.equal('Lease Return Assistant');
      await page.getByRole('button', { name: 'Who to call' }).first().waitFor(); // the product's four things, beside the chat
      await waitForMoreBotMessages(page, 0); // the welcome, with its menu card

      let before = await botMessages(page);
      await say(page, "What's the fax for dealer purchases?");
      await waitForMoreBotMessages(page, before);
      await transcript(page).getByText('866-851-0577').first().waitFor();

      // Adaptive Card Action.Submit buttons in the bot's latest cards: the menu, then the contacts topic.
      before = await botMessages(page);
      await transcript(page).getByRole('button', { name: 'Who to call' }).last().click();
      await waitForMoreBotMessages(page, before);
      before = await botMessages(page);
      await transcript(page).getByRole('button', { name: 'The full directory' }).last().click();
      await waitForMoreBotMessages(page, before);
      await transcript(page).getByText('877-290-9544').first().waitFor();
      const conversationId = await storedConversationId(page);
      expect(conversationId).to.be.a('string');
      await page.screenshot({ path: path.join(outputDir, 'web-chat-product-bot.png'), fullPage: true });

      await page.reload();
      await transcript(page).getByText('877-290-9544').first().waitFor(); // the history came back
      expect(await storedConversationId(page)).to.equal(conversationId);
      before = await botMessages(page);
      await page.locator('aside').getByRole('button', { name: 'Return a vehicle' }).click(); // the page's own shortcut
      await waitForMoreBotMessages(page, before);
      await page.waitForTimeout(500); // let Web Chat scroll to the new reply before the picture
      await page.screenshot({ path: path.join(outputDir, 'web-chat-after-reload.png'), fullPage: true });
      expect(problems.list).to.deep.equal([]);
      await page.close();
    }).timeout(60_000);
  });

  describe('with the product bot on a server with API_TOKEN set', () => {
    const apiToken = 'a-browser-test-api-token-0123456789';
    let running: RunningApp;
    before(async () => {
      running = await startTestApp({ API_TOKEN: apiToken });
    });
    after(async () => {
      await running?.stop();
    });

    it('asks for the API token once, says so clearly when it is wrong, and reloads without asking again', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems = watch(page);
      await page.goto(`${running.baseUrl}/chat`);
      const tokenInput = page.getByRole('textbox', { name: 'API token' });
      await tokenInput.waitFor();
      await page.getByText('This server needs an API token').waitFor();
      expect(await transcript(page).count()).to.equal(0); // no conversation without the token

      await tokenInput.fill('not-the-right-token-at-all');
      await page.getByRole('button', { name: 'Start the conversation' }).click();
      await page.getByText('That API token was not accepted (401)').waitFor();
      expect(await page.evaluate(() => sessionStorage.getItem('lease-return-assistant.api-token'))).to.equal(null);
      await page.screenshot({ path: path.join(outputDir, 'web-chat-token-rejected.png'), fullPage: true });

      await tokenInput.fill(apiToken);
      await tokenInput.press('Enter');
      await waitForMoreBotMessages(page, 0); // the welcome, with its menu card
      expect(await tokenInput.isVisible()).to.equal(false);
      const conversationId = await storedConversationId(page);
      expect(conversationId).to.be.a('string');
      let before = await botMessages(page);
      await say(page, 'Who to call');
      await waitForMoreBotMessages(page, before);
      await page.screenshot({ path: path.join(outputDir, 'web-chat-token-accepted.png'), fullPage: true });

      // Direct Line calls after the start carry the conversation's own token, never the API token.
      const apiTokenSentTo: string[] = [];
      page.on('request', (request) => {
        if ((request.headers().authorization ?? '').includes(apiToken)) apiTokenSentTo.push(request.url());
      });
      await page.reload();
      await transcript(page).getByText('Who to call').first().waitFor(); // the history came back
      expect(await tokenInput.isVisible()).to.equal(false);
      expect(await storedConversationId(page)).to.equal(conversationId);
      before = await botMessages(page);
      await say(page, 'help');
      await waitForMoreBotMessages(page, before);
      expect(apiTokenSentTo).to.deep.equal([]);

      // A conversation the tab lost (expired, evicted) starts again with the kept token, without asking.
      // (Removed on pagehide, after the page's own listener has saved it.)
      await page.evaluate(() => window.addEventListener('pagehide', () => sessionStorage.removeItem('lease-return-assistant.chat')));
      await page.reload();
      await waitForMoreBotMessages(page, 0);
      expect(await tokenInput.isVisible()).to.equal(false);
      expect(await storedConversationId(page)).not.to.equal(conversationId);

      // The wrong token's refusal is the only thing that went wrong (Chromium logs the 401 too).
      const expected = [/^HTTP 401: POST .*\/v3\/directline\/conversations$/, /^console: Failed to load resource: .*401/];
      expect(problems.list.filter((problem) => !expected.some((pattern) => pattern.test(problem)))).to.deep.equal([]);
      expect(problems.list).to.have.length.of.at.most(2);
      await page.close();
    }).timeout(60_000);
  });

  describe('with a stand-in botbuilder bot (the Direct Line plumbing on its own)', () => {
    let harness: DirectLineHarness;
    before(async () => {
      harness = await startDirectLineHarness();
    });
    after(async () => {
      await harness?.stop();
    });

    it('renders cards, posts Action.Submit values, and resumes the same conversation after a reload', async () => {
      const page = await browser.newPage();
      const problems = watch(page);
      await page.goto(`${harness.baseUrl}/chat`);
      await transcript(page).getByText('Welcome from the stand-in bot.', { exact: true }).first().waitFor();
      await say(page, 'hello there');
      await transcript(page).getByText('Echo: hello there', { exact: true }).first().waitFor();
      await transcript(page).getByRole('button', { name: 'Check a status' }).last().click();
      await transcript(page).getByText('You chose status.', { exact: true }).first().waitFor();
      await page.reload();
      await transcript(page).getByText('You chose status.', { exact: true }).first().waitFor();
      await say(page, 'after reload');
      await transcript(page).getByText('Echo: after reload', { exact: true }).first().waitFor();
      const conversations = new Set(harness.bot.received.map((activity) => activity.conversation?.id));
      expect(conversations.size).to.equal(1);
      expect(harness.bot.received.filter((activity) => activity.type === 'conversationUpdate')).to.have.length(1);
      expect(harness.bot.received.find((activity) => activity.value !== undefined)?.value).to.deep.equal({ choice: 'status' });
      expect(problems.list).to.deep.equal([]);
      await page.close();
    }).timeout(60_000);
  });
});
