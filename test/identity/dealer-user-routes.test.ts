import { expect } from 'chai';
import { asError } from '../cases/case-fixtures.ts';
import { getJson, startTestApp, type RunningApp } from '../support/test-app.ts';
import { dealerA, dealerB, linkUser, seedTwoDealers, teamsUserA } from './identity-fixtures.ts';

interface UserJson {
  id: string;
  dealerId: string;
  kind: string;
  aadObjectId?: string;
  webChatUserId?: string;
  linkedBy: string;
}

describe('dealer users API (/api/v1/dealers/:id/users)', () => {
  let running: RunningApp;
  before(async () => {
    running = await startTestApp();
    await seedTwoDealers(running.baseUrl);
  });
  after(async () => {
    await running.stop();
  });

  it('links a Teams user by Azure AD object id (201), lists it, and a repeat is the same user (200)', async () => {
    const created = await linkUser(running.baseUrl, dealerA.id, { aadObjectId: teamsUserA.toUpperCase() });
    expect(created.status).to.equal(201);
    const user = created.body as UserJson;
    expect(user).to.include({ dealerId: dealerA.id, kind: 'teams', aadObjectId: teamsUserA, linkedBy: 'api' });
    expect(user.id).to.match(/^du_/);
    const again = await linkUser(running.baseUrl, dealerA.id, { aadObjectId: teamsUserA });
    expect(again.status).to.equal(200);
    expect((again.body as UserJson).id).to.equal(user.id);
    const list = await getJson(`${running.baseUrl}/api/v1/dealers/${dealerA.id}/users`);
    expect(list.status).to.equal(200);
    expect((list.body as { items: UserJson[] }).items.map((item) => item.id)).to.deep.equal([user.id]);
  });

  it('refuses an identity that belongs to another dealer with 409 naming the field', async () => {
    await linkUser(running.baseUrl, dealerA.id, { webChatUserId: 'site-user-7' });
    const taken = await linkUser(running.baseUrl, dealerB.id, { webChatUserId: 'site-user-7' });
    expect(taken.status).to.equal(409);
    expect(asError(taken.body).error).to.include({ code: 'identity_taken', field: 'webChatUserId' });
    const listB = await getJson(`${running.baseUrl}/api/v1/dealers/${dealerB.id}/users`);
    expect((listB.body as { items: UserJson[] }).items).to.deep.equal([]);
  });

  it('answers 404 for an unknown dealer', async () => {
    const unknown = await linkUser(running.baseUrl, 'nobody-motors', { aadObjectId: teamsUserA });
    expect(unknown.status).to.equal(404);
    expect(asError(unknown.body).error.field).to.equal('id');
  });

  const badBodies: { name: string; body: Record<string, unknown>; field: string }[] = [
    { name: 'no identity', body: {}, field: 'aadObjectId' },
    { name: 'both identities', body: { aadObjectId: teamsUserA, webChatUserId: 'x1' }, field: 'webChatUserId' },
    { name: 'an object id that is no GUID', body: { aadObjectId: 'not-a-guid' }, field: 'aadObjectId' },
    { name: 'a web chat user id with spaces', body: { webChatUserId: 'two words' }, field: 'webChatUserId' },
    { name: 'an unknown field', body: { aadObjectId: teamsUserA, phone: '+16145550100' }, field: 'phone' },
  ];
  for (const bad of badBodies) {
    it(`answers 400 naming the field for ${bad.name}`, async () => {
      const refused = await linkUser(running.baseUrl, dealerA.id, bad.body);
      expect(refused.status).to.equal(400);
      expect(asError(refused.body).error.field).to.equal(bad.field);
    });
  }

  it('unlinks a user (204, and 204 again: DELETE is idempotent); 404 only for an unknown dealer', async () => {
    const created = await linkUser(running.baseUrl, dealerB.id, { webChatUserId: 'to-remove' });
    const id = (created.body as UserJson).id;
    const url = `${running.baseUrl}/api/v1/dealers/${dealerB.id}/users/${id}`;
    expect((await fetch(url, { method: 'DELETE' })).status).to.equal(204);
    expect((await fetch(url, { method: 'DELETE' })).status).to.equal(204);
    const listB = await getJson(`${running.baseUrl}/api/v1/dealers/${dealerB.id}/users`);
    expect((listB.body as { items: UserJson[] }).items.map((item) => item.id)).not.to.include(id);
    const unknownDealer = await fetch(`${running.baseUrl}/api/v1/dealers/nobody-motors/users/${id}`, { method: 'DELETE' });
    expect(unknownDealer.status).to.equal(404);
    // Another dealer's user cannot be removed through this dealer.
    const other = await linkUser(running.baseUrl, dealerA.id, { webChatUserId: 'kept-user' });
    const otherId = (other.body as UserJson).id;
    await fetch(`${running.baseUrl}/api/v1/dealers/${dealerB.id}/users/${otherId}`, { method: 'DELETE' });
    const listA = await getJson(`${running.baseUrl}/api/v1/dealers/${dealerA.id}/users`);
    expect((listA.body as { items: UserJson[] }).items.map((item) => item.id)).to.include(otherId);
  });
});

describe('dealer users API with API_TOKEN', () => {
  let running: RunningApp;
  const apiToken = 'an-api-token-long-enough-1234';
  before(async () => {
    running = await startTestApp({ API_TOKEN: apiToken });
  });
  after(async () => {
    await running.stop();
  });

  it('needs the token (401 without it)', async () => {
    const refused = await linkUser(running.baseUrl, dealerA.id, { aadObjectId: teamsUserA });
    expect(refused.status).to.equal(401);
  });
});
