import { expect } from 'chai';
import { z } from 'zod';
import { answerSchema, type Answer } from '../../src/knowledge/answer-service.ts';
import { loadEvalQuestions } from '../../src/knowledge/eval/eval-runner.ts';
import { loadEvalPart } from '../../src/understanding/eval/eval-item-schema.ts';
import { HonestOpenAiServer, type HonestReading } from '../support/honest-openai-server.ts';
import { runNode } from '../support/run-process.ts';
import { postJson, startTestApp, type RunningApp } from '../support/test-app.ts';

const today = new Date().toISOString().slice(0, 10);

/** Messages the deterministic reader gets wrong or partly wrong, and what a careful model reads in them. */
const readings: readonly HonestReading[] = [
  {
    // The reader finds no cue for "10/1/2026" ("the day her 36 months ran out"); it is the maturity date.
    message: 'the lessee brought it back today in illinois, 10/1/2026 is the day her 36 months ran out, is that early termination?',
    topics: ['termination'],
    facts: {
      state: { value: 'IL', words: 'illinois' },
      maturityDate: { value: '2026-10-01', words: '10/1/2026' },
      returnDate: { value: today, words: 'today' },
    },
  },
  {
    // "their 36 months ran out" names no lease word the reader knows, and "back on" reads as a return.
    message: 'their 36 months ran out back on 10/1/2026 and the lessee brought it in today, is that ET?',
    topics: ['termination'],
    facts: { maturityDate: { value: '2026-10-01', words: '10/1/2026' }, returnDate: { value: today, words: 'today' } },
  },
];

/** An honest model through the real HTTP API: what it adds is verified and used; where it agrees, nothing changes. */
describe('answers in LLM mode with an honest model', () => {
  let honest: HonestOpenAiServer;
  let llm: RunningApp;
  let extractive: RunningApp;
  const ask = async (app: RunningApp, question: string): Promise<Answer> => {
    const response = await postJson(`${app.baseUrl}/api/v1/answers`, { question });
    expect(response.status).to.equal(200);
    return answerSchema.parse(response.body);
  };

  before(async () => {
    honest = await new HonestOpenAiServer(readings).start();
    llm = await startTestApp({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: honest.url, OPENAI_MODEL: 'honest', OPENAI_TIMEOUT_MS: '2000' });
    extractive = await startTestApp();
  });
  after(async () => {
    await llm.stop();
    await extractive.stop();
    await honest.stop();
  });

  it('a maturity date the reader missed is used: the rules answer what the passages could not', async () => {
    const question = readings[0]?.message ?? '';
    const without = await ask(extractive, question);
    const withModel = await ask(llm, question);
    expect(without.ruling, 'the reader alone cannot decide').to.equal(undefined);
    expect(withModel.mode).to.equal('llm');
    expect(withModel.statedFacts?.maturityDate).to.equal('2026-10-01');
    expect(withModel.ruling?.termination).to.equal('NM');
    expect(withModel.answer).to.match(/normal maturity/);
  });

  it('where the model and the words read a date differently, the answer goes by the words and asks the dealer to confirm', async () => {
    const question = readings[1]?.message ?? '';
    const withModel = await ask(llm, question);
    expect(withModel.mode).to.equal('llm');
    expect(withModel.statedFacts?.maturityDate).to.equal('2026-10-01');
    expect(withModel.confirm).to.deep.equal({ field: 'returnDate', heard: '2026-10-01', model: today });
    expect(withModel.answer).to.contain('Please confirm the return date');
  });

  it('loses nothing: every eval question gets the same answer as without the model when the model agrees with the reader', async () => {
    const heldOut = loadEvalPart('held-out')
      .filter((item) => item.category === 'question')
      .map((item) => item.text);
    const questions = [...loadEvalQuestions().map((question) => question.question), ...heldOut];
    expect(questions.length).to.be.above(100);
    const differences: string[] = [];
    for (const question of questions) {
      const [without, withModel] = [await ask(extractive, question), await ask(llm, question)];
      if (withModel.answer !== without.answer || JSON.stringify(withModel.ruling) !== JSON.stringify(without.ruling)) differences.push(question);
      if (!without.outOfScope) expect(withModel.mode, question).to.equal('llm');
    }
    expect(differences).to.deep.equal([]);
  });

  // (The held-out part only: the tuning part, 9,944 messages, took the two runs past 90 seconds on two cores. Every eval
  // question is compared answer by answer above.)
  it('npm run eval in LLM mode against it scores no lower than without a model, on every measure', async function () {
    this.timeout(90_000);
    const scores = async (env: Record<string, string>): Promise<EvalScores> => {
      const result = await runNode('src/cli/main.ts', ['eval', '--part', 'held-out', '--json'], { env });
      return evalScoresSchema.parse(JSON.parse(result.stdout) as unknown);
    };
    const without = await scores({ OPENAI_API_KEY: '' });
    const withModel = await scores({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: honest.url, OPENAI_MODEL: 'honest' });
    expect(withModel.modes.llm, 'the model was used').to.be.above(60);
    for (const measure of ['numbers', 'citations', 'terms', 'decisions', 'facts'] as const) {
      expect(withModel[measure].passed, measure).to.be.at.least(without[measure].passed);
    }
    for (const part of ['held-out'] as const) {
      expect(withModel.understanding[part].answers.passed, `${part} answers`).to.be.at.least(without.understanding[part].answers.passed);
      expect(withModel.understanding[part].wrongNumbers, `${part} wrong numbers`).to.be.at.most(without.understanding[part].wrongNumbers);
    }
  }).timeout(60_000);
});

const ratio = z.object({ passed: z.number(), total: z.number() });
const evalScoresSchema = z.object({
  numbers: ratio,
  citations: ratio,
  terms: ratio,
  decisions: ratio,
  facts: ratio,
  modes: z.object({ llm: z.number().default(0) }),
  understanding: z.object({
    'held-out': z.object({ answers: ratio, wrongNumbers: z.number() }),
  }),
});
type EvalScores = z.infer<typeof evalScoresSchema>;
