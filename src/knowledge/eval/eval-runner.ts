import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { ContactDirectory } from '../../rules/contact-directory.ts';
import type { ProcessSection } from '../../rules/rule-set-schema.ts';
import type { Answer } from '../answer-schema.ts';
import { citationParts } from '../citations.ts';
import { findNumbers, isBacked, type NumberMention } from '../number-mentions.ts';
import { passagesOf } from '../passages.ts';
import { extractQuestionFacts } from '../question-facts.ts';
import { normaliseQuestion } from '../vocabulary.ts';

export const defaultQuestionsPath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'questions.json');

const evalQuestionSchema = z.strictObject({
  id: z.string().min(1),
  question: z.string().min(1),
  /** Sections the answer must cite. */
  sections: z.array(z.string()).default([]),
  /** Numbers the answer must state, as written ("877-290-9544, option 4", "72 hours"); no other number may appear. */
  numbers: z.array(z.string()).default([]),
  /** Numbers that may appear besides `numbers` without being required. */
  alsoAllowed: z.array(z.string()).default([]),
  /** Words the answer must contain (case-insensitive). */
  terms: z.array(z.string()).default([]),
  /** Facts the question states, as question-facts.ts must find them. */
  facts: z.record(z.string(), z.unknown()).optional(),
  /** When present, the answer's `ruling` (the part of the decision asked) must have these values (dotted paths). */
  decision: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  outOfScope: z.boolean().default(false),
  tags: z.array(z.string()).default([]),
});
export type EvalQuestion = z.infer<typeof evalQuestionSchema>;

const questionFileSchema = z.object({ $comment: z.string().optional(), questions: z.array(evalQuestionSchema).min(1) });

export function loadEvalQuestions(file = defaultQuestionsPath): EvalQuestion[] {
  return questionFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')) as unknown).questions;
}

export interface QuestionResult {
  readonly question: EvalQuestion;
  readonly answer: Answer;
  readonly numbersOk: boolean;
  readonly citationsOk: boolean;
  readonly scopeOk: boolean;
  /** An out-of-scope answer stating a number other than the Dealer Service Center's. */
  readonly carriesOtherNumber: boolean;
  readonly termsOk: boolean;
  readonly decisionOk: boolean;
  readonly factsOk: boolean;
  readonly failures: readonly string[];
}

export interface Ratio {
  readonly passed: number;
  readonly total: number;
}

export interface EvalReport {
  readonly results: readonly QuestionResult[];
  readonly numbers: Ratio;
  readonly citations: Ratio;
  readonly outOfScopePrecision: Ratio;
  readonly outOfScopeRecall: Ratio;
  /** Out-of-scope answers stating a number other than the Dealer Service Center's (which they are meant to give). */
  readonly outOfScopeWithOtherNumbers: number;
  readonly terms: Ratio;
  readonly decisions: Ratio;
  readonly facts: Ratio;
  readonly modes: Readonly<Record<string, number>>;
}

export interface EvalSubject {
  answer(input: { question: string }): Promise<Answer>;
}

export interface EvalSources {
  readonly sections: readonly ProcessSection[];
  readonly directory: ContactDirectory;
}

