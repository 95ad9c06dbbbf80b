import { expect } from 'chai';
import { answerSchema } from '../../src/knowledge/answer-service.ts';
import { postJson, startTestApp, type RunningApp } from '../support/test-app.ts';

describe('POST /api/v1/answers', () => {
  let running: RunningApp;
  let url: string;
  before(async () => {
    running = await startTestApp();
    url = `${running.baseUrl}/api/v1/answers`;
  });
  after(async () => running.stop());

  const errorOf = (body: unknown): { code: string; field: string | null } => (body as { error: { code: string; field: string | null } }).error;

  it('answers a process question with the one number asked and its section', async () => {
    const response = await postJson(url, { question: "who do I call if I can't log in to AVRM?" });
    expect(response.status).to.equal(200);
    const answer = answerSchema.parse(response.body);
    expect(answer.answer).to.contain('888-919-2559');
    expect(answer.mode).to.equal('extractive');
    expect(answer.outOfScope).to.equal(false);
    expect(answer.citations.map((citation) => citation.section)).to.include('avrm-access');
  });

  it('returns the rule decision for a question the rules decide', async () => {
    const response = await postJson(url, { question: 'can the transporter take it without a BOL?' });
    const answer = answerSchema.parse(response.body);
    expect(answer.decision?.pickup).to.deep.equal({ releaseAllowed: false, missingDocument: 'billOfLading' });
    expect(answer.answer).to.match(/^No\b/);
    expect(answer.citations.map((citation) => citation.section)).to.deep.equal(['pickup-release']);
  });

  it('uses the facts the caller already knows', async () => {
    const response = await postJson(url, { question: 'will an inspector come?', facts: { state: 'sd' } });
    const answer = answerSchema.parse(response.body);
    expect(answer.decision?.inspection.available).to.equal(false);
    expect(answer.answer).to.contain('South Dakota').and.contain('877-290-9544, option 1');
  });

  it('declines an out-of-scope question with the Dealer Service Center number', async () => {
    const answer = answerSchema.parse((await postJson(url, { question: 'Give me a recipe for banana bread' })).body);
    expect(answer.outOfScope).to.equal(true);
    expect(answer.answer).to.contain('888-919-2559');
    expect(answer.decision).to.equal(undefined);
  });

  const badRequests: [string, unknown, string | null][] = [
    ['an empty question', { question: '   ' }, 'question'],
    ['a missing question', {}, 'question'],
    ['a question over 1000 characters', { question: 'a'.repeat(1001) }, 'question'],
    ['a question that is not a string', { question: 42 }, 'question'],
    ['an unknown field', { question: 'hold?', mood: 'happy' }, 'mood'],
    ['an unknown state in facts', { question: 'will an inspector come?', facts: { state: 'XX' } }, 'facts.state'],
    ['an unknown fact', { question: 'will an inspector come?', facts: { colour: 'red' } }, 'facts.colour'],
  ];
  for (const [what, body, field] of badRequests) {
    it(`answers 400 naming the field for ${what}`, async () => {
      const response = await postJson(url, body);
      expect(response.status).to.equal(400);
      expect(errorOf(response.body).field).to.equal(field);
    });
  }

  it('accepts a question of exactly 1000 characters', async () => {
    const response = await postJson(url, { question: `How long does the car sit on SmartAuction? ${'x'.repeat(957)}` });
    expect(response.status).to.equal(200);
  });

  it('answers 400 for malformed JSON, 415 for a non-JSON body and 413 above 1 MB', async () => {
    const malformed = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"question":' });
    expect(malformed.status).to.equal(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).to.equal('malformed_json');
    const text = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hold?' });
    expect(text.status).to.equal(415);
    const huge = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'x'.repeat(1024 * 1024 + 10) }) });
    expect(huge.status).to.equal(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).to.equal('payload_too_large');
  });
});
