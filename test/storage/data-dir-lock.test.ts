import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { runNode, startNode } from '../support/run-process.ts';
import { makeTempDir, startTestApp } from '../support/test-app.ts';

const listening = /lease return assistant listening/;

/** Resolves once the child has exited (at once if it already has). */
function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

describe('one server per DATA_DIR (src/storage/data-dir-lock)', () => {
  const children: ChildProcess[] = [];
  let dataDir: string;
  beforeEach(() => {
    dataDir = makeTempDir();
  });
  afterEach(async () => {
    for (const child of children.splice(0)) {
      child.kill('SIGKILL');
      await exited(child);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async (): Promise<{ child: ChildProcess; port: string }> => {
    const { child, output } = await startNode('src/index.ts', { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' }, listening);
    children.push(child);
    return { child, port: /"url":"http:\/\/127\.0\.0\.1:(\d+)"/.exec(output())?.[1] ?? '0' };
  };

  it('refuses a second server on the same DATA_DIR with one line, and lets a new one start after the first is killed with -9', async () => {
    const first = await start();

    // The second one is given the first one's port as well (the usual accident: the same settings twice).
    // It must be refused for DATA_DIR, before it gets to listen; and should that check ever go, the busy
    // port still ends it, so this test fails instead of waiting on a server that runs for good.
    const second = await runNode('src/index.ts', [], { env: { DATA_DIR: dataDir, PORT: first.port, HOST: '127.0.0.1' } });
    assert.equal(second.code, 1);
    assert.equal(second.stderr.trim().split('\n').length, 1, second.stderr);
    assert.match(second.stderr, /^Cannot start: DATA_DIR: another Lease Return Assistant process is using/);
    assert.ok(second.stderr.includes(dataDir), 'the line names the folder');

    first.child.kill('SIGKILL');
    await exited(first.child);
    await start(); // the kernel released the lock with the process: no stale lock to clean up
  }).timeout(60_000);

  it('refuses a second app in the same process too, and frees DATA_DIR when the first stops', async () => {
    const first = await startTestApp({ DATA_DIR: dataDir });
    await assert.rejects(
      startTestApp({ DATA_DIR: dataDir }),
      (error: Error) => error.name === 'ConfigError' && /another Lease Return Assistant process/.test(error.message),
    );
    await first.app.stop();
    const again = await startTestApp({ DATA_DIR: dataDir });
    await again.app.stop();
  });
});
