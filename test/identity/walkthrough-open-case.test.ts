import { expect } from 'chai';
import { makeVin } from '../cases/case-fixtures.ts';
import { startBotHarness, walkthroughAnswers, type BotHarness } from '../bots/bot-test-kit.ts';
import type { BotConversation } from '../support/connector-sink.ts';
import { textOf } from '../support/connector-sink.ts';
import { getJson } from '../support/test-app.ts';
import { dealerA, linkUser, seedTwoDealers, teamsStranger, teamsUserA, vinA, vinB } from './identity-fixtures.ts';

async function sendAs(conversation: BotConversation, aadObjectId: string, input: string | { value: unknown }): Promise<string> {
  const fields = typeof input === 'string' ? { text: input } : { value: input.value };
  const { status, replies } = await conversation.post(conversation.activity({ ...fields, from: { id: `29:${aadObjectId.slice(0, 8)}`, aadObjectId } }));
  if (status !== 200) throw new Error(`POST /api/messages answered ${status}`);
  return replies.map(textOf).join('\n---\n');
}

async function walkThrough(conversation: BotConversation, aadObjectId: string, vin: string): Promise<string> {
  let last = '';
  for (const answer of walkthroughAnswers({ state: 'OH', maturity: '2026-11-01', returned: '2026-11-19', intent: 'return', avrm: 'yes', vin })) {
    last = await sendAs(conversation, aadObjectId, answer);
  }
  return last;
}

interface CaseJson {
  vin: string;
  dealerId: string;
  status: string;
  decision: { rulesVersion: string; termination: string };
}

describe('the walkthrough opens a return case for a recognized dealer', () => {
  let harness: BotHarness;
  before(async () => {
    harness = await startBotHarness();
    await seedTwoDealers(harness.app.baseUrl);
    expect((await linkUser(harness.app.baseUrl, dealerA.id, { aadObjectId: teamsUserA })).status).to.equal(201);
  });
  after(async () => {
    await harness.stop();
  });

  it('offers "Open a return case" after the decision and opens it through the case service, with the rules version', async () => {
    const vin = makeVin(333333);
    const conversation = harness.conversation('msteams');
    const decided = await walkThrough(conversation, teamsUserA, vin);
    expect(decided).to.match(/Normal maturity \(NM\)/);
    expect(decided).to.include('Open a return case');
    expect(decided).to.include('Not now');
    const opened = await sendAs(conversation, teamsUserA, { value: { choice: 'openCase' } });
    expect(opened).to.match(new RegExp(`Return case opened for VIN ${vin} \\(decided on rules version [^)]+\\)`));
    const stored = await getJson(`${harness.app.baseUrl}/api/v1/cases/${vin}`);
    expect(stored.status).to.equal(200);
    const body = stored.body as CaseJson & Record<string, unknown>;
    expect(body).to.include({ vin, dealerId: dealerA.id, status: 'open' });
    expect(body.decision.termination).to.equal('NM');
    expect(opened).to.include(`rules version ${body.decision.rulesVersion}`);
    // The audit trail: opened by the dealer user, on the channel they came on.
    const openedBy = body.openedBy as { actor: Record<string, unknown>; label: string };
    expect(openedBy.actor).to.include({ kind: 'dealerUser', dealerId: dealerA.id, channel: 'msteams' });
    expect(openedBy.actor.userId).to.match(/^du_/);
  });

  it('a VIN that already has an open case of the dealer shows that case instead of a second decision', async () => {
    const conversation = harness.conversation('msteams');
    const reply = await walkThrough(conversation, teamsUserA, vinA);
    expect(reply).to.match(new RegExp(`VIN ${vinA} already has an open return case`));
    expect(reply).to.include(vinA);
    expect(reply).not.to.match(/Normal maturity \(NM\)|Early termination/);
    expect(reply).not.to.include('Open a return case');
  });

  it("a VIN open with another dealer is decided but not opened again, and nothing of the other dealer's case is shown", async () => {
    const conversation = harness.conversation('msteams');
    const reply = await walkThrough(conversation, teamsUserA, vinB);
    expect(reply).to.match(/already open with Ally, so I can't open another/);
    expect(reply).not.to.include('Open a return case');
    expect(reply).not.to.match(/Dayton/);
  });

  it('"Not now" opens nothing', async () => {
    const vin = makeVin(444444);
    const conversation = harness.conversation('msteams');
    await walkThrough(conversation, teamsUserA, vin);
    expect(await sendAs(conversation, teamsUserA, 'not now')).to.match(/no case opened/);
    expect((await getJson(`${harness.app.baseUrl}/api/v1/cases/${vin}`)).status).to.equal(404);
  });

  it('an unrecognized user with a VIN gets the decision and no offer', async () => {
    const vin = makeVin(555555);
    const conversation = harness.conversation('msteams');
    const reply = await walkThrough(conversation, teamsStranger, vin);
    expect(reply).to.match(/Normal maturity \(NM\)/);
    expect(reply).not.to.include('Open a return case');
    expect((await getJson(`${harness.app.baseUrl}/api/v1/cases/${vin}`)).status).to.equal(404);
  });
});
