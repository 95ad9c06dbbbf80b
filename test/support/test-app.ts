import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp, type App, type AppOverrides } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { freshPostgresDatabase } from './postgres-cluster.ts';

export interface RunningApp {
  app: App;
  baseUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** A fresh data folder under the OS temp dir; removed by the caller (or by `startTestApp().stop`). */
export function makeTempDir(prefix = 'lra-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/**
 * The engine the end-to-end suites run on: SQLite by default; TEST_DATABASE=postgresql (npm test's second
 * pass) gives every app started here a fresh database in the test process's throwaway PostgreSQL cluster.
 * An app restarted on the same DATA_DIR gets the same database back, so restart tests mean the same thing.
 */
export const testEngine: 'sqlite' | 'postgresql' = process.env.TEST_DATABASE === 'postgresql' ? 'postgresql' : 'sqlite';
const postgresDatabases = new Map<string, string>();

async function postgresDatabaseFor(dataDir: string): Promise<string> {
  const known = postgresDatabases.get(dataDir);
  if (known) return known;
  const url = await freshPostgresDatabase('e2e');
  postgresDatabases.set(dataDir, url);
  return url;
}

/**
 * What a child process (the CLI, a server started with src/index.ts) needs to reach the same data as
 * `startTestApp` with this DATA_DIR: nothing more on SQLite; the DATABASE_URL of that folder's database on
 * PostgreSQL.
 */
export async function databaseEnvFor(dataDir: string): Promise<Record<string, string>> {
  return testEngine === 'postgresql' ? { DATABASE_URL: await postgresDatabaseFor(dataDir) } : {};
}

/** For a test of what only SQLite does (a file, its locks, conversations kept in memory): skipped on PostgreSQL. */
export function skipOnPostgres(context: Mocha.Context, why: string): void {
  if (testEngine !== 'postgresql') return;
  if (context.test) context.test.title += ` (SQLite only: ${why})`;
  context.skip();
}

/**
 * Starts the real app on 127.0.0.1 and a free port, with a temp DATA_DIR unless one is given (give one
 * to restart on the same data). `env` is added to the defaults; logs are silent unless TEST_LOG_LEVEL is set.
 */
export async function startTestApp(env: Record<string, string> = {}, overrides: AppOverrides = {}): Promise<RunningApp> {
  const ownDataDir = env.DATA_DIR === undefined;
  const dataDir = env.DATA_DIR ?? makeTempDir();
  const database = testEngine === 'postgresql' && env.DATABASE_URL === undefined ? { DATABASE_URL: await postgresDatabaseFor(dataDir) } : {};
  const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...env, ...database, DATA_DIR: dataDir });
  const app = await buildApp(config, overrides);
  const address = await app.start();
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    dataDir,
    async stop() {
      await app.stop();
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined, headers: response.headers };
}

export async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}
