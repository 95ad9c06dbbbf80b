import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import pg from 'pg';
import { makeVin } from '../cases/case-fixtures.ts';
import { call, type Grant, textsOf } from '../directline/support/direct-line-harness.ts';
import { twilioEnv } from '../notices/notice-support.ts';
import { startAppProcess, type AppProcess } from '../support/app-process.ts';
import { FakeTwilioServer } from '../support/fake-twilio-server.ts';
import { freshPostgresDatabase, requirePostgres } from '../support/postgres-cluster.ts';

/**
 * Issue 17: several stateless instances (real server processes) on one PostgreSQL database, as behind
 * a load balancer with no sticky sessions. Nothing coordinates them but the database.
 */

/** The Bot Framework channel service the instances reply to: records every reply by the activity it answers. */
class ReplySink {
  readonly replies: { replyToId: string; text: string }[] = [];
  private readonly server: Server;

  private constructor() {
    this.server = createServer((request, response) => void this.handle(request, response));
  }

  static async start(): Promise<ReplySink> {
    const sink = new ReplySink();
    await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
    return sink;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  repliesTo(activityId: string): string[] {
    return this.replies.filter((reply) => reply.replyToId === activityId).map((reply) => reply.text);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const match = /^\/v3\/conversations\/[^/]+\/activities\/([^/?]+)/.exec(request.url ?? '');
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text?: string };
    this.replies.push({ replyToId: decodeURIComponent(match?.[1] ?? ''), text: body.text ?? '' });
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ id: `reply-${this.replies.length}` }));
  }
}

async function waitUntil(predicate: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const postJson = async (url: string, body: unknown): Promise<{ status: number; body: unknown }> => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
};

