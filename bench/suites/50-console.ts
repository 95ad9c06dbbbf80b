/**
 * The agent console must load in under a second on localhost. Measured here in a real Chromium (the
 * navigation's loadEventEnd), next to the smallest page the same server serves (/healthz as a document),
 * instead of in a timed test that would flake on a busy machine.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../test/console/support/browser.ts';
import { startTestApp } from '../../test/support/test-app.ts';
import { table, type BenchSuite } from '../support.ts';

const loads = 20;

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

export const suite: BenchSuite = {
  title: 'Agent console: page load in Chromium (a fresh browser context each time, so nothing is cached)',
  async run() {
    if (!existsSync(chromiumPath)) return `skipped: ${chromiumPath} is not installed (apt-get install -y chromium)`;
    const running = await startTestApp({ LOG_LEVEL: 'warn' });
    const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    try {
      const measure = async (path: string): Promise<number[]> => {
        const times: number[] = [];
        for (let index = 0; index < loads; index += 1) {
          const context = await browser.newContext();
          const page = await context.newPage();
          await page.goto(`${running.baseUrl}${path}`, { waitUntil: 'load' });
          times.push(
            await page.evaluate(() => {
              const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
              return navigation ? navigation.loadEventEnd - navigation.startTime : Number.NaN;
            }),
          );
          await context.close();
        }
        return times;
      };
      const baseline = await measure('/healthz');
      const consolePage = await measure('/console');
      return `${table(
        ['page', 'median load ms', 'p95 load ms'],
        [
          ['GET /healthz (baseline)', percentile(baseline, 0.5).toFixed(0), percentile(baseline, 0.95).toFixed(0)],
          ['GET /console', percentile(consolePage, 0.5).toFixed(0), percentile(consolePage, 0.95).toFixed(0)],
        ],
      )}\n(${loads} loads each; target: the console loads in under 1000 ms)`;
    } finally {
      await browser.close();
      await running.stop();
    }
  },
};
