import { expect } from 'chai';
import { startDirectLineHarness, type DirectLineHarness } from './support/direct-line-harness.ts';

describe('GET /chat and its assets', () => {
  let harness: DirectLineHarness;
  before(async () => {
    harness = await startDirectLineHarness();
  });
  after(async () => {
    await harness.stop();
  });

  async function page(): Promise<{ response: Response; html: string }> {
    const response = await fetch(`${harness.baseUrl}/chat`);
    return { response, html: await response.text() };
  }

  it('serves the product page with the four things it can do and a strict content security policy', async () => {
    const { response, html } = await page();
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^text\/html/);
    expect(html).to.include('<title>Lease Return Assistant</title>');
    for (const thing of ['Return a vehicle', 'Check a return&#39;s status', 'Who to call', 'Ask a question']) expect(html).to.include(thing);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).to.include("script-src 'self'");
    expect(csp).to.include("connect-src 'self'");
    expect(html).not.to.match(/https?:\/\//); // no CDN, nothing from the internet
  });

  it('serves Web Chat’s bundle from node_modules, versioned, cacheable for a year, gzipped, with 304 on revalidation', async () => {
    const { html } = await page();
    const src = /src="(\/chat\/assets\/webchat-[\w.-]+\.js)"/.exec(html)?.[1];
    expect(src).to.equal('/chat/assets/webchat-4.18.1.js');
    const response = await fetch(`${harness.baseUrl}${src}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).to.equal(200);
    expect(response.headers.get('cache-control')).to.equal('public, max-age=31536000, immutable');
    expect(response.headers.get('content-encoding')).to.equal('gzip');
    expect(Number(response.headers.get('content-length'))).to.be.below(1_500_000); // 3.9 MB uncompressed
    const text = await response.text(); // fetch decompresses
    expect(text.length).to.be.greaterThan(3_000_000);
    expect(text).to.include('renderWebChat');
    const again = await fetch(`${harness.baseUrl}${src}`, { headers: { 'if-none-match': response.headers.get('etag') ?? '' } });
    expect(again.status).to.equal(304);
  });

  it('serves its own script (compiled from TypeScript) and styles under content-hashed names', async () => {
    const { html } = await page();
    const script = /src="(\/chat\/assets\/chat-page-[0-9a-f]{12}\.js)"/.exec(html)?.[1];
    const styles = /href="(\/chat\/assets\/chat-page-[0-9a-f]{12}\.css)"/.exec(html)?.[1];
    const scriptResponse = await fetch(`${harness.baseUrl}${script ?? '/missing'}`);
    expect(scriptResponse.status).to.equal(200);
    const code = await scriptResponse.text();
    expect(code).to.include('/v3/directline');
    expect(code).not.to.match(/\binterface\b|: Session\b/); // types stripped
    expect((await fetch(`${harness.baseUrl}${styles ?? '/missing'}`)).headers.get('content-type')).to.match(/^text\/css/);
  });
});
