import autocannon from 'autocannon';

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

/** Drives a URL on this machine with autocannon for a bounded time and reports throughput and p99. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const bodies = options.bodies ?? [];
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds ?? Number(process.env.BENCH_SECONDS ?? 3),
    method: options.method ?? 'GET',
    headers: options.headers ?? {},
    ...(bodies.length === 1 ? { body: bodies[0] } : {}),
    ...(bodies.length > 1 ? { requests: bodies.map((body) => ({ body })) } : {}),
  });
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
