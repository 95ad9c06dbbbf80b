import type { ContactDirectory } from '../rules/contact-directory.ts';
import type { Contact } from '../rules/rule-set-schema.ts';
import { digitsForWords } from './number-mentions.ts';

/** A phone or fax number in a text, with the option that follows it and where it stands. */
interface NumberInText {
  readonly digits: string;
  readonly option: number | undefined;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

interface Label {
  readonly contact: Contact & { kind: 'phone' | 'fax' };
  readonly start: number;
  readonly end: number;
}

const numberPattern = /(?:\+?1[\s.-]?)?\(?\b(\d{3})\)?[\s.-]?(\d{3})[\s.-](\d{4})\b(?:,?\s*(?:option|opt\.?|press|ext\.?|extension)\s*#?\s*(\d+)\b)?/gi;

type Dialled = Contact & { kind: 'phone' | 'fax' };

function dialled(directory: ContactDirectory): Dialled[] {
  return directory.entries.filter((contact): contact is Dialled => contact.kind === 'phone' || contact.kind === 'fax');
}

const digitsOf = (contact: Dialled): string => (contact.kind === 'phone' ? contact.phone : contact.fax).replace(/\D/g, '');
const optionOf = (contact: Dialled): number | undefined => (contact.kind === 'phone' ? contact.option : undefined);

/**
 * The words an entry is known by: its name without "Ally" and "fax" ("Dealer Buyout", "lease return"),
 * and for a phone line its last word when that word names it alone ("Buyout", "Transportation").
 */
function labelPattern(contact: Dialled): RegExp {
  const phrase = contact.name
    .replace(/^(your\s+)?ally\s+/i, '')
    .replace(/\s+fax$/i, '')
    .toLowerCase();
  const words = phrase.split(/\s+/).map((word) => `${word === 'lease' ? '(?:lease|lessee)' : word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}s?`);
  const alternatives = [words.join('\\s+')];
  const last = phrase.split(/\s+/).at(-1) ?? '';
  if (contact.kind === 'phone' && words.length > 1 && !['center', 'line', 'team'].includes(last)) alternatives.push(`${last}s?`);
  return new RegExp(`\\b(?:${alternatives.join('|')})\\b`, 'gi');
}

function sentenceAround(text: string, start: number, end: number): { from: number; to: number } {
  const boundary = /[.!?](?=\s|$)/g;
  let from = 0;
  let to = text.length;
  for (const match of text.matchAll(boundary)) {
    const at = match.index;
    if (at < start) from = at + 1;
    else if (at >= end) {
      to = at;
      break;
    }
  }
  return { from, to };
}

/**
 * Every phone or fax number in `answer` must be a directory entry as the directory writes it: a number
 * followed by an option must be that entry's exact number and option, a number the directory only
 * gives with an option must carry one, and the entry named nearest to the number in its sentence
 * ("Dealer Buyout", "for a lease return") must be the entry the number belongs to. Numbers the directory
 * does not have at all are left to the grounding check. Returns the problems found.
 */
export function checkContactMentions(answer: string, directory: ContactDirectory): string[] {
  const text = digitsForWords(answer);
  const entries = dialled(directory);
  const problems: string[] = [];
  const numbers: NumberInText[] = [...text.matchAll(numberPattern)].map((match) => ({
    digits: `${match[1] ?? ''}${match[2] ?? ''}${match[3] ?? ''}`,
    option: match[4] === undefined ? undefined : Number(match[4]),
    text: match[0],
    start: match.index,
    end: match.index + match[0].length,
  }));
  const labels: Label[] = entries.flatMap((contact) =>
    [...text.matchAll(labelPattern(contact))].map((match) => ({ contact, start: match.index, end: match.index + match[0].length })),
  );
  for (const mention of numbers) {
    const sameNumber = entries.filter((contact) => digitsOf(contact) === mention.digits);
    if (sameNumber.length === 0) continue;
    const owners = sameNumber.filter((contact) => optionOf(contact) === mention.option);
    if (owners.length === 0) {
      problems.push(
        mention.option === undefined
          ? `"${mention.text.trim()}" is given without its option (the directory has ${sameNumber.map((contact) => `option ${optionOf(contact) ?? '?'} for ${contact.name}`).join(', ')})`
          : `"${mention.text.trim()}" is not a directory number and option`,
      );
      continue;
    }
    const { from, to } = sentenceAround(text, mention.start, mention.end);
    const kind = owners[0]?.kind;
    const distance = (label: Label): number => (label.end <= mention.start ? mention.start - label.end : label.start - mention.end);
    const nearest = labels
      .filter((label) => label.contact.kind === kind && label.start >= from && label.end <= to && (label.end <= mention.start || label.start >= mention.end))
      .sort((a, b) => distance(a) - distance(b))[0];
    if (nearest && !owners.some((owner) => owner.id === nearest.contact.id)) {
      problems.push(
        `"${mention.text.trim()}" is presented as ${nearest.contact.name}'s ("${text.slice(nearest.start, nearest.end)}"), but it is ${owners.map((owner) => owner.name).join(' / ')}'s`,
      );
    }
  }
  return problems;
}
