import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { FixedClock } from '../../src/clock.ts';
import { gsm7Length, isGsm7 } from '../../src/domain/sms-text.ts';
import { postJson, startTestApp, type RunningApp } from '../support/test-app.ts';
import { makeVin, openCase, registerDealer, sampleVin } from '../cases/case-fixtures.ts';
import { newMessageSid, sendSms, type SendOptions } from '../sms/sms-client.ts';

const authToken = 'twilio-test-auth-token';
const publicBaseUrl = 'https://lease-return.example.com';
const dealerPhone = '+16145550100';
const otherDealerPhone = '+13125550100';
const otherVin = makeVin(31337);

describe('SMS webhook (POST /api/v1/sms)', () => {
  let running: RunningApp;
  const clock = new FixedClock('2026-03-04T14:00:00Z');
  const signed = (options: SendOptions = {}): SendOptions => ({ authToken, signedUrl: `${publicBaseUrl}/api/v1/sms`, ...options });
  const text = async (body: string, options: SendOptions = {}): Promise<string | null> => {
    const reply = await sendSms(running.baseUrl, body, signed(options));
    assert.equal(reply.status, 200, reply.raw);
    return reply.text;
  };

  before(async () => {
    running = await startTestApp({ TWILIO_AUTH_TOKEN: authToken, PUBLIC_BASE_URL: publicBaseUrl, API_TOKEN: 'an-api-token-of-some-length' }, { clock });
    const auth = { authorization: 'Bearer an-api-token-of-some-length' };
    const dealer = { id: 'columbus-motors', name: 'Columbus & Sons <Motors>', state: 'OH', phones: [dealerPhone] };
    assert.equal((await postJson(`${running.baseUrl}/api/v1/dealers`, dealer, auth)).status, 201);
    assert.equal(
      (await postJson(`${running.baseUrl}/api/v1/dealers`, { id: 'chicago-motors', name: 'Chicago Motors', state: 'IL', phones: [otherDealerPhone] }, auth))
        .status,
      201,
    );
    const opened = await postJson(
      `${running.baseUrl}/api/v1/cases`,
      {
        vin: sampleVin,
        dealerId: 'columbus-motors',
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
    const other = await postJson(
      `${running.baseUrl}/api/v1/cases`,
      { vin: otherVin, dealerId: 'chicago-motors', maturityDate: '2026-03-02', returnDate: '2026-03-02', intent: 'lesseeReturn', hasAvrmAccess: true },
      auth,
    );
    assert.equal(other.status, 201);
  });
  const leftovers: string[] = [];
  after(async () => {
    await running.stop();
    for (const dataDir of leftovers) rmSync(dataDir, { recursive: true, force: true });
  });

  describe('signature (TWILIO_AUTH_TOKEN set)', () => {
    it('answers a correctly signed STATUS with TwiML: stage, next step with its date, the number to call', async () => {
      const reply = await sendSms(running.baseUrl, `STATUS ${sampleVin}`, signed());
      assert.equal(reply.status, 200);
      assert.match(reply.contentType, /text\/xml/);
      assert.match(reply.raw, /^<\?xml version="1.0" encoding="UTF-8"\?><Response><Message>/);
      const message = reply.text ?? '';
      assert.match(message, /inspected Tue Mar 3/);
      assert.match(message, /SmartAuction/);
      assert.match(message, /Mon Mar 9/, 'posting and sale 1 to 6 days after the Mar 3 inspection');
      assert.match(message, /877-290-9544, option 1/);
      assert.ok(isGsm7(message) && gsm7Length(message) <= 320, message);
    });

    it('refuses with 403, and processes nothing, when the signature is missing, for another URL, or the body was changed', async () => {
      const messageSid = newMessageSid();
      const refused = [
        await sendSms(running.baseUrl, 'STOP', { messageSid }),
        await sendSms(running.baseUrl, 'STOP', signed({ messageSid, signedUrl: 'https://attacker.example.com/api/v1/sms' })),
        await sendSms(running.baseUrl, 'HELP', signed({ messageSid, tamper: (form) => form.set('Body', 'STOP') })),
        await sendSms(running.baseUrl, 'HELP', signed({ messageSid, tamper: (form) => form.set('From', otherDealerPhone) })),
      ];
      for (const reply of refused) {
        assert.equal(reply.status, 403);
        assert.equal(reply.text, null);
      }
      // Not opted out, and the MessageSid was not used up by the refused attempts.
      assert.match((await text(`STATUS ${sampleVin}`, { messageSid })) ?? '', /inspected/);
    });

    it('is public: no API token needed for the webhook itself', async () => {
      assert.equal((await sendSms(running.baseUrl, 'HELP', signed())).status, 200);
    });
  });

  describe('commands', () => {
    it('accepts any case and spacing, and the last 6+ characters of the VIN', async () => {
      for (const body of ['  status   042788 ', 'Status kp042788', `sTaTuS ${sampleVin.toLowerCase()}`, 'STATUS 1M8G-DM9A-XKP0-42788']) {
        assert.match((await text(body)) ?? '', new RegExp(sampleVin), body);
      }
    });

    it('says when the VIN is not valid', async () => {
      assert.match((await text('STATUS 1M8GDM9A1KP042788')) ?? '', /not valid.*check digit/i);
      assert.match((await text('STATUS 123')) ?? '', /not valid/);
      assert.match((await text('STATUS')) ?? '', /STATUS followed by the VIN/);
    });

    it('answers RELEASE with who may take the car and against which document', async () => {
      const reply = (await text(`RELEASE ${sampleVin}`)) ?? '';
      assert.match(reply, /Bill of Lading/);
      assert.match(reply, /proof of sale/);
    });

    it('answers RELEASE on a Dealer Purchase for Lessee during the hold: it stays with the dealer, no transporter', async () => {
      const vin = makeVin(31400);
      const auth = { authorization: 'Bearer an-api-token-of-some-length' };
      const opened = await postJson(
        `${running.baseUrl}/api/v1/cases`,
        {
          vin,
          dealerId: 'columbus-motors',
          maturityDate: '2026-06-30',
          returnDate: '2026-03-02',
          intent: 'dealerPurchaseForLessee',
          hasAvrmAccess: true,
          events: [{ type: 'notified', at: '2026-03-02T16:00:00Z' }],
        },
        auth,
      );
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      const release = (await text(`RELEASE ${vin.slice(-6)}`)) ?? '';
      assert.match(release, /stays with the dealer/);
      assert.match(release, /Do not release it to a transporter/);
      assert.match(release, /hold runs until Thu Mar 5 11:00 AM EST/);
      assert.match(release, /877-290-9544, option 2/);
      assert.doesNotMatch(release, /not been inspected/);
      assert.ok(isGsm7(release) && gsm7Length(release) <= 320, release);
      const status = (await text(`STATUS ${vin}`)) ?? '';
      assert.match(status, /finalize the dealer purchase/);
      assert.ok(isGsm7(status) && gsm7Length(status) <= 320, status);
    });

    it('answers CONTACTS, HELP and anything else briefly', async () => {
      const contacts = (await text('contacts')) ?? '';
      for (const number of ['888-919-2559', '877-290-9544, option 1', '877-290-9544, option 2', '877-290-9544, option 4', '877-290-9555', '866-851-0577']) {
        assert.ok(contacts.includes(number), number);
      }
      assert.match((await text('help')) ?? '', /STATUS/);
      assert.match((await text('where is my car?')) ?? '', /STATUS/);
      assert.ok(((await text('where is my car?')) ?? '').length < 100);
    });
  });

  describe('scoping to the dealer a phone is registered to', () => {
    it('gives an unknown number and another dealer’s VIN the same reply, which leaks nothing', async () => {
      const unknownNumber = await text(`STATUS ${sampleVin}`, { from: '+12025550111' });
      const otherDealer = await text(`STATUS ${sampleVin}`, { from: otherDealerPhone });
      const otherSuffix = await text('STATUS 042788', { from: otherDealerPhone });
      const noSuchVin = await text(`STATUS ${makeVin(424242)}`);
      const release = await text(`RELEASE ${sampleVin}`, { from: otherDealerPhone });
      assert.equal(unknownNumber, otherDealer);
      assert.equal(unknownNumber, otherSuffix);
      assert.equal(unknownNumber, noSuchVin);
      assert.equal(unknownNumber, release);
      assert.match(unknownNumber ?? '', /No case found for this number/);
      assert.doesNotMatch(unknownNumber ?? '', /inspect|Columbus/);
      assert.match((await text(`STATUS ${otherVin}`, { from: otherDealerPhone })) ?? '', new RegExp(otherVin));
    });
  });

  describe('opt-out, duplicates and restarts', () => {
    it('stores STOP and START; an opted-out number gets no case information, also after a restart', async () => {
      const from = '+16145550100';
      const dataDir = running.dataDir;
      const stopped = await text('Stop', { from });
      assert.match(stopped ?? '', /START/);
      assert.equal(await text(`STATUS ${sampleVin}`, { from }), null);
      assert.equal(await text(`RELEASE ${sampleVin}`, { from }), null);
      assert.equal(await text('STATUS', { from }), null, 'not even the "send a VIN" hint');
      assert.equal(await text('dont stop', { from }), null, 'not a keyword, and still opted out');

      await running.app.stop();
      running = await startTestApp({ TWILIO_AUTH_TOKEN: authToken, PUBLIC_BASE_URL: publicBaseUrl, DATA_DIR: dataDir }, { clock });
      assert.equal(await text(`STATUS ${sampleVin}`, { from }), null, 'the opt-out survived the restart');
      assert.match((await text('START', { from })) ?? '', /opted back in/);
      assert.match((await text(`STATUS ${sampleVin}`, { from })) ?? '', /inspected/, 'cases survived the restart');
      // startTestApp only removes data folders it made itself.
      leftovers.push(dataDir);
    });

    it('answers a repeated MessageSid once', async () => {
      const messageSid = newMessageSid();
      const first = await sendSms(running.baseUrl, `STATUS ${sampleVin}`, signed({ messageSid }));
      const second = await sendSms(running.baseUrl, `STATUS ${sampleVin}`, signed({ messageSid }));
      assert.match(first.text ?? '', /inspected/);
      assert.equal(second.status, 200);
      assert.equal(second.text, null);
      const [a, b] = await Promise.all([
        sendSms(running.baseUrl, 'STOP', signed({ messageSid: 'SMconcurrent0000000000000000000000' })),
        sendSms(running.baseUrl, 'STOP', signed({ messageSid: 'SMconcurrent0000000000000000000000' })),
      ]);
      assert.equal([a.text, b.text].filter((reply) => reply !== null).length, 1);
      await text('START');
    });
  });

  describe('bad requests', () => {
    it('answers 415 for a JSON body and 400 for a missing MessageSid', async () => {
      const json = await postJson(`${running.baseUrl}/api/v1/sms`, { Body: 'HELP' });
      assert.equal(json.status, 415);
      const form = new URLSearchParams({ From: dealerPhone, Body: 'HELP' });
      const { twilioSignatureFor } = await import('../../src/sms/twilio-webhook.ts');
      const response = await fetch(`${running.baseUrl}/api/v1/sms`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilioSignatureFor(authToken, `${publicBaseUrl}/api/v1/sms`, form),
        },
        body: form.toString(),
      });
      assert.equal(response.status, 400);
    });
  });
});

describe('SMS webhook without TWILIO_AUTH_TOKEN', () => {
  it('accepts unsigned webhooks (local testing)', async () => {
    const running = await startTestApp();
    try {
      await registerDealer(running.baseUrl);
      await openCase(running.baseUrl, { returnDate: '2026-03-02' });
      const reply = await sendSms(running.baseUrl, 'STATUS 042788');
      assert.equal(reply.status, 200);
      assert.match(reply.text ?? '', new RegExp(sampleVin));
    } finally {
      await running.stop();
    }
  });
});
