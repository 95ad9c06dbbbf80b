/**
 * The dealer conversation under load: full return walkthroughs (menu → state → dates → intent → AVRM →
 * VIN → decision) through POST /api/messages, next to a botbuilder echo bot on the same restify +
 * CloudAdapter stack in the same process (the ratio is what to compare across machines), then the
 * process RSS after 10,000 walkthroughs. Replies go to a local sink that plays the channel service.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { makeTempDir } from '../../test/support/test-app.ts';
import { newConversationId, postTurn, startReplySink, turnsPerSecond, walkthrough } from '../bot-load.ts';
import { table, type BenchSuite } from '../support.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const oldSpaceMb = Number(process.env.BENCH_BOT_OLD_SPACE_MB ?? 160);
/** Alternating rounds of echo and walkthrough per concurrency (BENCH_BOT_ROUNDS, default 3). */
const rounds = Math.max(1, Number(process.env.BENCH_BOT_ROUNDS ?? 3));

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The baseline: botbuilder's echo bot on restify with the same body reader and an unauthenticated CloudAdapter. */
async function startEchoBot(): Promise<{ url: string; server: restify.Server }> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
    await next();
  });
  const server = restify.createServer({ handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024 }));
  server.post('/api/messages', async (request, response) => {
    await adapter.process({ method: 'POST', headers: request.headers, body: request.body as Record<string, unknown> }, response, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address as () => AddressInfo)().port}`, server };
}

/**
 * The servers (the app and the echo bot) run in a child process, so the RSS figure is the bot
 * server's own and the load generator does not compete with it inside one event loop.
 */
async function serveForBench(): Promise<void> {
  const dataDir = makeTempDir('lra-bench-bot-');
  const app = await buildApp(loadConfig({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: dataDir }));
  const address = await app.start();
  const echo = await startEchoBot();
  process.stdout.write(`${JSON.stringify({ app: `http://127.0.0.1:${address.port}`, echo: echo.url })}\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'rss') process.stdout.write(`${JSON.stringify({ rssMb: process.memoryUsage().rss / 1024 / 1024 })}\n`);
  }
  echo.server.close();
  await app.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

if (process.env.BENCH_BOT_SERVER === '1') await serveForBench();

export const suite: BenchSuite = {
  title: 'Bot: full walkthrough turns/s through POST /api/messages vs a botbuilder echo bot (same restify + CloudAdapter stack, same process)',
  async run() {
    // Without a cap V8 lets the old generation grow to ~380 MB under this allocation rate (botbuilder
    // builds a connector client per turn; the bare echo bot grows just as much) though live data stays
    // ~75 MB. A cap makes it collect sooner at no measurable cost in turns/s; the README recommends it.
    const child = spawn(
      process.execPath,
      [...(oldSpaceMb > 0 ? [`--max-old-space-size=${oldSpaceMb}`] : []), '--import', 'tsx', '--disable-warning=DEP0111', fileURLToPath(import.meta.url)],
      {
        env: { ...process.env, BENCH_BOT_SERVER: '1' },
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const readLine = async (): Promise<string> => {
      const next = await lines.next();
      if (next.done) throw new Error('the bench bot server stopped');
      return next.value;
    };
    const urls = JSON.parse(await readLine()) as { app: string; echo: string };
    const sink = await startReplySink();
    const echoScript = ['hello'];
    try {
      await turnsPerSecond(urls.app, sink.url, 10, walkthrough, 1);
      await turnsPerSecond(urls.echo, sink.url, 10, echoScript, 1);
      const rows: string[][] = [];
      // Echo and walkthrough alternate, `rounds` times each, and the medians are reported: on a shared
      // machine one slow moment would otherwise fall on one side of the ratio only.
      for (const concurrency of [1, 10, 50]) {
        const echoRates: number[] = [];
        const botRates: number[] = [];
        const ratios: number[] = [];
        for (let round = 0; round < rounds; round += 1) {
          const echoRate = await turnsPerSecond(urls.echo, sink.url, concurrency, echoScript, seconds);
          const botRate = await turnsPerSecond(urls.app, sink.url, concurrency, walkthrough, seconds);
          echoRates.push(echoRate);
          botRates.push(botRate);
          ratios.push(botRate / echoRate);
        }
        rows.push([String(concurrency), median(echoRates).toFixed(0), median(botRates).toFixed(0), median(ratios).toFixed(2)]);
      }
      const conversations = Number(process.env.BENCH_BOT_CONVERSATIONS ?? 10_000);
      let walked = 0;
      const started = performance.now();
      const workers = 50;
      const perWorker = Math.ceil(conversations / workers);
      await Promise.all(
        Array.from({ length: workers }, async () => {
          for (let index = 0; index < perWorker; index += 1) {
            const conversationId = newConversationId('rss');
            for (const text of walkthrough) await postTurn(urls.app, sink.url, conversationId, text);
            walked += 1;
          }
        }),
      );
      const elapsed = (performance.now() - started) / 1000;
      child.stdin.write('rss\n');
      const { rssMb } = JSON.parse(await readLine()) as { rssMb: number };
      return [
        table(['concurrency', 'echo bot turns/s (baseline)', 'walkthrough turns/s', 'ratio'], rows),
        `Medians of ${rounds} alternating ${seconds}-second rounds (echo, then walkthrough) per concurrency; the ratio is the median of the rounds' ratios. Target at concurrency 10: >= 0.5.`,
        '',
        `${walked} walkthroughs (${walkthrough.length} turns each, after the runs above) in ${elapsed.toFixed(1)} s; server RSS after: ${rssMb.toFixed(0)} MB (target < 300 MB; server run with --max-old-space-size=${oldSpaceMb}, BENCH_BOT_OLD_SPACE_MB=0 to see V8's default).`,
      ].join('\n');
    } finally {
      child.stdin.end();
      sink.server.closeAllConnections();
      sink.server.close();
    }
  },
};
