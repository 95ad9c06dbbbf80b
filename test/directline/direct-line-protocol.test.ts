import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import type { FixedClock } from '../../src/clock.ts';
import {
  call,
  DirectLineTestClient,
  fakeClock,
  startDirectLineHarness,
  testSecret,
  textsOf,
  type DirectLineHarness,
  type Grant,
} from './support/direct-line-harness.ts';

const claimsOf = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

describe('local Direct Line 3.0 (polling subset)', () => {
  let harness: DirectLineHarness;
  let clock: FixedClock;
  let dl: DirectLineTestClient;

  beforeEach(async () => {
    clock = fakeClock();
    harness = await startDirectLineHarness({ clock });
    dl = new DirectLineTestClient(harness.baseUrl);
  });
  afterEach(async () => {
    await harness.stop();
  });

  async function started(): Promise<Grant> {
    const response = await dl.start();
    expect(response.status).to.equal(201);
    await dl.waitFor(response.body, (activities) => textsOf(activities).some((text) => text.startsWith('Welcome')));
    return response.body;
  }

  describe('POST /v3/directline/conversations', () => {
    it('starts a conversation with a signed, expiring token bound to it and a user id the client cannot choose', async () => {
      const { status, body } = await dl.start();
      expect(status).to.equal(201);
      expect(body.conversationId).to.match(/^[\w-]{16,}$/);
      expect(body.expires_in).to.equal(1800);
      expect(body).not.to.have.property('streamUrl');
      const claims = claimsOf(body.token);
      expect(claims.conv).to.equal(body.conversationId);
      expect(claims.user).to.match(/^dl_/); // Web Chat takes the user id from this claim
      expect(Number(claims.exp) - Number(claims.iat)).to.equal(1800);
    });

    it('tells the bot the user joined (channel webchat, our serviceUrl) and never shows that event to the client', async () => {
      const grant = await started();
      const join = harness.bot.received.find((activity) => activity.type === 'conversationUpdate');
      expect(join?.channelId).to.equal('webchat');
      expect(join?.conversation?.id).to.equal(grant.conversationId);
      expect(join?.membersAdded?.map((member) => member.id)).to.include(claimsOf(grant.token).user);
      expect(join?.serviceUrl).to.match(new RegExp(`^${harness.baseUrl}/directline/connector/[\\w-]{43}$`));
      const { body } = await dl.get(grant);
      expect(body.activities.map((activity) => activity.type)).to.deep.equal(['message']);
      const welcome = body.activities[0] ?? {};
      expect(welcome.from).to.deep.include({ role: 'bot' });
      expect(welcome).not.to.have.property('serviceUrl');
      expect(welcome).not.to.have.property('replyToId'); // it answers the join, which the client never sees
    });

    it('with a valid token, returns that conversation (200) instead of starting another', async () => {
      const grant = await started();
      const again = await dl.start(grant.token);
      expect(again.status).to.equal(200);
      expect(again.body.conversationId).to.equal(grant.conversationId);
      expect(harness.bot.received.filter((activity) => activity.type === 'conversationUpdate')).to.have.length(1);
    });
  });

  describe('POST …/activities and GET …/activities?watermark=', () => {
    it('echoes the posted activity under the returned id, keeps channelData, and queues the bot reply to it', async () => {
      const grant = await started();
      const posted = await dl.post(grant, {
        type: 'message',
        text: 'hello',
        channelData: { clientActivityID: 'c-1' },
        from: { id: 'someone-else', role: 'user' },
      });
      expect(posted.status).to.equal(200);
      expect(posted.body.id).to.equal(`${grant.conversationId}|0000002`);
      const { body } = await dl.get(grant, '1');
      const [echo, reply] = body.activities;
      expect(echo).to.deep.include({ id: posted.body.id, type: 'message', text: 'hello', channelId: 'webchat' });
      expect(echo?.channelData).to.deep.equal({ clientActivityID: 'c-1' }); // Web Chat matches its echo by this
      expect(echo?.from).to.deep.equal({ id: claimsOf(grant.token).user, role: 'user' }); // not "someone-else"
      expect(reply).to.deep.include({ type: 'message', text: 'Echo: hello', replyToId: posted.body.id });
      expect(reply?.from).to.deep.include({ role: 'bot' });
      expect(body.watermark).to.equal('3');
      expect(body.activities.map((activity) => activity.type)).not.to.include('typing'); // typing is WebSocket-only in Direct Line
    });

    it('hands the bot the activity under the same id, from the token user, with a reply address on this server', async () => {
      const grant = await started();
      const posted = await dl.post(grant, { type: 'message', text: 'hi there' });
      const seen = harness.bot.received.find((activity) => activity.text === 'hi there');
      expect(seen?.id).to.equal(posted.body.id);
      expect(seen?.channelId).to.equal('webchat');
      expect(seen?.from?.id).to.equal(claimsOf(grant.token).user);
      expect(seen?.serviceUrl).to.match(/\/directline\/connector\//);
    });

    it('delivers an Adaptive Card Action.Submit value to the bot', async () => {
      const grant = await started();
      await dl.post(grant, { type: 'message', value: { choice: 'status' }, channelData: { clientActivityID: 'c-2' } });
      const { body } = await dl.get(grant);
      expect(textsOf(body.activities)).to.include('You chose status.');
    });

    it('returns only what is newer than the watermark, and the watermark to poll with next', async () => {
      const grant = await started();
      const first = await dl.get(grant);
      expect(first.body.watermark).to.equal('1');
      const empty = await dl.get(grant, first.body.watermark);
      expect(empty.body).to.deep.equal({ activities: [], watermark: '1' });
      await dl.post(grant, { type: 'message', text: 'one' });
      const next = await dl.get(grant, '1');
      expect(textsOf(next.body.activities)).to.deep.equal(['one', 'Echo: one']);
      expect(next.body.watermark).to.equal('3');
      const all = await dl.get(grant);
      expect(all.body.activities).to.have.length(3);
    });

    it('passes suggested actions through, and shows a bot update (same id) and forgets a deleted one', async () => {
      const grant = await started();
      await dl.post(grant, { type: 'message', text: 'suggest' });
      await dl.post(grant, { type: 'message', text: 'update me' });
      await dl.post(grant, { type: 'message', text: 'delete me' });
      const { body } = await dl.get(grant);
      const suggestion = body.activities.find((activity) => activity.text === 'Pick one');
      expect(suggestion?.suggestedActions).to.deep.equal({ to: [], actions: [{ type: 'imBack', title: 'Yes', value: 'yes' }] });
      const texts = textsOf(body.activities);
      expect(texts).to.include('updated text');
      expect(texts).not.to.include('original text');
      expect(texts).not.to.include('short-lived text');
    });

    it('refuses a malformed activity (400) and a non-numeric watermark (400)', async () => {
      const grant = await started();
      expect((await dl.post(grant, { text: 'no type' })).status).to.equal(400);
      expect((await dl.post(grant, { type: 'message', text: 5 })).status).to.equal(400);
      const badWatermark = await dl.get(grant, 'abc');
      expect(badWatermark.status).to.equal(400);
      expect(badWatermark.body).to.have.nested.property('error.field', 'watermark');
    });
  });

  describe('tokens', () => {
    it('another conversation’s token gets 403 on every conversation call', async () => {
      const mine = await started();
      const theirs = (await dl.start()).body;
      const crossed = { conversationId: theirs.conversationId, token: mine.token, expires_in: 0 };
      expect((await dl.get(crossed)).status).to.equal(403);
      expect((await dl.post(crossed, { type: 'message', text: 'sneaky' })).status).to.equal(403);
      expect((await call(dl.url(`/conversations/${theirs.conversationId}`), { token: mine.token })).status).to.equal(403);
      expect(harness.bot.received.some((activity) => activity.text === 'sneaky')).to.equal(false);
    });

    it('a forged, tampered, foreign-secret or missing token gets 401', async () => {
      const grant = await started();
      const [header, payload, signature] = grant.token.split('.');
      const otherClaims = Buffer.from(JSON.stringify({ ...claimsOf(grant.token), user: 'dl_attacker' })).toString('base64url');
      const foreignSigned = `${header}.${payload}.${createHmac('sha256', 'another-secret').update(`${header}.${payload}`).digest('base64url')}`;
      const noneAlg = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
      for (const token of [`${header}.${otherClaims}.${signature}`, foreignSigned, noneAlg, 'not-a-token', `${grant.token}x`]) {
        const response = await dl.get({ ...grant, token });
        expect(response.status, token).to.equal(401);
        expect(response.body).to.have.nested.property('error.code', 'token_invalid');
      }
      const missing = await call(dl.url(`/conversations/${grant.conversationId}/activities`));
      expect(missing.status).to.equal(401);
      expect(testSecret).not.to.equal('another-secret');
    });

    it('an expired token gets 401 (token_expired); a refresh before expiry gives a token that outlives it', async () => {
      const grant = await started();
      clock.advance({ minutes: 20 });
      const refreshed = await call<Grant>(dl.url('/tokens/refresh'), { method: 'POST', token: grant.token });
      expect(refreshed.status).to.equal(200);
      expect(refreshed.body.conversationId).to.equal(grant.conversationId);
      expect(refreshed.body.expires_in).to.equal(1800);
      clock.advance({ minutes: 11 });
      const expired = await dl.get(grant);
      expect(expired.status).to.equal(401);
      expect(expired.body).to.have.nested.property('error.code', 'token_expired');
      expect((await call(dl.url('/tokens/refresh'), { method: 'POST', token: grant.token })).status).to.equal(401);
      expect((await dl.get(refreshed.body)).status).to.equal(200);
    });

    it('reconnect (GET /conversations/:id) returns the conversation and a fresh token', async () => {
      const grant = await started();
      clock.advance({ minutes: 1 });
      const { status, body } = await call<Grant>(dl.url(`/conversations/${grant.conversationId}?watermark=`), { token: grant.token });
      expect(status).to.equal(200);
      expect(body.conversationId).to.equal(grant.conversationId);
      expect(Number(claimsOf(body.token).exp)).to.be.greaterThan(Number(claimsOf(grant.token).exp));
    });
  });

  describe('the connector the bot calls', () => {
    it('refuses a call without the conversation’s key (403), so a known conversation id is not enough to inject', async () => {
      const grant = await started();
      const forged = await call(`${harness.baseUrl}/directline/connector/${'A'.repeat(43)}/v3/conversations/${grant.conversationId}/activities`, {
        method: 'POST',
        body: { type: 'message', text: 'Call 555-0100 now' },
      });
      expect(forged.status).to.equal(403);
      const { body } = await dl.get(grant);
      expect(textsOf(body.activities)).not.to.include('Call 555-0100 now');
    });

    it('takes the bot’s call with the key it was given', async () => {
      const grant = await started();
      const serviceUrl = harness.directLine.service.serviceUrlFor(grant.conversationId);
      const sent = await call<{ id: string }>(`${serviceUrl}/v3/conversations/${grant.conversationId}/activities`, {
        method: 'POST',
        body: { type: 'message', text: 'proactive note' },
      });
      expect(sent.status).to.equal(200);
      expect(sent.body.id).to.equal(`${grant.conversationId}|0000002`);
      const members = await call<{ id: string }[]>(`${serviceUrl}/v3/conversations/${grant.conversationId}/members`);
      expect(members.body.map((member) => member.id)).to.include(claimsOf(grant.token).user);
    });
  });
});
