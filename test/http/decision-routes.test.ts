import { expect } from 'chai';
import { request as httpRequest } from 'node:http';
import { requestInput } from '../support/decision-fixtures.ts';
import { postJson, startTestApp, type RunningApp } from '../support/test-app.ts';

interface ErrorBody {
  error: { code: string; message: string; field: string | null };
}

async function rawPost(url: string, body: string, contentType: string | null): Promise<{ status: number; body: ErrorBody }> {
  const response = await fetch(url, { method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body });
  return { status: response.status, body: (await response.json()) as ErrorBody };
}

describe('POST /api/v1/decisions', () => {
  let running: RunningApp;
  let url: string;
  before(async () => {
    running = await startTestApp();
    url = `${running.baseUrl}/api/v1/decisions`;
  });
  after(() => running.stop());

  it('answers a decision with its trace', async () => {
    const response = await postJson(
      url,
      requestInput({
        state: 'hi',
        returnDate: '2026-05-01',
        hasAvrmAccess: false,
        vin: '1M8GDM9AXKP042788',
        pickup: { by: 'transporter', billOfLading: true },
      }),
    );
    expect(response.status).to.equal(200);
    const decision = response.body as Record<string, unknown> & { trace: { rule: string; source: string }[] };
    expect(decision).to.include.keys(
      'termination',
      'quote',
      'remarketing',
      'notification',
      'eligibleQuotes',
      'inspection',
      'letters',
      'pickup',
      'contacts',
      'steps',
      'trace',
    );
    expect(decision).to.deep.include({
      termination: 'ET',
      notification: { method: 'fax', faxNumber: '877-290-9555' },
      inspection: { available: false },
      pickup: { releaseAllowed: true, missingDocument: null },
      remarketing: { holdHours: 0, startsImmediately: true },
    });
    expect(decision.trace.map((entry) => entry.source)).to.include.members(['state-exceptions', 'notify-without-avrm', 'quotes', 'pickup-release']);
    expect(response.headers.get('x-request-id')).to.match(/^[\w-]+$/);
  });

  it('answers GET /healthz', async () => {
    const response = await fetch(`${running.baseUrl}/healthz`);
    expect(response.status).to.equal(200);
    expect(await response.json()).to.deep.equal({ status: 'ok' });
  });

  const badInputs: { what: string; body: unknown; field: string | null; message?: RegExp }[] = [
    { what: 'an unknown state', body: requestInput({ state: 'XX' }), field: 'state', message: /not a US state/ },
    { what: 'a territory that is not a state', body: requestInput({ state: 'PR' }), field: 'state' },
    { what: 'an impossible date', body: requestInput({ maturityDate: '2026-02-30' }), field: 'maturityDate', message: /not a real calendar date/ },
    { what: 'a date in another format', body: requestInput({ returnDate: '06/15/2026' }), field: 'returnDate', message: /YYYY-MM-DD/ },
    { what: 'a VIN with a bad check digit', body: requestInput({ vin: '1M8GDM9A1KP042788' }), field: 'vin', message: /check digit/ },
    { what: 'a VIN with the letter O', body: requestInput({ vin: '1M8GDM9AXKP04278O' }), field: 'vin', message: /I, O or Q/ },
    { what: 'a short VIN', body: requestInput({ vin: '1M8GDM9AX' }), field: 'vin', message: /17 characters/ },
    { what: 'a missing intent', body: { ...requestInput(), intent: undefined }, field: 'intent', message: /required/ },
    { what: 'an unknown intent', body: requestInput({ intent: 'buyback' as 'lesseeReturn' }), field: 'intent', message: /lesseeReturn/ },
    { what: 'hasAvrmAccess as a string', body: { ...requestInput(), hasAvrmAccess: 'yes' }, field: 'hasAvrmAccess' },
    { what: 'an unknown pickup party', body: requestInput({ pickup: { by: 'tow truck' as 'transporter' } }), field: 'pickup.by' },
    { what: 'an unknown field', body: { ...requestInput(), colour: 'red' }, field: 'colour', message: /not a field/ },
    {
      what: 'a contradictory intent',
      body: requestInput({ intent: 'lesseeReturn', lesseeWantsToPurchase: true }),
      field: 'intent',
      message: /Dealer Purchase for Lessee/,
    },
    { what: 'a JSON array', body: [requestInput()], field: null },
  ];
  for (const bad of badInputs) {
    it(`refuses ${bad.what} with 400 naming ${bad.field ?? 'no field'}`, async () => {
      const response = await postJson(url, bad.body);
      expect(response.status).to.equal(400);
      const body = response.body as ErrorBody;
      expect(body.error.field).to.equal(bad.field);
      if (bad.message) expect(body.error.message).to.match(bad.message);
      expect(JSON.stringify(body)).not.to.match(/at \w+ \(|node_modules|\.ts:\d+/);
    });
  }

  it('refuses malformed JSON with 400', async () => {
    const response = await rawPost(url, '{"state": "OH",', 'application/json');
    expect(response.status).to.equal(400);
    expect(response.body.error.code).to.equal('malformed_json');
  });

  it('refuses a non-JSON content type with 415', async () => {
    const response = await rawPost(url, 'state=OH', 'application/x-www-form-urlencoded');
    expect(response.status).to.equal(415);
    expect(response.body.error.code).to.equal('unsupported_media_type');
  });

  it('refuses a body over 1 MB with 413 and keeps serving', async () => {
    const big = JSON.stringify({ ...requestInput(), padding: 'x'.repeat(1_100_000) });
    const response = await rawPost(url, big, 'application/json');
    expect(response.status).to.equal(413);
    expect(response.body.error.code).to.equal('payload_too_large');
    expect((await postJson(url, requestInput())).status).to.equal(200);
  });

  it('refuses an oversized body announced by Content-Length before reading it', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        url,
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(5 * 1024 * 1024) } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.write('{');
      request.end();
    }).catch(() => 413);
    expect(status).to.equal(413);
  });

  it('answers an unknown route with 404 in the same error shape', async () => {
    const response = await fetch(`${running.baseUrl}/api/v1/nothing-here`);
    expect(response.status).to.equal(404);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).to.equal('not_found');
  });

  it('gives 50 overlapping requests the answers of the same requests one by one', async () => {
    const inputs = ['OH', 'AK', 'SD', 'TX', 'HI'].flatMap((state) =>
      (['lesseeReturn', 'dealerPurchaseForInventory'] as const).flatMap((intent) =>
        ['2026-06-01', '2026-06-15', '2026-06-30', '2026-01-15', '2026-06-14'].map((returnDate) => requestInput({ state, intent, returnDate })),
      ),
    );
    const sequential: unknown[] = [];
    for (const input of inputs) sequential.push((await postJson(url, input)).body);
    const concurrent = await Promise.all(inputs.map((input) => postJson(url, input)));
    for (const [index, response] of concurrent.entries()) expect(response.body).to.deep.equal(sequential[index]);
  });
});

describe('API_TOKEN', () => {
  let running: RunningApp;
  before(async () => {
    running = await startTestApp({ API_TOKEN: 'a-long-enough-test-token' });
  });
  after(() => running.stop());

  it('refuses /api/v1 without the bearer token with 401', async () => {
    const response = await postJson(`${running.baseUrl}/api/v1/decisions`, requestInput());
    expect(response.status).to.equal(401);
    expect((response.body as ErrorBody).error.code).to.equal('unauthorized');
  });

  it('refuses a wrong token with 401', async () => {
    const response = await postJson(`${running.baseUrl}/api/v1/decisions`, requestInput(), { authorization: 'Bearer a-long-enough-wrong-token' });
    expect(response.status).to.equal(401);
  });

  it('accepts the right token', async () => {
    const response = await postJson(`${running.baseUrl}/api/v1/decisions`, requestInput(), { authorization: 'Bearer a-long-enough-test-token' });
    expect(response.status).to.equal(200);
  });

  it('leaves /healthz open', async () => {
    expect((await fetch(`${running.baseUrl}/healthz`)).status).to.equal(200);
  });
});
