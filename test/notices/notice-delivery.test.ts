import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { DateTime } from 'luxon';
import twilio from 'twilio';
import { FixedClock } from '../../src/clock.ts';
import { makeVin } from '../cases/case-fixtures.ts';
import { FakeTwilioServer } from '../support/fake-twilio-server.ts';
import { skipOnPostgres, getJson, makeTempDir, postJson, startTestApp, type RunningApp } from '../support/test-app.ts';
import { NoticeDriver, twilioEnv } from './notice-support.ts';

const publicBaseUrl = 'https://lease-return.example.com';

/** A case on SmartAuction, so that recording `sold` calls for a notice at once. */
async function caseOnAuction(driver: NoticeDriver, vin: string, dealerId: string): Promise<void> {
  await driver.openCase({
    vin,
    dealerId,
    returnDate: '2026-03-02',
    events: [
      { type: 'notified', at: '2026-03-02T16:00:00Z' },
      { type: 'inspected', at: '2026-03-03T16:00:00Z' },
      { type: 'postedToSmartAuction', at: '2026-03-04T13:00:00Z' },
    ],
  });
}

/** A text from a dealer's phone to the SMS webhook, signed as Twilio signs it. */
async function textFrom(baseUrl: string, authToken: string, from: string, body: string): Promise<number> {
  const params = {
    From: from,
    To: '+16145559999',
    Body: body,
    MessageSid: `SM${Date.now().toString(16).padStart(32, '0')}`,
    AccountSid: `AC${'1'.repeat(32)}`,
  };
  const signature = twilio.getExpectedTwilioSignature(authToken, `${publicBaseUrl}/api/v1/sms`, params);
  const response = await fetch(`${baseUrl}/api/v1/sms`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  });
  return response.status;
}

