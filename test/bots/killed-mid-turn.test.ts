import { expect } from 'chai';
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { startNode } from '../support/run-process.ts';
import { makeTempDir } from '../support/test-app.ts';

/**
 * The channel service for a server in a child process: records each reply, and while `holding` takes
 * the reply request without ever answering it (the bot's turn is then stuck in its reply POST, where a
 * kill -9 lands "after the turn was saved, before the dealer saw the answer").
 */
class HoldingSink {
  readonly replies: { replyToId: string; text: string }[] = [];
  holding = false;
  private readonly server: Server;
  private readonly held: ServerResponse[] = [];

  private constructor() {
    this.server = createServer((request, response) => void this.handle(request, response));
  }

  static async start(): Promise<HoldingSink> {
    const sink = new HoldingSink();
    await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
    return sink;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  repliesTo(activityId: string): string[] {
    return this.replies.filter((reply) => reply.replyToId === activityId).map((reply) => reply.text);
  }

  async waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for a reply');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async close(): Promise<void> {
    for (const response of this.held) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const match = /^\/v3\/conversations\/[^/]+\/activities\/([^/?]+)/.exec(request.url ?? '');
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text?: string };
    this.replies.push({ replyToId: decodeURIComponent(match?.[1] ?? ''), text: body.text ?? '' });
    if (this.holding) {
      this.held.push(response);
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ id: `reply-${this.replies.length}` }));
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

describe('a server killed with -9 between saving a turn and delivering its reply', () => {
  const children: ChildProcess[] = [];
  let dataDir: string;
  let sink: HoldingSink;
  beforeEach(async () => {
    dataDir = makeTempDir();
    sink = await HoldingSink.start();
  });
  afterEach(async () => {
    for (const child of children.splice(0)) {
      child.kill('SIGKILL');
      await exited(child);
    }
    await sink.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const startServer = async (): Promise<{ child: ChildProcess; baseUrl: string }> => {
    const { child, output } = await startNode(
      'src/index.ts',
      { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      /lease return assistant listening/,
    );
    children.push(child);
    return { child, baseUrl: `http://127.0.0.1:${/"url":"http:\/\/127\.0\.0\.1:(\d+)"/.exec(output())?.[1] ?? '0'}` };
  };
  const activity = (id: string, text: string): Record<string, unknown> => ({
    type: 'message',
    id,
    text,
    channelId: 'emulator',
    serviceUrl: sink.url,
    conversation: { id: 'killed-1' },
    from: { id: 'dealer-1' },
    recipient: { id: 'bot' },
  });
  const post = (baseUrl: string, body: Record<string, unknown>): Promise<Response> =>
    fetch(`${baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it("the client's retry of the same activity gets the recorded replies, and the conversation advanced once", async () => {
    const first = await startServer();
    expect((await post(first.baseUrl, activity('a-1', '1'))).status).to.equal(200);
    expect(sink.repliesTo('a-1').join('\n')).to.match(/Which state/);

    sink.holding = true;
    const lost = post(first.baseUrl, activity('a-2', 'Ohio')).then(
      () => 'answered',
      () => 'connection lost',
    );
    await sink.waitFor(() => sink.repliesTo('a-2').length > 0);
    const undelivered = sink.repliesTo('a-2')[0] ?? '';
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(await lost).to.equal('connection lost');
    sink.holding = false;

    const second = await startServer();
    expect((await post(second.baseUrl, activity('a-2', 'Ohio'))).status).to.equal(200);
    const resent = sink.repliesTo('a-2');
    expect(resent).to.have.length(2);
    expect(resent[1]).to.equal(undelivered);
    expect(resent[1]).to.match(/When does the lease mature/);

    // The next real answer is applied to the maturity-date question, the one the dealer was asked.
    const maturity = DateTime.now().plus({ days: 40 }).toFormat('MM/dd/yyyy');
    expect((await post(second.baseUrl, activity('a-3', maturity))).status).to.equal(200);
    expect(sink.repliesTo('a-3').join('\n')).to.match(/day the vehicle comes back/);
  }).timeout(60_000);
});
