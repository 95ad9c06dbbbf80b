import { countOn } from '../support/database-probe.ts';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { startTestApp, type RunningApp } from '../support/test-app.ts';
import { newMessageSid } from '../sms/sms-client.ts';

/**
 * A web page on another site must not reach the assistant through the visitor's browser: not by DNS
 * rebinding (its own host name resolving to 127.0.0.1) while the server runs without API_TOKEN, and
 * not by a cross-site form post to the SMS webhook while Twilio signatures are off.
 */

interface Answer {
  status: number;
  body: string;
}

/** http.request keeps the Host header and the target exactly as given (fetch would not let us set Host). */
function send(baseUrl: string, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: hostname, port, method: options.method ?? 'GET', path: options.path ?? '/', headers: options.headers ?? {} },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

function errorOf(answer: Answer): { code: string; field: string | null } {
  return (JSON.parse(answer.body) as { error: { code: string; field: string | null } }).error;
}

/** A STOP as a browser form on another site would send it. */
function smsForm(body = 'STOP', from = '+16145550111'): string {
  return new URLSearchParams({ From: from, To: '+18885550199', Body: body, MessageSid: newMessageSid() }).toString();
}

function optOutRows(running: RunningApp): Promise<number> {
  return countOn(running.app.storage, 'SELECT count(*) AS n FROM sms_opt_outs');
}

function smsRows(running: RunningApp): Promise<number> {
  return countOn(running.app.storage, 'SELECT count(*) AS n FROM sms_messages');
}

const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('attack: browsers on other sites', () => {
  describe('without API_TOKEN (loopback mode)', () => {
    let running: RunningApp;
    let port: string;
    before(async () => {
      running = await startTestApp();
      port = new URL(running.baseUrl).port;
    });
    after(() => running.stop());

    it('answers only requests addressed to a loopback host name (DNS rebinding gets 403 naming Host)', async () => {
      for (const host of [
        `rebind.attacker.example:${port}`,
        'attacker.example',
        `10.0.0.8:${port}`,
        `localhost.attacker.example:${port}`,
        `127.0.0.1.nip.io:${port}`,
      ]) {
        for (const path of ['/api/v1/cases', '/chat', '/console', '/healthz', '/no/such/route']) {
          const answer = await send(running.baseUrl, { path, headers: { host } });
          assert.equal(answer.status, 403, `${host} ${path}`);
          assert.deepEqual(errorOf(answer), { ...errorOf(answer), code: 'host_not_allowed', field: 'Host' });
        }
      }
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `127.9.8.7:${port}`, `[::1]:${port}`, 'localhost', `LOCALHOST:${port}`]) {
        const answer = await send(running.baseUrl, { path: '/api/v1/cases', headers: { host } });
        assert.equal(answer.status, 200, host);
      }
    });

    it('checks the host of an absolute-form request target too', async () => {
      const refused = await send(running.baseUrl, { path: 'http://attacker.example/api/v1/cases', headers: { host: `127.0.0.1:${port}` } });
      assert.equal(refused.status, 403);
      const allowed = await send(running.baseUrl, { path: `http://127.0.0.1:${port}/api/v1/cases`, headers: { host: `127.0.0.1:${port}` } });
      assert.equal(allowed.status, 200);
    });

    it('stores nothing from a rebinding page that posts an opt-out', async () => {
      const before = await optOutRows(running);
      const answer = await send(running.baseUrl, {
        method: 'POST',
        path: '/api/v1/sms',
        headers: { ...form, host: `rebind.attacker.example:${port}` },
        body: smsForm(),
      });
      assert.equal(answer.status, 403);
      assert.equal(await optOutRows(running), before);
    });

    it('refuses cross-site form posts to the SMS webhook (Origin or Sec-Fetch-Site), and stores nothing', async () => {
      const beforeOptOuts = await optOutRows(running);
      const beforeMessages = await smsRows(running);
      const crossSite = [
        { origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site' },
        { origin: 'https://attacker.example' },
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site' },
        { origin: 'null' },
        { origin: `http://localhost:${Number(port) + 1}` },
      ];
      for (const headers of crossSite) {
        const answer = await send(running.baseUrl, { method: 'POST', path: '/api/v1/sms', headers: { ...form, ...headers }, body: smsForm() });
        assert.equal(answer.status, 403, JSON.stringify(headers));
        assert.equal(errorOf(answer).code, 'cross_site_refused');
      }
      assert.equal(await optOutRows(running), beforeOptOuts);
      assert.equal(await smsRows(running), beforeMessages);
    });

    it('still answers a webhook post as Twilio sends it (no Origin, no Sec-Fetch-Site)', async () => {
      const answer = await send(running.baseUrl, { method: 'POST', path: '/api/v1/sms', headers: form, body: smsForm('HELP') });
      assert.equal(answer.status, 200);
      assert.match(answer.body, /<Response>/);
    });
  });

  describe('with API_TOKEN set and no TWILIO_AUTH_TOKEN', () => {
    let running: RunningApp;
    before(async () => {
      running = await startTestApp({ API_TOKEN: 'browser-attack-api-token-0123' });
    });
    after(() => running.stop());

    it('still refuses cross-site form posts to the SMS webhook, and stores nothing', async () => {
      const before = await optOutRows(running);
      const answer = await send(running.baseUrl, {
        method: 'POST',
        path: '/api/v1/sms',
        headers: { ...form, origin: 'https://attacker.example' },
        body: smsForm(),
      });
      assert.equal(answer.status, 403);
      assert.equal(await optOutRows(running), before);
    });

    it('answers any Host name (a reverse proxy forwards its own), the token protecting the API', async () => {
      const answer = await send(running.baseUrl, { path: '/healthz', headers: { host: 'lease-return.example.com' } });
      assert.equal(answer.status, 200);
      const refused = await send(running.baseUrl, { path: '/api/v1/cases', headers: { host: 'lease-return.example.com' } });
      assert.equal(refused.status, 401);
    });
  });
});