describe('several instances on one PostgreSQL database (issue 17)', function () {
  this.timeout(180_000);
  let databaseUrl: string;
  let instances: AppProcess[] = [];
  let sink: ReplySink;
  let fakeTwilio: FakeTwilioServer;
  const [first, second, third] = [0, 1, 2].map((index) => () => {
    const instance = instances[index];
    if (!instance) throw new Error(`instance ${index} is not running`);
    return instance;
  }) as [() => AppProcess, () => AppProcess, () => AppProcess];

  before(async function () {
    requirePostgres(this);
    databaseUrl = await freshPostgresDatabase('multi');
    sink = await ReplySink.start();
    fakeTwilio = await new FakeTwilioServer().start();
    const env = { ...twilioEnv(fakeTwilio, { NOTICE_QUIET_HOURS: 'off', NOTICE_INTERVAL_SECONDS: '1' }), DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '5' };
    // All three at once, on an empty database: the migrations run once, under the advisory lock.
    instances = await Promise.all(['a', 'b', 'c'].map((name) => startAppProcess(name, env)));
  });

  after(async () => {
    await Promise.all(instances.map((instance) => instance.kill()));
    await sink?.close();
    await fakeTwilio?.stop();
  });

  it('migrated the empty database once although three instances started on it at once', async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const applied = await client.query<{ version: number; n: string }>(
        'SELECT version, count(*) AS n FROM schema_migrations GROUP BY version ORDER BY version',
      );
      expect(applied.rows.length).to.be.greaterThan(0);
      for (const row of applied.rows) expect(Number(row.n), `migration ${row.version}`).to.equal(1);
    } finally {
      await client.end();
    }
    for (const instance of instances) expect((await fetch(`${instance.baseUrl}/readyz`)).status, instance.name).to.equal(200);
  });

  describe('a bot conversation spread over the instances', () => {
    const activity = (conversationId: string, id: string, text: string): Record<string, unknown> => ({
      type: 'message',
      id,
      text,
      channelId: 'emulator',
      serviceUrl: sink.url,
      conversation: { id: conversationId },
      from: { id: `dealer-${conversationId}` },
      recipient: { id: 'bot' },
    });
    const send = (instance: AppProcess, body: Record<string, unknown>): Promise<Response> =>
      fetch(`${instance.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    it('each turn on another instance continues where the last one left off', async () => {
      expect((await send(first(), activity('spread-1', 's-1', 'Return a vehicle'))).status).to.equal(200);
      expect(sink.repliesTo('s-1').join('\n')).to.match(/Which state/);
      expect((await send(second(), activity('spread-1', 's-2', 'Ohio'))).status).to.equal(200);
      expect(sink.repliesTo('s-2').join('\n')).to.match(/When does the lease mature/);
      const maturity = DateTime.now().plus({ days: 40 }).toFormat('MM/dd/yyyy');
      expect((await send(third(), activity('spread-1', 's-3', maturity))).status).to.equal(200);
      expect(sink.repliesTo('s-3').join('\n')).to.match(/day the vehicle comes back/);
      // A redelivery of s-2 to another instance is answered with what s-2 got, and changes nothing.
      const answered = sink.repliesTo('s-2');
      expect((await send(first(), activity('spread-1', 's-2', 'Ohio'))).status).to.equal(200);
      expect(sink.repliesTo('s-2').slice(answered.length)).to.deep.equal(answered);
      expect((await send(second(), activity('spread-1', 's-4', 'today'))).status).to.equal(200);
      expect(sink.repliesTo('s-4').join('\n')).not.to.match(/When does the lease mature/);
    });

    it('concurrent turns of one conversation on three instances: every message is answered, none is lost, none is a 500', async () => {
      expect((await send(first(), activity('race-1', 'r-0', 'Return a vehicle'))).status).to.equal(200);
      const ids = Array.from({ length: 9 }, (_, index) => `r-${index + 1}`);
      const statuses = await Promise.all(
        ids.map((id, index) =>
          send(instances[index % 3] as AppProcess, activity('race-1', id, index % 2 === 0 ? 'Ohio' : 'Texas')).then((response) => response.status),
        ),
      );
      expect(
        statuses.every((status) => status === 200),
        `statuses ${statuses.join(',')}`,
      ).to.equal(true);
      for (const id of ids) {
        const replies = sink.repliesTo(id);
        expect(replies, `the reply to ${id}`).to.have.length.greaterThan(0);
        // Either the turn ran (it moved the walkthrough on) or it crossed a turn saved first and says so.
        expect(replies.join('\n')).to.match(/When does the lease mature|crossed with another one|Which state|maturity/i);
      }
      // The conversation is in one consistent place: the next turn, on any instance, is answered normally.
      const maturity = DateTime.now().plus({ days: 40 }).toFormat('MM/dd/yyyy');
      expect((await send(second(), activity('race-1', 'r-next', maturity))).status).to.equal(200);
      expect(sink.repliesTo('r-next').join('\n')).not.to.match(/crossed|Sorry/);
    });
  });

  describe('web chat behind a load balancer', () => {
    it('a Direct Line conversation started on one instance is continued and polled on the others', async () => {
      const started = await call<Grant>(`${first().baseUrl}/v3/directline/conversations`, { method: 'POST', body: { user: {} } });
      expect(started.status).to.equal(201);
      const grant = started.body;
      const posted = await call<{ id: string }>(`${second().baseUrl}/v3/directline/conversations/${grant.conversationId}/activities`, {
        method: 'POST',
        token: grant.token,
        body: { type: 'message', from: { id: 'ignored' }, text: 'Return a vehicle' },
      });
      expect(posted.status, JSON.stringify(posted.body)).to.equal(200);
      let texts: string[] = [];
      await waitUntil(
        async () => {
          const polled = await call<{ activities: Record<string, unknown>[] }>(
            `${third().baseUrl}/v3/directline/conversations/${grant.conversationId}/activities?watermark=`,
            {
              token: grant.token,
            },
          );
          texts = polled.status === 200 ? textsOf(polled.body.activities) : [`status ${polled.status}: ${JSON.stringify(polled.body)}`];
          if (polled.status !== 200) return false;
          // Web chat gets Adaptive Cards: the question may be in a card rather than in the text.
          const fromBot = polled.body.activities.filter((activity) => activity.replyToId !== undefined);
          return fromBot.some((activity) => /Which state/.test(JSON.stringify(activity)));
        },
        20_000,
        'the bot reply polled on a third instance',
      ).catch((error: unknown) => {
        throw new Error(`${String(error)}; polled: ${JSON.stringify(texts)}`);
      });
      // The dealer's message is in the shared queue too (the welcome the start sent may come before it).
      expect(texts).to.include('Return a vehicle');
    });
  });

  describe('the notice scheduler on every instance', () => {
    it('notices due for many cases are claimed by all instances and each is texted exactly once', async () => {
      const now = DateTime.utc();
      const count = 12;
      const before = fakeTwilio.createRequests.length;
      for (let index = 0; index < count; index += 1) {
        const phone = `+1614555${String(4100 + index).padStart(4, '0')}`;
        const dealerId = `notice-multi-${index}`;
        const dealer = await postJson(`${(instances[index % 3] as AppProcess).baseUrl}/api/v1/dealers`, {
          id: dealerId,
          name: `Dealer ${index}`,
          state: 'OH',
          phones: [phone],
        });
        expect(dealer.status, JSON.stringify(dealer.body)).to.equal(201);
        const opened = await postJson(`${(instances[(index + 1) % 3] as AppProcess).baseUrl}/api/v1/cases`, {
          vin: makeVin(171000 + index),
          dealerId,
          maturityDate: '2027-06-30',
          returnDate: now.minus({ days: 3 }).setZone('America/New_York').toISODate(),
          intent: 'lesseeReturn',
          hasAvrmAccess: true,
          events: [
            { type: 'notified', at: now.minus({ days: 3 }).toISO() },
            { type: 'inspected', at: now.minus({ days: 2 }).toISO() },
            { type: 'postedToSmartAuction', at: now.minus({ days: 1 }).toISO() },
            { type: 'sold', at: now.minus({ minutes: 1 }).toISO() },
          ],
        });
        expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
      }
      await waitUntil(() => fakeTwilio.createRequests.length - before >= count, 60_000, `${count} texts`);
      // Three more scheduler passes on every instance: nothing is sent twice.
      await new Promise((resolve) => setTimeout(resolve, 3500));
      const sent = fakeTwilio.messages.filter((message) => message.to.startsWith('+16145554'));
      expect(sent).to.have.length(count);
      expect(new Set(sent.map((message) => message.to)).size).to.equal(count);
    });
  });

  describe('losing an instance', () => {
    it('kill -9 of one instance under load: every acknowledged write is there, and the others keep serving', async () => {
      const dealer = await postJson(`${first().baseUrl}/api/v1/dealers`, { id: 'kill-motors', name: 'Kill Motors', state: 'OH', phones: ['+16145557001'] });
      expect(dealer.status).to.equal(201);
      const acknowledged: string[] = [];
      const survivorsStatuses: number[] = [];
      let killed = false;
      const openCase = async (index: number): Promise<void> => {
        const instance = instances[index % 3] as AppProcess;
        const vin = makeVin(172000 + index);
        try {
          const opened = await postJson(`${instance.baseUrl}/api/v1/cases`, {
            vin,
            dealerId: 'kill-motors',
            maturityDate: '2027-06-30',
            returnDate: DateTime.now().setZone('America/New_York').toISODate(),
            intent: 'lesseeReturn',
            hasAvrmAccess: true,
          });
          if (opened.status === 201) acknowledged.push(vin);
          if (instance !== instances[0]) survivorsStatuses.push(opened.status);
        } catch {
          // The killed instance's connections fail: nothing acknowledged there.
          if (instance !== instances[0]) survivorsStatuses.push(0);
        }
      };
      const load = (async () => {
        for (let round = 0; round < 40; round += 1) {
          await Promise.all([0, 1, 2, 3, 4, 5].map((offset) => openCase(round * 6 + offset)));
          if (round === 10 && !killed) {
            killed = true;
            await first().kill();
          }
        }
      })();
      await load;
      expect(killed).to.equal(true);
      expect(survivorsStatuses.length).to.be.greaterThan(100);
      expect(
        survivorsStatuses.filter((status) => status !== 201),
        'the survivors answered every request',
      ).to.deep.equal([]);
      for (const vin of acknowledged) {
        const found = await fetch(`${second().baseUrl}/api/v1/cases/${vin}`);
        expect(found.status, vin).to.equal(200);
      }
      expect((await fetch(`${third().baseUrl}/readyz`)).status).to.equal(200);
    });
  });
});
