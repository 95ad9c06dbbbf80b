import assert from 'node:assert/strict';
import { FixedClock } from '../../src/clock.ts';
import { gsm7Length, isGsm7 } from '../../src/domain/sms-text.ts';
import { sampleVin } from '../cases/case-fixtures.ts';
import { postJson, startTestApp, type RunningApp } from '../support/test-app.ts';
import { sendSms, type SendOptions } from './sms-client.ts';

const authToken = 'twilio-test-auth-token';
const publicBaseUrl = 'https://lease-return.example.com';
const dealerPhone = '+16145550100';
const apiToken = 'an-api-token-of-some-length';

/** Texts as dealers type them (issue 13): free-text status, shorthand, questions, HELP when opted out. */
describe('SMS free text (POST /api/v1/sms)', () => {
  let running: RunningApp;
  const clock = new FixedClock('2026-03-04T14:00:00Z');
  const text = async (body: string, options: SendOptions = {}): Promise<string> => {
    const reply = await sendSms(running.baseUrl, body, { authToken, signedUrl: `${publicBaseUrl}/api/v1/sms`, ...options });
    assert.equal(reply.status, 200, reply.raw);
    return reply.text ?? '';
  };
  const fitsTwoSegments = (message: string): void => assert.ok(isGsm7(message) && gsm7Length(message) <= 320, `${gsm7Length(message)}: ${message}`);

  before(async () => {
    running = await startTestApp({ TWILIO_AUTH_TOKEN: authToken, PUBLIC_BASE_URL: publicBaseUrl, API_TOKEN: apiToken }, { clock });
    const auth = { authorization: `Bearer ${apiToken}` };
    assert.equal(
      (await postJson(`${running.baseUrl}/api/v1/dealers`, { id: 'cbus', name: 'Columbus Motors', state: 'OH', phones: [dealerPhone] }, auth)).status,
      201,
    );
    const opened = await postJson(
      `${running.baseUrl}/api/v1/cases`,
      {
        vin: sampleVin,
        dealerId: 'cbus',
        maturityDate: '2026-06-30',
        returnDate: '2026-03-02',
        intent: 'lesseeReturn',
        hasAvrmAccess: true,
        events: [
          { type: 'notified', at: '2026-03-02T16:00:00Z' },
          { type: 'inspected', at: '2026-03-03T17:00:00Z' },
        ],
      },
      auth,
    );
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
  });
  after(async () => running.stop());

  it('answers free-text and shorthand status checks like STATUS', async () => {
    const exact = await text('STATUS 042788');
    assert.match(exact, new RegExp(sampleVin));
    for (const body of ['stat 042788', 'is 042788 sold yet?', 'hi is my car sold yet? vin 042788', 'any word on 042788', 'where is 042788 at']) {
      assert.equal(await text(body), exact, body);
    }
  });

  it('answers "rel 042788" like RELEASE', async () => {
    assert.equal(await text('rel 042788'), await text('RELEASE 042788'));
  });

  it('answers a question with the same grounded answer, within two GSM-7 segments', async () => {
    const bol = await text('can the transporter take it without a BOL?');
    assert.match(bol, /^For a transporter pickup, without a Bill of Lading: No\b/);
    fitsTwoSegments(bol);
    const fax = await text('whats the fax for dealer purchases');
    assert.match(fax, /866-851-0577/);
    assert.doesNotMatch(fax, /877-290-9555/, 'not the lease-return fax');
    fitsTwoSegments(fax);
    const next = await text('the lessee just dropped it off, what do i do now?');
    fitsTwoSegments(next);
    assert.match(next, /AVRM/);
  });

  it('declines out-of-scope questions with the number to call, and gives a person as a number', async () => {
    const outOfScope = await text('what is ally stock price today');
    assert.match(outOfScope, /888-919-2559/);
    assert.match(await text('call me'), /888-919-2559/);
  });

  it('gives every "call" reply its number: no case found for an unknown phone', async () => {
    const reply = await text('STATUS 042788', { from: '+12025550111' });
    assert.match(reply, /No case found for this number/);
    assert.match(reply, /877-290-9544, option 1/);
  });

  it('answers HELP from an opted-out phone with help and how to opt back in, and nothing else', async () => {
    const from = '+16145550199';
    assert.match(await text('STOP', { from }), /START/);
    const help = await text('HELP', { from });
    assert.match(help, /STATUS/);
    assert.match(help, /START/);
    fitsTwoSegments(help);
    const question = await sendSms(running.baseUrl, 'whats the fax for dealer purchases', { authToken, signedUrl: `${publicBaseUrl}/api/v1/sms`, from });
    assert.equal(question.text, null, 'an opted-out number gets no other reply');
  });
});
