import { expect } from 'chai';
import { FixedClock } from '../../src/clock.ts';
import { makeVin } from '../cases/case-fixtures.ts';
import { BotConversation, ConnectorSink, textOf } from '../support/connector-sink.ts';
import { FakeTwilioServer } from '../support/fake-twilio-server.ts';
import { postJson, startTestApp } from '../support/test-app.ts';
import { NoticeDriver, twilioEnv } from './notice-support.ts';

const aadObjectId = '6f1c2d3e-4b5a-4c6d-8e7f-901234567890';

/** Chat notices: a proactive message through the bot adapter to the conversation the dealer wrote from last. */
describe('notices on Teams (proactive messages to a local connector sink)', () => {
  let fake: FakeTwilioServer;
  let sink: ConnectorSink;
  let driver: NoticeDriver;
  const clock = new FixedClock('2026-03-04T15:00:00Z');

  before(async () => {
    fake = await new FakeTwilioServer().start();
    sink = await ConnectorSink.start();
    const running = await startTestApp(twilioEnv(fake, { NOTICE_QUIET_HOURS: 'off' }), { clock });
    driver = new NoticeDriver(running, clock, fake);
  });
  after(async () => {
    await sink.close();
    await driver.running.stop();
    await fake.stop();
  });

  const onAuction = async (vin: string): Promise<void> => {
    await driver.openCase({
      vin,
      dealerId: 'teams-motors',
      returnDate: '2026-03-02',
      events: [
        { type: 'notified', at: '2026-03-02T16:00:00Z' },
        { type: 'inspected', at: '2026-03-03T16:00:00Z' },
        { type: 'postedToSmartAuction', at: '2026-03-04T13:00:00Z' },
      ],
    });
    await driver.pass();
  };

  it('reaches the Teams conversation the dealer last wrote from, and texts instead when the dealer prefers SMS', async () => {
    await driver.dealer('teams-motors', '+16145554001');
    const linked = await postJson(driver.url('/api/v1/dealers/teams-motors/users'), { aadObjectId });
    expect(linked.status, JSON.stringify(linked.body)).to.equal(201);
    const teams = new BotConversation(driver.running.baseUrl, sink, { channelId: 'msteams', conversationId: 'a:teams-notice-1', userId: '29:teams-user' });
    const spoke = await teams.post(teams.activity({ text: 'hi', from: { id: '29:teams-user', name: 'Dealer', aadObjectId } }));
    expect(spoke.status).to.equal(200);

    const soldVin = makeVin(162001);
    await onAuction(soldVin);
    const before = sink.activitiesFor('a:teams-notice-1').length;
    await driver.record(soldVin, { type: 'sold' });
    await driver.pass();
    await sink.waitUntil(() => sink.activitiesFor('a:teams-notice-1').length > before);
    const proactive = sink.activitiesFor('a:teams-notice-1').slice(before).map(textOf).join('\n');
    expect(proactive).to.contain('buying dealer').and.contain('proof of sale').and.contain(soldVin.slice(-6));
    expect(fake.createRequests, 'nothing texted').to.have.length(0);
    const [chatNotice] = await driver.notices(soldVin);
    expect(chatNotice).to.include({ kind: 'sold', status: 'sent', channel: 'chat', recipient: 'msteams/a:teams-notice-1', twilioSid: null });

    const preferSms = await fetch(driver.url('/api/v1/dealers/teams-motors/notice-settings'), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'sms' }),
    });
    expect(preferSms.status).to.equal(200);
    const notSoldVin = makeVin(162002);
    await onAuction(notSoldVin);
    const chatBefore = sink.activitiesFor('a:teams-notice-1').length;
    await driver.record(notSoldVin, { type: 'notSold' });
    await driver.pass();
    expect(fake.messages.map((message) => message.to)).to.deep.equal(['+16145554001']);
    expect(fake.messages[0]?.body).to.contain('Bill of Lading');
    expect(sink.activitiesFor('a:teams-notice-1')).to.have.length(chatBefore);
  });
});
