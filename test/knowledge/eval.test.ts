import { expect } from 'chai';
import { AnswerService } from '../../src/knowledge/answer-service.ts';
import { loadEvalQuestions, runEval, type EvalReport } from '../../src/knowledge/eval/eval-runner.ts';
import { createLogger } from '../../src/logger.ts';
import { DecisionService } from '../../src/rules/decision-service.ts';
import { loadRuleSet } from '../../src/rules/rule-set.ts';

/** The eval question set in extractive mode is part of CI: one wrong number or citation fails the build. */
describe('eval question set (extractive mode)', () => {
  let report: EvalReport;
  before(async () => {
    const ruleSet = loadRuleSet('rules');
    const decisions = new DecisionService(ruleSet);
    const service = new AnswerService({ decisions, logger: createLogger('silent') });
    report = await runEval(service, loadEvalQuestions(), { sections: ruleSet.sections, directory: decisions.directory });
  });
  const failures = (): string =>
    report.results
      .filter((result) => result.failures.length > 0)
      .map((result) => `${result.question.id}: ${result.failures.join('; ')}`)
      .join('\n');

  it('has at least 60 questions with out-of-scope and injection traps', () => {
    expect(report.results.length).to.be.at.least(60);
    const tags = new Set(report.results.flatMap((result) => result.question.tags));
    for (const tag of ['paraphrase', 'typo', 'sms', 'state', 'out-of-scope', 'injection', 'decision']) expect(tags, tag).to.include(tag);
  });

  it('states every expected number and no other (100%)', () => {
    expect(report.numbers.passed, failures()).to.equal(report.numbers.total);
  });

  it('cites valid passages for every answer (100%)', () => {
    expect(report.citations.passed, failures()).to.equal(report.citations.total);
  });

  it('declines exactly the out-of-scope questions, with no number but the Dealer Service Center', () => {
    expect(report.outOfScopePrecision.passed, failures()).to.equal(report.outOfScopePrecision.total);
    expect(report.outOfScopeRecall.passed, failures()).to.equal(report.outOfScopeRecall.total);
    expect(report.outOfScopeWithOtherNumbers).to.equal(0);
  });

  it('gets every rule decision, key term and question fact right', () => {
    expect(failures()).to.equal('');
  });
});
