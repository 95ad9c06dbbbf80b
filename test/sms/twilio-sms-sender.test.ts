import { expect } from 'chai';
import { loadConfig } from '../../src/config.ts';
import { gsm7Length } from '../../src/domain/sms-text.ts';
import { ConfigError } from '../../src/errors.ts';
import { SmsSendError } from '../../src/sms/sms-send-error.ts';
import { SmsNotConfiguredError } from '../../src/sms/sms-sender.ts';
import { TwilioSmsSender } from '../../src/sms/twilio-sms-sender.ts';
import { FakeTwilioServer } from '../support/fake-twilio-server.ts';
import { startTestApp, type RunningApp } from '../support/test-app.ts';

const dealerPhone = '+16145550100';
const fromNumber = '+16145559999';
const publicBaseUrl = 'https://lease-return.example.com';

async function failureOf(promise: Promise<unknown>): Promise<SmsSendError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(SmsSendError);
    return error as SmsSendError;
  }
  throw new Error('expected the send to fail');
}

describe('TwilioSmsSender (the twilio package against a local fake Twilio)', () => {
  let fake: FakeTwilioServer;
  let running: RunningApp;

  before(async () => {
    fake = await new FakeTwilioServer().start();
    running = await startTestApp({
      TWILIO_ACCOUNT_SID: fake.accountSid,
      TWILIO_AUTH_TOKEN: fake.authToken,
      TWILIO_FROM: fromNumber,
      TWILIO_API_BASE_URL: fake.url,
      PUBLIC_BASE_URL: publicBaseUrl,
    });
  });
  after(async () => {
    await running.stop();
    await fake.stop();
  });
  beforeEach(() => fake.reset());

  describe('send()', () => {
    it("posts one message to the account's Messages resource with Basic auth, To, From, Body and StatusCallback", async () => {
      const body = 'Ally lease return: VIN ...042788 is sold. Release it only to the buying dealer, against proof of sale.';
      const sent = await running.app.smsSender.send({ to: dealerPhone, body, statusCallbackUrl: `${publicBaseUrl}/api/v1/sms/status` });

      expect(running.app.smsSender.configured).to.equal(true);
      expect(fake.createRequests).to.have.length(1);
      const [request] = fake.createRequests;
      expect(request?.path).to.equal(`/2010-04-01/Accounts/${fake.accountSid}/Messages.json`);
      expect(request?.accountSid).to.equal(fake.accountSid);
      expect(request?.basicAuth).to.equal(`${fake.accountSid}:${fake.authToken}`);
      expect(request?.form).to.deep.equal({ To: dealerPhone, From: fromNumber, Body: body, StatusCallback: `${publicBaseUrl}/api/v1/sms/status` });
      expect(gsm7Length(request?.form.Body ?? '')).to.be.at.most(320);
      expect(sent.sid)
        .to.equal(fake.messages[0]?.sid)
        .and.match(/^SM[0-9a-f]{32}$/);
      expect(sent.status).to.equal('queued');
    });

    it('sends from the messaging service instead of a number when TWILIO_MESSAGING_SERVICE_SID is set', async () => {
      const serviceSid = `MG${'ab'.repeat(16)}`;
      const sender = new TwilioSmsSender({
        accountSid: fake.accountSid,
        authToken: fake.authToken,
        from: undefined,
        messagingServiceSid: serviceSid,
        apiBaseUrl: fake.url,
      });
      const sent = await sender.send({ to: dealerPhone, body: 'Hello' });
      expect(fake.createRequests[0]?.form).to.deep.equal({ To: dealerPhone, MessagingServiceSid: serviceSid, Body: 'Hello' });
      expect(sent.status).to.equal('accepted');
    });

    it('refuses a text longer than two GSM-7 segments without calling Twilio', async () => {
      const failure = await failureOf(running.app.smsSender.send({ to: dealerPhone, body: 'x'.repeat(321) }));
      expect(failure.failure).to.equal('rejected');
      expect(fake.requests).to.have.length(0);
    });

    it('sorts what Twilio answers by what a retry may do', async () => {
      fake.failNext({ status: 500 }, { status: 429 }, { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' }, { drop: true });
      const send = () => running.app.smsSender.send({ to: dealerPhone, body: 'Hello' });
      const serverError = await failureOf(send());
      expect([serverError.failure, serverError.status]).to.deep.equal(['unknown', 500]);
      const tooMany = await failureOf(send());
      expect([tooMany.failure, tooMany.status]).to.deep.equal(['retryLater', 429]);
      const refused = await failureOf(send());
      expect([refused.failure, refused.status, refused.providerCode]).to.deep.equal(['rejected', 400, 21610]);
      const dropped = await failureOf(send());
      expect(dropped.failure).to.equal('unknown');
      // The client itself never retries: four calls, four requests.
      expect(fake.createRequests).to.have.length(4);
      expect(fake.messages).to.have.length(0);
    });

    it('says Twilio refused when the credentials are wrong', async () => {
      const sender = new TwilioSmsSender({
        accountSid: fake.accountSid,
        authToken: 'not-the-token',
        from: fromNumber,
        messagingServiceSid: undefined,
        apiBaseUrl: fake.url,
      });
      const failure = await failureOf(sender.send({ to: dealerPhone, body: 'Hello' }));
      expect([failure.failure, failure.status, failure.providerCode]).to.deep.equal(['rejected', 401, 20003]);
    });
  });

  describe('findSent()', () => {
    it('finds a message Twilio created although it answered 500, and not one with another body or phone', async () => {
      fake.failNext({ status: 500, created: true });
      const since = new Date(Date.now() - 1000).toISOString();
      await failureOf(running.app.smsSender.send({ to: dealerPhone, body: 'Step overdue: inspection' }));
      expect(fake.messages).to.have.length(1);

      const sender = running.app.smsSender as TwilioSmsSender;
      const found = await sender.findSent({ to: dealerPhone, body: 'Step overdue: inspection', since });
      expect(found?.sid).to.equal(fake.messages[0]?.sid);
      expect(await sender.findSent({ to: dealerPhone, body: 'Another text', since })).to.equal(undefined);
      expect(await sender.findSent({ to: '+13125550100', body: 'Step overdue: inspection', since })).to.equal(undefined);
      expect(await sender.findSent({ to: dealerPhone, body: 'Step overdue: inspection', since, excludeSids: [found?.sid ?? ''] })).to.equal(undefined);
      const listing = fake.requests.filter((request) => request.method === 'GET');
      expect(listing[0]?.query.To).to.equal(dealerPhone);
    });
  });
});

describe('outbound SMS configuration', () => {
  const base = { TWILIO_AUTH_TOKEN: 'a-token', PUBLIC_BASE_URL: publicBaseUrl };
  const accountSid = `AC${'0'.repeat(32)}`;
  const refusal = (env: Record<string, string>): string => {
    try {
      loadConfig(env);
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('expected a ConfigError');
  };

  it('is off without TWILIO_ACCOUNT_SID, and the App says so', async () => {
    expect(loadConfig(base).twilio).to.equal(undefined);
    const running = await startTestApp(base);
    try {
      expect(running.app.smsSender.configured).to.equal(false);
      let error: unknown;
      await running.app.smsSender.send({ to: dealerPhone, body: 'Hello' }).catch((caught: unknown) => {
        error = caught;
      });
      expect(error).to.be.instanceOf(SmsNotConfiguredError);
    } finally {
      await running.stop();
    }
  });

  it('needs a sender, the auth token and well-formed SIDs', () => {
    expect(refusal({ ...base, TWILIO_ACCOUNT_SID: accountSid })).to.match(/^TWILIO_FROM: .*TWILIO_MESSAGING_SERVICE_SID/);
    expect(refusal({ TWILIO_ACCOUNT_SID: accountSid, TWILIO_FROM: fromNumber })).to.match(/^TWILIO_AUTH_TOKEN: /);
    expect(refusal({ ...base, TWILIO_ACCOUNT_SID: 'SK123' })).to.match(/^TWILIO_ACCOUNT_SID: /);
    expect(refusal({ ...base, TWILIO_ACCOUNT_SID: accountSid, TWILIO_FROM: '614-555-9999' })).to.match(/^TWILIO_FROM: .*E\.164/);
    expect(refusal({ ...base, TWILIO_ACCOUNT_SID: accountSid, TWILIO_MESSAGING_SERVICE_SID: 'MG1' })).to.match(/^TWILIO_MESSAGING_SERVICE_SID: /);
    expect(loadConfig({ ...base, TWILIO_ACCOUNT_SID: accountSid, TWILIO_FROM: fromNumber }).twilio).to.include({ accountSid, from: fromNumber });
  });

  it('sends the auth token in clear only to this machine', () => {
    const env = { ...base, TWILIO_ACCOUNT_SID: accountSid, TWILIO_FROM: fromNumber };
    expect(refusal({ ...env, TWILIO_API_BASE_URL: 'http://twilio-proxy.example.com' })).to.match(/^TWILIO_API_BASE_URL: plain http/);
    expect(loadConfig({ ...env, TWILIO_API_BASE_URL: 'http://127.0.0.1:9999/' }).twilio?.apiBaseUrl).to.equal('http://127.0.0.1:9999');
    expect(loadConfig({ ...env, TWILIO_API_BASE_URL: 'https://api.dublin.ie1.twilio.com' }).twilio?.apiBaseUrl).to.equal('https://api.dublin.ie1.twilio.com');
  });

  it('reads the notice settings', () => {
    expect(loadConfig({}).notices).to.deep.equal({ intervalSeconds: 60, quietHours: { start: '21:00', end: '08:00' } });
    expect(loadConfig({ NOTICE_INTERVAL_SECONDS: '5', NOTICE_QUIET_HOURS: 'off' }).notices).to.deep.equal({ intervalSeconds: 5, quietHours: null });
    expect(refusal({ NOTICE_QUIET_HOURS: '9pm-8am' })).to.match(/^NOTICE_QUIET_HOURS: /);
    expect(refusal({ NOTICE_INTERVAL_SECONDS: '0' })).to.match(/^NOTICE_INTERVAL_SECONDS: /);
  });
});
