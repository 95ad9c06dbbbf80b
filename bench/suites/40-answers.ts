import { rmSync } from 'node:fs';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { addDays } from '../../src/domain/zoned-time.ts';
import { loadEvalQuestions } from '../../src/knowledge/eval/eval-runner.ts';
import { evalParts, loadEvalPart } from '../../src/understanding/eval/eval-item-schema.ts';
import { interpretMessage } from '../../src/understanding/index.ts';
import { makeTempDir } from '../../test/support/test-app.ts';
import { load, ratio, table, type BenchSuite } from '../support.ts';

/**
 * POST /api/v1/answers in extractive mode (no key, no network) next to POST /api/v1/decisions in the
 * same process and run. The answers cycle through the whole eval question set, so retrieval, rule
 * decisions and out-of-scope refusals are all in the mix, and so do the understanding eval's dealer
 * messages (typos, shorthand, several facts at once): every answer reads its message through the
 * interpretation first. Target: interpretation plus answer p99 under 20 ms at concurrency 10.
 */
export const suite: BenchSuite = {
  title: 'Answers: POST /api/v1/answers (extractive) vs POST /api/v1/decisions',
  async run() {
    const dataDir = makeTempDir('lra-bench-answers-');
    // OPENAI_API_KEY is blanked so the bench measures the extractive mode whatever the shell exports.
    const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: dataDir, OPENAI_API_KEY: '' });
    const app = await buildApp(config);
    const address = await app.start();
    const base = `http://127.0.0.1:${address.port}`;
    const headers = { 'content-type': 'application/json' };
    try {
      const dealerMessages = evalParts.flatMap((part) => loadEvalPart(part)).filter((item) => item.text.length <= 1000);
      const questions: { question: string; channel?: string }[] = [
        ...loadEvalQuestions().map((question) => ({ question: question.question })),
        ...dealerMessages.map((item) => ({ question: item.text, channel: item.context.channel })),
      ];
      const answerBodies = questions.map((body) => JSON.stringify(body));
      // The interpretation alone, in this process: what every surface pays before it answers. A reading
      // is remembered per message and day (src/understanding/interpret-message.ts), so each round reads
      // the messages on another day: every read here is a first read, a message never seen before.
      const timings: number[] = [];
      for (let round = 1; round <= 5; round += 1) {
        for (const item of dealerMessages) {
          const context = { ...item.context, today: addDays(item.context.today, 1000 + round) };
          const started = process.hrtime.bigint();
          interpretMessage(item.text, context);
          timings.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
      }
      timings.sort((a, b) => a - b);
      const interpretationP99 = timings[Math.floor(timings.length * 0.99)] ?? 0;
      const decisionBody = JSON.stringify({ state: 'OH', maturityDate: '2026-06-15', returnDate: '2026-05-01', intent: 'lesseeReturn', hasAvrmAccess: true });
      const rows: (string | number)[][] = [];
      for (const connections of [1, 10]) {
        const decisions = await load({ url: `${base}/api/v1/decisions`, connections, method: 'POST', headers, bodies: [decisionBody] });
        const answers = await load({ url: `${base}/api/v1/answers`, connections, method: 'POST', headers, bodies: answerBodies });
        if (answers.non2xx > 0 || answers.errors > 0) throw new Error(`answers: ${answers.non2xx} non-2xx, ${answers.errors} errors`);
        rows.push(
          [`decisions (baseline), c=${connections}`, decisions.requestsPerSecond.toFixed(0), decisions.p99Ms, '1.00'],
          [`answers, c=${connections}`, answers.requestsPerSecond.toFixed(0), answers.p99Ms, ratio(answers.requestsPerSecond, decisions.requestsPerSecond)],
        );
      }
      // The same messages, each sent in six spellings that differ only in trailing spaces: more distinct
      // messages than the server remembers readings of (5,000), cycled in order, so every one is read afresh.
      const unseenBodies = [0, 1, 2, 3, 4, 5].flatMap((spaces) =>
        questions.map((body) => JSON.stringify({ ...body, question: `${body.question}${' '.repeat(spaces)}` })),
      );
      const decisions = await load({ url: `${base}/api/v1/decisions`, connections: 10, method: 'POST', headers, bodies: [decisionBody] });
      const unseen = await load({ url: `${base}/api/v1/answers`, connections: 10, method: 'POST', headers, bodies: unseenBodies });
      if (unseen.non2xx > 0 || unseen.errors > 0) throw new Error(`answers: ${unseen.non2xx} non-2xx, ${unseen.errors} errors`);
      rows.push(
        ['decisions (baseline), c=10', decisions.requestsPerSecond.toFixed(0), decisions.p99Ms, '1.00'],
        [
          'answers, c=10, every message read afresh',
          unseen.requestsPerSecond.toFixed(0),
          unseen.p99Ms,
          ratio(unseen.requestsPerSecond, decisions.requestsPerSecond),
        ],
      );
      const p99 = Number(rows[3]?.[2] ?? Infinity);
      const unseenP99 = unseen.p99Ms;
      return [
        table(['endpoint', 'requests/s', 'p99 ms', 'ratio to decisions'], rows),
        `answers p99 at concurrency 10: ${p99} ms cycling ${answerBodies.length} distinct questions and dealer messages (the server remembers a repeated message's reading, not its answer); ${unseenP99} ms with every message read afresh (${unseenBodies.length} cycled). Target < 20 ms, judged on the second: ${unseenP99 < 20 ? 'met' : 'NOT met'}`,
        `interpretation alone, first reads only (in process, ${timings.length} reads): p99 ${interpretationP99.toFixed(3)} ms`,
      ].join('\n');
    } finally {
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
