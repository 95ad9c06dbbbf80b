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

  it('answers thanks and greetings sent on their own with a reply of their own before what can be asked', async () => {
    for (const [question, opening] of [
      ['thanks a bunch, that clears it up for our title clerk', "You're welcome."],
      ['good morning!!', 'Hi!'],
    ] as const) {
      const response = await postJson(url, { question, channel: 'console' });
      expect(response.status).to.equal(200);
      const answer = answerSchema.parse(response.body);
      expect(answer.outOfScope, question).to.equal(true);
      // (Its reply first, not the refusal alone; then what can be asked and whom to call, as for anything outside the process.)
      expect(answer.answer, question).to.match(new RegExp(`^${opening} I can only help with returning a leased vehicle to Ally`));
    }
    // Thanks with a question in it is the question.
    const asked = answerSchema.parse((await postJson(url, { question: 'thanks! and which fax is for dealer purchases?' })).body);
    expect(asked.answer)
      .to.contain('866-851-0577')
      .and.not.match(/^You're welcome/);
  });

  it('returns only the part of the decision asked, its rules, and the facts it assumed', async () => {
    const response = await postJson(url, { question: 'can the transporter take it without a BOL?' });
    const body = response.body as Record<string, unknown>;
    const answer = answerSchema.parse(body);
    expect(answer.ruling).to.deep.equal({
      topic: 'pickup',
      pickup: { releaseAllowed: false, missingDocument: 'billOfLading' },
      trace: [
        {
          rule: 'pickup-transporter-without-bill-of-lading',
          title: 'Transporter without a Bill of Lading: do not release',
          source: 'pickup-release',
          facts: { pickupBy: 'transporter', billOfLading: false },
        },
      ],
    });
    // Nobody said where the dealer is, what the lessee wants or when the car came back.
    expect(body).not.to.have.property('decision');
    expect(answer.assumedFacts).to.have.keys('state', 'returnDate', 'maturityDate', 'intent', 'hasAvrmAccess');
    expect(answer.assumedFacts?.state).to.equal('OH');
    expect(answer.answer).to.match(/^For [^:]+: No\b/);
    expect(answer.citations.map((citation) => citation.section)).to.deep.equal(['pickup-release']);
  });

  it('uses the facts the caller already knows, and lists only the ones it assumed', async () => {
    const response = await postJson(url, { question: 'will an inspector come?', facts: { state: 'sd' } });
    const answer = answerSchema.parse(response.body);
    expect(answer.ruling?.inspection?.available).to.equal(false);
    expect(answer.ruling?.trace.map((entry) => entry.source)).to.deep.equal(['state-exceptions']);
    expect(answer.ruling).not.to.have.any.keys('termination', 'notification', 'pickup', 'remarketing', 'quote');
    expect(answer.assumedFacts).to.have.keys('returnDate', 'maturityDate', 'intent', 'hasAvrmAccess');
    expect(answer.decision).to.equal(undefined);
    expect(answer.answer).to.contain('South Dakota').and.contain('877-290-9544, option 1');
    expect(answer.citations.map((citation) => citation.section)).to.deep.equal(['state-exceptions'], 'one citation per section');
  });

  it('returns the whole decision when every fact it rests on was given', async () => {
    const facts = { state: 'HI', returnDate: '2026-03-01', maturityDate: '2026-03-22', intent: 'lesseeReturn', hasAvrmAccess: false };
    const answer = answerSchema.parse((await postJson(url, { question: 'will an inspector come?', facts })).body);
    expect(answer.assumedFacts).to.deep.equal({});
    expect(answer.decision?.inspection.available).to.equal(false);
    expect(answer.decision?.termination).to.equal('ET');
    expect(answer.decision?.notification.method).to.equal('fax');
    expect(answer.ruling?.topic).to.equal('inspection');
  });

  it('answers a buying dealer with only a bill of lading by the rules: proof of sale is needed', async () => {
    const answer = answerSchema.parse((await postJson(url, { question: 'Can a buying dealer pick up the car with only a bill of lading?' })).body);
    expect(answer.ruling?.pickup).to.deep.equal({ releaseAllowed: false, missingDocument: 'proofOfSale' });
    expect(answer.answer)
      .to.match(/^For [^:]+: No\b/)
      .and.contain('proof of sale');
  });

  it('answers "is a purchase for lessee a return quote?" by the rules', async () => {
    const answer = answerSchema.parse((await postJson(url, { question: 'is a purchase for lessee a return quote?' })).body);
    expect(answer.ruling?.quote).to.deep.include({ isReturnQuote: false, requiresProofOfResale: true });
    expect(answer.answer)
      .to.match(/^For [^:]+: No\b/)
      .and.contain('not a return quote')
      .and.contain('proof of resale');
    expect(answer.citations.map((citation) => citation.section)).to.deep.equal(['dealer-purchase-for-lessee']);
  });

  it('separates the facts the question stated, the caller facts it used and the ones it assumed', async () => {
    const response = await postJson(url, {
      question: "we're in Alaska and the lessee is keeping it, will an inspector come?",
      facts: { state: 'OH', hasAvrmAccess: true },
    });
    const answer = answerSchema.parse(response.body);
    expect(answer.statedFacts).to.deep.include({ state: 'AK', intent: 'dealerPurchaseForLessee' });
    expect(answer.contextFacts).to.deep.equal({ hasAvrmAccess: true }, 'Ohio was overridden by the question, not merged');
    expect(answer.assumedFacts).to.have.keys('returnDate', 'maturityDate');
    expect(answer.ruling?.inspection?.available).to.equal(false);
    expect(answer.answer).to.match(/^For a dealer purchase for the lessee in Alaska, with AVRM access: No\b/);
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
    const huge = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(huge.status).to.equal(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).to.equal('payload_too_large');
  });
});
