import type { ContactDirectory } from '../rules/contact-directory.ts';
import type { ProcessSection } from '../rules/rule-set-schema.ts';
import type { Ruling } from './answer-schema.ts';
import { checkContactMentions } from './contact-mentions.ts';
import { findNumbers, isBacked, type NumberMention } from './number-mentions.ts';
import { rulingContradictions } from './ruling-consistency.ts';

export const maxAnswerLength = 1200;

export interface GroundingCheck {
  readonly answer: string;
  readonly citedSections: readonly string[];
  /** The sections the answerer was allowed to use (for an LLM: the ones it was shown). */
  readonly retrievedSections: readonly string[];
  readonly sections: readonly ProcessSection[];
  readonly directory: ContactDirectory;
}

/**
 * The gate every generated answer passes before a user sees it: it cites only sections it was given,
 * and every phone or fax number, hour or day count and option number it states appears in a cited
 * section or in the contact directory. Returns the problems found (empty when the answer is grounded).
 */
export function checkGrounding(check: GroundingCheck): string[] {
  const problems: string[] = [];
  const answer = check.answer.trim();
  if (answer === '') problems.push('the answer is empty');
  if (answer.length > maxAnswerLength) problems.push(`the answer is longer than ${maxAnswerLength} characters`);
  if (check.citedSections.length === 0) problems.push('no section is cited');
  const byId = new Map(check.sections.map((section) => [section.id, section]));
  for (const id of check.citedSections) {
    if (!check.retrievedSections.includes(id)) problems.push(`cites "${id}", which was not retrieved`);
    else if (!byId.has(id)) problems.push(`cites "${id}", which is not a process section`);
  }
  const allowed = [
    ...check.citedSections.flatMap((id) => {
      const section = byId.get(id);
      return section ? findNumbers(`${section.title}. ${section.text}`) : [];
    }),
    ...directoryNumbers(check.directory),
  ];
  for (const mention of findNumbers(answer)) {
    if (!isBacked(mention, allowed)) problems.push(`${describe(mention)} is in no cited section and not in the directory`);
  }
  return problems;
}

export interface LlmAnswerCheck extends GroundingCheck {
  /** The extractive answer for the same question: the LLM may use its numbers and no others. */
  readonly draft: string;
  /** The rule decision the question was about, if the rules answered it: the LLM must not contradict it. */
  readonly ruling: Ruling | undefined;
}

/**
 * The full gate for a model's text. Besides grounding: every number must be one the extractive answer
 * (or the rule decision stated in it) uses for this question, not merely one found somewhere in a cited
 * section; every phone or fax number must be a directory entry's exact number and option, presented
 * with that entry's own name or purpose; and nothing may contradict the rule decision.
 */
export function checkLlmAnswer(check: LlmAnswerCheck): string[] {
  const problems = checkGrounding(check);
  const draftNumbers = findNumbers(check.draft);
  for (const mention of findNumbers(check.answer)) {
    if (!isBacked(mention, draftNumbers)) problems.push(`${describe(mention)} is not a number the answer to this question uses`);
  }
  problems.push(...checkContactMentions(check.answer, check.directory));
  if (check.ruling) problems.push(...rulingContradictions(check.answer, check.ruling));
  return problems;
}

export function directoryNumbers(directory: ContactDirectory): NumberMention[] {
  return directory.entries.flatMap((contact) => {
    const wait = contact.kind === 'web' ? ` ${contact.credentialWaitHours} hours` : '';
    return findNumbers(`${directory.reach(contact.id)}. ${contact.purpose}${wait}`);
  });
}

function describe(mention: NumberMention): string {
  return mention.kind === 'number' ? `the number "${mention.text}"` : `the ${mention.kind === 'phone' ? 'phone/fax number' : mention.kind} "${mention.text}"`;
}
