import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FixedClock } from '../../src/clock.ts';
import { gsm7Length, isGsm7 } from '../../src/domain/sms-text.ts';
import { sampleVin } from '../cases/case-fixtures.ts';
import { postJson, startTestApp, type RunningApp } from '../support/test-app.ts';
import { sendSms, type SendOptions } from './sms-client.ts';

const authToken = 'twilio-test-auth-token';
const publicBaseUrl = 'https://lease-return.example.com';
const dealerPhone = '+16145550100';
const apiToken = 'an-api-token-of-some-length';

/** Numbers as the app loads them (rules/contacts.json), so a test fails if a reply carries a number typed elsewhere. */
const directory = JSON.parse(readFileSync('rules/contacts.json', 'utf8')) as { contacts: { id: string; phone?: string; fax?: string }[] };
const numberOf = (id: string): string => {
  const entry = directory.contacts.find((contact) => contact.id === id);
  const number = entry?.phone ?? entry?.fax;
  if (number === undefined) throw new Error(`no number for ${id} in rules/contacts.json`);
  return number;
};

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
    for (const body of [
      'stat 042788',
      'is 042788 sold yet?',
      'hi is my car sold yet? vin 042788',
      'any word on 042788',
      'where is 042788 at',
      "where's 042788 at",
    ]) {
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
    assert.ok(fax.includes(numberOf('faxDealerPurchases')), fax);
    assert.ok(!fax.includes(numberOf('faxLeaseReturns')), `not the lease-return fax: ${fax}`);
    fitsTwoSegments(fax);
    const next = await text('the lessee just dropped it off, what do i do now?');
    fitsTwoSegments(next);
    assert.match(next, /AVRM/);
  });

  it('declines out-of-scope questions with the number to call, and gives a person as a number', async () => {
    const outOfScope = await text('what is ally stock price today');
    assert.match(outOfScope, /888-919-2559/);
    // A phone of its own: "call me" hands that phone's texts to a person (issue 15), and the reply still gives the number.
    assert.match(await text('call me', { from: '+16145550177' }), /888-919-2559/);
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

  it('takes the VIN the reader finds after an exact keyword: "STATUS of 042788 pls", "STATUS 042788 thanks"', async () => {
    const exact = await text('STATUS 042788');
    assert.match(exact, new RegExp(sampleVin));
    assert.equal(await text('STATUS of 042788 pls'), exact);
    assert.equal(await text('STATUS 042788 thanks'), exact);
    assert.equal(await text('release 042788 truck is here'), await text('RELEASE 042788'));
    assert.match(await text('STATUS 04278'), /not valid/, 'too short to be a VIN: still told why');
  });

  it('answers a text it cannot place with the help line: what to send, and whom to call for anything else', async () => {
    for (const body of ['asdf qwerty', 'zzzz']) {
      const reply = await text(body);
      assert.match(reply, /STATUS <VIN/, body);
      assert.match(reply, /HELP/, body);
      assert.ok(reply.includes(numberOf('dealerServiceCenter')), reply);
      fitsTwoSegments(reply);
    }
  });

  it('answers a question with a stray control or direction mark instead of refusing it', async () => {
    const fax = await text('whats the fax for\u0007 dealer purchases\u200f');
    assert.ok(fax.includes(numberOf('faxDealerPurchases')), fax);
    fitsTwoSegments(fax);
  });

  it('helps an opted-out phone that asks for help in words, and tells it nothing about a case', async () => {
    const from = '+16145550198';
    assert.match(await text('STOP', { from }), /START/);
    const help = await text('help me', { from });
    assert.match(help, /STATUS/);
    assert.match(help, /START/);
    for (const body of ['is 042788 sold yet?', 'stat 042788', 'STATUS of 042788 pls', 'contacts', 'asdf qwerty']) {
      const reply = await sendSms(running.baseUrl, body, { authToken, signedUrl: `${publicBaseUrl}/api/v1/sms`, from });
      assert.equal(reply.text, null, body);
    }
  });
});
