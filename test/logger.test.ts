import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../src/logger.ts';
import { startNode } from './support/run-process.ts';
import { makeTempDir } from './support/test-app.ts';

function capture(): { lines: string[]; write(line: string): void } {
  const lines: string[] = [];
  return { lines, write: (line: string) => lines.push(line) };
}

describe('createLogger()', () => {
  const secret = 'configured-secret-0123456789';

  it('blanks a configured secret out of every part of a line: message, fields, error stack', () => {
    const output = capture();
    const logger = createLogger('info', output, [secret]);
    logger.info(`upstream said: bad key ${secret}`);
    logger.warn({ upstream: { body: { error: `Incorrect API key provided: ${secret}` } }, url: `https://x.example/?key=${secret}` }, 'nested');
    logger.error({ err: new Error(`401 Incorrect API key provided: ${secret}`) }, 'with a stack');
    logger.child({ conversation: secret }).info('child logger');
    expect(output.lines).to.have.length(4);
    for (const line of output.lines) {
      expect(line).not.to.contain(secret);
      expect(line).to.contain('[redacted]');
      expect(() => JSON.parse(line) as unknown).not.to.throw();
    }
  });

  it('finds a secret where JSON or a URL escapes it', () => {
    const output = capture();
    const awkward = 'pass"word\\with/odd&chars';
    createLogger('info', output, [awkward]).info({ value: awkward, url: `https://x.example/?p=${encodeURIComponent(awkward)}` }, 'escaped');
    const line = output.lines[0] ?? '';
    expect(line).not.to.contain(JSON.stringify(awkward).slice(1, -1));
    expect(line).not.to.contain(encodeURIComponent(awkward));
    expect((JSON.parse(line) as { value: string }).value).to.equal('[redacted]');
  });

  it('blanks credential shapes nobody configured: OpenAI keys, bearer tokens, JWTs, URL passwords', () => {
    const output = capture();
    createLogger('info', output).warn(
      'sk-proj-abcdefghijklmnopqrstuvwxyz012345 | Authorization: Bearer abcdef0123456789 | eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl | https://user:hunter2hunter2@db.example.com/x',
    );
    const line = output.lines[0] ?? '';
    for (const leaked of ['abcdefghijklmnopqrstuvwxyz012345', 'abcdef0123456789', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', 'hunter2hunter2'])
      expect(line).not.to.contain(leaked);
    expect(line).to.contain('Bearer [redacted]').and.to.contain('https://user:[redacted]@db.example.com');
  });

  it('leaves ordinary text alone, and does not hunt for secrets too short to be told from words', () => {
    const output = capture();
    createLogger('info', output, ['abc']).info({ path: '/api/v1/cases/1M8GDM9AXKP042788', url: 'http://127.0.0.1:3978' }, 'abc task-list ask-me');
    const parsed = JSON.parse(output.lines[0] ?? '') as { msg: string; path: string; url: string };
    expect(parsed).to.include({ msg: 'abc task-list ask-me', path: '/api/v1/cases/1M8GDM9AXKP042788', url: 'http://127.0.0.1:3978' });
  });
});

describe('secrets in the server log (npm start, LLM mode)', () => {
  // Not sk-shaped on purpose: only the configured value can tell the logger what to blank out.
  const apiKey = 'llm-key-0123456789abcdef';
  let upstream: Server;

  before(async () => {
    // An OpenAI-compatible endpoint that refuses the key and quotes it back, as OpenAI's 401 does.
    upstream = createServer((request, response) => {
      request.resume();
      const key = (request.headers.authorization ?? '').replace(/^Bearer /, '');
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${key}.`, type: 'invalid_request_error', code: 'invalid_api_key' } }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    upstream.closeAllConnections();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });

  it('never writes the OpenAI key an upstream error quotes', async () => {
    const baseUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`;
    const ready = /"url":"http:\/\/127\.0\.0\.1:(\d+)"/;
    const { child, output } = await startNode(
      'src/index.ts',
      { PORT: '0', DATA_DIR: makeTempDir(), LOG_LEVEL: 'info', OPENAI_API_KEY: apiKey, OPENAI_BASE_URL: baseUrl },
      ready,
    );
    try {
      const port = ready.exec(output())?.[1];
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/answers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: 'what is the fax number for dealer purchases?' }),
      });
      expect(response.status).to.equal(200);
      expect(((await response.json()) as { mode: string }).mode).to.equal('extractive');
      // The fallback is logged as the response is sent; give the line a moment to arrive.
      for (let waited = 0; !output().includes('LLM unavailable') && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      const line =
        output()
          .split('\n')
          .find((entry) => entry.includes('LLM unavailable')) ?? '';
      expect(line).to.contain('status 401').and.not.contain('Incorrect API key');
      expect(output()).not.to.contain(apiKey);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
