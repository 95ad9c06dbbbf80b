import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { startTestApp, type RunningApp } from '../support/test-app.ts';

const token = 'a-long-enough-api-token';

/** A raw request, so the path reaches the server exactly as written (fetch would normalize some). */
function send(
  baseUrl: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: hostname, port, path, method: options.method ?? 'GET', headers: options.headers ?? {} }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

describe('HTTP server (src/http/server)', () => {
  describe('with API_TOKEN set', () => {
    let running: RunningApp;
    before(async () => {
      running = await startTestApp({ API_TOKEN: token });
    });
    after(() => running.stop());

    it('needs the token for every spelling of an /api/v1 path the router accepts (percent-escapes included)', async () => {
      for (const path of ['/api/v1/cases', '/%61pi/v1/cases', '/api/v1/%63ases', '/api/%76%31/cases?dealerId=x', '/api/v1/cases/', '/api/v1/dealers/nobody']) {
        const response = await send(running.baseUrl, path);
        assert.equal(response.status, 401, path);
        assert.equal((JSON.parse(response.body) as { error: { code: string } }).error.code, 'unauthorized', path);
      }
      // A path the router cannot decode matches no route: 404, which tells nothing.
      assert.equal((await send(running.baseUrl, '/%E0%A4%A/v1/cases')).status, 404);
      const allowed = await send(running.baseUrl, '/%61pi/v1/cases', { headers: { authorization: `Bearer ${token}` } });
      assert.equal(allowed.status, 200);
    });

    it('keeps the SMS webhook public however its path is spelled', async () => {
      for (const path of ['/api/v1/sms', '/api/v1/%73ms']) {
        const response = await send(running.baseUrl, path, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'From=%2B16145550100&Body=HELP',
        });
        assert.equal(response.status, 400, path);
        assert.match(response.body, /MessageSid/, path);
      }
    });

    it('answers a refused request without reading its body, with the request id it was given', async () => {
      const response = await send(running.baseUrl, '/api/v1/decisions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'agent-42.call-7' },
        body: '{"not": "read"',
      });
      assert.equal(response.status, 401);
      assert.equal(response.headers['x-request-id'], 'agent-42.call-7');
    });
  });

  it('gives every answer a request id, unknown routes included, and ignores an unsafe one', async () => {
    const running = await startTestApp();
    try {
      const unknown = await send(running.baseUrl, '/no/such/page', { headers: { 'x-request-id': 'bad id with spaces' } });
      assert.equal(unknown.status, 404);
      assert.match(String(unknown.headers['x-request-id']), /^[0-9a-f-]{36}$/);
      const query = await send(running.baseUrl, '/api/v1/cases?dealerId=a&dealerId=b');
      assert.equal(query.status, 400, 'a repeated query parameter is refused by the route, not misread');
    } finally {
      await running.stop();
    }
  });
});
