import MiniSearch from 'minisearch';
import { RecentlyUsed } from '../recently-used.ts';
import type { Contact, ProcessSection } from '../rules/rule-set-schema.ts';
import { contactSearchText, passagesOf, type Passage } from './passages.ts';
import { stem, stopWords } from './vocabulary.ts';

export interface PassageHit {
  readonly passage: Passage;
  readonly score: number;
  /** The (stemmed) query terms this passage matched. */
  readonly terms: readonly string[];
}

export interface ContactHit {
  readonly contact: Contact;
  readonly score: number;
}

export interface SectionHit {
  readonly section: ProcessSection;
  readonly score: number;
}

export interface Retrieval {
  /** Best first. */
  readonly passages: readonly PassageHit[];
  readonly contacts: readonly ContactHit[];
  readonly sections: readonly SectionHit[];
  /** The stemmed focus term of a what/which question, if any. */
  readonly focus: string | undefined;
}

/** What a word is in the index and in a query: nothing for a stop word, else its stem. */
const indexTerm = (word: string): string | null => (stopWords.has(word.toLowerCase()) ? null : stem(word));
/** How many terms' matches the retriever remembers (the process text has about 1,500 distinct terms). */
const maxRememberedTerms = 10_000;
/** MiniSearch's own tokenizer, so a query splits exactly as it always has. */
const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

interface IndexedDocument {
  id: string;
  kind: 'passage' | 'contact';
  title: string;
  text: string;
}

/**
 * BM25 retrieval (MiniSearch) over the process passages and the contact directory. Built once from
 * the rule set at start-up; searching does not mutate the index, so concurrent answers are safe.
 */
export class Retriever {
  private readonly index: MiniSearch<IndexedDocument>;
  private readonly passagesById = new Map<string, Passage>();
  private readonly passagesBySection = new Map<string, Passage[]>();
  private readonly contactsByDocId = new Map<string, Contact>();
  private readonly sectionsById: ReadonlyMap<string, ProcessSection>;
  /** Every stemmed word in the index: a word found here needs no (costly) fuzzy matching. */
  private readonly vocabulary = new Set<string>();
  /** For each stemmed word, the text passages that contain it (to tell rare, specific words from common ones). */
  private readonly passagesByTerm = new Map<string, Set<string>>();
  /** Each term's matches, searched once (termHits); bounded, since a dealer's typos add terms the process text never had. */
  private readonly hitsByTerm = new RecentlyUsed<string, readonly { id: string; score: number }[]>(maxRememberedTerms);
  /** Each section's title words (before a parenthesis), stemmed once. */
  private readonly titleTerms: ReadonlyMap<string, readonly string[]>;

  constructor(
    readonly sections: readonly ProcessSection[],
    readonly contacts: readonly Contact[],
  ) {
    this.sectionsById = new Map(sections.map((section) => [section.id, section]));
    this.titleTerms = new Map(sections.map((section) => [section.id, this.terms(section.title.replace(/\(.*\)/, ''))]));
    this.index = new MiniSearch<IndexedDocument>({
      fields: ['title', 'text'],
      storeFields: [],
      processTerm: indexTerm,
      searchOptions: {
        boost: { text: 1, title: 0.5 },
        // Typos: one edit for words of 5+ letters, two for long ones; prefixes for 4+ letters ("inspect").
        // A word the index already has is spelled right: fuzzy matching it would only add noise and time.
        fuzzy: (term) => (this.vocabulary.has(term) ? false : term.length >= 8 ? 0.25 : term.length >= 5 ? 0.2 : false),
        prefix: (term) => term.length >= 4,
        combineWith: 'OR',
      },
    });
    const documents: IndexedDocument[] = [];
    for (const section of sections) {
      for (const passage of passagesOf(section)) {
        this.passagesById.set(passage.id, passage);
        this.passagesBySection.set(section.id, [...(this.passagesBySection.get(section.id) ?? []), passage]);
        if (passage.kind === 'text') {
          for (const term of this.terms(passage.text)) this.passagesByTerm.set(term, (this.passagesByTerm.get(term) ?? new Set()).add(passage.id));
        }
        documents.push({ id: passage.id, kind: 'passage', title: section.title, text: passage.text });
      }
    }
    for (const contact of contacts) {
      const id = `contact:${contact.id}`;
      this.contactsByDocId.set(id, contact);
      documents.push({ id, kind: 'contact', title: contact.name, text: contactSearchText(contact) });
    }
    this.index.addAll(documents);
    for (const document of documents) for (const term of this.terms(`${document.title} ${document.text}`)) this.vocabulary.add(term);
  }

  section(id: string): ProcessSection | undefined {
    return this.sectionsById.get(id);
  }

  /** All passages of a section, title first, in the order they are written. */
  passagesOf(sectionId: string): readonly Passage[] {
    return this.passagesBySection.get(sectionId) ?? [];
  }

