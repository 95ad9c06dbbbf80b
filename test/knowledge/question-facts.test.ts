import { expect } from 'chai';
import { extractQuestionFacts, type QuestionFacts } from '../../src/knowledge/question-facts.ts';
import { normaliseQuestion } from '../../src/knowledge/vocabulary.ts';

const factsOf = (question: string): QuestionFacts => extractQuestionFacts(question, normaliseQuestion(question).plain);

describe('extractQuestionFacts()', () => {
  const states: [string, string | undefined][] = [
    ["we're in Hawaii, will an inspector come?", 'HI'],
    ['were in hi, inspection?', 'HI'],
    ['Dealer in AK here', 'AK'],
    ['store in South Dakota', 'SD'],
    ['We are in West Virginia', 'WV'],
    ['dealership in Washington, D.C.', 'DC'],
    ['Is the inspection offered for a dealer in TX?', 'TX'],
    ['Hi, who do I call about transport?', undefined],
    ['Is it OK to release the car?', undefined],
    ['I am in or near the lot', undefined],
  ];
  for (const [question, state] of states) {
    it(`finds state ${state ?? 'none'} in "${question}"`, () => {
      expect(factsOf(question).state).to.equal(state);
    });
  }

  const pickups: [string, Partial<QuestionFacts>][] = [
    ['can the transporter take it without a BOL?', { pickupBy: 'transporter', billOfLading: false }],
    ['the driver has no bill of lading', { pickupBy: 'transporter', billOfLading: false }],
    ['Trucker showed up and gave me the BOL', { pickupBy: 'transporter', billOfLading: true }],
    ["The buying dealer doesn't have proof of sale", { pickupBy: 'buyingDealer', proofOfSale: false }],
    ['buyer brought proof of sale', { pickupBy: 'buyingDealer', proofOfSale: true }],
    // Only the other party's document: the one this party needs is missing.
    ['Can a buying dealer pick up the car with only a bill of lading?', { pickupBy: 'buyingDealer', billOfLading: true, proofOfSale: false }],
    ['trucker only has proof of sale, can he take it?', { pickupBy: 'transporter', proofOfSale: true, billOfLading: false }],
  ];
  for (const [question, expected] of pickups) {
    it(`reads the pickup in "${question}"`, () => {
      expect(factsOf(question)).to.include(expected);
    });
  }

  const others: [string, Partial<QuestionFacts>][] = [
    ["who do I call if I can't log in to AVRM?", { hasAvrmAccess: false }],
    ['no avrm, we are buying it for our lot', { hasAvrmAccess: false, intent: 'dealerPurchaseForInventory' }],
    ['customer wants to keep it', { intent: 'dealerPurchaseForLessee' }],
    ['the lessee is just returning the car', { intent: 'lesseeReturn' }],
  ];
  for (const [question, expected] of others) {
    it(`reads ${Object.keys(expected).join(' and ')} in "${question}"`, () => {
      expect(factsOf(question)).to.include(expected);
    });
  }

  it('reads how far before maturity the car comes back, and says nothing when no amount is given', () => {
    expect(factsOf('bringing it back 3 weeks before the maturity date').maturityOffset).to.deep.equal({ amount: 3, unit: 'weeks' });
    expect(factsOf('returned two months early').maturityOffset).to.deep.equal({ amount: 2, unit: 'months' });
    expect(factsOf('returning it early').maturityOffset).to.equal(undefined);
  });
});
