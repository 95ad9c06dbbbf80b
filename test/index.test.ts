import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runNode, startNode } from './support/run-process.ts';
import { makeTempDir } from './support/test-app.ts';

const projectDir = fileURLToPath(new URL('..', import.meta.url));
// Loaded by URL so it is found from any working directory (a bare `--import tsx` resolves from there).
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const listening = /"msg":"lease return assistant listening"/;

interface StartedServer {
  child: ChildProcess;
  port: number;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

/**
 * src/index.ts in a child process started in `cwd` (where it looks for .env), with stdout and stderr
 * kept apart; resolves once the listening line is out. `env` replaces the listed variables of ours
 * (undefined removes one), so the test runner's own settings never leak in.
 */
async function startServer(env: Record<string, string | undefined>, cwd = projectDir): Promise<StartedServer> {
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    HOST: undefined,
    PORT: undefined,
    DATA_DIR: undefined,
    RULES_DIR: undefined,
    LOG_LEVEL: undefined,
    ...env,
  };
  for (const [name, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[name];
  const child = spawn(process.execPath, ['--import', tsxLoader, '--disable-warning=DEP0111', path.join(projectDir, 'src/index.ts')], {
    cwd,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 20_000;
  while (!listening.test(stdout)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`not listening: ${stdout}${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const port = Number(/"url":"http:\/\/[^"]*:(\d+)"/.exec(stdout)?.[1]);
  return { child, port, stdout: () => stdout, stderr: () => stderr, exited };
}

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; !condition(); ) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

function request(
  agent: http.Agent,
  port: number,
  method: string,
  target: string,
  body?: { first: string; rest: Promise<string> },
): Promise<{ status: number | undefined; connection: string | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = body ? { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } : {};
    const outgoing = http.request({ agent, host: '127.0.0.1', port, method, path: target, headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode, connection: response.headers.connection, text }));
    });
    outgoing.on('error', reject);
    if (!body) {
      outgoing.end();
      return;
    }
    outgoing.write(body.first);
    void body.rest.then((rest) => outgoing.end(rest));
  });
}

describe('npm start (src/index.ts)', () => {
  it('stops with one line naming a bad variable', async () => {
    const result = await runNode('src/index.ts', [], { env: { PORT: 'eighty', DATA_DIR: makeTempDir() } });
    expect(result.code).to.equal(1);
    expect(result.stderr.trim().split('\n')).to.have.length(1);
    expect(result.stderr).to.match(/^Cannot start: PORT: /);
  });

  it('stops with one line naming DATA_DIR when it cannot hold the database', async () => {
    const file = path.join(makeTempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    const result = await runNode('src/index.ts', [], { env: { PORT: '0', DATA_DIR: file } });
    expect(result.code).to.equal(1);
    expect(result.stderr.trim().split('\n')).to.have.length(1);
    expect(result.stderr).to.match(/^Cannot start: DATA_DIR: cannot create or open the database/);
  });

  it('stops with one line naming a broken rule file and rule', async () => {
    const rulesDir = makeTempDir('lra-rules-');
    cpSync('rules', rulesDir, { recursive: true });
    const file = path.join(rulesDir, 'pickup.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"operator": "equal", "value": "buyingDealer"', '"operator": "is", "value": "buyingDealer"'));
    const result = await runNode('src/index.ts', [], { env: { PORT: '0', DATA_DIR: makeTempDir(), RULES_DIR: rulesDir } });
    expect(result.code).to.equal(1);
    expect(result.stderr.trim().split('\n')).to.have.length(1);
    expect(result.stderr).to.match(/pickup\.json: rule "pickup-buying-dealer-with-proof-of-sale": conditions\.all\.0\.operator/);
  });

  it('finishes an in-flight request on SIGTERM, then exits 0', async () => {
    const { child, output } = await startNode('src/index.ts', { PORT: '0', DATA_DIR: makeTempDir(), LOG_LEVEL: 'info' }, /"url":"http:\/\/127\.0\.0\.1:(\d+)"/);
    const port = /"url":"http:\/\/127\.0\.0\.1:(\d+)"/.exec(output())?.[1];
    // A request whose body is still arriving when SIGTERM lands must still get its answer.
    const body = JSON.stringify({ state: 'OH', maturityDate: '2026-06-15', returnDate: '2026-06-15', intent: 'lesseeReturn', hasAvrmAccess: true });
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode(body.slice(0, 20)));
        await new Promise((resolve) => setTimeout(resolve, 150));
        child.kill('SIGTERM');
        await new Promise((resolve) => setTimeout(resolve, 150));
        controller.enqueue(new TextEncoder().encode(body.slice(20)));
        controller.close();
      },
    });
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/decisions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).to.equal(200);
    expect(((await response.json()) as { termination: string }).termination).to.equal('NM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).to.equal(0);
    expect(output()).to.contain('"msg":"stopped"');
  });

  it('stops with one line naming the port when it is already in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const result = await runNode('src/index.ts', [], { env: { HOST: '127.0.0.1', PORT: String(port), DATA_DIR: makeTempDir() } });
      expect(result.code).to.equal(1);
      expect(result.stderr.trim().split('\n')).to.have.length(1);
      expect(result.stderr).to.match(new RegExp(`^Cannot start: PORT: ${port} .*already in use`));
    } finally {
      blocker.close();
    }
  });

  it('says on stderr, in one plain line, where to open the chat, the console and the API; stdout stays JSON', async () => {
    const server = await startServer({ PORT: '0', DATA_DIR: makeTempDir(), LOG_LEVEL: 'info' });
    try {
      expect(await waitFor(() => server.stderr().includes('\n'), 5000)).to.equal(true);
      const base = `http://127.0.0.1:${server.port}`;
      const line = server.stderr().trim();
      expect(line.split('\n')).to.have.length(1);
      for (const url of [`${base}/chat`, `${base}/console`, `${base}/api/v1`]) expect(line).to.contain(url);
      for (const entry of server.stdout().trim().split('\n')) expect(() => JSON.parse(entry) as unknown, entry).not.to.throw();
    } finally {
      server.child.kill('SIGKILL');
    }
  });

  it('reads .env from the folder it starts in; the environment wins', async () => {
    const folder = makeTempDir('lra-dotenv-');
    // PORT in the file would fail start-up: the environment's PORT=0 must win over it.
    writeFileSync(path.join(folder, '.env'), `PORT=eighty\nDATA_DIR=./from-dotenv\nRULES_DIR=${path.join(projectDir, 'rules')}\nLOG_LEVEL=info\n`);
    const server = await startServer({ PORT: '0', LOG_LEVEL: undefined }, folder);
    try {
      const started = JSON.parse(
        server
          .stdout()
          .split('\n')
          .find((line) => listening.test(line)) ?? '{}',
      ) as { settings: { dataDir: string; port: number }; envFile: string };
      expect(started.settings.dataDir).to.equal(path.join(folder, 'from-dotenv'));
      expect(started.settings.port).to.equal(0);
      expect(started.envFile).to.equal(path.join(folder, '.env'));
    } finally {
      server.child.kill('SIGKILL');
    }
  });

  it('lets keep-alive clients go at once on SIGTERM: the in-flight answer says Connection: close, then it exits', async () => {
    const server = await startServer({ PORT: '0', DATA_DIR: makeTempDir(), LOG_LEVEL: 'info' });
    const idleAgent = new http.Agent({ keepAlive: true });
    const busyAgent = new http.Agent({ keepAlive: true });
    const preconnect = new net.Socket();
    try {
      // A keep-alive connection left idle, and one that never sent a byte (a browser's preconnect).
      const first = await request(idleAgent, server.port, 'GET', '/healthz');
      expect(first.connection).to.equal('keep-alive');
      preconnect.on('error', () => undefined);
      await once(preconnect.connect(server.port, '127.0.0.1'), 'connect');
      // A request whose body is still arriving when SIGTERM lands.
      const body = JSON.stringify({ state: 'OH', maturityDate: '2026-06-15', returnDate: '2026-06-15', intent: 'lesseeReturn', hasAvrmAccess: true });
      let signalledAt = 0;
      const rest = new Promise<string>((resolve) =>
        setTimeout(() => {
          signalledAt = Date.now();
          server.child.kill('SIGTERM');
          setTimeout(() => resolve(body.slice(20)), 150);
        }, 100),
      );
      const inFlight = await request(busyAgent, server.port, 'POST', '/api/v1/decisions', { first: body.slice(0, 20), rest });
      expect(inFlight.status).to.equal(200);
      expect((JSON.parse(inFlight.text) as { termination: string }).termination).to.equal('NM');
      expect(inFlight.connection).to.equal('close');
      expect(await server.exited).to.equal(0);
      // Without Connection: close it waits out the keep-alive timeout (5 s and more).
      expect(Date.now() - signalledAt).to.be.below(2000);
    } finally {
      idleAgent.destroy();
      busyAgent.destroy();
      preconnect.destroy();
      server.child.kill('SIGKILL');
    }
  });

  it('stops when SIGTERM is sent to `npm start` (the signal reaches node)', async () => {
    // Its own process group, so whatever is left (a node orphaned by the shell) can be ended afterwards.
    const env: Record<string, string | undefined> = { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: makeTempDir(), LOG_LEVEL: 'info' };
    const npm = spawn('npm', ['start'], { cwd: projectDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      expect(await waitFor(() => listening.test(output), 20_000), output).to.equal(true);
      npm.kill('SIGTERM');
      expect(await waitFor(() => output.includes('"msg":"stopped"'), 5000), output).to.equal(true);
    } finally {
      try {
        process.kill(-(npm.pid ?? 0), 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  });
});
