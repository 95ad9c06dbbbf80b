import { expect } from 'chai';
import { checkGrounding, checkLlmAnswer } from '../../src/knowledge/answer-checker.ts';
import { AnswerService, type Ruling } from '../../src/knowledge/answer-service.ts';
import { loadEvalQuestions } from '../../src/knowledge/eval/eval-runner.ts';
import { createLogger } from '../../src/logger.ts';
import { DecisionService } from '../../src/rules/decision-service.ts';
import { ContactDirectory } from '../../src/rules/contact-directory.ts';
import { loadRuleSet } from '../../src/rules/rule-set.ts';

describe('checkGrounding()', () => {
  const ruleSet = loadRuleSet('rules');
  const directory = new ContactDirectory(ruleSet.contacts);
  const check = (answer: string, citedSections: string[], retrievedSections = citedSections): string[] =>
    checkGrounding({ answer, citedSections, retrievedSections, sections: ruleSet.sections, directory });

  const grounded: [string, string[]][] = [
    ['Ally holds remarketing for 72 hours.', ['dealer-purchase-for-inventory']],
    ['Call 877-290-9544, option 4.', ['pickup-release']],
    ['Fax it to (866) 851-0577.', ['notify-without-avrm']],
    ['The User ID can take up to forty-eight hours.', ['avrm-access']],
    ['Pickup comes within 1 to 7 days.', ['pickup-release']],
    ['Dealer Buyout: 877-290-9544, option 2.', ['smartauction']],
  ];
  for (const [answer, cited] of grounded) {
    it(`accepts "${answer}"`, () => {
      expect(check(answer, cited)).to.deep.equal([]);
    });
  }

  const ungrounded: [string, string[], string[], RegExp][] = [
    ['Call 888-919-2599.', ['avrm-access'], ['avrm-access'], /888-919-2599/],
    ['Ally holds remarketing for 96 hours.', ['dealer-purchase-for-inventory'], ['dealer-purchase-for-inventory'], /96 hours/],
    ['Ally holds remarketing for ninety-six hours.', ['dealer-purchase-for-inventory'], ['dealer-purchase-for-inventory'], /96 hours/],
    ['Transportation: 877-290-9544, option 7.', ['pickup-release'], ['pickup-release'], /option 7/],
    ['Inspections take 1 to 5 days.', ['smartauction'], ['smartauction'], /days/],
    ['It sits for up to 6 days.', ['smartauction', 'state-exceptions'], ['smartauction'], /not retrieved/],
    ['It sits for up to 6 days.', [], ['smartauction'], /no section/],
  ];
  for (const [answer, cited, retrieved, problem] of ungrounded) {
    it(`rejects "${answer}" citing [${cited.join(', ')}]`, () => {
      expect(check(answer, cited, retrieved).join('; ')).to.match(problem);
    });
  }
});

