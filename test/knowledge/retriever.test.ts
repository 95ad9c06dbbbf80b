import { expect } from 'chai';
import { loadEvalQuestions } from '../../src/knowledge/eval/eval-runner.ts';
import { Retriever, type Retrieval } from '../../src/knowledge/retriever.ts';
import { loadRuleSet } from '../../src/rules/rule-set.ts';
import { evalParts, loadEvalPart } from '../../src/understanding/eval/eval-item-schema.ts';

/** What a search found, comparable across retrievers. */
const found = (retrieval: Retrieval) => ({
  passages: retrieval.passages.map((hit) => [hit.passage.id, hit.score, [...hit.terms].sort()]),
  contacts: retrieval.contacts.map((hit) => [hit.contact.id, hit.score]),
  sections: retrieval.sections.map((hit) => [hit.section.id, hit.score]),
});

describe('Retriever', () => {
  const ruleSet = loadRuleSet('rules');
  const questions = [...loadEvalQuestions().map((question) => question.question), ...evalParts.flatMap((part) => loadEvalPart(part).map((item) => item.text))];

  it('finds the same passages for a question whatever it searched before (each term is searched once and remembered)', () => {
    const warmed = new Retriever(ruleSet.sections, ruleSet.contacts);
    for (const question of questions) warmed.search(question, 'fax form notify ally', 'fax');
    for (const question of questions.slice(0, 300)) {
      const fresh = new Retriever(ruleSet.sections, ruleSet.contacts);
      expect(found(warmed.search(question, 'fax form notify ally', 'fax')), question).to.deep.equal(
        found(fresh.search(question, 'fax form notify ally', 'fax')),
      );
    }
  });
});
