import { expect } from 'chai';
import { maxJsonDepth } from '../../src/http/request-body.ts';
import { startTestApp, type RunningApp } from '../support/test-app.ts';

interface ErrorBody {
  error: { code: string; message: string; field: string | null };
}

const nested = (levels: number, inner = '1'): string => `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;
/** 20,000 nested arrays: JSON.parse takes it, JSON.stringify of the result overflows the stack. */
const abyss = nested(20_000);

async function postText(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; body: ErrorBody | undefined }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as ErrorBody) : undefined };
}

/** Every JSON route refuses a body nested deeper than the limit with 400 `too_deep`, naming the top-level field. */
describe('JSON bodies nested too deep', () => {
  let running: RunningApp;
  before(async () => {
    running = await startTestApp();
  });
  after(async () => {
    await running.stop();
  });

  const routes = [
    '/api/v1/decisions',
    '/api/v1/answers',
    '/api/v1/dealers',
    '/api/v1/cases',
    '/api/v1/cases/1HGCM82633A004352/events',
    '/v3/directline/conversations',
  ];
  for (const path of routes) {
    it(`POST ${path} with 20,000 nested arrays under "notes" → 400 too_deep naming notes`, async () => {
      const response = await postText(`${running.baseUrl}${path}`, `{"notes":${abyss}}`);
      expect(response.status).to.equal(400);
      expect(response.body?.error).to.include({ code: 'too_deep', field: 'notes' });
    });
  }

  it('POST /api/messages: an activity whose value nests 20,000 arrays → 400 too_deep naming value, and the server keeps serving', async () => {
    const activity = {
      type: 'message',
      text: 'hi',
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:9',
      conversation: { id: 'deep-1' },
      from: { id: 'u1' },
      recipient: { id: 'bot' },
    };
    const response = await postText(`${running.baseUrl}/api/messages`, `${JSON.stringify(activity).slice(0, -1)},"value":${abyss}}`);
    expect(response.status).to.equal(400);
    expect(response.body?.error).to.include({ code: 'too_deep', field: 'value' });
    expect((await fetch(`${running.baseUrl}/healthz`)).status).to.equal(200);
  });

  it('Direct Line: an activity whose value nests 20,000 arrays → 400 too_deep naming value; the conversation goes on', async () => {
    const started = await fetch(`${running.baseUrl}/v3/directline/conversations`, { method: 'POST' });
    expect(started.status).to.equal(201);
    const grant = (await started.json()) as { conversationId: string; token: string };
    const url = `${running.baseUrl}/v3/directline/conversations/${grant.conversationId}/activities`;
    const authorization = `Bearer ${grant.token}`;
    const deep = await postText(url, `{"type":"message","text":"hi","value":${abyss}}`, { authorization });
    expect(deep.status).to.equal(400);
    expect(deep.body?.error).to.include({ code: 'too_deep', field: 'value' });
    const fine = await postText(url, JSON.stringify({ type: 'message', text: 'hi', value: JSON.parse(nested(10)) as unknown }), { authorization });
    expect(fine.status).to.equal(200);
  });

  it('a root array: the error names the index that holds the deep part', async () => {
    const response = await postText(`${running.baseUrl}/api/v1/decisions`, `[1,{"a":"]]]"},${nested(maxJsonDepth + 1)}]`);
    expect(response.body?.error).to.include({ code: 'too_deep', field: '2' });
  });

  it(`exactly ${maxJsonDepth} levels pass the depth check; one more does not`, async () => {
    const atLimit = await postText(`${running.baseUrl}/api/v1/decisions`, `{"notes":${nested(maxJsonDepth - 1)}}`);
    expect(atLimit.status).to.equal(400);
    expect(atLimit.body?.error.code).not.to.equal('too_deep'); // refused by the route's schema instead
    const over = await postText(`${running.baseUrl}/api/v1/decisions`, `{"notes":${nested(maxJsonDepth)}}`);
    expect(over.body?.error).to.include({ code: 'too_deep', field: 'notes' });
  });

  it('brackets inside strings, and escaped quotes, do not count as nesting', async () => {
    // No `from`: past the depth check, the route's schema refuses it, so no turn runs.
    const body = JSON.stringify({
      type: 'message',
      text: `\\"${'['.repeat(500)}{{{"`,
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:9',
      conversation: { id: 'deep-2' },
    });
    const response = await postText(`${running.baseUrl}/api/messages`, body);
    expect(response.body?.error).to.include({ field: 'from' });
  });

  it('a key with escapes is named as the client spelled it', async () => {
    const response = await postText(`${running.baseUrl}/api/v1/decisions`, `{"a":1,"n\\u006ftes\\"x":${nested(100)}}`);
    expect(response.body?.error).to.include({ code: 'too_deep', field: 'notes"x' });
  });
});
