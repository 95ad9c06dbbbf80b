import { expect } from 'chai';
import { FixedClock } from '../../src/clock.ts';
import { ValidationError } from '../../src/errors.ts';
import { AnswerService, type Answer } from '../../src/knowledge/answer-service.ts';
import { createLogger } from '../../src/logger.ts';
import { DecisionService } from '../../src/rules/decision-service.ts';
import { loadRuleSet } from '../../src/rules/rule-set.ts';

describe('AnswerService.answer()', () => {
  const decisions = new DecisionService(loadRuleSet('rules'));
  const service = new AnswerService({ decisions, logger: createLogger('silent'), clock: new FixedClock('2026-03-10T15:00:00Z') });

  it('answers the issue examples with the one number or window asked', async () => {
    const cases: [string, string, string][] = [
      ["who do I call if I can't log in to AVRM?", '888-919-2559', 'avrm-access'],
      ['how long does the car sit on SmartAuction?', '6 days', 'smartauction'],
      ['If we buy the car for our inventory, how long does Ally hold the remarketing?', '72 hours', 'dealer-purchase-for-inventory'],
    ];
    for (const [question, number, section] of cases) {
      const answer = await service.answer({ question });
      expect(answer.answer, question).to.contain(number);
      expect(
        answer.citations.map((citation) => citation.section),
        question,
      ).to.include(section);
    }
  });

  it('tells a dealer without AVRM how to notify Ally: the fax numbers, not the AVRM step', async () => {
    const answer = await service.answer({ question: 'we dont have avrm, how do i notify ally?' });
    expect(answer.answer).to.contain('877-290-9555').and.contain('866-851-0577');
    expect(answer.answer).not.to.match(/tells Ally about the lease return in the Ally Vehicle Return Manager/);
  });

  it('answers "how does the process work" with the steps in order', async () => {
    const answer = await service.answer({ question: 'how does the remarketing process work?' });
    expect(answer.answer)
      .to.match(/odometer/i)
      .and.match(/inspection[\s\S]*SmartAuction[\s\S]*pickup/i);
  });

  it('does not repeat the facts it used when the answer already opens with them', async () => {
    for (const question of ['whats the fax for dealer purchases', 'we dont have avrm, whats the fax for a dealer purchase?']) {
      const answer = await service.answer({ question });
      expect(answer.answer, question).to.contain('866-851-0577');
      expect(answer.answer.match(/for a dealer purchase/gi) ?? [], question).to.have.length(1);
    }
  });

  it('lets facts in the question override the facts the caller gave', async () => {
    const answer = await service.answer({ question: "we're in Ohio now, will an inspector come?", facts: { state: 'HI' } });
    expect(answer.ruling?.inspection?.available).to.equal(true);
  });

  it('fills what the question does not say with neutral defaults, lists them, and returns only the part asked', async () => {
    const answer = await service.answer({
      question: 'The lessee is bringing it back 3 weeks before the maturity date. Is that considered an early termination?',
    });
    expect(answer.ruling?.termination).to.equal('ET');
    expect(answer.ruling?.trace.map((entry) => entry.rule)).to.deep.equal(['termination-early']);
    expect(answer.ruling?.trace[0]?.facts).to.include({ daysBeforeMaturity: 21 });
    expect(answer.ruling).not.to.have.any.keys('inspection', 'notification', 'remarketing', 'pickup', 'quote');
    expect(answer.decision, 'a decision resting on assumed facts is not returned whole').to.equal(undefined);
    // (Bringing it back weeks before maturity states the lessee return, as turning it in months early does.)
    expect(answer.statedFacts).to.deep.equal({ intent: 'lesseeReturn' });
    expect(answer.assumedFacts).to.deep.equal({
      state: 'OH',
      returnDate: '2026-03-10',
      maturityDate: '2026-03-31',
      hasAvrmAccess: true,
    });
    expect(answer.answer).not.to.match(/inspect|fax|hold/i);
  });

  it("decides on what the question states when the caller's facts contradict it, and says which facts it used", async () => {
    const answer = await service.answer({
      question: 'If we buy the car for our inventory, how long does Ally hold the remarketing?',
      facts: { lesseeWantsToPurchase: true, state: 'OH' },
    });
    expect(answer.ruling?.remarketing?.holdHours).to.equal(72);
    expect(answer.statedFacts).to.deep.include({ intent: 'dealerPurchaseForInventory' });
    expect(answer.contextFacts).to.deep.equal({ state: 'OH' }, "the caller's contradicted wish is dropped, not merged");
    expect(answer.answer)
      .to.match(/^For a dealer purchase for inventory in Ohio: /)
      .and.contain('72 hours');
  });

  it('takes the fact the question states over the open case (a lessee-return case, a question about a dealer purchase)', async () => {
    const answer = await service.answer({
      question: 'How long is the remarketing hold after a dealer purchase?',
      facts: { intent: 'lesseeReturn', state: 'HI' },
    });
    expect(answer.answer)
      .to.contain('72 hours')
      .and.not.match(/there is no hold/i);
    expect(answer.answer).to.match(/^For a dealer purchase/);
  });

  it('rejects an empty question with a ValidationError naming the field', async () => {
    try {
      await service.answer({ question: '' });
      expect.fail('should have thrown');
    } catch (error) {
      expect(error).to.be.instanceOf(ValidationError);
      expect((error as ValidationError).field).to.equal('question');
    }
  });

  it('gives the same answers to overlapping questions as to sequential ones', async () => {
    const questions = [
      'can the transporter take it without a BOL?',
      "we're in Hawaii, will an inspector come?",
      'fax number for a dealer purchase?',
      'what is 17 times 23',
    ];
    const sequential: Answer[] = [];
    for (const question of questions) sequential.push(await service.answer({ question }));
    const overlapping = await Promise.all(Array.from({ length: 40 }, (_, index) => service.answer({ question: questions[index % questions.length] ?? '' })));
    for (const [index, answer] of overlapping.entries()) expect(answer).to.deep.equal(sequential[index % questions.length]);
  });
});