describe('checkLlmAnswer()', () => {
  const ruleSet = loadRuleSet('rules');
  const directory = new ContactDirectory(ruleSet.contacts);
  const check = (answer: string, draft: string, cited: string[], ruling?: Ruling): string[] =>
    checkLlmAnswer({ answer, citedSections: cited, retrievedSections: cited, sections: ruleSet.sections, directory, draft, ruling });
  const trace: Ruling['trace'] = [];
  const refused: Ruling = { topic: 'pickup', pickup: { releaseAllowed: false, missingDocument: 'billOfLading' }, trace };
  const allowed: Ruling = { topic: 'pickup', pickup: { releaseAllowed: true, missingDocument: null }, trace };
  const noInspection: Ruling = { topic: 'inspection', inspection: { available: false }, trace };
  const inspection: Ruling = { topic: 'inspection', inspection: { available: true }, trace };
  const et: Ruling = { topic: 'termination', termination: 'ET', trace };
  const nm: Ruling = { topic: 'termination', termination: 'NM', trace };
  const notReturnQuote: Ruling = { topic: 'quote', quote: { type: 'dealerPurchaseForLessee', isReturnQuote: false, requiresProofOfResale: true }, trace };
  const faxNotice: Ruling = { topic: 'notification', notification: { method: 'fax', faxNumber: '877-290-9555' }, trace };
  const hold: Ruling = { topic: 'remarketing', remarketing: { holdHours: 72, startsImmediately: false }, trace };

  const rejected: [string, string, string, string[], Ruling | undefined, RegExp][] = [
    // (a) a number found somewhere in a cited section is not enough: it must be one this answer uses.
    [
      'a number the extractive answer does not use',
      'Questions: 877-290-9544, option 2.',
      'For a lease return, fax the form to 877-290-9555.',
      ['notify-without-avrm', 'dealer-purchase-for-lessee'],
      undefined,
      /not a number the answer to this question uses/,
    ],
    [
      'a number+option pair the directory does not have',
      'Ally Dealer Buyout: 877-290-9544, option 1.',
      'Ally Dealer Buyout: 877-290-9544, option 2.',
      ['dealer-purchase-for-lessee', 'lessee-return'],
      undefined,
      /presented as|not a directory/,
    ],
    [
      'a real number with an option it never has',
      'Call 888-919-2559, option 1.',
      'Ally Dealer Service Center: 888-919-2559.',
      ['avrm-access', 'lessee-return'],
      undefined,
      /not a directory number and option/,
    ],
    [
      'a shared number without its option',
      'Call 877-290-9544.',
      'Ally Transportation: 877-290-9544, option 4.',
      ['pickup-release'],
      undefined,
      /without its option/,
    ],
    [
      'the dealer-purchase fax for a lease return',
      'Fax the form to 866-851-0577 for this lease return.',
      'Fax the form to 877-290-9555 for a lease return, or to 866-851-0577 for a dealer purchase.',
      ['notify-without-avrm'],
      undefined,
      /presented as Lease return fax/,
    ],
    [
      "another entry's name on a number",
      'Questions: Ally Dealer Buyout, 877-290-9544, option 1.',
      'Questions: Ally Remarketing Center, 877-290-9544, option 1.',
      ['lessee-return'],
      undefined,
      /presented as Ally Dealer Buyout/,
    ],
    // (b) the polarity or value of the rule decision.
    ['a release the rules refuse', 'Yes, the transporter may take the car.', 'No. Do not release the vehicle.', ['pickup-release'], refused, /contradicts/],
    [
      'a release the rules refuse, without "yes"',
      'The transporter can take the car without a Bill of Lading.',
      'No. Do not release the vehicle.',
      ['pickup-release'],
      refused,
      /contradicts/,
    ],
    ['a refusal the rules do not make', 'No, you cannot release it yet.', 'Yes, you can release the vehicle.', ['pickup-release'], allowed, /contradicts/],
    [
      'an inspector where there are none',
      'An inspector will come to your dealership.',
      'No. Third-party inspections are not offered in Hawaii (HI).',
      ['state-exceptions'],
      noInspection,
      /contradicts/,
    ],
    [
      'no inspection where there is one',
      'Inspections are not available there.',
      'Yes, third-party inspections are offered in Ohio (OH).',
      ['post-return-inspection'],
      inspection,
      /contradicts/,
    ],
    ['NM for an ET', 'This counts as a normal maturity.', 'Yes, that is an early termination (ET).', ['quotes'], et, /contradicts/],
    ['ET for an NM', 'Yes, this is an early termination.', 'No, that is a normal maturity (NM).', ['quotes'], nm, /contradicts/],
    [
      'a return quote that is not one',
      'It is a return quote like the others.',
      'No; a Dealer Purchase for Lessee is not a return quote.',
      ['dealer-purchase-for-lessee'],
      notReturnQuote,
      /contradicts/,
    ],
    [
      'AVRM when the rules say fax',
      'Notify Ally in AVRM.',
      'For a lease return, fax the form to 877-290-9555.',
      ['notify-without-avrm'],
      faxNotice,
      /contradicts/,
    ],
    [
      'no hold when there is one',
      'Remarketing starts right away.',
      'Ally holds the remarketing process for 72 hours.',
      ['dealer-purchase-for-inventory'],
      hold,
      /contradicts/,
    ],
  ];
  for (const [what, answer, draft, cited, ruling, problem] of rejected) {
    it(`rejects ${what}`, () => {
      expect(check(answer, draft, cited, ruling).join('; ')).to.match(problem);
    });
  }

  const accepted: [string, string, string, string[], Ruling | undefined][] = [
    [
      'both faxes, each with its purpose',
      'Fax the form to 877-290-9555 for a lease return, or to 866-851-0577 for a dealer purchase.',
      'Fax the form to 877-290-9555 for a lease return, or to 866-851-0577 for a dealer purchase.',
      ['notify-without-avrm'],
      undefined,
    ],
    [
      'the buyout line spelled out',
      'For a dealer purchase, call Ally Dealer Buyout at 877-290-9544, option two.',
      'Ally Dealer Buyout: 877-290-9544, option 2.',
      ['dealer-purchase-for-inventory'],
      undefined,
    ],
    [
      'an explanation that agrees with a refusal',
      'The process only lets a transporter take the car once it hands over the Bill of Lading.',
      'No. Do not release the vehicle.',
      ['pickup-release'],
      refused,
    ],
    [
      'an explanation that agrees with no inspection',
      'Dealers in these states call the Ally Remarketing Center at 877-290-9544, option 1 for help.',
      'No. Third-party inspections are not offered in Hawaii (HI). Questions: Ally Remarketing Center, 877-290-9544, option 1.',
      ['state-exceptions'],
      noInspection,
    ],
  ];
  for (const [what, answer, draft, cited, ruling] of accepted) {
    it(`accepts ${what}`, () => {
      expect(check(answer, draft, cited, ruling)).to.deep.equal([]);
    });
  }

  it('accepts every extractive answer of the eval question set as its own rephrasing (no false alarms)', async () => {
    const decisions = new DecisionService(ruleSet);
    const service = new AnswerService({ decisions, logger: createLogger('silent') });
    for (const question of loadEvalQuestions().filter((candidate) => !candidate.outOfScope)) {
      const answer = await service.answer({ question: question.question });
      const cited = [...new Set(answer.citations.map((citation) => citation.section))];
      expect(check(answer.answer, answer.answer, cited, answer.ruling), question.id).to.deep.equal([]);
    }
  });
});
