import { expect } from 'chai';
import { systemClock } from '../../src/clock.ts';
import { createLocalDirectLine, type LocalDirectLine } from '../../src/directline/index.ts';
import { closeGracefully, createHttpServer, listen } from '../../src/http/server.ts';
import { createLogger } from '../../src/logger.ts';
import { openPostgres, type PgDatabase } from '../../src/storage/postgres/pg-database.ts';
import { PgDirectLineStore } from '../../src/storage/postgres/pg-direct-line-store.ts';
import { freshPostgresDatabase, requirePostgres } from '../support/postgres-cluster.ts';
import { call, DirectLineTestClient, testSecret, textsOf, type Grant } from './support/direct-line-harness.ts';
import { registerStandInBot, type StandInBot } from './support/stand-in-bot.ts';

/**
 * Two app instances behind a load balancer with no sticky sessions, over one PostgreSQL database: the
 * Direct Line calls of one conversation land on either, and each instance's bot replies through its own
 * connector. Each instance is a real restify server with its own pool, its own stand-in bot and the
 * same DIRECTLINE_TOKEN_SECRET (as a deployment shares it).
 */

interface Instance {
  baseUrl: string;
  bot: StandInBot;
  directLine: LocalDirectLine<PgDirectLineStore>;
  forgotten: string[];
  stop(): Promise<void>;
}

describe('local Direct Line over PostgreSQL: conversations shared by two instances', () => {
  let pools: PgDatabase[] = [];
  let a: Instance;
  let b: Instance;

  before(async function () {
    this.timeout(60_000);
    requirePostgres(this);
    const url = await freshPostgresDatabase('directline_http');
    pools = [await openPostgres(url, { poolSize: 4 }), await openPostgres(url, { poolSize: 4 })];
  });
  after(async () => {
    await Promise.all(pools.map((pool) => pool.close()));
  });
  beforeEach(async () => {
    const [first, second] = pools;
    if (!first || !second) throw new Error('two pools expected');
    a = await startInstance(first);
    b = await startInstance(second);
  });
  afterEach(async () => {
    await a.stop();
    await b.stop();
  });

  async function startInstance(pool: PgDatabase): Promise<Instance> {
    const logger = createLogger(process.env.TEST_LOG_LEVEL === undefined ? 'silent' : 'debug');
    const server = createHttpServer({ logger, apiToken: undefined });
    const bot = registerStandInBot(server);
    const forgotten: string[] = [];
    const directLine = createLocalDirectLine({
      server,
      logger,
      clock: systemClock,
      tokenSecret: testSecret,
      bot: { id: 'stand-in-bot', name: 'Stand-in bot' },
      store: new PgDirectLineStore(pool, systemClock),
      onForget: (conversation) => {
        forgotten.push(conversation.conversationId);
      },
    });
    const address = await listen(server, 0, '127.0.0.1');
    return {
      baseUrl: `http://127.0.0.1:${address.port}`,
      bot,
      directLine,
      forgotten,
      async stop() {
        await directLine.service.settled();
        await directLine.close();
        await closeGracefully(server, 1000);
      },
    };
  }

  it('a conversation started on one instance is posted to and polled on the other, with one watermark', async () => {
    const onA = new DirectLineTestClient(a.baseUrl);
    const onB = new DirectLineTestClient(b.baseUrl);
    const started = await onA.start();
    expect(started.status).to.equal(201);
    const grant = started.body;
    // A's bot greets through A's connector; B sees it.
    await onB.waitFor(grant, (activities) => textsOf(activities).includes('Welcome from the stand-in bot.'));

    const posted = await onB.post(grant, { type: 'message', text: 'hello from B', from: { id: 'ignored' } });
    expect(posted.status).to.equal(200);
    expect(b.bot.received.map((activity) => activity.text)).to.include('hello from B');
    expect(a.bot.received.map((activity) => activity.text)).not.to.include('hello from B');

    const everything = await onA.waitFor(grant, (activities) => textsOf(activities).includes('Echo: hello from B'));
    expect(textsOf(everything)).to.deep.equal(['Welcome from the stand-in bot.', 'hello from B', 'Echo: hello from B']);
    expect(everything.map((activity) => activity.id)).to.deep.equal([1, 2, 3].map((seq) => `${grant.conversationId}|${String(seq).padStart(7, '0')}`));
    const fromA = await onA.get(grant, '1');
    const fromB = await onB.get(grant, '1');
    expect(fromA.body).to.deep.equal(fromB.body);
    expect(fromB.body.watermark).to.equal('3');

    // Reconnect and refresh work on either instance.
    const refreshed = await call<Grant>(onB.url('/tokens/refresh'), { method: 'POST', token: grant.token });
    expect(refreshed.status).to.equal(200);
    expect((await onA.get(refreshed.body, '3')).body.activities).to.deep.equal([]);
  });

  it('a conversation revoked on one instance is refused by the other (404), and cleaned up once', async () => {
    const onA = new DirectLineTestClient(a.baseUrl);
    const onB = new DirectLineTestClient(b.baseUrl);
    const grant = (await onB.start()).body;
    await onA.waitFor(grant, (activities) => activities.length > 0);
    expect(await a.directLine.service.revoke(grant.conversationId)).to.equal(true);
    expect((await onB.get(grant)).status).to.equal(404);
    expect((await onB.post(grant, { type: 'message', text: 'still there?' })).status).to.equal(404);
    expect((await call(onB.url('/tokens/refresh'), { method: 'POST', token: grant.token })).status).to.equal(404);
    expect(await b.directLine.service.revoke(grant.conversationId)).to.equal(false);
    await a.directLine.service.settled();
    await new Promise((resolve) => setTimeout(resolve, 20)); // onForget runs after the deliveries settle
    expect(a.forgotten).to.deep.equal([grant.conversationId]);
    expect(b.forgotten).to.deep.equal([]);
  });

  it('stopping one instance leaves its conversations to the other', async () => {
    const onA = new DirectLineTestClient(a.baseUrl);
    const onB = new DirectLineTestClient(b.baseUrl);
    const grant = (await onA.start()).body;
    await onA.waitFor(grant, (activities) => activities.length > 0);
    await a.stop();
    a = { ...a, stop: async () => undefined };
    expect((await onB.post(grant, { type: 'message', text: 'after A stopped' })).status).to.equal(200);
    await onB.waitFor(grant, (activities) => textsOf(activities).includes('Echo: after A stopped'));
    expect(a.forgotten).to.deep.equal([]);
  });
});
