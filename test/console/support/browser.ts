import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expectedCheckDigit } from '../../../src/domain/vin.ts';

export const chromiumPath = '/usr/bin/chromium';
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
export const outputDirectory = path.resolve('test-output');

/**
 * Launches Debian's Chromium, or skips the whole file with a clear reason when it is not installed
 * (CI installs it in .ci/run). Call from a mocha `before` with its context.
 */
export async function launchBrowserOrSkip(context: Mocha.Context): Promise<Browser | undefined> {
  if (!existsSync(chromiumPath)) {
    console.warn(`  Skipping the agent console browser tests: ${chromiumPath} is not installed (apt-get install -y chromium).`);
    context.skip();
    return undefined;
  }
  // playwright-core gives every launch a fresh temporary profile (user-data dir), removed on close.
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

/** What went wrong in the page that no assertion asked for: console errors, page errors, failed requests. */
export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
  /** Responses with status ≥ 400, as "409 POST /api/v1/cases/…/events". */
  errorResponses: string[];
  /** Requests the browser aborted, with the number of main-frame navigations seen when each started. */
  abortedRequests: { text: string; navigation: number }[];
  /** Main-frame navigations so far (a reload aborts the old page's requests in flight: the console polls every second). */
  navigations: number;
}

export interface ConsolePage {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
}

export async function openConsole(browser: Browser, baseUrl: string, options: { width?: number; height?: number; hash?: string } = {}): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: options.height ?? 720 }, baseURL: baseUrl });
  const page = await context.newPage();
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], failedRequests: [], errorResponses: [], abortedRequests: [], navigations: 0 };
  const startedAt = new WeakMap<object, number>();
  page.on('request', (request) => startedAt.set(request, problems.navigations));
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) problems.navigations += 1;
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.message));
  page.on('requestfailed', (request) => {
    const text = `${request.method()} ${request.url()}: ${request.failure()?.errorText ?? 'failed'}`;
    if (request.failure()?.errorText === 'net::ERR_ABORTED')
      problems.abortedRequests.push({ text, navigation: startedAt.get(request) ?? problems.navigations });
    else problems.failedRequests.push(text);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.errorResponses.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
  });
  await page.goto(`/console${options.hash ?? ''}`);
  await page.waitForSelector('body[data-ready="true"]');
  return { context, page, problems };
}

/**
 * Chromium logs every 4xx/5xx fetch as a console error ("Failed to load resource: … 409"); a test that
 * provokes one on purpose passes the statuses it expects.
 */
export function unexpectedProblems(problems: PageProblems, expectedStatuses: readonly number[] = []): string[] {
  const expected = (status: string): boolean => expectedStatuses.some((code) => status.startsWith(`${code} `));
  const expectedLog = (text: string): boolean => expectedStatuses.some((code) => text.includes(`status of ${code}`));
  return [
    ...problems.pageErrors.map((error) => `page error: ${error}`),
    ...problems.failedRequests.map((request) => `failed request: ${request}`),
    // An abort is a failure unless the page navigated away (a reload) after the request started.
    ...problems.abortedRequests.filter((aborted) => aborted.navigation === problems.navigations).map((aborted) => `failed request: ${aborted.text}`),
    ...problems.errorResponses.filter((response) => !expected(response)).map((response) => `error response: ${response}`),
    ...problems.consoleErrors.filter((text) => !expectedLog(text)).map((text) => `console: ${text}`),
  ];
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(outputDirectory, { recursive: true });
  const file = path.join(outputDirectory, name);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

const vinAlphabet = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
let vinCounter = 0;

/** A valid VIN (right check digit) that differs per call, so each test opens its own case. */
export function makeVin(): string {
  vinCounter += 1;
  const seed = `${Date.now().toString(36)}${vinCounter}${Math.random().toString(36).slice(2)}`.toUpperCase();
  let body = '';
  for (const character of seed) {
    body += vinAlphabet.includes(character) ? character : vinAlphabet[character.charCodeAt(0) % vinAlphabet.length];
    if (body.length === 16) break;
  }
  body = body.padEnd(16, '7');
  const draft = `1HG${body.slice(0, 5)}0${body.slice(5, 13)}`;
  return `${draft.slice(0, 8)}${expectedCheckDigit(draft) ?? '0'}${draft.slice(9)}`;
}

/** YYYY-MM-DD `offsetDays` from today (UTC): return dates in the past, maturity dates in the future. */
export function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}
