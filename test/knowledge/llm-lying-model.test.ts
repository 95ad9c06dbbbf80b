import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { decisionRequestSchema, type DecisionRequest } from '../../src/domain/decision-request.ts';
import type { Decision } from '../../src/domain/decision.ts';
import { answerSchema, neutralDefaults, type Answer } from '../../src/knowledge/answer-service.ts';
import { DecisionService } from '../../src/rules/decision-service.ts';
import { loadRuleSet } from '../../src/rules/rule-set.ts';
import { lieKinds, LyingOpenAiServer } from '../support/lying-openai-server.ts';
import { postJson, startTestApp, type RunningApp } from '../support/test-app.ts';

interface Scenario {
  readonly question: string;
  readonly channel: 'api' | 'sms' | 'chat';
  /** The facts the question truly states (for the rules' decision on the true facts). */
  readonly truth: Partial<DecisionRequest>;
  /** A key fact of the true answer that no lie may take out. */
  readonly mustContain: string;
}

/** In-scope questions, each with what it truly says; every one is asked under every kind of lie. */
const questions: readonly Scenario[] = [
  {
    question: 'can the transporter take it without a BOL?',
    channel: 'api',
    truth: { pickup: { by: 'transporter', billOfLading: false } },
    mustContain: 'Bill of Lading',
  },
  {
    question: 'no BOL from the trucker yet, ok to let them take it?',
    channel: 'sms',
    truth: { pickup: { by: 'transporter', billOfLading: false } },
    mustContain: 'Bill of Lading',
  },
  {
    question: 'the buying dealer showed proof of sale, can I release the car?',
    channel: 'chat',
    truth: { pickup: { by: 'buyingDealer', proofOfSale: true } },
    mustContain: 'proof of sale',
  },
  { question: "we're in Hawaii, will an inspector come?", channel: 'api', truth: { state: 'HI' }, mustContain: 'Hawaii' },
  { question: "We're in Ohio, will an inspector come out?", channel: 'chat', truth: { state: 'OH' }, mustContain: 'Ohio' },
  { question: 'whats the fax for lease returns', channel: 'sms', truth: { intent: 'lesseeReturn' }, mustContain: '877-290-9555' },
  { question: 'no avrm, what fax for a lessee return?', channel: 'api', truth: { hasAvrmAccess: false, intent: 'lesseeReturn' }, mustContain: '877-290-9555' },
  {
    question: "we don't have AVRM access, how do we notify Ally of a dealer purchase for inventory?",
    channel: 'sms',
    truth: { hasAvrmAccess: false, intent: 'dealerPurchaseForInventory' },
    mustContain: '866-851-0577',
  },
  {
    question: 'If we buy the car for our inventory, how long does Ally hold the remarketing?',
    channel: 'api',
    truth: { intent: 'dealerPurchaseForInventory' },
    mustContain: '72 hours',
  },
  { question: 'how long does the car sit on SmartAuction?', channel: 'chat', truth: {}, mustContain: '6 days' },
  { question: 'who do I call with transportation questions?', channel: 'sms', truth: {}, mustContain: '877-290-9544, option 4' },
  { question: 'How do I get access to AVRM?', channel: 'api', truth: {}, mustContain: 'allyvehiclereturnmanager.com' },
  {
    question: 'is a dealer purchase for the lessee a return quote?',
    channel: 'chat',
    truth: { intent: 'dealerPurchaseForLessee' },
    mustContain: 'return quote',
  },
];

const ruleSet = loadRuleSet('rules');
const decisions = new DecisionService(ruleSet);
const contactNumbers = new Set(ruleSet.contacts.flatMap((contact) => ('phone' in contact ? [contact.phone] : 'fax' in contact ? [contact.fax] : [])));
/** Every text a reply may quote a web address or e-mail from: the process sections and the directory, as written. */
const sourceText = `${readFileSync('rules/process-sections.json', 'utf8')}\n${readFileSync('rules/contacts.json', 'utf8')}`.toLowerCase();
const faxUse: Readonly<Record<string, RegExp>> = { '877-290-9555': /lease return/i, '866-851-0577': /dealer purchase/i };

const digitWords: Readonly<Record<string, string>> = {
  zero: '0',
  oh: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};

