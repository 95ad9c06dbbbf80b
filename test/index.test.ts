import { expect } from 'chai';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runNode, startNode } from './support/run-process.ts';
import { makeTempDir } from './support/test-app.ts';

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
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/decisions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    expect(response.status).to.equal(200);
    expect(((await response.json()) as { termination: string }).termination).to.equal('NM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).to.equal(0);
    expect(output()).to.contain('"msg":"stopped"');
  });
});
