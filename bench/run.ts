/**
 * `npm run bench`: every suite in bench/suites/ in file-name order, each printing its figures next to a
 * baseline measured in the same run (ratios, not absolute numbers, are what to compare across machines).
 * BENCH_SECONDS sets the length of each load phase (default 3), after BENCH_WARMUP_SECONDS of the same
 * load whose figures are thrown away (default 1); BENCH_ONLY=name runs one suite.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchSuite } from './support.ts';

const directory = path.join(path.dirname(fileURLToPath(import.meta.url)), 'suites');
const only = process.env.BENCH_ONLY;
const files = readdirSync(directory)
  .filter((name) => name.endsWith('.ts'))
  .sort()
  .filter((name) => !only || name.includes(only));
process.stdout.write(`Lease Return Assistant benchmarks (node ${process.version}, ${new Date().toISOString()})\n\n`);
for (const file of files) {
  const module = (await import(path.join(directory, file))) as { suite: BenchSuite };
  process.stdout.write(`## ${module.suite.title}\n`);
  process.stdout.write(`${await module.suite.run()}\n\n`);
}