/** Asks every question (one at a time, as a dealer would) and scores the answers. */
export async function runEval(subject: EvalSubject, questions: readonly EvalQuestion[], sources: EvalSources): Promise<EvalReport> {
  const results: QuestionResult[] = [];
  for (const question of questions) results.push(score(question, await subject.answer({ question: question.question }), sources));
  const ratio = (predicate: (result: QuestionResult) => boolean, of: (result: QuestionResult) => boolean = () => true): Ratio => {
    const considered = results.filter(of);
    return { passed: considered.filter(predicate).length, total: considered.length };
  };
  const modes: Record<string, number> = {};
  for (const result of results) modes[result.answer.mode] = (modes[result.answer.mode] ?? 0) + 1;
  return {
    results,
    numbers: ratio(
      (result) => result.numbersOk,
      (result) => !result.question.outOfScope,
    ),
    citations: ratio((result) => result.citationsOk),
    outOfScopePrecision: ratio(
      (result) => result.question.outOfScope,
      (result) => result.answer.outOfScope,
    ),
    outOfScopeRecall: ratio(
      (result) => result.answer.outOfScope,
      (result) => result.question.outOfScope,
    ),
    outOfScopeWithOtherNumbers: results.filter((result) => result.carriesOtherNumber).length,
    terms: ratio(
      (result) => result.termsOk,
      (result) => result.question.terms.length > 0,
    ),
    decisions: ratio(
      (result) => result.decisionOk,
      (result) => result.question.decision !== undefined,
    ),
    facts: ratio(
      (result) => result.factsOk,
      (result) => result.question.facts !== undefined,
    ),
    modes,
  };
}

