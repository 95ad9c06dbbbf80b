import { expect } from 'chai';
import { startTestApp, type RunningApp } from '../support/test-app.ts';
import { call, DirectLineTestClient, startDirectLineHarness, textsOf, type DirectLineHarness, type Grant } from './support/direct-line-harness.ts';

const apiToken = 'an-api-token-for-the-tests-0123456789';

interface ErrorBody {
  error: { code: string; message: string; field: string | null };
}

/**
 * With API_TOKEN set, the chat reads case status (issue 5 protects it with that token), so starting a
 * conversation needs the token; the conversation itself then runs on its own Direct Line token.
 */
describe('local Direct Line with API_TOKEN set', () => {
  let harness: DirectLineHarness;
  let dl: DirectLineTestClient;

  before(async () => {
    harness = await startDirectLineHarness({ apiToken });
    dl = new DirectLineTestClient(harness.baseUrl);
  });
  after(async () => {
    await harness.stop();
  });

  const startWith = (authorization?: string) =>
    fetch(dl.url('/conversations'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
      body: JSON.stringify({ user: {} }),
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as unknown }));

  const refusals = [
    { name: 'no Authorization header', authorization: undefined, code: 'api_token_missing' },
    { name: 'a wrong API token', authorization: `Bearer ${apiToken}x`, code: 'api_token_invalid' },
    { name: 'the API token with a different case', authorization: `Bearer ${apiToken.toUpperCase()}`, code: 'api_token_invalid' },
    { name: 'a forged Direct Line token', authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJjb252IjoiYSJ9.c2ln', code: 'api_token_invalid' },
    { name: 'a Basic credential', authorization: `Basic ${Buffer.from(`user:${apiToken}`).toString('base64')}`, code: 'api_token_missing' },
  ];
  for (const refusal of refusals) {
    it(`POST /conversations with ${refusal.name} → 401 in the usual error shape, and nothing starts`, async () => {
      const before = harness.bot.received.length;
      const { status, body } = await startWith(refusal.authorization);
      expect(status).to.equal(401);
      expect((body as ErrorBody).error).to.include({ code: refusal.code, field: null });
      expect((body as ErrorBody).error.message).to.match(/API token|API_TOKEN/);
      expect(body).not.to.have.property('token');
      expect(harness.bot.received.length).to.equal(before); // the bot never heard of it
    });
  }

  // Authentication comes first: without the token, what the body says (or whether it is JSON) is never looked at.
  const badBodies = [
    { name: 'broken JSON', contentType: 'application/json', body: '{"user":' },
    { name: 'a body that is not JSON', contentType: 'text/plain', body: 'hello' },
    { name: 'fields of the wrong type', contentType: 'application/json', body: '{"locale":5,"user":"me"}' },
    { name: 'JSON nested 20,000 deep', contentType: 'application/json', body: `{"user":${'['.repeat(20_000)}${']'.repeat(20_000)}}` },
  ];
  for (const bad of badBodies) {
    it(`POST /conversations with ${bad.name} and no token → 401 api_token_missing, not 400/415`, async () => {
      const response = await fetch(dl.url('/conversations'), { method: 'POST', headers: { 'content-type': bad.contentType }, body: bad.body });
      expect(response.status).to.equal(401);
      expect(((await response.json()) as ErrorBody).error.code).to.equal('api_token_missing');
    });
  }

  it('POST /conversations with a bad body and the API token → 400 (the body is checked once the caller is known)', async () => {
    const response = await fetch(dl.url('/conversations'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiToken}` },
      body: '{"user":',
    });
    expect(response.status).to.equal(400);
  });

  it('POST /conversations with Authorization: Bearer <API_TOKEN> → 201, then the conversation runs on its Direct Line token alone', async () => {
    const started = await dl.start(apiToken);
    expect(started.status).to.equal(201);
    const grant = started.body;
    expect(grant.token).not.to.equal(apiToken);
    await dl.waitFor(grant, (activities) => textsOf(activities).some((text) => text.startsWith('Welcome')));
    expect((await dl.post(grant, { type: 'message', text: 'hello' })).status).to.equal(200);
    await dl.waitFor(grant, (activities) => textsOf(activities).includes('Echo: hello'));

    // What the page does after a reload, and DirectLineJS every 15 minutes: no API token involved.
    const refreshed = await call<Grant>(dl.url('/tokens/refresh'), { method: 'POST', token: grant.token });
    expect(refreshed.status).to.equal(200);
    const reconnected = await call<Grant>(dl.url(`/conversations/${grant.conversationId}?watermark=`), { token: refreshed.body.token });
    expect(reconnected.status).to.equal(200);
    expect(reconnected.body.conversationId).to.equal(grant.conversationId);
    // POST /conversations with the conversation's own token is that conversation again (200), as without API_TOKEN.
    const again = await dl.start(grant.token);
    expect(again.status).to.equal(200);
    expect(again.body.conversationId).to.equal(grant.conversationId);
  });

  it('the API token is not a Direct Line token: it reads no conversation', async () => {
    const grant = (await dl.start(apiToken)).body;
    const read = await call<ErrorBody>(dl.url(`/conversations/${grant.conversationId}/activities`), { token: apiToken });
    expect(read.status).to.equal(401);
  });

  it('/chat tells its script that a token is needed', async () => {
    const html = await (await fetch(`${harness.baseUrl}/chat`)).text();
    expect(html).to.include('data-token-required="true"');
    expect(html).to.include('id="token-form"');
  });
});

describe('the app with API_TOKEN set: /v3/directline/conversations', () => {
  let running: RunningApp;
  before(async () => {
    running = await startTestApp({ API_TOKEN: apiToken });
  });
  after(async () => {
    await running.stop();
  });

  it('refuses to start a conversation without the API token (401) and with a wrong one (401), starts one with it (201)', async () => {
    const url = `${running.baseUrl}/v3/directline/conversations`;
    const without = await call<ErrorBody>(url, { method: 'POST' });
    expect(without.status).to.equal(401);
    expect(without.body.error.code).to.equal('api_token_missing');
    const wrong = await call<ErrorBody>(url, { method: 'POST', token: 'not-the-api-token-at-all' });
    expect(wrong.status).to.equal(401);
    expect(wrong.body.error.code).to.equal('api_token_invalid');
    const started = await call<Grant>(url, { method: 'POST', token: apiToken });
    expect(started.status).to.equal(201);
    expect(started.body.conversationId).to.be.a('string');
    // The bot's welcome (an Adaptive Card for webchat) arrives on the conversation's own token.
    const dl = new DirectLineTestClient(running.baseUrl);
    await dl.waitFor(started.body, (activities) => JSON.stringify(activities).includes('Lease Return Assistant'));
  });
});

describe('the app without API_TOKEN: /v3/directline/conversations', () => {
  let running: RunningApp;
  before(async () => {
    running = await startTestApp();
  });
  after(async () => {
    await running.stop();
  });

  it('starts a conversation with no credential (the server only listens on loopback) and /chat asks for no token', async () => {
    const started = await call<Grant>(`${running.baseUrl}/v3/directline/conversations`, { method: 'POST' });
    expect(started.status).to.equal(201);
    const html = await (await fetch(`${running.baseUrl}/chat`)).text();
    expect(html).to.include('data-token-required="false"');
  });
});
