import type { Contact } from '../rules/rule-set-schema.ts';
import type { Citation } from './answer-schema.ts';
import { findNumbers, isBacked, type NumberMention } from './number-mentions.ts';
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
      if (isBacked(mention, this.chosen.flatMap((passage) => findNumbers(passage.text)))) continue;
      this.add(this.passageStating(mention, [...this.chosen.map((passage) => passage.section), ...preferredSections]));
    }
    return this;
  }

  citations(): Citation[] {
    return this.chosen.map((passage) => ({ section: passage.section, text: passage.text }));
  }

  private passageStating(mention: NumberMention, preferredSections: readonly string[]): Passage | undefined {
    const order = [...new Set([...preferredSections, ...this.retriever.sections.map((section) => section.id)])];
    for (const sectionId of order) {
      const passage = this.retriever.passagesOf(sectionId).find((candidate) => isBacked(mention, findNumbers(candidate.text)));
      if (passage) return passage;
    }
    return undefined;
  }
}

/** A directory entry's number as the process text writes it, to find the passage that states it. */
export function contactPattern(contact: Contact): RegExp | undefined {
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  switch (contact.kind) {
    case 'phone':
      return new RegExp(escape(contact.phone) + (contact.option === undefined ? '' : `,? option ${contact.option}\\b`));
    case 'fax':
      return new RegExp(escape(contact.fax));
    case 'web':
      return new RegExp(escape(contact.url));
    case 'person':
      return new RegExp(escape(contact.name.replace(/^Your /, '')), 'i');
  }
}
