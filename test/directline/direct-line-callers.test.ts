import { expect } from 'chai';
import { request } from 'node:http';
import type { FixedClock } from '../../src/clock.ts';
import { callerKeyOf } from '../../src/directline/index.ts';
import { DirectLineTestClient, fakeClock, startDirectLineHarness, type DirectLineHarness, type Grant } from './support/direct-line-harness.ts';

interface StartResult {
  status: number;
  retryAfter: string | undefined;
  body: { conversationId?: string; token?: string; expires_in?: number; error?: { code: string } };
}

/** POST /v3/directline/conversations from a chosen loopback source address (127.0.0.2, 127.0.0.3, ...): distinct callers. */
function startFrom(baseUrl: string, localAddress: string, token?: string): Promise<StartResult> {
  const url = new URL(`${baseUrl}/v3/directline/conversations`);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress,
        agent: false,
        headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const retryAfter = response.headers['retry-after'];
          resolve({ status: response.statusCode ?? 0, retryAfter, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as StartResult['body'] });
        });
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end('{"user":{}}');
  });
}

const grantOf = (result: StartResult): Grant => ({
  conversationId: result.body.conversationId ?? '',
  token: result.body.token ?? '',
  expires_in: result.body.expires_in ?? 0,
});

/** One caller (an address) cannot push everyone else's conversations out of the store, nor start without bound. */
describe('local Direct Line: conversations per caller', () => {
  let harness: DirectLineHarness;
  let clock: FixedClock;
  let dl: DirectLineTestClient;
  const forgotten: string[] = [];

  afterEach(async () => {
    await harness.stop();
    forgotten.length = 0;
  });

  describe('live conversations per caller', () => {
    beforeEach(async () => {
      clock = fakeClock();
      harness = await startDirectLineHarness({
        clock,
        limits: { maxConversations: 10, maxConversationsPerCaller: 3, maxStartsPerCallerPerMinute: 100, idleTimeoutMs: 10 * 60 * 1000 },
        onForget: (conversation) => {
          forgotten.push(conversation.conversationId);
        },
      });
      dl = new DirectLineTestClient(harness.baseUrl);
    });

    it('a flood of starts from one address is refused with 429 and Retry-After; another address keeps its conversation', async () => {
      const victim = await startFrom(harness.baseUrl, '127.0.0.2');
      expect(victim.status).to.equal(201);
      const flood: StartResult[] = [];
      for (let index = 0; index < 40; index += 1) flood.push(await startFrom(harness.baseUrl, '127.0.0.3'));
      expect(flood.filter((result) => result.status === 201)).to.have.length(3);
      const refused = flood.slice(3);
      expect(refused.every((result) => result.status === 429 && result.body.error?.code === 'too_many_conversations')).to.equal(true);
      // Until the flooder's oldest conversation goes idle (10 minutes here).
      expect(Number(refused[0]?.retryAfter)).to.be.within(1, 600);
      expect((await dl.get(grantOf(victim))).status).to.equal(200);
      expect(forgotten).to.deep.equal([]);
      // The victim's address is not affected by the flooder's limit.
      expect((await startFrom(harness.baseUrl, '127.0.0.2')).status).to.equal(201);
    });

    it("once one of the caller's conversations has gone idle, the caller may start another", async () => {
      for (let index = 0; index < 3; index += 1) expect((await startFrom(harness.baseUrl, '127.0.0.4')).status).to.equal(201);
      const refused = await startFrom(harness.baseUrl, '127.0.0.4');
      expect(refused.status).to.equal(429);
      expect(refused.retryAfter).to.equal('600');
      clock.advance({ minutes: 11 });
      expect((await startFrom(harness.baseUrl, '127.0.0.4')).status).to.equal(201);
    });

    it('when the whole store is full (many callers), the least recently active conversation is evicted and forgotten', async () => {
      const first = await startFrom(harness.baseUrl, '127.0.0.10');
      for (let caller = 11; caller < 20; caller += 1) {
        clock.advance({ minutes: 0.1 });
        expect((await startFrom(harness.baseUrl, `127.0.0.${caller}`)).status).to.equal(201);
      }
      expect(harness.directLine.service.store.size).to.equal(10);
      expect((await startFrom(harness.baseUrl, '127.0.0.20')).status).to.equal(201);
      expect((await dl.get(grantOf(first))).status).to.equal(404);
      expect(forgotten).to.deep.equal([first.body.conversationId]);
    });
  });

  describe('starts per caller per minute', () => {
    beforeEach(async () => {
      clock = fakeClock();
      harness = await startDirectLineHarness({ clock, limits: { maxConversationsPerCaller: 100, maxStartsPerCallerPerMinute: 5 } });
      dl = new DirectLineTestClient(harness.baseUrl);
    });

    it('at most 5 starts a minute from one address: the 6th is 429 with Retry-After; other addresses start; a minute later it may again', async () => {
      for (let index = 0; index < 5; index += 1) {
        expect((await startFrom(harness.baseUrl, '127.0.0.5')).status).to.equal(201);
        clock.advance({ minutes: 0.1 }); // 6 seconds
      }
      const refused = await startFrom(harness.baseUrl, '127.0.0.5');
      expect(refused.status).to.equal(429);
      expect(refused.body.error?.code).to.equal('too_many_conversations');
      expect(refused.retryAfter).to.equal('30'); // the first start leaves the minute 30 s from now
      expect((await startFrom(harness.baseUrl, '127.0.0.6')).status).to.equal(201);
      clock.advance({ minutes: 0.5 });
      expect((await startFrom(harness.baseUrl, '127.0.0.5')).status).to.equal(201);
    });

    it('reconnecting with a Direct Line token is not a start: it is never refused', async () => {
      const started = await startFrom(harness.baseUrl, '127.0.0.7');
      for (let index = 0; index < 4; index += 1) await startFrom(harness.baseUrl, '127.0.0.7');
      expect((await startFrom(harness.baseUrl, '127.0.0.7')).status).to.equal(429);
      const again = await startFrom(harness.baseUrl, '127.0.0.7', started.body.token);
      expect(again.status).to.equal(200);
      expect(again.body.conversationId).to.equal(started.body.conversationId);
    });
  });
});

describe('callerKeyOf()', () => {
  const cases: [string | undefined, string][] = [
    ['127.0.0.1', '127.0.0.1'],
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::FFFF:10.0.0.7', '10.0.0.7'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:0000:0000:0000:0009', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['not an address', 'unknown'],
    [undefined, 'unknown'],
  ];
  for (const [address, key] of cases) it(`${String(address)} → ${key}`, () => expect(callerKeyOf(address)).to.equal(key));
});
