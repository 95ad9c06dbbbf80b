import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectDir = fileURLToPath(new URL('../..', import.meta.url));
// Loaded by URL so it is found from any working directory (a bare `--import tsx` resolves from there).
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const listening = /"msg":"lease return assistant listening"/;

/** One instance of the real server (src/index.ts) in its own process, as a deployment runs it. */
export interface AppProcess {
  readonly child: ChildProcess;
  readonly name: string;
  readonly baseUrl: string;
  output(): string;
  /** Sends SIGKILL and waits for the exit: what a crashed host or an OOM kill does. */
  kill(): Promise<void>;
  /** SIGTERM and wait (a graceful stop), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts src/index.ts with `env` on 127.0.0.1 and a free port; resolves once it logs that it listens.
 * The child's environment is the test runner's minus our own variables, plus `env`.
 */
export async function startAppProcess(name: string, env: Record<string, string>, timeoutMs = 60_000): Promise<AppProcess> {
  const childEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(HOST|PORT|DATA_DIR|DATABASE_URL|API_TOKEN|LOG_LEVEL|TWILIO_|NOTICE_)/.test(key)) childEnv[key] = value;
  }
  Object.assign(childEnv, { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env });
  const child = spawn(process.execPath, ['--import', tsxLoader, '--disable-warning=DEP0111', path.join(projectDir, 'src/index.ts')], {
    cwd: projectDir,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + timeoutMs;
  while (!listening.test(output)) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited before listening:\n${output.slice(-3000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} not listening after ${timeoutMs} ms:\n${output.slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const port = Number(/"url":"http:\/\/[^"]*:(\d+)"/.exec(output)?.[1]);
  return {
    child,
    name,
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
