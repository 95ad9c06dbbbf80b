import { expect } from 'chai';
import { z } from 'zod';
import { FixedClock } from '../../src/clock.ts';
import { startBotHarness, type BotHarness } from '../bots/bot-test-kit.ts';
import { FakeTwilioServer } from '../support/fake-twilio-server.ts';
import { getJson, postJson, startTestApp, type RunningApp } from '../support/test-app.ts';
import { sendSms } from '../sms/sms-client.ts';

const apiToken = 'handoff-test-api-token-0123456789';
const listSchema = z.object({
  counts: z.object({ waiting: z.number(), active: z.number(), ended: z.number() }),
  items: z.array(z.object({ id: z.string(), conversationId: z.string(), channelId: z.string(), status: z.string() })),
});
const detailSchema = z.object({
  id: z.string(),
  status: z.string(),
  agent: z.unknown(),
  endedBy: z.unknown(),
  takenAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  transcript: z.array(z.object({ from: z.string(), text: z.string() })),
  messages: z.array(z.object({ role: z.string(), text: z.string(), author: z.unknown(), delivery: z.string() })),
});

/** The handoff API (issue 15): protected, the lifecycle waiting → active → ended, and who did what. */
describe('/api/v1/handoffs', () => {
  let harness: BotHarness;
  let dana: { id: string; token: string };
  let lee: { id: string; token: string };
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const url = (path: string) => `${harness.app.baseUrl}/api/v1/handoffs${path}`;

  before(async () => {
    harness = await startBotHarness({ API_TOKEN: apiToken });
    const added = [await harness.app.app.agents.add('Dana Smith'), await harness.app.app.agents.add('Lee Park')];
    [dana, lee] = added.map(({ agent, token }) => ({ id: String(agent.id), token })) as [typeof dana, typeof lee];
  });
  after(async () => {
    await harness.stop();
  });

  async function waitingHandoff(): Promise<string> {
    const conversation = harness.conversation();
    await conversation.send('hello');
    await conversation.send('I need to speak to a human');
    const list = listSchema.parse((await getJson(url(''), auth(apiToken))).body);
    const item = list.items.find((entry) => entry.conversationId === conversation.options.conversationId);
    if (!item) throw new Error('no handoff');
    return item.id;
  }

  it('refuses every route without a token (deny by default)', async () => {
    expect((await getJson(url(''))).status).to.equal(401);
    expect((await postJson(url('/00000000-0000-4000-8000-000000000000/take'), {})).status).to.equal(401);
  });

  it('lists the waiting handoffs with their counts, and 404s an unknown or malformed id', async () => {
    const id = await waitingHandoff();
    const list = listSchema.parse((await getJson(url('?status=waiting'), auth(dana.token))).body);
    expect(list.counts.waiting).to.be.at.least(1);
    expect(list.items.map((item) => item.id)).to.include(id);
    expect(list.items.every((item) => item.status === 'waiting')).to.equal(true);
    const queues = z
      .object({ queues: z.array(z.object({ id: z.string(), count: z.number() })) })
      .parse((await getJson(`${harness.app.baseUrl}/api/v1/queues`, auth(dana.token))).body);
    expect(queues.queues.find((queue) => queue.id === 'handoffs')?.count, 'the handoffs queue in GET /api/v1/queues').to.equal(list.counts.waiting);
    expect((await getJson(url('/00000000-0000-4000-8000-000000000000'), auth(dana.token))).status).to.equal(404);
    expect((await getJson(url('/not-an-id'), auth(dana.token))).status).to.equal(404);
    const bad = await getJson(url('?status=lost'), auth(dana.token));
    expect(bad.status).to.equal(400);
    expect(bad.body).to.have.nested.property('error.field', 'status.0');
  });

  it('an agent takes it, replies (recorded with their name), another agent may not, and ending it hands back to the bot', async () => {
    const id = await waitingHandoff();
    expect((await postJson(url(`/${id}/messages`), { text: 'too early' }, auth(dana.token))).status, 'reply before taking').to.equal(409);
    const taken = await postJson(url(`/${id}/take`), {}, auth(dana.token));
    expect(taken.status).to.equal(200);
    expect(detailSchema.parse(taken.body)).to.deep.include({ status: 'active', agent: { kind: 'agent', agentId: dana.id, name: 'Dana Smith' } });
    const second = await postJson(url(`/${id}/take`), {}, auth(lee.token));
    expect(second.status).to.equal(409);
    expect(second.body).to.have.nested.property('error.code', 'handoff_not_waiting');

    const empty = await postJson(url(`/${id}/messages`), { text: '   ' }, auth(dana.token));
    expect(empty.status).to.equal(400);
    expect(empty.body).to.have.nested.property('error.field', 'text');
    expect((await postJson(url(`/${id}/messages`), { text: 'Hi, Dana here.' }, auth(dana.token))).status).to.equal(201);
    const other = await postJson(url(`/${id}/messages`), { text: 'Lee here' }, auth(lee.token));
    expect(other.status, 'the agent who did not take it').to.equal(403);

    const ended = await postJson(url(`/${id}/end`), {}, auth(dana.token));
    expect(ended.status).to.equal(200);
    const detail = detailSchema.parse(ended.body);
    expect(detail.status).to.equal('ended');
    expect(detail.endedBy).to.deep.equal({ kind: 'agent', agentId: dana.id, name: 'Dana Smith' });
    expect(detail.takenAt).to.be.a('string');
    expect(detail.endedAt).to.be.a('string');
    expect(detail.messages.map((message) => [message.role, message.text, message.author])).to.deep.equal([
      ['agent', 'Hi, Dana here.', { kind: 'agent', agentId: dana.id, name: 'Dana Smith' }],
    ]);
    expect((await postJson(url(`/${id}/end`), {}, auth(dana.token))).status, 'ended twice').to.equal(409);
    const open = listSchema.parse((await getJson(url(''), auth(dana.token))).body);
    expect(open.items.map((item) => item.id)).not.to.include(id);
  });

  it('gives only newer messages with ?after=', async () => {
    const id = await waitingHandoff();
    await postJson(url(`/${id}/take`), {}, auth(apiToken));
    const first = z.object({ id: z.number() }).parse((await postJson(url(`/${id}/messages`), { text: 'one' }, auth(apiToken))).body);
    await postJson(url(`/${id}/messages`), { text: 'two' }, auth(apiToken));
    const newer = z
      .object({ items: z.array(z.object({ text: z.string() })) })
      .parse((await getJson(url(`/${id}/messages?after=${first.id}`), auth(apiToken))).body);
    expect(newer.items.map((item) => item.text)).to.deep.equal(['two']);
  });
});

