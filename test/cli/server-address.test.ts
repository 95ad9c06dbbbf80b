import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createLogger } from '../../src/logger.ts';
import { runNode, type ProcessResult } from '../support/run-process.ts';
import { makeTempDir, startTestApp, type RunningApp } from '../support/test-app.ts';

const projectDir = fileURLToPath(new URL('../..', import.meta.url));
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** The CLI started in `cwd` (where it looks for .env), without the test runner's HOST and PORT. */
function runCliIn(cwd: string, args: string[], env: Record<string, string> = {}): Promise<ProcessResult> {
  const childEnv: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'silent', ...env };
  for (const name of ['HOST', 'PORT']) if (env[name] === undefined) delete childEnv[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsxLoader, '--disable-warning=DEP0111', path.join(projectDir, 'src/cli/main.ts'), ...args], {
      cwd,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The server listens on 127.0.0.2, not the CLI's old fixed 127.0.0.1: only a CLI that takes HOST and
 * PORT from the environment (or .env), as the server does, reaches it.
 */
describe('cli commands that talk to the server use HOST and PORT', () => {
  const requests: string[] = [];
  let running: RunningApp;
  let port: string;

  before(async () => {
    const logger = createLogger('info', { write: (line: string) => requests.push(line) });
    running = await startTestApp({ HOST: '127.0.0.2' }, { logger });
    port = String((running.app.server.server.address() as AddressInfo).port);
  });
  after(() => running.stop());

  it('sms texts the server at HOST:PORT', async () => {
    const result = await runNode('src/cli/main.ts', ['sms', 'HELP', '--from', '+16145550100'], { env: { HOST: '127.0.0.2', PORT: port } });
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.contain('STATUS');
  });

  it('sms reads HOST and PORT from .env in the folder it starts in', async () => {
    const folder = makeTempDir('lra-cli-dotenv-');
    writeFileSync(path.join(folder, '.env'), `HOST=127.0.0.2\nPORT=${port}\n`);
    const result = await runCliIn(folder, ['sms', 'HELP', '--from', '+16145550100']);
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.contain('STATUS');
  });

  it('chat talks to the server running at HOST:PORT instead of starting its own', async () => {
    requests.length = 0;
    const result = await runNode('src/cli/main.ts', ['chat'], { env: { HOST: '127.0.0.2', PORT: port }, stdin: 'help\n' });
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.match(/you> help\n\n\S/);
    const served = requests.filter((line) => line.includes('"path":"/api/messages"'));
    expect(served.length).to.be.at.least(2);
  });
});