/** Phone-like numbers in a text, in any notation: full-width digits, spelled-out digits, any separators. */
function phoneNumbersIn(text: string): string[] {
  const ascii = text
    .normalize('NFKC')
    .replace(/\b(zero|oh|one|two|three|four|five|six|seven|eight|nine)\b/gi, (word) => digitWords[word.toLowerCase()] ?? word);
  return [...ascii.matchAll(/\d(?:[\s.,()-]*\d){6,}/g)].map((match) => {
    const digits = match[0].replace(/\D/g, '');
    return digits.length === 10 ? `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}` : digits;
  });
}

/** The clause a fax number stands in: split at sentence ends, colons, semicolons and ", or". */
function faxClauses(text: string, fax: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|[:;]|,\s*or\b/)
    .filter((clause) => clause.includes(fax))
    .map((clause) => clause.trim());
}

async function trueDecision(truth: Partial<DecisionRequest>): Promise<Decision> {
  const today = new Date().toISOString().slice(0, 10);
  return decisions.decide(decisionRequestSchema.parse({ ...neutralDefaults, returnDate: today, maturityDate: today, ...truth }));
}

/** What a dealer would notice if a lie got through: the checks every reply must pass. */
async function problemsOf(answer: Answer, scenario: Scenario): Promise<string[]> {
  const problems: string[] = [];
  const text = answer.answer;
  if (text.trim().length < 10) problems.push('empty answer');
  if (answer.outOfScope) problems.push('answered as out of scope');
  if (/\b(I can(?:no|')t|I'm sorry|I am unable|as an AI|system prompt)\b/i.test(text)) problems.push('a refusal or a leak');
  if (!text.includes(scenario.mustContain)) problems.push(`lost "${scenario.mustContain}"`);
  for (const number of phoneNumbersIn(text)) if (!contactNumbers.has(number)) problems.push(`number ${number} is not in the directory`);
  for (const [fax, use] of Object.entries(faxUse)) {
    for (const clause of faxClauses(text, fax)) if (!use.test(clause)) problems.push(`fax ${fax} under the wrong use: "${clause}"`);
  }
  for (const match of text
    .toLowerCase()
    .matchAll(/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\bhttps?:\/\/\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|io|biz|info|example)\b/g)) {
    if (!sourceText.includes(match[0])) problems.push(`"${match[0]}" is not in the process text`);
  }
  if (answer.ruling) {
    const truth = await trueDecision(scenario.truth);
    const topic = answer.ruling.topic;
    if (JSON.stringify(answer.ruling[topic]) !== JSON.stringify(truth[topic])) {
      problems.push(`ruling on ${topic} is ${JSON.stringify(answer.ruling[topic])}, the rules say ${JSON.stringify(truth[topic])}`);
    }
  }
  return problems;
}

/**
 * A model that lies in every field it is given, through the real HTTP API: questions × kinds of lie.
 * Whatever it says, the dealer reads only what the rules and the process text say.
 */
describe('answers in LLM mode against a lying model', () => {
  let liar: LyingOpenAiServer;
  let running: RunningApp;
  let extractive: RunningApp;

  before(async () => {
    liar = await new LyingOpenAiServer().start();
    running = await startTestApp({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: liar.url, OPENAI_MODEL: 'liar', OPENAI_TIMEOUT_MS: '2000' });
    extractive = await startTestApp();
  });
  after(async () => {
    await running.stop();
    await extractive.stop();
    await liar.stop();
  });

  it('the questions are answered right without a model (the baseline the lies are measured against)', async () => {
    for (const scenario of questions) {
      const response = await postJson(`${extractive.baseUrl}/api/v1/answers`, { question: scenario.question, channel: scenario.channel });
      const answer = answerSchema.parse(response.body);
      expect(await problemsOf(answer, scenario), scenario.question).to.deep.equal([]);
    }
  });

  for (const lie of lieKinds) {
    describe(`lie: ${lie}`, () => {
      for (const scenario of questions) {
        it(`"${scenario.question}" (${scenario.channel})`, async () => {
          liar.lie = lie;
          liar.requests.length = 0;
          const response = await postJson(`${running.baseUrl}/api/v1/answers`, { question: scenario.question, channel: scenario.channel });
          expect(response.status).to.equal(200);
          const answer = answerSchema.parse(response.body);
          expect(liar.requests, 'the model was asked').to.have.length(1);
          expect(answer.mode, 'the lie was read (schema-valid), not a fallback').to.equal('llm');
          expect(await problemsOf(answer, scenario), answer.answer).to.deep.equal([]);
        });
      }
    });
  }
});
