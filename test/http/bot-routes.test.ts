import { expect } from 'chai';
import { assertLocalCaller, assertLocalServiceUrl } from '../../src/http/routes/bot-routes.ts';
import { isLoopbackAddress, isLoopbackUrl } from '../../src/loopback.ts';
import { startTestApp, type RunningApp } from '../support/test-app.ts';
import { BotConversation, ConnectorSink } from '../support/connector-sink.ts';

/** POST /api/messages at the edge: bad bodies get a 4xx naming the field; auth on means a token. */
describe('POST /api/messages', () => {
  let running: RunningApp;
  let sink: ConnectorSink;
  before(async () => {
    running = await startTestApp();
    sink = await ConnectorSink.start();
  });
  after(async () => {
    await sink.close();
    await running.stop();
  });

  const post = async (body: string, contentType = 'application/json') => {
    const response = await fetch(`${running.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as { error: { code: string; field: string | null; message: string } }) : undefined };
  };

  // Bodies refused at the edge never reach a serviceUrl; a closed port would show it if one did.
  const valid = () => ({
    type: 'message',
    text: 'hi',
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    conversation: { id: 'edge-1' },
    from: { id: 'u1' },
    recipient: { id: 'bot' },
  });

  const cases: { name: string; body: string; contentType?: string; status: number; field?: string | null }[] = [
    { name: 'broken JSON', body: '{"type": "message",', status: 400, field: null },
    { name: 'an empty body', body: '', status: 400, field: null },
    { name: 'no activity type', body: JSON.stringify({ ...valid(), type: undefined }), status: 400, field: 'type' },
    { name: 'no conversation', body: JSON.stringify({ ...valid(), conversation: undefined }), status: 400, field: 'conversation' },
    { name: 'a serviceUrl that is not a URL', body: JSON.stringify({ ...valid(), serviceUrl: 'nowhere' }), status: 400, field: 'serviceUrl' },
    { name: 'a JSON array', body: '[]', status: 400, field: null },
    { name: 'form data', body: 'type=message', contentType: 'application/x-www-form-urlencoded', status: 415 },
  ];
  for (const testCase of cases) {
    it(`${testCase.name} → ${testCase.status}${testCase.field ? ` naming "${testCase.field}"` : ''}`, async () => {
      const response = await post(testCase.body, testCase.contentType);
      expect(response.status).to.equal(testCase.status);
      expect(response.body?.error.code).to.be.a('string');
      if (testCase.field !== undefined) expect(response.body?.error.field).to.equal(testCase.field);
      expect(JSON.stringify(response.body)).not.to.match(/at .*\.js:\d+/);
    });
  }

  it('keeps serving after bad bodies', async () => {
    const conversation = new BotConversation(running.baseUrl, sink, { channelId: 'emulator', conversationId: 'edge-2' });
    expect(await conversation.send('hi')).to.include('Return a vehicle');
  });

  it('a body over 1 MB → 413', async () => {
    const response = await post(JSON.stringify({ ...valid(), text: 'x'.repeat(1_100_000) }));
    expect(response.status).to.equal(413);
  });

  describe('without MicrosoftAppId (unauthenticated): replies only to this machine', () => {
    const refused = [
      'http://example.com/',
      'https://smba.trafficmanager.net/amer/',
      'http://10.0.0.7:3978',
      'http://169.254.169.254/latest/meta-data',
      'http://127.0.0.1.nip.io:9',
      'http://localhost.example.com:9',
      'ftp://127.0.0.1/',
    ];
    for (const serviceUrl of refused) {
      it(`serviceUrl ${serviceUrl} → 400 naming serviceUrl, and no turn runs`, async () => {
        const conversationId = `remote-${refused.indexOf(serviceUrl)}`;
        const response = await post(JSON.stringify({ ...valid(), serviceUrl, conversation: { id: conversationId } }));
        expect(response.status).to.equal(400);
        expect(response.body?.error).to.include({ field: 'serviceUrl', code: 'service_url_not_local' });
        expect(response.body?.error.message).to.match(/serviceUrl/);
      });
    }

    it('a loopback serviceUrl (the connector sink on 127.0.0.1) gets its replies', async () => {
      const conversation = new BotConversation(running.baseUrl, sink, { channelId: 'emulator', conversationId: 'local-1' });
      expect(sink.url).to.match(/^http:\/\/127\.0\.0\.1:/);
      expect(await conversation.send('hi')).to.include('Return a vehicle');
    });
  });

  // The non-loopback caller rule is covered by the assertLocalCaller() table below: a test here may only
  // send traffic to loopback, so no request can arrive from another address.

  describe('with MicrosoftAppId set (authentication on)', () => {
    let secured: RunningApp;
    before(async () => {
      secured = await startTestApp({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' });
    });
    after(async () => {
      await secured.stop();
    });

    it('no token → 401 and no reply to the serviceUrl', async () => {
      const conversation = new BotConversation(secured.baseUrl, sink, { channelId: 'msteams', conversationId: 'auth-1' });
      const { status, replies } = await conversation.post(conversation.activity({ text: 'hi' }));
      expect(status).to.equal(401);
      expect(replies).to.have.length(0);
      expect(sink.activitiesFor('auth-1')).to.have.length(0);
    });

    it('a Teams serviceUrl is not refused as remote: the token decides (401 without one)', async () => {
      const response = await fetch(`${secured.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...valid(), channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/amer/' }),
      });
      expect(response.status).to.equal(401);
    });

    it('a token that is not a Bot Framework JWT → 401 and no reply', async () => {
      const conversation = new BotConversation(secured.baseUrl, sink, {
        channelId: 'msteams',
        conversationId: 'auth-2',
        headers: { authorization: 'Bearer not-a-jwt' },
      });
      const { status } = await conversation.post(conversation.activity({ text: 'hi' }));
      expect(status).to.equal(401);
      expect(sink.activitiesFor('auth-2')).to.have.length(0);
    });
  });
});

