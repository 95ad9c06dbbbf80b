import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp, type App, type AppOverrides } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';

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
 * Starts the real app on 127.0.0.1 and a free port, with a temp DATA_DIR unless one is given (give one
 * to restart on the same data). `env` is added to the defaults; logs are silent unless TEST_LOG_LEVEL is set.
 */
export async function startTestApp(env: Record<string, string> = {}, overrides: AppOverrides = {}): Promise<RunningApp> {
  const ownDataDir = env.DATA_DIR === undefined;
  const dataDir = env.DATA_DIR ?? makeTempDir();
  const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...env, DATA_DIR: dataDir });
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
