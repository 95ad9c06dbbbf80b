import assert from 'node:assert/strict';
import { FixedClock } from '../../src/clock.ts';
import { getJson, postJson, startTestApp, type RunningApp } from '../support/test-app.ts';
import { asError, makeVin, registerDealer } from '../cases/case-fixtures.ts';

const apiToken = 'agent-tokens-suite-admin-token-0123456789';
const admin = { authorization: `Bearer ${apiToken}` };
const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

interface AuditCase {
  openedBy: { actor: { kind: string; name?: string; agentId?: string }; label: string } | null;
  events: { type: string; recordedBy: { actor: { kind: string; name?: string; phone?: string }; label: string } | null; recordedAt?: string }[];
}

function openCaseBody(vin: string, events: unknown[] = []): Record<string, unknown> {
  return { vin, dealerId: 'columbus-motors', maturityDate: '2026-03-02', returnDate: '2026-03-02', intent: 'lesseeReturn', hasAvrmAccess: true, events };
}

describe('per-agent tokens and the audit trail (API_TOKEN set)', () => {
  let running: RunningApp;
  const clock = new FixedClock('2026-03-08T12:00:00Z');

  before(async () => {
    running = await startTestApp({ API_TOKEN: apiToken }, { clock });
    assert.equal(
      (await postJson(`${running.baseUrl}/api/v1/dealers`, { id: 'columbus-motors', name: 'Columbus Motors', state: 'OH', phones: ['+16145550100'] }, admin))
        .status,
      201,
    );
  });
  after(() => running.stop());

  it("lets an agent in with their own token, and records the agent's name on what they do", async () => {
    const { agent, token } = await running.app.agents.add('Dana Smith');
    const vin = makeVin(510001);
    const opened = await postJson(`${running.baseUrl}/api/v1/cases`, openCaseBody(vin, [{ type: 'notified', at: '2026-03-02T16:00:00Z' }]), bearer(token));
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    clock.set('2026-03-08T13:00:00Z');
    const inspected = await postJson(`${running.baseUrl}/api/v1/cases/${vin}/events`, { type: 'inspected', at: '2026-03-04T10:00:00-05:00' }, admin);
    assert.equal(inspected.status, 201, JSON.stringify(inspected.body));

    const read = await getJson(`${running.baseUrl}/api/v1/cases/${vin}`, bearer(token));
    assert.equal(read.status, 200);
    const body = read.body as AuditCase;
    assert.deepEqual(body.openedBy, { actor: { kind: 'agent', agentId: agent.id, name: 'Dana Smith' }, label: 'Agent Dana Smith' });
    const [notified, inspection] = body.events;
    assert.equal(notified?.recordedBy?.label, 'Agent Dana Smith');
    assert.equal(notified?.recordedAt, '2026-03-08T12:00:00Z');
    assert.deepEqual(inspection?.recordedBy, { actor: { kind: 'administrator' }, label: 'Administrator' });
    assert.equal(inspection?.recordedAt, '2026-03-08T13:00:00Z');
  });

  it('refuses a revoked token on the very next request (401), while other agents and API_TOKEN still work', async () => {
    const kept = await running.app.agents.add('Kept Agent');
    const revoked = await running.app.agents.add('Leaving Agent');
    assert.equal((await getJson(`${running.baseUrl}/api/v1/cases`, bearer(revoked.token))).status, 200);
    await running.app.agents.revoke(revoked.agent.id);
    const refused = await getJson(`${running.baseUrl}/api/v1/cases`, bearer(revoked.token));
    assert.equal(refused.status, 401);
    assert.equal(asError(refused.body).error.code, 'unauthorized');
    // Not even a write slips through (decided before the body is read).
    const write = await postJson(`${running.baseUrl}/api/v1/cases/${makeVin(510001)}/notes`, { text: 'should not land' }, bearer(revoked.token));
    assert.equal(write.status, 401);
    assert.equal((await getJson(`${running.baseUrl}/api/v1/cases`, bearer(kept.token))).status, 200);
    assert.equal((await getJson(`${running.baseUrl}/api/v1/cases`, admin)).status, 200);
  });

  it('refuses an unknown agent-shaped token, a token with one character changed, and no token', async () => {
    const { token } = await running.app.agents.add('Typo Agent');
    const changed = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const headers of [bearer('lra_agent_not-a-real-token'), bearer(changed), {}]) {
      assert.equal((await getJson(`${running.baseUrl}/api/v1/cases`, headers)).status, 401, JSON.stringify(headers));
    }
  });

  it('leaves public routes open, with or without a token', async () => {
    const { token, agent } = await running.app.agents.add('Public Agent');
    await running.app.agents.revoke(agent.id);
    assert.equal((await getJson(`${running.baseUrl}/healthz`, bearer(token))).status, 200);
    assert.equal((await getJson(`${running.baseUrl}/healthz`)).status, 200);
  });

  it('records an event made from a dealer phone (SMS) with that phone', async () => {
    const vin = makeVin(510002);
    assert.equal((await postJson(`${running.baseUrl}/api/v1/cases`, openCaseBody(vin), admin)).status, 201);
    await running.app.cases.recordEvent(
      vin,
      { type: 'notified', at: '2026-03-02T16:00:00Z' },
      { kind: 'dealerPhone', dealerId: 'columbus-motors', phone: '+16145550100' },
    );
    const body = (await getJson(`${running.baseUrl}/api/v1/cases/${vin}`, admin)).body as AuditCase;
    assert.deepEqual(body.events[0]?.recordedBy, {
      actor: { kind: 'dealerPhone', dealerId: 'columbus-motors', phone: '+16145550100' },
      label: 'Dealer phone +16145550100',
    });
  });
});

describe('agent tokens without API_TOKEN (this machine only)', () => {
  let running: RunningApp;
  before(async () => {
    running = await startTestApp({}, { clock: new FixedClock('2026-03-08T12:00:00Z') });
    assert.equal((await registerDealer(running.baseUrl)).status, 201);
  });
  after(() => running.stop());

  it('is the administrator without a token, names an agent who sends theirs, and refuses a revoked one', async () => {
    const { agent, token } = await running.app.agents.add('Local Agent');
    const vin = makeVin(510003);
    assert.equal((await postJson(`${running.baseUrl}/api/v1/cases`, openCaseBody(vin))).status, 201);
    assert.equal(
      (await postJson(`${running.baseUrl}/api/v1/cases/${vin}/events`, { type: 'notified', at: '2026-03-02T16:00:00Z' }, bearer(token))).status,
      201,
    );
    const body = (await getJson(`${running.baseUrl}/api/v1/cases/${vin}`)).body as AuditCase;
    assert.equal(body.openedBy?.label, 'Administrator');
    assert.equal(body.events[0]?.recordedBy?.label, 'Agent Local Agent');

    await running.app.agents.revoke(agent.id);
    assert.equal((await getJson(`${running.baseUrl}/api/v1/cases/${vin}`, bearer(token))).status, 401);
    assert.equal((await getJson(`${running.baseUrl}/api/v1/cases/${vin}`, bearer('some-other-token'))).status, 401);
    assert.equal((await getJson(`${running.baseUrl}/api/v1/cases/${vin}`)).status, 200);
  });
});
