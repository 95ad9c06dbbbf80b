import type { Contact, ProcessSection } from '../rules/rule-set-schema.ts';

/**
 * The unit of retrieval and of citation: one sentence (or one clause after a semicolon) of a process
 * section, or the section's title, which carries the timeline window ("1 to 7 days") the seed gives as
 * a heading. Every passage is a verbatim substring of its section, so a citation can be checked.
 */
export interface Passage {
  readonly id: string;
  readonly section: string;
  readonly kind: 'title' | 'text';
  readonly text: string;
}

export function passagesOf(section: ProcessSection): Passage[] {
  const passages: Passage[] = [{ id: `${section.id}#title`, section: section.id, kind: 'title', text: section.title }];
  splitSentences(section.text).forEach((text, index) => {
    passages.push({ id: `${section.id}#${index}`, section: section.id, kind: 'text', text });
  });
  return passages;
}

/**
 * Sentences end at ". " before a capital letter or a quote (so "allyvehiclereturnmanager.com" and
 * "(ET)" stay whole). A semicolon splits a sentence only where one side gives a phone or fax number
 * and the other does not, so that number can be quoted alone ("72 hours" without the Buyout line);
 * elsewhere the clauses need each other ("...; do not release the vehicle without it").
 */
export function splitSentences(text: string): string[] {
  const sentences = text.split(/(?<=[.!?])\s+(?=["A-Z(])/);
  return sentences
    .flatMap(splitAtNumberClause)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

const phoneNumber = /\d{3}[-.\s]\d{3}[-.\s]\d{4}/;

function splitAtNumberClause(sentence: string): string[] {
  const clauses = sentence.split(/;\s+/);
  if (clauses.length < 2) return clauses;
  const withNumber = clauses.map((clause) => phoneNumber.test(clause));
  return withNumber.every((value) => value === withNumber[0]) ? [sentence] : clauses;
}

/** The words a directory entry is found by: its name and what it is for. */
export function contactSearchText(contact: Contact): string {
  return `${contact.name}. ${contact.purpose}`;
}