describe('notice delivery (exactly once, the dealer respected)', () => {
  let fake: FakeTwilioServer;
  let driver: NoticeDriver;
  const clock = new FixedClock('2026-03-04T15:00:00Z');
  let vinCounter = 161000;
  let dealerCounter = 0;
  /** A dealer with its own phone and a case on auction; returns the VIN. */
  const freshCase = async (state = 'OH', target: NoticeDriver = driver): Promise<{ vin: string; phone: string; dealerId: string }> => {
    dealerCounter += 1;
    vinCounter += 1;
    const phone = `+1614555${String(2000 + dealerCounter).padStart(4, '0')}`;
    const dealerId = `delivery-${dealerCounter}`;
    await target.dealer(dealerId, phone, state);
    const vin = makeVin(vinCounter);
    await caseOnAuction(target, vin, dealerId);
    await target.pass();
    return { vin, phone, dealerId };
  };

  before(async () => {
    fake = await new FakeTwilioServer().start();
    const running = await startTestApp(twilioEnv(fake, { NOTICE_QUIET_HOURS: 'off' }), { clock });
    driver = new NoticeDriver(running, clock, fake);
  });
  after(async () => {
    await driver.running.stop();
    await fake.stop();
  });
  beforeEach(() => {
    fake.reset();
    clock.set('2026-03-04T15:00:00Z');
  });

  describe('Twilio failures', () => {
    it('a 500 and then a 201 send exactly one text (the retry first looks for the message at Twilio)', async () => {
      const { vin } = await freshCase();
      fake.failNext({ status: 500 });
      await driver.record(vin, { type: 'sold' });
      await driver.pass();
      expect(fake.messages).to.have.length(0);
      const [waiting] = await driver.notices(vin);
      expect(waiting).to.include({ kind: 'sold', status: 'pending', attempts: 1 });
      expect(waiting?.error).to.contain('500');

      clock.advance({ minutes: 2 });
      await driver.pass();
      await driver.pass();
      expect(fake.messages).to.have.length(1);
      expect(fake.createRequests.map((request) => request.status)).to.deep.equal([500, 201]);
      expect(fake.requests.filter((request) => request.method === 'GET')).to.have.length(1);
      const [sent] = await driver.notices(vin);
      expect(sent).to.include({ status: 'sent', attempts: 2, twilioSid: fake.messages[0]?.sid });
    });

    it('a 500 from a Twilio that took the message anyway is not sent again', async () => {
      const { vin } = await freshCase();
      fake.failNext({ status: 500, created: true });
      await driver.record(vin, { type: 'sold' });
      await driver.pass();
      clock.advance({ minutes: 2 });
      await driver.pass();
      expect(fake.messages).to.have.length(1);
      expect(fake.createRequests).to.have.length(1);
      const [sent] = await driver.notices(vin);
      expect(sent).to.include({ status: 'sent', twilioSid: fake.messages[0]?.sid });
    });

    it('a 429 is retried later without a lookup; a refusal (21610) is failed for good', async () => {
      const tooMany = await freshCase();
      fake.failNext({ status: 429 });
      await driver.record(tooMany.vin, { type: 'sold' });
      await driver.pass();
      clock.advance({ minutes: 2 });
      await driver.pass();
      expect(fake.messages).to.have.length(1);
      expect(fake.requests.filter((request) => request.method === 'GET')).to.have.length(0);

      const refused = await freshCase();
      fake.reset();
      fake.failNext({ status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
      await driver.record(refused.vin, { type: 'sold' });
      await driver.pass();
      clock.advance({ hours: 6 });
      await driver.pass();
      expect(fake.createRequests).to.have.length(1);
      const [failed] = await driver.notices(refused.vin);
      expect(failed).to.include({ status: 'failed' });
      expect(failed?.error).to.contain('21610');
    });
  });

  describe('restarts', () => {
    it('a notice decided before a restart is sent once after it', async () => {
      const dataDir = makeTempDir();
      const env = { ...twilioEnv(fake, { NOTICE_QUIET_HOURS: 'off' }), DATA_DIR: dataDir };
      let running: RunningApp = await startTestApp(env, { clock });
      try {
        const first = new NoticeDriver(running, clock, fake);
        const { vin } = await freshCase('OH', first);
        await first.record(vin, { type: 'sold' });
        await running.app.noticeScheduler.decideOnce();
        expect((await first.notices(vin)).map((notice) => notice.status)).to.deep.equal(['pending']);
        expect(fake.messages).to.have.length(0);
        await running.stop();

        running = await startTestApp(env, { clock });
        const second = new NoticeDriver(running, clock, fake);
        await second.pass();
        await second.pass();
        clock.advance({ hours: 1 });
        await second.pass();
        expect(fake.messages).to.have.length(1);
        expect(fake.createRequests).to.have.length(1);
        expect((await second.notices(vin)).map((notice) => notice.status)).to.deep.equal(['sent']);
      } finally {
        await running.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    });

    it('an attempt cut off after Twilio took the message, then a restart: found at Twilio, not sent again', async () => {
      const dataDir = makeTempDir();
      const env = { ...twilioEnv(fake, { NOTICE_QUIET_HOURS: 'off' }), DATA_DIR: dataDir };
      let running: RunningApp = await startTestApp(env, { clock });
      try {
        const first = new NoticeDriver(running, clock, fake);
        const { vin } = await freshCase('OH', first);
        fake.failNext({ drop: true, created: true });
        await first.record(vin, { type: 'sold' });
        await first.pass();
        await running.stop();

        running = await startTestApp(env, { clock });
        const second = new NoticeDriver(running, clock, fake);
        clock.advance({ minutes: 5 });
        await second.pass();
        clock.advance({ hours: 1 });
        await second.pass();
        expect(fake.messages).to.have.length(1);
        expect(fake.createRequests).to.have.length(1);
        const [notice] = await second.notices(vin);
        expect(notice).to.include({ status: 'sent', twilioSid: fake.messages[0]?.sid, attempts: 1 });
      } finally {
        await running.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    });

    it('a server killed (SIGKILL) while its text is at Twilio: the next start finds it there and sends nothing more', async function () {
      this.timeout(150_000);
      // With PostgreSQL an attempt in flight is handed back only after its 120 s lease (another instance may
      // still be sending it); the multi-instance tests cover a killed instance there.
      skipOnPostgres(this, 'with PostgreSQL the restart waits out the in-flight lease');
      const dataDir = makeTempDir();
      // The child runs on the real clock: the case is made "now".
      const now = DateTime.utc();
      const env = { ...twilioEnv(fake, { NOTICE_QUIET_HOURS: 'off' }), DATA_DIR: dataDir };
      let child: ChildProcess | undefined;
      let running: RunningApp | undefined;
      try {
        const setup = await startTestApp(env);
        const vin = makeVin(169001);
        await postJson(`${setup.baseUrl}/api/v1/dealers`, { id: 'killed-motors', name: 'Killed Motors', state: 'OH', phones: ['+16145553001'] });
        const returnDate = now.minus({ days: 3 }).setZone('America/New_York').toISODate();
        const opened = await postJson(`${setup.baseUrl}/api/v1/cases`, {
          vin,
          dealerId: 'killed-motors',
          maturityDate: '2026-06-30',
          returnDate,
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
        await setup.stop();

        fake.failNext({ hang: true });
        // Started directly (not startNode): on a loaded machine start-up can take longer than its 20 s, and
        // what matters is only that the child reaches Twilio.
        child = spawn(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', 'src/index.ts'], {
          env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', NOTICE_INTERVAL_SECONDS: '1' },
          stdio: 'ignore',
        });
        const deadline = Date.now() + 90_000;
        while (fake.messages.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
        expect(fake.messages, 'the child reached Twilio').to.have.length(1);
        child.kill('SIGKILL');
        await new Promise((resolve) => child?.once('exit', resolve));
        child = undefined;

        running = await startTestApp(env);
        await running.app.noticeScheduler.runOnce();
        await running.app.noticeScheduler.runOnce();
        expect(fake.createRequests).to.have.length(1);
        expect(fake.messages).to.have.length(1);
        const listed = await getJson(`${running.baseUrl}/api/v1/cases/${vin}/notices`);
        const items = (listed.body as { items: { kind: string; status: string; twilioSid: string | null }[] }).items;
        expect(items.map((item) => [item.kind, item.status, item.twilioSid])).to.deep.equal([['sold', 'sent', fake.messages[0]?.sid]]);
      } finally {
        child?.kill('SIGKILL');
        await running?.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });

  describe('the dealer respected', () => {
    it('an opted-out phone gets nothing', async () => {
      const { vin, phone } = await freshCase();
      expect(await textFrom(driver.running.baseUrl, fake.authToken, phone, 'STOP')).to.equal(200);
      await driver.record(vin, { type: 'sold' });
      await driver.pass();
      clock.advance({ days: 1 });
      await driver.pass();
      expect(fake.createRequests).to.have.length(0);
      const [notice] = await driver.notices(vin);
      expect(notice).to.include({ kind: 'sold', status: 'skipped', skippedReason: 'optedOut', twilioSid: null });
    });

    it('a dealer who turned a kind off hears nothing of it, and turning it on again does not send it late', async () => {
      const { vin, dealerId } = await freshCase();
      const settingsUrl = driver.url(`/api/v1/dealers/${dealerId}/notice-settings`);
      expect((await getJson(settingsUrl)).body).to.deep.equal({
        dealerId,
        kinds: { stepOverdue: true, holdEnding: true, sold: true, notSold: true },
        channel: 'lastUsed',
      });
      const put = (body: unknown) => fetch(settingsUrl, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const off = await put({ kinds: { sold: false } });
      expect(off.status).to.equal(200);
      expect(((await off.json()) as { kinds: Record<string, boolean> }).kinds).to.deep.equal({
        stepOverdue: true,
        holdEnding: true,
        sold: false,
        notSold: true,
      });

      await driver.record(vin, { type: 'sold' });
      await driver.pass();
      expect((await put({ kinds: { sold: true } })).status).to.equal(200);
      await driver.pass();
      expect(fake.createRequests).to.have.length(0);
      const [notice] = await driver.notices(vin);
      expect(notice).to.include({ kind: 'sold', status: 'skipped', skippedReason: 'kindOff' });

      const bad = await put({ kinds: { sold: 'no' } });
      expect(bad.status).to.equal(400);
      expect(((await bad.json()) as { error: { field: string } }).error.field).to.equal('kinds.sold');
      expect((await put({ channel: 'fax' })).status).to.equal(400);
      expect((await put({ extra: true })).status).to.equal(400);
      expect((await getJson(driver.url('/api/v1/dealers/nobody/notice-settings'))).status).to.equal(404);
    });

    it("holds a notice through the quiet hours in the dealer's zone, and sends it when they end", async () => {
      const quietFake = await new FakeTwilioServer().start();
      const quietClock = new FixedClock('2026-03-04T15:00:00Z');
      const running = await startTestApp(twilioEnv(quietFake), { clock: quietClock });
      try {
        const quiet = new NoticeDriver(running, quietClock, quietFake);
        const ohio = await freshCase('OH', quiet);
        const california = await freshCase('CA', quiet);
        // 22:30 in Ohio (EST), 19:30 in California (PST).
        quietClock.set('2026-03-05T03:30:00Z');
        await quiet.record(ohio.vin, { type: 'sold' });
        await quiet.record(california.vin, { type: 'sold' });
        await quiet.pass();
        expect(quietFake.messages.map((message) => message.to)).to.deep.equal([california.phone]);
        const [waiting] = await quiet.notices(ohio.vin);
        expect(waiting).to.include({ status: 'pending', dueAt: '2026-03-05T13:00:00.000Z' });

        await quiet.walk('2026-03-05T12:59:00Z', 1);
        expect(quietFake.messages).to.have.length(1);
        await quiet.walk('2026-03-05T13:00:00Z', 1);
        expect(quietFake.messages.map((message) => message.to)).to.deep.equal([california.phone, ohio.phone]);
        expect(quiet.texts.at(-1)?.at).to.equal('2026-03-05T13:00:00.000Z');
      } finally {
        await running.stop();
        await quietFake.stop();
      }
    });
  });

  describe('POST /api/v1/sms/status (Twilio status callback)', () => {
    it('records the delivery status of a signed callback, never going back, and refuses an unsigned one', async () => {
      const { vin } = await freshCase();
      await driver.record(vin, { type: 'sold' });
      await driver.pass();
      const sid = fake.messages[0]?.sid ?? '';
      const callback = driver.url('/api/v1/sms/status');

      expect((await fake.postStatus(sid, 'sent', callback)).status).to.equal(204);
      expect((await fake.postStatus(sid, 'delivered', callback)).status).to.equal(204);
      // Twilio does not promise order: a late "sent" does not undo "delivered".
      expect((await fake.postStatus(sid, 'sent', callback)).status).to.equal(204);
      const [notice] = await driver.notices(vin);
      expect(notice).to.include({ twilioSid: sid, deliveryStatus: 'delivered' });

      const forged = await fetch(callback, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'bm90IGEgc2lnbmF0dXJl' },
        body: new URLSearchParams({ MessageSid: sid, MessageStatus: 'failed' }).toString(),
      });
      expect(forged.status).to.equal(403);
      const unsigned = await fetch(callback, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ MessageSid: sid, MessageStatus: 'failed' }).toString(),
      });
      expect(unsigned.status).to.equal(403);
      expect((await driver.notices(vin))[0]?.deliveryStatus).to.equal('delivered');
    });
  });
});
