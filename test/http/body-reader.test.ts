import { expect } from 'chai';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { requestInput } from '../support/decision-fixtures.ts';
import { postJson, startTestApp, type RunningApp } from '../support/test-app.ts';

interface Answer {
  status: number;
  connection: string | undefined;
  body: { error?: { code: string; message: string } } & Record<string, unknown>;
}

function answerOf(response: IncomingMessage): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('error', reject);
    response.on('end', () => {
      resolve({
        status: response.statusCode ?? 0,
        connection: response.headers.connection,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Answer['body'],
      });
    });
  });
}

/** POSTs without Content-Length (chunked), one chunk every 5 ms, and stops sending once the answer has come. */
function postChunked(url: string, chunks: readonly string[], headers: Record<string, string> = {}): Promise<{ answer: Answer; chunksSent: number }> {
  return new Promise((resolve, reject) => {
    let chunksSent = 0;
    let answered = false;
    const request = httpRequest(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...headers } },
      (response) => {
        answered = true;
        answerOf(response).then((answer) => resolve({ answer, chunksSent }), reject);
      },
    );
    // The server may close the connection while the upload is still going: that is the point of the test.
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    const sendNext = (): void => {
      if (answered || chunksSent === chunks.length) {
        if (!answered) request.end();
        return;
      }
      request.write(chunks[chunksSent] ?? '');
      chunksSent += 1;
      setTimeout(sendNext, 5);
    };
    sendNext();
  });
}

describe('request bodies (src/http/body-reader)', () => {
  let running: RunningApp;
  let url: string;
  before(async () => {
    running = await startTestApp();
    url = `${running.baseUrl}/api/v1/decisions`;
  });
  after(() => running.stop());

  it('reads a body sent in several chunks without Content-Length', async () => {
    const json = JSON.stringify(requestInput({ state: 'OH' }));
    const parts = [json.slice(0, 10), json.slice(10, 40), json.slice(40)];
    const { answer } = await postChunked(url, parts);
    expect(answer.status).to.equal(200);
    expect(answer.body).to.have.property('termination');
  });

  it('answers 413 as soon as a chunked body passes 1 MB, without waiting for the rest, and keeps serving', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    // 64 chunks of 64 KB = 4 MB would be sent if the server waited for the end of the body.
    const { answer, chunksSent } = await postChunked(
      url,
      Array.from({ length: 64 }, () => chunk),
    );
    expect(answer.status).to.equal(413);
    expect(answer.body.error?.code).to.equal('payload_too_large');
    expect(answer.body.error?.message).to.equal('The request body is larger than the 1 MB limit.');
    expect(answer.connection).to.equal('close');
    expect(chunksSent).to.be.below(64);
    expect((await postJson(url, requestInput())).status).to.equal(200);
  });

  it('refuses a compressed body with 415 naming the encoding', async () => {
    const { answer } = await postChunked(url, ['{}'], { 'content-encoding': 'gzip' });
    expect(answer.status).to.equal(415);
    expect(answer.body.error?.code).to.equal('unsupported_media_type');
    expect(answer.body.error?.message).to.include('Content-Encoding "gzip"');
  });

  it('treats an empty body as no body: the route says what it expected', async () => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '0' } });
    expect(response.status).to.equal(400);
    const body = (await response.json()) as { error: { code: string } };
    expect(body.error.code).to.equal('malformed_json');
  });
});
