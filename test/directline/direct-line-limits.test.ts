import { expect } from 'chai';
import type { FixedClock } from '../../src/clock.ts';
import { call, DirectLineTestClient, fakeClock, startDirectLineHarness, textsOf, type DirectLineHarness, type Grant } from './support/direct-line-harness.ts';

describe('local Direct Line: bounded queues that expire', () => {
  let harness: DirectLineHarness;
  let clock: FixedClock;
  let dl: DirectLineTestClient;

  beforeEach(async () => {
    clock = fakeClock();
    harness = await startDirectLineHarness({
      clock,
      limits: { maxConversations: 3, maxActivitiesPerConversation: 6, maxBytesPerConversation: 64 * 1024, idleTimeoutMs: 10 * 60 * 1000 },
    });
    dl = new DirectLineTestClient(harness.baseUrl);
  });
  afterEach(async () => {
    await harness.stop();
  });

  async function started(): Promise<Grant> {
    const { body } = await dl.start();
    await dl.waitFor(body, (activities) => activities.length > 0);
    return body;
  }

  it('keeps only the newest activities of a conversation, while the watermark keeps counting', async () => {
    const grant = await started();
    for (let index = 1; index <= 5; index += 1) await dl.post(grant, { type: 'message', text: `m${index}` });
    const { body } = await dl.get(grant);
    expect(body.activities).to.have.length(6);
    expect(textsOf(body.activities)).to.deep.equal(['m3', 'Echo: m3', 'm4', 'Echo: m4', 'm5', 'Echo: m5']);
    expect(body.watermark).to.equal('11');
  });

  it('keeps a conversation under its byte budget, dropping the oldest first', async () => {
    const grant = await started();
    const bulky = 'x'.repeat(9000); // ~18 KB a round trip: the echo and the bot's card repeat it
    for (let index = 1; index <= 5; index += 1) await dl.post(grant, { type: 'message', text: `${index}${bulky}` });
    const { body } = await dl.get(grant);
    expect(Buffer.byteLength(JSON.stringify(body.activities))).to.be.at.most(64 * 1024);
    expect(textsOf(body.activities).at(-1)).to.equal(`Echo: 5${bulky}`);
  });

  it('refuses a single activity over the per-activity limit (413)', async () => {
    const grant = await started();
    const response = await dl.post(grant, { type: 'message', text: 'y'.repeat(9000), channelData: { padding: 'z'.repeat(70 * 1024) } });
    expect(response.status).to.equal(413);
  });

  it('evicts the least recently active conversation when full', async () => {
    const oldest = await started();
    clock.advance({ minutes: 1 });
    const active = await started();
    clock.advance({ minutes: 1 });
    await started();
    clock.advance({ minutes: 1 });
    expect((await dl.get(active)).status).to.equal(200); // touched: now the most recent
    await started();
    expect((await dl.get(oldest)).status).to.equal(404); // Web Chat treats 404 as "conversation ended"
    expect((await dl.get(active)).status).to.equal(200);
    expect(harness.directLine.service.store.size).to.equal(3);
  });

  it('forgets a conversation after inactivity, though its token is still valid', async () => {
    const grant = await started();
    const other = await started();
    clock.advance({ minutes: 9 });
    expect((await dl.get(other)).status).to.equal(200);
    clock.advance({ minutes: 2 });
    expect((await dl.get(grant)).status).to.equal(404);
    expect((await call(dl.url('/tokens/refresh'), { method: 'POST', token: grant.token })).status).to.equal(404);
    expect((await dl.get(other)).status).to.equal(200);
    clock.advance({ minutes: 11 });
    expect(harness.directLine.service.store.sweep()).to.equal(1);
    expect(harness.directLine.service.store.size).to.equal(0);
  });
});
