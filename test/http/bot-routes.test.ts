import { expect } from 'chai';
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
  const valid = () => ({ type: 'message', text: 'hi', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:9', conversation: { id: 'edge-1' }, from: { id: 'u1' }, recipient: { id: 'bot' } });

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

    it('a token that is not a Bot Framework JWT → 401 and no reply', async () => {
      const conversation = new BotConversation(secured.baseUrl, sink, { channelId: 'msteams', conversationId: 'auth-2', headers: { authorization: 'Bearer not-a-jwt' } });
      const { status } = await conversation.post(conversation.activity({ text: 'hi' }));
      expect(status).to.equal(401);
      expect(sink.activitiesFor('auth-2')).to.have.length(0);
    });
  });
});
