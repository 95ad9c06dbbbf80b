import { expect } from 'chai';
import { getJson, startTestApp, type RunningApp } from '../support/test-app.ts';

const token = 'console-test-token-0123456789';

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const response = await fetch(url, { headers, redirect: 'manual' });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

function assetNames(html: string): { script: string; style: string } {
  const script = /src="\/console\/(app\.[0-9a-f]{12}\.js)"/.exec(html)?.[1];
  const style = /href="\/console\/(app\.[0-9a-f]{12}\.css)"/.exec(html)?.[1];
  if (!script || !style) throw new Error('the page does not link its hashed assets');
  return { script, style };
}

describe('agent console routes', () => {
  let running: RunningApp;
  before(async () => {
    running = await startTestApp();
  });
  after(() => running.stop());

  describe('GET /console', () => {
    it('serves the page with the contract test ids and a strict content security policy', async () => {
      const response = await get(`${running.baseUrl}/console`);
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^text\/html/);
      expect(response.headers.get('content-security-policy')).to.include("script-src 'self'").and.include("connect-src 'self'");
      expect(response.headers.get('x-content-type-options')).to.equal('nosniff');
      const html = response.body.toString('utf8');
      for (const id of ['vin-search', 'case-view', 'ask', 'answer']) expect(html).to.include(`data-testid="${id}"`);
      expect(html).not.to.match(/https?:\/\//, 'no CDN or other outside address');
    });

    it('boots with the process sections and says no token is needed', async () => {
      const html = (await get(`${running.baseUrl}/console`)).body.toString('utf8');
      const boot = JSON.parse(/<script type="application\/json" id="console-boot">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}') as {
        tokenRequired: boolean;
        sections: { id: string; title: string }[];
      };
      expect(boot.tokenRequired).to.equal(false);
      expect(boot.sections.map((section) => section.id)).to.include.members(['state-exceptions', 'pickup-release', 'notify-without-avrm']);
    });

    it('redirects /console/ to /console', async () => {
      const response = await get(`${running.baseUrl}/console/`);
      expect(response.status).to.equal(301);
      expect(response.headers.get('location')).to.equal('/console');
    });
  });

  describe('GET /console/:asset', () => {
    it('serves the bundled script and style, gzipped on request, cacheable for good', async () => {
      const names = assetNames((await get(`${running.baseUrl}/console`)).body.toString('utf8'));
      const script = await get(`${running.baseUrl}/console/${names.script}`, { 'accept-encoding': 'gzip' });
      expect(script.status).to.equal(200);
      expect(script.headers.get('content-type')).to.match(/^text\/javascript/);
      expect(script.headers.get('cache-control')).to.include('immutable');
      // fetch() decodes gzip itself; the header says it was compressed on the wire.
      expect(script.headers.get('content-encoding')).to.equal('gzip');
      expect(script.body.toString('utf8')).to.include('vin-search');
      expect(script.body.length).to.be.below(100_000, 'the console script stays small enough to load at once');
      const style = await get(`${running.baseUrl}/console/${names.style}`);
      expect(style.status).to.equal(200);
      expect(style.headers.get('content-type')).to.match(/^text\/css/);
    });

    it('answers 304 when the browser already has the file', async () => {
      const names = assetNames((await get(`${running.baseUrl}/console`)).body.toString('utf8'));
      const first = await get(`${running.baseUrl}/console/${names.script}`);
      const etag = first.headers.get('etag') ?? '';
      expect(etag).to.match(/^"[0-9a-f]{12}"$/);
      const again = await get(`${running.baseUrl}/console/${names.script}`, { 'if-none-match': etag });
      expect(again.status).to.equal(304);
    });

    it('answers 404 in the API error shape for an unknown file', async () => {
      const response = await getJson(`${running.baseUrl}/console/app.000000000000.js`);
      expect(response.status).to.equal(404);
      expect(response.body).to.have.nested.property('error.code', 'not_found');
    });
  });

  describe('GET /api/v1/console/session', () => {
    it('answers without a token when API_TOKEN is not set', async () => {
      const response = await getJson(`${running.baseUrl}/api/v1/console/session`);
      expect(response.status).to.equal(200);
      expect(response.body).to.deep.include({ tokenRequired: false });
      expect(response.body).to.have.property('rulesVersion').that.is.a('string');
    });

    describe('with API_TOKEN set', () => {
      let guarded: RunningApp;
      before(async () => {
        guarded = await startTestApp({ API_TOKEN: token });
      });
      after(() => guarded.stop());

      it('needs the bearer token (401 without it or with a wrong one, 200 with it)', async () => {
        const url = `${guarded.baseUrl}/api/v1/console/session`;
        expect((await getJson(url)).status).to.equal(401);
        const wrong = await getJson(url, { authorization: 'Bearer wrong-token-wrong-token' });
        expect(wrong.status).to.equal(401);
        expect(wrong.body).to.have.nested.property('error.code', 'unauthorized');
        const right = await getJson(url, { authorization: `Bearer ${token}` });
        expect(right.status).to.equal(200);
        expect(right.body).to.deep.include({ tokenRequired: true });
      });

      it('still serves the page itself (it holds no case data) and tells it to ask for the token', async () => {
        const response = await get(`${guarded.baseUrl}/console`);
        expect(response.status).to.equal(200);
        expect(response.body.toString('utf8')).to.include('"tokenRequired":true');
      });
    });
  });
});
