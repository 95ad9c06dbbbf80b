import autocannon from 'autocannon';

/** Seconds each measured load runs (BENCH_SECONDS, default 3). */
export const loadSeconds = (): number => Number(process.env.BENCH_SECONDS ?? 3);
/**
 * Seconds of the same load run first and thrown away (BENCH_WARMUP_SECONDS, default 1): a fresh process
 * compiles its hot paths during its first thousands of requests, and a p99 over a 3-second run would
 * otherwise measure that start rather than the server it describes. Baselines are warmed up the same way.
 */
export const warmupSeconds = (): number => Number(process.env.BENCH_WARMUP_SECONDS ?? 1);

export interface LoadResult {
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** One body for every request, or several that autocannon cycles through. */
  bodies?: string[];
}

/** Drives a URL on this machine with autocannon for a bounded time, after a warm-up, and reports throughput and p99. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const bodies = options.bodies ?? [];
  // Several bodies are handed out one request at a time, in order, from one cursor shared by the connections. Given as a
  // \`requests\` list, autocannon builds every request of the list for every connection before the first is sent: with
  // the answers suite's 74,000 bodies and 10 connections, seconds of work on this process's event loop, which the
  // server shares, so the first responses waited up to 9 s and some reached autocannon's timeout.
  let cursor = 0;
  const nextBody = (request: autocannon.Request): autocannon.Request => {
    const body = bodies[cursor % bodies.length] ?? '';
    cursor += 1;
    return { ...request, body };
  };
  const run = (seconds: number): Promise<autocannon.Result> =>
    autocannon({
      url: options.url,
      connections: options.connections,
      duration: seconds,
      method: options.method ?? 'GET',
      headers: options.headers ?? {},
      ...(bodies.length === 1 ? { body: bodies[0] } : {}),
      ...(bodies.length > 1 ? { requests: [{ setupRequest: nextBody }] } : {}),
    });
  return warmedUp(run, options.durationSeconds ?? loadSeconds());
}

/** Runs `run` for the warm-up and throws its result away, then runs it for `seconds` and reports that run. */
export async function warmedUp(run: (seconds: number) => Promise<autocannon.Result>, seconds = loadSeconds()): Promise<LoadResult> {
  if (warmupSeconds() > 0) await run(warmupSeconds());
  const result = await run(seconds);
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

export function ratio(value: number, baseline: number): string {
  return baseline === 0 ? 'n/a' : (value / baseline).toFixed(2);
}

export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]): string => `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const separator = `| ${widths.map((width) => '-'.repeat(Math.max(3, width))).join(' | ')} |`;
  // A Markdown table, so the figures can be pasted into the README as they are printed.
  return [line(cells[0] ?? []), separator, ...cells.slice(1).map(line)].join('\n');
}

/** Measures how many times `operation` completes per second, `concurrency` at a time, for `seconds`. */
export async function opsPerSecond(operation: () => Promise<unknown>, seconds = 2, concurrency = 1): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let count = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      await operation();
      count += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return count / seconds;
}

export interface BenchSuite {
  title: string;
  run(): Promise<string>;
}