function score(question: EvalQuestion, answer: Answer, sources: EvalSources): QuestionResult {
  const failures: string[] = [];
  const stated = findNumbers(answer.answer);

  const scopeOk = answer.outOfScope === question.outOfScope;
  if (!scopeOk) failures.push(question.outOfScope ? 'answered a question that is out of scope' : 'declined an in-scope question as out of scope');

  const dealerServiceCenter = findNumbers(sources.directory.reach('dealerServiceCenter'));
  const carriesOtherNumber = answer.outOfScope && stated.some((mention) => !isBacked(mention, dealerServiceCenter));
  if (carriesOtherNumber) failures.push(`out-of-scope answer carries a number other than the Dealer Service Center's: ${describe(stated)}`);

  let numbersOk = true;
  if (!question.outOfScope) {
    const expected = findNumbers(question.numbers.join('; '));
    const allowed = [...expected, ...findNumbers(question.alsoAllowed.join('; '))];
    const missing = expected.filter((mention) => !stated.some((candidate) => candidate.kind === mention.kind && candidate.value === mention.value));
    const extra = stated.filter((mention) => !isBacked(mention, allowed));
    numbersOk = missing.length === 0 && extra.length === 0;
    if (missing.length > 0) failures.push(`missing number(s): ${describe(missing)}`);
    if (extra.length > 0) failures.push(`unexpected number(s): ${describe(extra)}`);
  }

  const citationProblems = citationProblemsOf(answer, stated, question, sources);
  failures.push(...citationProblems);

  const missingTerms = question.terms.filter((term) => !answer.answer.toLowerCase().includes(term.toLowerCase()));
  if (missingTerms.length > 0) failures.push(`missing term(s): ${missingTerms.map((term) => `"${term}"`).join(', ')}`);

  let decisionOk = true;
  if (answer.decision && Object.keys(answer.assumedFacts ?? {}).length > 0) {
    decisionOk = false;
    failures.push(`returns the whole decision although it assumed ${Object.keys(answer.assumedFacts ?? {}).join(', ')}`);
  }
  if (question.decision) {
    if (!answer.ruling) {
      decisionOk = false;
      failures.push('no ruling returned');
    } else {
      for (const [pathText, expected] of Object.entries(question.decision)) {
        const actual = valueAt(answer.ruling, pathText);
        if (actual !== expected) {
          decisionOk = false;
          failures.push(`decision ${pathText} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
        }
      }
    }
  }

  let factsOk = true;
  if (question.facts) {
    const found = extractQuestionFacts(question.question, normaliseQuestion(question.question).plain) as Record<string, unknown>;
    for (const [key, expected] of Object.entries(question.facts)) {
      if (JSON.stringify(found[key]) !== JSON.stringify(expected)) {
        factsOk = false;
        failures.push(`fact ${key} found as ${JSON.stringify(found[key])}, expected ${JSON.stringify(expected)}`);
      }
    }
  }

  return {
    question,
    answer,
    numbersOk,
    citationsOk: citationProblems.length === 0,
    scopeOk,
    carriesOtherNumber,
    termsOk: missingTerms.length === 0,
    decisionOk,
    factsOk,
    failures,
  };
}

/**
 * A citation is valid when it names a real section and quotes its passages verbatim (several passages
 * of one section are one citation, pieces apart joined by " … "), each section is cited once, the
 * sections the question needs are cited, and every number in the answer is stated by a cited passage.
 */
function citationProblemsOf(answer: Answer, stated: readonly NumberMention[], question: EvalQuestion, sources: EvalSources): string[] {
  const problems: string[] = [];
  if (answer.citations.length === 0) problems.push('no citation');
  const sectionsById = new Map(sources.sections.map((section) => [section.id, section]));
  for (const citation of answer.citations) {
    const section = sectionsById.get(citation.section);
    if (!section) problems.push(`cites unknown section "${citation.section}"`);
    else {
      const verbatim = (part: string): boolean => passagesOf(section).some((passage) => passage.text === part) || (part !== '' && section.text.includes(part));
      const stray = citationParts(citation.text).find((part) => !verbatim(part));
      if (stray !== undefined) problems.push(`citation of "${citation.section}" is not a passage of it: "${stray.slice(0, 60)}"`);
    }
  }
  const sectionsCited = answer.citations.map((citation) => citation.section);
  const repeated = [...new Set(sectionsCited.filter((id, index) => sectionsCited.indexOf(id) !== index))];
  if (repeated.length > 0) problems.push(`cites ${repeated.join(', ')} more than once`);
  const cited = new Set(answer.citations.map((citation) => citation.section));
  const uncited = question.sections.filter((id) => !cited.has(id));
  if (uncited.length > 0) problems.push(`does not cite ${uncited.join(', ')}`);
  const backing = answer.citations.flatMap((citation) => findNumbers(citation.text));
  const unbacked = stated.filter((mention) => !isBacked(mention, backing));
  if (unbacked.length > 0) problems.push(`number(s) not in any cited passage: ${describe(unbacked)}`);
  return problems;
}

function valueAt(value: unknown, dottedPath: string): unknown {
  let current: unknown = value;
  for (const key of dottedPath.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function describe(mentions: readonly NumberMention[]): string {
  return [...new Set(mentions.map((mention) => mention.text.trim()))].join(', ');
}

const percent = (ratio: Ratio): string => (ratio.total === 0 ? 'n/a' : `${((100 * ratio.passed) / ratio.total).toFixed(1)}% (${ratio.passed}/${ratio.total})`);

export function formatReport(report: EvalReport): string {
  const lines = [
    `Questions:                ${report.results.length}  (modes: ${Object.entries(report.modes)
      .map(([mode, count]) => `${mode} ${count}`)
      .join(', ')})`,
    `Exact-number accuracy:    ${percent(report.numbers)}`,
    `Citation validity:        ${percent(report.citations)}`,
    `Out-of-scope precision:   ${percent(report.outOfScopePrecision)}`,
    `Out-of-scope recall:      ${percent(report.outOfScopeRecall)}`,
    `Out-of-scope answers with a number other than the Dealer Service Center's: ${report.outOfScopeWithOtherNumbers}`,
    `Key terms present:        ${percent(report.terms)}`,
    `Rule decisions correct:   ${percent(report.decisions)}`,
    `Question facts found:     ${percent(report.facts)}`,
  ];
  const failed = report.results.filter((result) => result.failures.length > 0);
  lines.push('', failed.length === 0 ? 'No failures.' : `Failures (${failed.length}):`);
  for (const result of failed) {
    lines.push(
      `- ${result.question.id}: "${result.question.question}"`,
      `    answer (${result.answer.mode}${result.answer.outOfScope ? ', out of scope' : ''}): ${result.answer.answer}`,
    );
    for (const failure of result.failures) lines.push(`    ✗ ${failure}`);
  }
  return lines.join('\n');
}
