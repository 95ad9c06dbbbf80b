import type { ContactDirectory } from '../rules/contact-directory.ts';
import type { ProcessSection } from '../rules/rule-set-schema.ts';
import { findNumbers, isBacked, type NumberMention } from './number-mentions.ts';

export const maxAnswerLength = 1200;

export interface GroundingCheck {
  readonly answer: string;
  readonly citedSections: readonly string[];
  /** The sections the answerer was allowed to use. */
  readonly retrievedSections: readonly string[];
  readonly sections: readonly ProcessSection[];
  readonly directory: ContactDirectory;
}

/**
 * Whether an answer is grounded: it cites only sections it was given,
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

export function directoryNumbers(directory: ContactDirectory): NumberMention[] {
  return directory.entries.flatMap((contact) => {
    const wait = contact.kind === 'web' ? ` ${contact.credentialWaitHours} hours` : '';
    return findNumbers(`${directory.reach(contact.id)}. ${contact.purpose}${wait}`);
  });
}

function describe(mention: NumberMention): string {
  return mention.kind === 'number' ? `the number "${mention.text}"` : `the ${mention.kind === 'phone' ? 'phone/fax number' : mention.kind} "${mention.text}"`;
}
