import type { Contact, ProcessSection } from '../src/rules/rule-set-schema.ts';
import { formatReach } from '../src/rules/contact-directory.ts';
import type { AnswerPort, AnswerResult } from './assistant-services.ts';

/**
 * A small stand-in for the grounded answer service: picks the contact or process section whose words
 * best match the question and quotes it. Used only when the app has no AnswerService to give.
 */
export class DirectoryAnswers implements AnswerPort {
  constructor(
    private readonly contacts: readonly Contact[],
    private readonly sections: readonly ProcessSection[],
  ) {}

  async answer(request: { question: string }): Promise<AnswerResult> {
    const words = significantWords(request.question);
    const contact = best(this.contacts, words, (entry) => `${entry.name} ${entry.purpose} ${entry.kind === 'fax' ? 'fax' : ''}`);
    const section = best(this.sections, words, (entry) => `${entry.title} ${entry.text}`);
    if (!contact && !section) {
      return { answer: '', citations: [], outOfScope: true };
    }
    if (contact && (!section || contact.score >= section.score)) {
      const entry = contact.item;
      const source = this.sections.find((candidate) => candidate.id === entry.source);
      return {
        answer: `${entry.name}: ${formatReach(entry)}. ${entry.purpose}`,
        citations: source ? [{ section: source.id, text: source.text }] : [],
        outOfScope: false,
      };
    }
    const found = section?.item;
    if (!found) return { answer: '', citations: [], outOfScope: true };
    return { answer: found.text, citations: [{ section: found.id, text: found.text }], outOfScope: false };
  }
}

const stopWords = new Set(
  'a an the is are was were be to of for in on at by and or what whats what\'s who whom which how when where why do does did i we you my our your it its this that with from can should number phone call'.split(' '),
);

function significantWords(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g)?.filter((word) => !stopWords.has(word) && word.length > 1) ?? [];
}

function best<T>(items: readonly T[], words: string[], textOf: (item: T) => string): { item: T; score: number } | undefined {
  let winner: { item: T; score: number } | undefined;
  for (const item of items) {
    const haystack = new Set(significantWords(textOf(item)));
    const score = words.filter((word) => haystack.has(word) || haystack.has(word.replace(/s$/, ''))).length;
    if (score > 0 && (!winner || score > winner.score)) winner = { item, score };
  }
  return winner;
}
