import type { Contact } from '../rules/rule-set-schema.ts';
import type { Citation } from './answer-schema.ts';
import { findNumbers, isBacked, numbersInPassage, type NumberMention } from './number-mentions.ts';
import type { Passage } from './passages.ts';
import type { Retriever } from './retriever.ts';

/**
 * Collects the passages an answer rests on. Besides the passages an answerer chose, every number in the
 * answer gets the passage that states it (preferring the sections already cited), so a reader can
 * always find where "877-290-9544, option 4" or "72 hours" comes from.
 */
export class CitationBuilder {
  private readonly chosen: Passage[] = [];

  constructor(private readonly retriever: Retriever) {}

  add(...passages: (Passage | undefined)[]): this {
    for (const passage of passages) {
      if (passage && !this.chosen.some((existing) => existing.id === passage.id)) this.chosen.push(passage);
    }
    return this;
  }

  /** The first sentence (not the title) of `sectionId` whose text matches, if any. */
  find(sectionId: string, pattern: RegExp): Passage | undefined {
    return this.retriever.passagesOf(sectionId).find((passage) => passage.kind === 'text' && pattern.test(passage.text));
  }

  addMatching(sectionId: string, pattern: RegExp): this {
    return this.add(...this.retriever.passagesOf(sectionId).filter((passage) => pattern.test(passage.text)));
  }

  /** Adds, for each number in `answer` not yet backed, the passage that states it. */
  backNumbers(answer: string, preferredSections: readonly string[] = []): this {
    for (const mention of findNumbers(answer)) {
      if (
        isBacked(
          mention,
          this.chosen.flatMap((passage) => numbersInPassage(passage)),
        )
      )
        continue;
      this.add(this.passageStating(mention, [...this.chosen.map((passage) => passage.section), ...preferredSections]));
    }
    return this;
  }

  /** One citation per section, in the order the sections were first used (see `citationText`). */
  citations(): Citation[] {
    const bySection = new Map<string, Passage[]>();
    for (const passage of this.chosen) bySection.set(passage.section, [...(bySection.get(passage.section) ?? []), passage]);
    return [...bySection].map(([section, used]) => ({ section, text: citationText(this.retriever, section, used) }));
  }

  /** The passages chosen so far, one by one (before they are merged per section). */
  passages(): readonly Passage[] {
    return this.chosen;
  }

  private passageStating(mention: NumberMention, preferredSections: readonly string[]): Passage | undefined {
    const order = [...new Set([...preferredSections, ...this.retriever.sections.map((section) => section.id)])];
    for (const sectionId of order) {
      const passage = this.retriever.passagesOf(sectionId).find((candidate) => isBacked(mention, numbersInPassage(candidate)));
      if (passage) return passage;
    }
    return undefined;
  }
}

/** Between two passages of one citation that are not next to each other in their section. */
export const citationGap = ' … ';

/**
 * The passages used from one section as one text, in the section's own order: neighbouring sentences
 * are quoted as the section writes them (so the text stays a verbatim substring), and a gap between
 * passages that are not neighbours (or the title and a sentence) is marked with `citationGap`.
 */
function citationText(retriever: Retriever, sectionId: string, used: readonly Passage[]): string {
  const all = retriever.passagesOf(sectionId);
  const sectionText = retriever.section(sectionId)?.text ?? '';
  const indexes = [...new Set(used.map((passage) => all.findIndex((candidate) => candidate.id === passage.id)))]
    .filter((index) => index !== -1)
    .sort((a, b) => a - b);
  const runs: Passage[][] = [];
  let previous = -2;
  for (const index of indexes) {
    const passage = all[index];
    if (!passage) continue;
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run && last && index === previous + 1 && passage.kind === 'text' && last.kind === 'text') run.push(passage);
    else runs.push([passage]);
    previous = index;
  }
  const quote = (run: readonly Passage[]): string => {
    const first = run[0];
    const last = run.at(-1);
    if (!first || !last || run.length === 1) return first?.text ?? '';
    const start = sectionText.indexOf(first.text);
    const end = sectionText.indexOf(last.text, start);
    return start === -1 || end === -1 ? run.map((passage) => passage.text).join(' ') : sectionText.slice(start, end + last.text.length);
  };
  return runs.map(quote).join(citationGap);
}

/** The verbatim pieces of a citation's text (to check each against its section). */
export function citationParts(text: string): string[] {
  return text.split(citationGap);
}

/** A directory entry's number as the process text writes it, to find the passage that states it. */
export function contactPattern(contact: Contact): RegExp | undefined {
  const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  switch (contact.kind) {
    case 'phone':
      return new RegExp(escapeRegExp(contact.phone) + (contact.option === undefined ? '' : `,? option ${contact.option}\\b`));
    case 'fax':
      return new RegExp(escapeRegExp(contact.fax));
    case 'web':
      return new RegExp(escapeRegExp(contact.url));
    case 'person':
      return new RegExp(escapeRegExp(contact.name.replace(/^Your /, '')), 'i');
  }
}
