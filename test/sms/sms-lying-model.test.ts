import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { findNumbers } from '../../src/knowledge/number-mentions.ts';
import { lieKinds, LyingOpenAiServer } from '../support/lying-openai-server.ts';
import { startTestApp, type RunningApp } from '../support/test-app.ts';
import { sendSms } from './sms-client.ts';

const authToken = 'twilio-test-auth-token';
const publicBaseUrl = 'https://lease-return.example.com';

/** Every phone and fax number the process gives (rules/contacts.json): nothing else may reach a dealer. */
const directory = JSON.parse(readFileSync('rules/contacts.json', 'utf8')) as { contacts: { phone?: string; fax?: string }[] };
const digitsOf = (text: string): string => text.replace(/\D/g, '');
const knownNumbers = new Set(
  directory.contacts
    .flatMap((contact) => [contact.phone, contact.fax])
    .filter((n): n is string => n !== undefined)
    .map(digitsOf),
);

/** Questions texted by dealers, each with the fact its true answer must carry. */
const questions: readonly (readonly [string, RegExp])[] = [
  ['whats the fax for lease returns', /877-290-9555/],
  ['no avrm, whats the fax for a dealer purchase?', /866-851-0577/],
  ['trucker is here w/o a BOL, can he take it?', /Bill of Lading/i],
  ['we are in hawaii, will an inspector come?', /Hawaii|not offered|no inspection/i],
];

/** The LLM layer by SMS (issue 14): a model that lies in every field changes nothing a dealer reads to a falsehood. */
describe('SMS questions in LLM mode with a lying model (POST /api/v1/sms)', () => {
  let lying: LyingOpenAiServer;
  let running: RunningApp;

  before(async () => {
    lying = await new LyingOpenAiServer().start();
    running = await startTestApp({
      TWILIO_AUTH_TOKEN: authToken,
      PUBLIC_BASE_URL: publicBaseUrl,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: lying.url,
      OPENAI_MODEL: 'liar',
      OPENAI_TIMEOUT_MS: '2000',
    });
  });
  after(async () => {
    await running.stop();
    await lying.stop();
  });

  for (const lie of lieKinds) {
    it(`every texted answer stays true when the model lies with ${lie}`, async () => {
      lying.lie = lie;
      const asked = lying.requests.length;
      for (const [question, mustCarry] of questions) {
        const reply = await sendSms(running.baseUrl, question, { authToken, signedUrl: `${publicBaseUrl}/api/v1/sms`, from: '+16145550177' });
        assert.equal(reply.status, 200, reply.raw);
        const text = reply.text ?? '';
        assert.match(text, mustCarry, `${lie}: "${question}" -> ${text}`);
        for (const mention of findNumbers(text).filter((found) => found.kind === 'phone')) {
          assert.ok(knownNumbers.has(mention.value), `${lie}: "${question}" gave ${mention.text}: ${text}`);
        }
        assert.doesNotMatch(text, /555-?0100|ally-avrm-help|ignore (?:all )?previous|release the car now/i, `${lie}: ${text}`);
      }
      assert.equal(lying.requests.length - asked, questions.length, 'each texted question was read by the model');
    });
  }
});