describe('isLoopbackAddress()', () => {
  const loopback = ['127.0.0.1', '127.0.0.2', '127.255.255.254', '::1', '0:0:0:0:0:0:0:1', '[::1]', '::ffff:127.0.0.1', '::ffff:127.1.2.3'];
  const elsewhere = [
    '10.0.0.7',
    '192.168.1.20',
    '0.0.0.0',
    '128.0.0.1',
    '::',
    '::2',
    'fe80::1',
    '::ffff:10.0.0.7',
    '::ffff:192.168.1.20',
    'localhost',
    '',
    undefined,
  ];
  for (const address of loopback) it(`${address} is this machine`, () => expect(isLoopbackAddress(address)).to.equal(true));
  for (const address of elsewhere) it(`${String(address)} is not`, () => expect(isLoopbackAddress(address)).to.equal(false));
});

describe('isLoopbackUrl()', () => {
  const local = [
    'http://127.0.0.1:9',
    'https://127.0.0.1/x',
    'http://localhost:3978/directline/connector/k',
    'http://LOCALHOST',
    'http://[::1]:3978',
    'http://127.8.9.10',
  ];
  const remote = [
    'http://example.com',
    'http://10.0.0.7',
    'http://[fe80::1]',
    'file:///etc/passwd',
    'ftp://127.0.0.1',
    'http://127.0.0.1.example.com',
    'not a url',
    'http://user@evil.example',
  ];
  for (const url of local) it(`${url} is on this machine`, () => expect(isLoopbackUrl(url)).to.equal(true));
  for (const url of remote) it(`${url} is not`, () => expect(isLoopbackUrl(url)).to.equal(false));
});

describe('assertLocalCaller() and assertLocalServiceUrl()', () => {
  it('a caller from another host is refused with 403 in the usual error shape', () => {
    expect(() => assertLocalCaller('192.168.1.20'))
      .to.throw()
      .that.includes({ status: 403, code: 'forbidden' });
    expect(() => assertLocalCaller('::ffff:192.168.1.20'))
      .to.throw()
      .that.includes({ status: 403 });
    expect(() => assertLocalCaller(undefined))
      .to.throw()
      .that.includes({ status: 403 });
    expect(() => assertLocalCaller('::ffff:127.0.0.1')).not.to.throw();
  });

  it('a remote serviceUrl is a 400 naming serviceUrl', () => {
    expect(() => assertLocalServiceUrl('https://attacker.example/'))
      .to.throw()
      .that.includes({ status: 400, field: 'serviceUrl' });
    expect(() => assertLocalServiceUrl('http://127.0.0.1:9')).not.to.throw();
  });
});