/** A dealer who texted "agent" gets the agent's replies as texts, through Twilio's REST API (a local fake). */
describe('handoff by SMS', () => {
  const publicBaseUrl = 'https://lease-returns.example.com';
  const dealerPhone = '+16145550142';
  let fake: FakeTwilioServer;
  let running: RunningApp;
  const clock = new FixedClock('2026-11-20T15:00:00Z');
  const text = (body: string) => sendSms(running.baseUrl, body, { from: dealerPhone, authToken: fake.authToken, signedUrl: `${publicBaseUrl}/api/v1/sms` });
  const url = (path: string) => `${running.baseUrl}/api/v1/handoffs${path}`;

  before(async () => {
    fake = await new FakeTwilioServer().start();
    running = await startTestApp(
      {
        TWILIO_ACCOUNT_SID: fake.accountSid,
        TWILIO_AUTH_TOKEN: fake.authToken,
        TWILIO_FROM: '+18885550199',
        TWILIO_API_BASE_URL: fake.url,
        PUBLIC_BASE_URL: publicBaseUrl,
      },
      { clock },
    );
  });
  after(async () => {
    await running.stop();
    await fake.stop();
  });

  it('"agent" opens a handoff; while held the texts go to the agent unanswered; the agent\'s reply is texted; after the end the assistant answers', async () => {
    expect(
      (await postJson(`${running.baseUrl}/api/v1/dealers`, { id: 'demo-motors', name: 'Demo Motors', state: 'OH', phones: [dealerPhone] })).status,
    ).to.equal(201);
    const first = await text('agent');
    expect(first.text).to.match(/A person at Ally will text you back/);
    expect(first.text, 'the number for talking now').to.include('888-919-2559');
    const list = listSchema.parse((await getJson(url(''))).body);
    const handoff = list.items.find((item) => item.conversationId === dealerPhone);
    expect(handoff).to.include({ channelId: 'sms-webhook', status: 'waiting' });
    const id = handoff?.id ?? '';

    const held = await text('the car is at our lot, VIN ends 042788');
    expect(held.text, 'no answer from the assistant while held').to.equal(null);

    fake.reset();
    await postJson(url(`/${id}/take`), {});
    const sent = await postJson(url(`/${id}/messages`), { text: 'Hi, this is Dana at Ally. I see it.' });
    expect(sent.body).to.include({ delivery: 'sent' });
    const bodies = fake.createRequests.map((request) => request.form);
    expect(bodies.map((form) => form.To)).to.deep.equal([dealerPhone, dealerPhone]);
    expect(bodies.every((form) => form.From === '+18885550199')).to.equal(true);
    expect(bodies[1]?.Body).to.include('Hi, this is Dana at Ally. I see it.');
    expect(fake.createRequests[0]?.basicAuth).to.equal(`${fake.accountSid}:${fake.authToken}`);

    const detail = detailSchema.parse((await getJson(url(`/${id}`))).body);
    const fromDealer = detail.messages.find((message) => message.role === 'dealer');
    expect(fromDealer?.text).to.equal('the car is at our lot, VIN ends 042788');
    expect(fromDealer?.author, 'the audit trail names the dealer phone').to.deep.equal({ kind: 'dealerPhone', dealerId: 'demo-motors', phone: dealerPhone });

    await postJson(url(`/${id}/end`), {});
    expect(fake.createRequests.at(-1)?.form.Body).to.match(/I'm back/);
    const after = await text('what is the fax for dealer purchases?');
    expect(after.text).to.include('866-851-0577');
  });
});