  /**
   * `words` are the dealer's own (full weight), `added` the synonyms they stand for (half weight, so a
   * synonym helps but does not outvote what was typed), `focus` the word a what/which question is about.
   */
  search(words: string, added = '', focus?: string): Retrieval {
    const own = new Set(this.terms(words));
    const focusTerm = focus === undefined ? undefined : this.terms(focus)[0];
    const boostTerm = (term: string): number => (term === focusTerm ? 2.5 : own.has(term) ? 1 : 0.5);
    const titled = this.sectionsTitledIn(own);
    // The dealer's rarest word, when only one or two passages use it ("settlement", "resale"), pins the passage down.
    const used = [...own].map((term) => this.passagesByTerm.get(term)).filter((ids): ids is Set<string> => ids !== undefined);
    const fewest = Math.min(...used.map((ids) => ids.size));
    const rare = fewest <= 2 ? used.filter((ids) => ids.size === fewest) : [];
    const rarity = (id: string): number => (rare.some((ids) => ids.has(id)) ? 1.5 : 1);
    const passages: PassageHit[] = [];
    const contacts: ContactHit[] = [];
    // Each term once, a repeated one weighted by its count (synonyms often repeat the dealer's words).
    const counts = new Map<string, number>();
    for (const token of tokenize(`${words} ${added}`)) {
      const term = indexTerm(token);
      if (term) counts.set(term, (counts.get(term) ?? 0) + 1);
    }
    // MiniSearch's OR query, from each term's own matches: a document scores the sum of its terms' scores,
    // times the number of query terms it matched (MiniSearch's "quality").
    const combined = new Map<string, { score: number; terms: string[] }>();
    for (const [term, count] of counts) {
      const weight = boostTerm(term) * count;
      for (const hit of this.termHits(term)) {
        const entry = combined.get(hit.id);
        if (entry) {
          entry.score += weight * hit.score;
          entry.terms.push(term);
        } else combined.set(hit.id, { score: weight * hit.score, terms: [term] });
      }
    }
    const results = [...combined].map(([id, entry]) => ({ id, score: entry.score * entry.terms.length, queryTerms: entry.terms }));
    results.sort((a, b) => b.score - a.score);
    for (const result of results) {
      const id = String(result.id);
      const passage = this.passagesById.get(id);
      // Naming a section by its title ("a Dealer Purchase for Lessee") is the strongest sign of the topic.
      if (passage) passages.push({ passage, score: result.score * (titled.has(passage.section) ? 1.5 : 1) * rarity(id), terms: result.queryTerms });
      const contact = this.contactsByDocId.get(id);
      if (contact) contacts.push({ contact, score: result.score });
    }
    passages.sort((a, b) => b.score - a.score);
    return { passages, contacts, sections: this.rankSections(passages, contacts), focus: focusTerm };
  }

  /**
   * One term's matches at weight 1, with its prefix and fuzzy spellings, as MiniSearch scores them (BM25
   * over title and text). A term's matches do not depend on the question, and questions share most of
   * their terms, so each is searched once and remembered (the index never changes after start-up).
   */
  private termHits(term: string): readonly { id: string; score: number }[] {
    return this.hitsByTerm.remember(term, () =>
      this.index
        .search(term, { tokenize: () => [term], processTerm: (word) => word, boostTerm: () => 1 })
        .map((result) => ({ id: String(result.id), score: result.score })),
    );
  }

  /** Sections whose every title word (before any parenthesis) is among the question's own words. */
  private sectionsTitledIn(own: ReadonlySet<string>): Set<string> {
    const titled = new Set<string>();
    for (const [sectionId, titleTerms] of this.titleTerms) {
      if (titleTerms.length >= 2 && titleTerms.every((term) => own.has(term))) titled.add(sectionId);
    }
    return titled;
  }

  private terms(text: string): string[] {
    return text
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word !== '' && !stopWords.has(word.toLowerCase()))
      .map(stem);
  }

  /**
   * A section scores its best passage plus a share of its second best (a section that matches in two
   * places is more likely the topic) and a share of the directory entries that point to it.
   */
  private rankSections(passages: readonly PassageHit[], contacts: readonly ContactHit[]): SectionHit[] {
    const bySection = new Map<string, number[]>();
    for (const hit of passages) {
      const scores = bySection.get(hit.passage.section);
      if (scores) scores.push(hit.score);
      else bySection.set(hit.passage.section, [hit.score]);
    }
    const contactShare = new Map<string, number>();
    for (const hit of contacts) contactShare.set(hit.contact.source, Math.max(contactShare.get(hit.contact.source) ?? 0, hit.score * 0.3));
    const ranked: SectionHit[] = [];
    for (const section of this.sections) {
      const scores = (bySection.get(section.id) ?? []).sort((a, b) => b - a);
      const score = (scores[0] ?? 0) + 0.3 * (scores[1] ?? 0) + (contactShare.get(section.id) ?? 0);
      if (score > 0) ranked.push({ section, score });
    }
    return ranked.sort((a, b) => b.score - a.score);
  }
}
