import type { Intent } from '../domain/decision-request.ts';
import type { ContactDirectory } from '../rules/contact-directory.ts';
import type { Contact } from '../rules/rule-set-schema.ts';
import type { Citation } from './answer-schema.ts';
import { CitationBuilder, contactPattern } from './citations.ts';
import { messages } from './messages.ts';
import { numbersInPassage } from './number-mentions.ts';
import type { Passage } from './passages.ts';
import { asksConsequence, type AskKind } from './question-kind.ts';
import { allySendsTheLessee, comparing, farFromCity, stem, stopWords } from './vocabulary.ts';
import type { PassageHit, Retrieval, Retriever } from './retriever.ts';

/** What is known about the return besides the words of the question. */
export interface AnswerContext {
  readonly intent: Intent | undefined;
  readonly hasAvrmAccess: boolean | undefined;
  /** The normalised question text. */
  readonly plain: string;
  /** The directory entry the question's topic points to ("a dealer purchase" → Dealer Buyout), if any. */
  readonly preferredContact?: string | undefined;
  /** "What now?": the next steps of the process in order, instead of one retrieved sentence. */
  readonly nextSteps?: boolean | undefined;
  /** Who is picking the car up, when known (stated, or implied by whether it sold): the pickup answer is about that party. */
  readonly pickupBy?: 'buyingDealer' | 'transporter' | undefined;
  /** The dealer said they are not buying ("we aren't buying it"), whatever else is unknown. */
  readonly dealerDeclines?: boolean | undefined;
  /** The question is mainly about the pickup ("does Ally pick up the car?"): with no party known, both branches answer it. */
  readonly pickupAsked?: boolean | undefined;
  /** The dealer registered and is still waiting for what registering gives ("signed up, still no password"). */
  readonly awaiting?: boolean | undefined;
  /** "When does Ally start remarketing?" with nobody known to buy: after a dealer purchase, and otherwise. */
  readonly remarketingStartAsked?: boolean | undefined;
}

export interface ExtractiveAnswer {
  readonly text: string;
  readonly citations: Citation[];
}

/**
 * Below this BM25 score the best section is a coincidence of words, not an answer: the question is
 * treated as out of scope rather than answered with a guess. Calibrated on the eval question set.
 */
export const minimumSectionScore = 4;

/** How many of the best sections count as "retrieved" (what the LLM may see and cite). */
export const retrievedSectionCount = 3;

/** The words of each pickup branch's sentence in the process ("a transporter picks it up … Bill of Lading"). */
const pickupPartyWords: Readonly<Record<'buyingDealer' | 'transporter', RegExp>> = {
  transporter: /transport|Bill of Lading/,
  buyingDealer: /buying dealer|buyer/,
};

/** "Will Ally send them anything?", "which letters will they get?", "what does ally mail her": every letter asked for. */
const asksForEveryLetter = new RegExp(
  String.raw`\b(?:anything|something|any (?:letters?|mail)|which letters?|what letters?|letters? (?:will|would|does|do) (?:the )?(?:lessee|customer|she|he|they) (?:get|receive)|(?:all|every|each|both) (?:of )?(?:the )?letters?|list (?:of )?(?:the )?letters|letters (?:does|do|will) (?:the )?(?:lessee|customer|she|he|they) get|what (?:mail|goes out)|in the mail|${allySendsTheLessee})\b`,
);

/**
 * Builds an answer from the retrieved passages and the directory, trimmed to what was asked: the one
 * number for "who do I call", the one window for "how long", otherwise the best passage.
 */
export class ExtractiveAnswerer {
  constructor(
    private readonly retriever: Retriever,
    private readonly directory: ContactDirectory,
  ) {}

  isStrongEnough(retrieval: Retrieval): boolean {
    return (retrieval.sections[0]?.score ?? 0) >= minimumSectionScore;
  }

  /** undefined when nothing retrieved can answer (the caller then says the question is out of scope). */
  answer(retrieval: Retrieval, ask: AskKind, context: AnswerContext): ExtractiveAnswer | undefined {
    const citer = new CitationBuilder(this.retriever);
    const text = this.compose(retrieval, ask, context, citer);
    if (text === undefined) return undefined;
    citer.backNumbers(
      text,
      retrieval.sections.map((hit) => hit.section.id),
    );
    return { text, citations: citer.citations() };
  }

  outOfScope(): ExtractiveAnswer {
    const citer = new CitationBuilder(this.retriever);
    const contact = this.directory.require('dealerServiceCenter');
    const text = messages.outOfScope(this.directory.reach(contact.id));
    citer.add(this.passageNaming(contact, [contact.source]));
    return { text, citations: citer.citations() };
  }

  private compose(retrieval: Retrieval, ask: AskKind, context: AnswerContext, citer: CitationBuilder): string | undefined {
    const topSections = retrieval.sections.slice(0, retrievedSectionCount).map((hit) => hit.section.id);
    // "How long until someone picks it up once it sells?" asks for the window, not for who comes.
    const aboutWho = ask === 'general';
    if (context.pickupBy && aboutWho) return this.pickupBy(context.pickupBy, citer);
    if (context.pickupAsked && aboutWho && !context.nextSteps) return `${this.pickupBy('buyingDealer', citer)} ${this.pickupBy('transporter', citer)}`;
    if (context.nextSteps && ask !== 'fax' && ask !== 'contact') return this.nextSteps(context, citer);
    // "If we don't purchase it ourselves, is there still a 72 hour hold?": the hold is a dealer purchase's, and without
    // one remarketing starts at once; both cases, as the process gives them.
    if (
      (context.remarketingStartAsked ||
        (context.dealerDeclines &&
          /\b(?:hold|72|start\w* (?:selling|remarketing|the auction|to sell)|right away|immediately|how (?:fast|soon|quick\w*)|wait\w* (?:\d+|a few|three|seventy)|(?:how long )?wait\w* before|delay\w* (?:the )?(?:listing|posting|sale|auction|remarketing))\b/.test(
            context.plain,
          ))) &&
      ask !== 'fax' &&
      ask !== 'contact'
    ) {
      const starts = this.remarketingStarts();
      if (starts.length > 0) {
        citer.add(...starts);
        return starts.map((passage) => sentence(passage.text)).join(' ');
      }
    }
    // "What's the remarketing process after a lease return?": the process as a whole, not one sentence of it.
    if (ask === 'general' && asksForTheRemarketingProcess(context.plain)) {
      const overview = this.remarketingOverview(citer);
      if (overview) return overview;
    }
    switch (ask) {
      case 'fax': {
        // "Does the lessee have to sign it too?": who completes and signs the form, and where it goes when that is
        // asked too. ("the signed form" names the form, it does not ask who signs.)
        // ("What part does the customer do": the respective portions, the same passage.)
        // ("what does the lessee have to do on the form": what each one does on it, the same passage.)
        const who =
          /\b(?:sign|signs|signing|signature|fill|fills|filling|complete|completes|completing|part|parts|portions?|(?:have|has|need|needs|supposed|got) to do)\b/.test(
            context.plain,
          )
            ? this.formPassage()
            : undefined;
        if (who) citer.add(who);
        if (who && !/\b(?:fax\w*|send|where|number)\b/.test(context.plain)) return sentence(who.text);
        const where = this.fax(faxPurpose(context), citer);
        // "Do I have to use AVRM, or can I just fax it?": with access unknown, AVRM first, then the fax without it.
        if (!who && context.hasAvrmAccess === undefined && /\bavrm\b/.test(context.plain)) {
          const notify = this.retriever.passagesOf('notify-ally').find((passage) => passage.kind === 'text' && /\bnotify Ally\b/.test(passage.text));
          if (notify) {
            citer.add(notify);
            return `${messages.decision.notifyInAvrm} ${messages.withoutAvrmFaxLead} ${where}`;
          }
        }
        return who ? `${sentence(who.text)} ${where}` : where;
      }
      case 'contact': {
        // "List every Ally number": the directory's phone lines, each with what it is for (and the fax lines when faxes
        // are asked for too: "every phone and fax number").
        if (asksForEveryNumber(context.plain)) {
          const withFaxes = /\bfax/.test(context.plain);
          // ("All the options on the 877-290-9544 line": that number's lines only.)
          const numberNamed = /\b(\d{3})[-. ]?(\d{3})[-. ]?(\d{4})\b/.exec(context.plain);
          const onNumber = (id: string): boolean =>
            numberNamed === null || this.directory.reach(id).startsWith(`${numberNamed[1]}-${numberNamed[2]}-${numberNamed[3]}`);
          const phones = this.directory.entries.filter(
            (contact) => (contact.kind === 'phone' || (withFaxes && contact.kind === 'fax')) && onNumber(contact.id),
          );
          for (const contact of phones) citer.add(this.passageNaming(contact, [contact.source]));
          return phones.map((contact) => messages.callContact(contact.name, this.directory.reach(contact.id))).join(' ');
        }
        // "Is the Remarketing Center the same people as the Dealer Service Center?": each line named, with what it is for.
        // (A line is named by its name or by its option: "option 1 and option 2 on the 877 number".)
        const optionsNamed = [...context.plain.matchAll(/\b(?:option|opt\.?) ?(\d)\b/g)].map((match) => `option ${match[1] ?? ''}`);
        const named = this.directory.entries.filter(
          (entry) =>
            entry.kind === 'phone' &&
            (context.plain.includes(entry.name.toLowerCase().replace(/^(?:ally|your ally) /, '')) ||
              // ("remarketing questions vs buyout questions": a line named by what it is for.)
              linePurposeWords[entry.id]?.test(context.plain) === true ||
              optionsNamed.some((option) => this.directory.reach(entry.id).endsWith(option))),
        );
        // ("Is that option 1 or option 2?" asks which one: the topic's line, not both.)
        if (
          named.length >= 2 &&
          /\b(?:difference|differ|different|same|vs\.?|versus|compar\w*|both|each|mix(?:ed)? (?:them|it) up)\b|\bwhich\b.{0,40}\band which\b/.test(
            context.plain,
          )
        ) {
          for (const entry of named) citer.add(this.passageNaming(entry, [entry.source]));
          return named.map((entry) => messages.callContact(entry.name, this.directory.reach(entry.id))).join(' ');
        }
        // ("What's option 2 for?": the one line with the option named.)
        const optionLine = named.length === 1 && optionsNamed.length === 1 ? named[0] : undefined;
        const preferred = optionLine ?? (context.preferredContact === undefined ? undefined : this.directory.get(context.preferredContact));
        const contact = preferred ?? this.bestContact(retrieval, topSections, context);
        if (contact) {
          const naming = this.passageNaming(contact, [contact.source, ...topSections]);
          citer.add(naming);
          // A line only for dealers without AVRM access, asked by one whose access is unknown: the process's sentence,
          // which says so ("A dealer without AVRM access calls … for quotes").
          if (contact.kind !== 'person' && context.hasAvrmAccess === undefined && /no AVRM access/i.test(contact.purpose) && naming) {
            return sentence(naming.text);
          }
          if (contact.kind !== 'person') return messages.callContact(contact.name, this.directory.reach(contact.id));
          // Still waiting after registering: the wait the process gives ("the User ID … can take up to 48 hours") first.
          const wait = naming && context.awaiting ? this.waitNear(naming, 'before') : undefined;
          if (wait) citer.add(wait);
          return wait ? `${sentence(wait.text)} ${messages.contactPerson(contact.name)}` : messages.contactPerson(contact.name);
        }
        break;
      }
      case 'duration': {
        // A title gives the window of a whole step; a sentence that says "up to 6 days" is more precise about
        // how long something lasts. The time until a step happens ("how soon after the inspection is it
        // posted", "how many days until it is picked up") is the step's window, in its title.
        // ("How long does Ally take to post it?": the time it takes to get a step done is the time until it is.)
        const untilStep =
          /\b(?:how soon|how quickly|how fast|until|till|before|after|once|til|takes? to (?:post|list|inspect|pick (?:it )?up|get (?:it )?(?:posted|listed|picked up|inspected)))\b/.test(
            context.plain,
          ) && !asksHowLongItLasts(context.plain);
        // The best section's own window first: a step named as the moment after which something happens
        // ("how soon after the inspection is it posted") has a window of its own, and it is not the one asked.
        const weighWindow = (passage: Passage): number => (hasWindow(passage) ? (passage.kind === 'title' ? 0.7 : 1) : 0);
        const best = this.bestPassage(retrieval, topSections.slice(0, 1), weighWindow) ?? this.bestPassage(retrieval, topSections, weighWindow);
        const stepTitle =
          untilStep && best?.passage.kind === 'text'
            ? this.retriever.passagesOf(best.passage.section).find((passage) => passage.kind === 'title' && hasWindow(passage))
            : undefined;
        const hit = best && stepTitle ? { ...best, passage: stepTitle } : best;
        if (hit) {
          citer.add(hit.passage);
          const window = hit.passage.kind === 'title' ? messages.titleWindow(hit.passage.text) : hit.passage.text;
          // Far from a city, the step's own caveat goes with its window ("may take longer in non-metropolitan areas").
          const caveat = this.caveatFor(hit.passage, context.plain);
          if (caveat) citer.add(caveat);
          return caveat ? `${sentence(window)} ${sentence(caveat.text)}` : window;
        }
        break;
      }
      case 'website': {
        const registration = this.directory.entries.find((contact) => contact.kind === 'web');
        const passage = registration ? this.passageNaming(registration, [registration.source]) : undefined;
        if (passage) {
          // Where to register and how long the login takes to arrive go together: the next passage that gives the wait.
          const wait = this.waitNear(passage, 'after');
          citer.add(passage, ...(wait ? [wait] : []));
          return wait ? `${sentence(passage.text)} ${sentence(wait.text)}` : passage.text;
        }
        break;
      }
      case 'when':
      case 'general':
        break;
    }
    // Not asked for a number: prefer the passage that explains over one that gives a phone number.
    // Asked "what proof ...": the passage with the word asked about.
    const focused = new Set(
      retrieval.passages.filter((hit) => retrieval.focus !== undefined && hit.terms.includes(retrieval.focus)).map((hit) => hit.passage.id),
    );
    // "When does it go up on SmartAuction?" asks for the moment (then the step's window is added), not how long it stays.
    const moment = ask === 'when' && !asksHowLongItLasts(context.plain);
    // A passage for dealers without AVRM access says nothing to one who has it.
    const notForThisDealer = (passage: Passage): boolean => context.hasAvrmAccess === true && /^without avrm access\b/i.test(passage.text);
    // With who picks the car up known, the other pickup branch's sentence says nothing about this car.
    const otherParty = context.pickupBy === 'buyingDealer' ? 'transporter' : context.pickupBy === 'transporter' ? 'buyingDealer' : undefined;
    const otherPickupBranch = (passage: Passage): boolean =>
      otherParty !== undefined && pickupPartyWords[otherParty].test(passage.text) && !pickupPartyWords[context.pickupBy ?? otherParty].test(passage.text);
    const explains = (passage: Passage): number =>
      passage.kind !== 'text' || notForThisDealer(passage) || otherPickupBranch(passage)
        ? 0
        : (givesPhone(passage) ? 0.6 : 1) * (focused.size > 0 && !focused.has(passage.id) ? 0.2 : 1) * (moment && hasWindow(passage) ? 0.5 : 1);
    // "The difference between a purchase for the lessee and one for inventory": what each side's section says.
    // ("What prices can I pull, like if the customer buys vs we keep it": the "vs" gives examples of what is asked.)
    // (A way to compare the options asked for, "something that shows whether turning it in is better than paying it off",
    // is the process's calculator, not the two options side by side.)
    if (comparing.test(context.plain) && retrieval.focus !== 'calculator' && !/\b(?:like|such as|e\.?g\.?)\b[^.?!]*\b(?:vs\.?|versus)\b/.test(context.plain)) {
      // The two things compared are named, so the sections whose titles share most words with the question.
      const meaningful = (word: string): boolean => word.length > 1 && !stopWords.has(word);
      const asked = new Set(
        context.plain
          .split(/[^a-z0-9-]+/)
          .filter(meaningful)
          .map(stem),
      );
      const titleOverlap = (sectionId: string): number =>
        (this.retriever.section(sectionId)?.title ?? '')
          .toLowerCase()
          .split(/[^a-z0-9-]+/)
          .filter((word) => meaningful(word) && asked.has(stem(word))).length;
      // The best section is one side; another is the other side only when its title names it (two words of the
      // question or more): "buying dealer" and "transporter" are both in the pickup's section, so that one alone.
      const [first, ...rest] = topSections;
      const other = rest.filter((sectionId) => titleOverlap(sectionId) >= 2).sort((x, y) => titleOverlap(y) - titleOverlap(x))[0];
      const compared = [first, other].filter((sectionId): sectionId is string => sectionId !== undefined);
      const sides = compared.map((sectionId) =>
        this.retriever
          .passagesOf(sectionId)
          .filter((passage) => passage.kind === 'text' && !givesPhone(passage))
          .slice(0, 2),
      );
      if (sides.length > 0 && sides.every((side) => side.length > 0)) {
        citer.add(...sides.flat());
        return sides
          .flat()
          .map((passage) => sentence(passage.text))
          .join(' ');
      }
    }
    const hit = this.bestPassage(retrieval, topSections, explains) ?? this.bestPassage(retrieval, topSections, () => 1);
    if (!hit) return undefined;
    // "What is AVRM used for?": everything its section says it is for, not one sentence of it.
    if (asksPurpose(context.plain)) {
      const uses = this.retriever.passagesOf(hit.passage.section).filter((passage) => passage.kind === 'text' && !givesPhone(passage));
      if (uses.length > 1) {
        citer.add(...uses);
        return uses.map((passage) => sentence(passage.text)).join(' ');
      }
    }
    // ("the lessee wants to buy her car, what do we need to do on our end": what a dealer purchase takes, every sentence of its section.)
    if (asksWhatToDo(context.plain) && /^dealer-purchase-/.test(hit.passage.section)) {
      const steps = this.retriever.passagesOf(hit.passage.section).filter((passage) => passage.kind === 'text');
      if (steps.length > 1) {
        citer.add(...steps);
        return steps.map((passage) => sentence(passage.text)).join(' ');
      }
    }
    // "What letters does Ally mail?": asked for all of a kind, every sentence of the section that names one.
    // "A pre-sale letter too, or just the settlement letter?": every sentence that names one of the kinds named. A
    // pre-sale letter asked about for a lease that ran to maturity: the settlement letter is the one that comes.
    const named = kindsNamed(context.plain);
    // ("isn't turning it in early, it's at maturity": the same, in other words.)
    const fullTerm =
      /\b(?:normal maturity|full term|ran (?:to|its) (?:maturity|term)|not (?:an? )?(?:et|early)|(?:at|on) (?:lease )?maturity|end of (?:the )?lease)\b|\b(?:isn'?t|is not|wasn'?t|was not|not)\b[^.?!]{0,25}\bearly\b/.test(
        context.plain,
      );
    // "Will Ally send them anything?", "which letters will they get?": no kind named, so every letter of the section.
    const anyLetter = named.length === 0 && /\bletter\b/i.test(hit.passage.text) && asksForEveryLetter.test(context.plain);
    const kinds = named.length === 0 && (anyLetter || (fullTerm && /\b(?:pre-?sale|letters?)\b/.test(context.plain))) ? ['pre-sale', 'settlement'] : named;
    const names = (passage: Passage): boolean => kinds.some((kind) => passage.text.toLowerCase().includes(kind));
    const all =
      kinds.length >= 2
        ? this.retriever.passagesOf(hit.passage.section).filter((passage) => passage.kind === 'text' && names(passage))
        : asksForAllOf(context.plain, retrieval.focus)
          ? this.retriever.passagesOf(hit.passage.section).filter((passage) => passage.kind === 'text' && focused.has(passage.id))
          : [];
    if (all.length > 1 && all.includes(hit.passage)) {
      citer.add(...all);
      return all.map((passage) => sentence(passage.text)).join(' ');
    }
    // ("Roughly when should we see it listed for sale?": how long a car stays listed is no answer to when it is listed; the
    // step's own sentence and window are.)
    if (ask === 'when' && hit.passage.kind === 'text' && /\bfor up to \d+ days\b/i.test(hit.passage.text)) {
      const sectionPassages = this.retriever.passagesOf(hit.passage.section);
      const step = sectionPassages.find((passage) => passage.kind === 'text' && !hasWindow(passage) && !givesPhone(passage));
      const title = sectionPassages.find((passage) => passage.kind === 'title' && hasWindow(passage));
      if (step && title) {
        citer.add(step, title);
        return `${sentence(step.text)} ${messages.titleWindow(title.text)}`;
      }
    }
    citer.add(hit.passage);
    if (hit.passage.kind === 'title') return messages.titleWindow(hit.passage.text);
    if (ask === 'when' && !hasWindow(hit.passage)) {
      // "When ..." is answered by the moment and, where the process gives one, the step's window.
      const title = this.retriever.passagesOf(hit.passage.section).find((passage) => passage.kind === 'title' && hasWindow(passage));
      if (title) {
        citer.add(title);
        return `${sentence(hit.passage.text)} ${messages.titleWindow(title.text)}`;
      }
    }
    // "Inspections are not offered in AK, HI and SD": what the process says to do instead goes with it.
    const remedy = this.remedyFor(hit.passage);
    if (remedy) {
      citer.add(remedy);
      return `${sentence(hit.passage.text)} ${sentence(remedy.text)}`;
    }
    // Far from a city, or a step later than expected: the step's own caveat goes with it.
    const caveat = this.caveatFor(hit.passage, context.plain);
    if (caveat) citer.add(caveat);
    // "What if we miss the 72 hours?": the process does not say; its line for that step's questions does.
    const line = asksConsequence(context.plain) ? this.questionsLine(hit.passage) : undefined;
    if (line) citer.add(line);
    return [hit.passage, caveat, line]
      .filter((passage): passage is Passage => passage !== undefined)
      .map((passage) => sentence(passage.text))
      .join(' ');
  }

  /** The sentence of `passage`'s section that gives a phone number to call, when it is another sentence. */
  private questionsLine(passage: Passage): Passage | undefined {
    return this.retriever.passagesOf(passage.section).find((candidate) => candidate.kind === 'text' && candidate !== passage && givesPhone(candidate));
  }

  /** The non-metropolitan caveat of `passage`'s section, for a dealer far from a city or waiting longer than the window. */
  private caveatFor(passage: Passage, plain: string): Passage | undefined {
    if (!farFromCity.test(plain)) return undefined;
    return this.retriever
      .passagesOf(passage.section)
      .find((candidate) => candidate.kind === 'text' && /non-metropolitan/i.test(candidate.text) && candidate !== passage);
  }

  /** The nearest sentence of `passage`'s section, before or after it, that gives a wait ("up to 48 hours"). */
  private waitNear(passage: Passage, side: 'before' | 'after'): Passage | undefined {
    const passages = this.retriever.passagesOf(passage.section);
    const at = passages.indexOf(passage);
    const gives = (candidate: Passage): boolean => candidate.kind === 'text' && hasWindow(candidate);
    return side === 'after' ? passages.slice(at + 1).find(gives) : passages.slice(0, at).findLast(gives);
  }

  /**
   * A passage that says something is not offered or not available, followed in its section by the
   * number to call instead: that next passage (the process gives the two together).
   */
  private remedyFor(passage: Passage): Passage | undefined {
    if (!/\bnot (?:currently )?(?:offered|available)\b|\bcurrently not\b/i.test(passage.text)) return undefined;
    const passages = this.retriever.passagesOf(passage.section);
    const next = passages[passages.indexOf(passage) + 1];
    return next?.kind === 'text' && /\b(?:call|contact)\b/i.test(next.text) && givesPhone(next) ? next : undefined;
  }

  /**
   * Who comes for the car and what they must hand over, for the party known: the pickup section's
   * sentences about that party (who picks up, the document to release against) and, for a
   * transporter, the transportation line.
   */
  private pickupBy(by: 'buyingDealer' | 'transporter', citer: CitationBuilder): string {
    const contact = this.directory.require('transportation');
    const about = pickupPartyWords[by];
    const all = this.retriever.passagesOf(contact.source).filter((passage) => passage.kind === 'text' && !givesPhone(passage));
    // The party's sentence and the "do not release … without it" clause that follows it.
    const passages = all.filter(
      (passage, index) => about.test(passage.text) || (index > 0 && about.test(all[index - 1]?.text ?? '') && /^do not release/i.test(passage.text)),
    );
    citer.add(...passages);
    return passages.map((passage) => sentence(passage.text)).join(' ');
  }

  /**
   * The process from the return on, in its own words: the lessee's copy of the odometer statement,
   * notifying Ally (in AVRM, or by fax without it), then the later stages by their section titles,
   * which carry their windows ("Third-party inspection (1 to 5 days)").
   */
  private nextSteps(context: AnswerContext, citer: CitationBuilder): string {
    const first = (sectionId: string, pattern: RegExp): Passage | undefined =>
      this.retriever.passagesOf(sectionId).find((passage) => passage.kind === 'text' && pattern.test(passage.text));
    const steps: Passage[] = [];
    const copy = first('vehicle-return', /copy/);
    if (copy) steps.push(copy);
    // Without AVRM: the form the dealer and the lessee complete, then where to fax it.
    const notify = context.hasAvrmAccess === false ? [this.formPassage(), first('notify-without-avrm', /^Fax/)] : [first('notify-ally', /\bnotify Ally\b/)];
    steps.push(...notify.filter((passage): passage is Passage => passage !== undefined));
    citer.add(...steps);
    const later = this.laterStages();
    citer.add(...later);
    const lines = steps.map((passage) => sentence(passage.text));
    if (context.hasAvrmAccess === undefined) lines.push(messages.withoutAvrmFax);
    // When the kind of return is known, when remarketing starts for it: at once for a lessee return, after the
    // 72-hour hold for a dealer purchase.
    const starts = this.remarketingStarts();
    const atOnce = starts.find((passage) => /\b(?:immediately|right away|at once)\b/i.test(passage.text));
    const delayed = starts.find((passage) => passage !== atOnce && hasWindow(passage));
    const start = context.intent === 'lesseeReturn' ? atOnce : context.intent !== undefined ? delayed : undefined;
    if (start) {
      citer.add(start);
      lines.push(sentence(start.text));
    }
    lines.push(thenStages(later));
    return lines.join(' ');
  }

  /** The stages after the return, by their section titles (which carry their windows): inspection, SmartAuction, pickup. */
  private laterStages(): Passage[] {
    return ['post-return-inspection', 'smartauction', 'pickup-release']
      .map((sectionId) => this.retriever.passagesOf(sectionId).find((passage) => passage.kind === 'title'))
      .filter((passage): passage is Passage => passage !== undefined);
  }

  /**
   * When remarketing starts, by what the process says of it: the sentence that delays it by a window (a
   * dealer purchase) and the one that starts it at once (nobody buys), in the process's order.
   */
  private remarketingStarts(): Passage[] {
    const about = (passage: Passage): boolean => passage.kind === 'text' && /\bremarketing process\b/i.test(passage.text);
    const passages = this.retriever.sections.flatMap((section) => this.retriever.passagesOf(section.id)).filter(about);
    const delayed =
      passages.find((passage) => hasWindow(passage) && /\bdealer purchase\b/i.test(passage.text)) ?? passages.find((passage) => hasWindow(passage));
    const atOnce = passages.find((passage) => /\b(?:immediately|right away|at once)\b/i.test(passage.text));
    return [delayed, atOnce].filter((passage): passage is Passage => passage !== undefined);
  }

  /**
   * The remarketing process in the process's words: when it starts (after a dealer purchase's hold, or at once), its
   * stages by their section titles with their windows, and the line the process gives for more on it.
   */
  private remarketingOverview(citer: CitationBuilder): string | undefined {
    const starts = this.remarketingStarts();
    const line = this.retriever.sections
      .flatMap((section) => this.retriever.passagesOf(section.id))
      .find((passage) => passage.kind === 'text' && /\bremarketing process\b/i.test(passage.text) && givesPhone(passage));
    const stages = this.laterStages();
    if (starts.length === 0 || stages.length === 0) return undefined;
    citer.add(...starts, ...stages, ...(line ? [line] : []));
    return [...starts.map((passage) => sentence(passage.text)), thenStages(stages), ...(line ? [sentence(line.text)] : [])].join(' ');
  }

  /** The sentence of the fax section that says who completes and signs the form. */
  private formPassage(): Passage | undefined {
    const source = this.directory.require('faxLeaseReturns').source;
    return this.retriever.passagesOf(source).find((passage) => passage.kind === 'text' && /\bsigns?\b/i.test(passage.text) && /\bcomplete/i.test(passage.text));
  }

  private fax(purpose: 'lease return' | 'dealer purchase' | undefined, citer: CitationBuilder): string {
    const leaseReturn = this.directory.require('faxLeaseReturns');
    const dealerPurchase = this.directory.require('faxDealerPurchases');
    if (purpose === undefined) {
      citer.add(this.passageNaming(leaseReturn, [leaseReturn.source]));
      return messages.faxBoth(this.directory.reach(leaseReturn.id), this.directory.reach(dealerPurchase.id));
    }
    const contact = purpose === 'lease return' ? leaseReturn : dealerPurchase;
    citer.add(this.passageNaming(contact, [contact.source]));
    return messages.faxOne(this.directory.reach(contact.id), purpose);
  }

  /**
   * The directory entry to call: its own search score, plus a bonus when its number is written in one
   * of the best sections (the section decides between the three entries that share 877-290-9544).
   */
  private bestContact(retrieval: Retrieval, topSections: readonly string[], context: AnswerContext): Contact | undefined {
    let best: { contact: Contact; score: number } | undefined;
    for (const hit of retrieval.contacts) {
      if (hit.contact.kind === 'fax' || hit.contact.kind === 'web') continue;
      const pattern = contactPattern(hit.contact);
      const rank = topSections.findIndex(
        (sectionId) => pattern !== undefined && this.retriever.passagesOf(sectionId).some((passage) => pattern.test(passage.text)),
      );
      const bonus = rank === -1 ? 0 : (retrieval.sections[rank]?.score ?? 0) * (rank === 0 ? 1 : 0.5);
      // A dealer without AVRM access is sent to the entry whose purpose is exactly that.
      const noAccess = context.hasAvrmAccess === false && /no AVRM access/i.test(hit.contact.purpose) ? (retrieval.sections[0]?.score ?? 0) : 0;
      const score = hit.score + bonus + noAccess;
      if (!best || score > best.score) best = { contact: hit.contact, score };
    }
    return best?.contact;
  }

  /** `weigh` gives 0 to skip a passage, or a factor for its score. */
  private bestPassage(retrieval: Retrieval, sectionIds: readonly string[], weigh: (passage: Passage) => number): PassageHit | undefined {
    // Passages of better sections win over slightly better passages of worse sections.
    let best: { hit: PassageHit; score: number } | undefined;
    for (const hit of retrieval.passages) {
      const rank = sectionIds.indexOf(hit.passage.section);
      const weight = rank === -1 ? 0 : weigh(hit.passage);
      if (weight === 0) continue;
      const score = hit.score * weight * (1 - rank * 0.4);
      if (!best || score > best.score) best = { hit, score };
    }
    return best?.hit;
  }

  private passageNaming(contact: Contact, sectionIds: readonly string[]): Passage | undefined {
    const pattern = contactPattern(contact);
    if (!pattern) return undefined;
    const order = [...new Set([...sectionIds, ...this.retriever.sections.map((section) => section.id)])];
    for (const sectionId of order) {
      const passage = this.retriever.passagesOf(sectionId).find((candidate) => pattern.test(candidate.text));
      if (passage) return passage;
    }
    return undefined;
  }
}

/** "What is AVRM used for?", "what's the point of the Quote Matrix": what a thing is for. */
/** "What do we need to do", "what do I have to do on our end": the steps asked for, not one fact. */
function asksWhatToDo(plain: string): boolean {
  return /\bwhat (?:do|should|must) (?:i|we) (?:(?:need|have|got) to )?do\b|\bwhat(?:'s| is) (?:needed|required) (?:from|of) (?:us|me|the dealer)\b/.test(
    plain,
  );
}

function asksPurpose(plain: string): boolean {
  return /\b(?:(?:is|are) (?:\w+ ){0,3}used for|(?:do|does) (?:we|i|you|dealers?) (?:\w+ ){0,2}use (?:\w+ ){1,3}for|what (?:is|'s) the (?:point|purpose) of|what (?:does|do) (?:the )?(?:avrm|\w+ manager) do)\b/.test(
    plain,
  );
}

/** "List every Ally phone number", "all the numbers I might need", "a list of which number to call for what". */
function asksForEveryNumber(plain: string): boolean {
  return (
    /\b(?:every|all|list|each)\b(?: (?:of )?(?:the|your|ally'?s?|ally))?(?: \w+)? (?:phone )?(?:(?:and|&|\/) fax )?(?:numbers?|lines|contacts|phones|options)\b/.test(
      plain,
    ) ||
    // ("pull up the whole ally contact list": the directory named as a list.)
    /\blist of (?:which|what)\b.{0,25}\b(?:numbers?|lines)\b|\bwhich (?:\w+ )?(?:number|line) (?:to call )?for what\b|\b(?:contact|phone|number) (?:list|directory|sheet)\b/.test(
      plain,
    )
  );
}

/** Two or more kinds of one thing named ("a pre-sale letter too, or just the settlement letter?"): those kinds. */
function kindsNamed(plain: string): string[] {
  const byThing = new Map<string, Set<string>>();
  for (const match of plain.matchAll(/\b([a-z][a-z-]+) (letter|form|quote)s?\b/g)) {
    const [, kind = '', thing = ''] = match;
    if (notAKind.has(kind)) continue;
    byThing.set(thing, (byThing.get(thing) ?? new Set<string>()).add(kind));
  }
  return [...([...byThing.values()].find((kinds) => kinds.size >= 2) ?? [])];
}

const notAKind: ReadonlySet<string> = new Set(['a', 'an', 'the', 'that', 'this', 'what', 'which', 'any', 'one', 'their', 'her', 'his', 'my', 'our', 'your']);

/** "What letters …", "which forms …": a plural after what/which whose stem is the question's focus. */
function asksForAllOf(plain: string, focus: string | undefined): boolean {
  if (focus === undefined) return false;
  const asked = /\b(?:what|which)\s+(?:(?:kinds?|sorts?|types?) of\s+)?([a-z-]+s)\b/.exec(plain)?.[1];
  return asked !== undefined && stem(asked) === focus;
}

/** "How long does it stay on SmartAuction": how long a state lasts, not the time until a step. */
function asksHowLongItLasts(plain: string): boolean {
  // ("Done last week": a time past, not how long something lasts.)
  return /\b(?:stay|stays|sit|sits|remain|remains|lasts?(?! (?:week|month|year|night|time|\w+day)\b)|listed for|available for|on it for)\b/.test(plain);
}

/** Whether a passage gives a phone number (a line to call), not only words or other numbers. */
function givesPhone(passage: Passage): boolean {
  return numbersInPassage(passage).some((mention) => mention.kind === 'phone');
}

function hasWindow(passage: Passage): boolean {
  return numbersInPassage(passage).some((mention) => mention.kind === 'hours' || mention.kind === 'days' || mention.kind === 'weeks');
}

/** Which of the two fax numbers the question is about: the return's intent, or the words used. */
function faxPurpose(context: AnswerContext): 'lease return' | 'dealer purchase' | undefined {
  // ("Is the fax for dealer purchases the same one we use for lease returns, or is it different?": both, told apart.)
  if (
    /\b(?:dealer )?purchases?\b/.test(context.plain) &&
    /\blease returns?\b/.test(context.plain) &&
    /\b(?:same|different|differ|difference|vs\.?|versus|which is which|mix(?:ed)? (?:them|it) up)\b/.test(context.plain)
  )
    return undefined;
  // ("needs both fax numbers, returns and purchases": both asked for.)
  if (/\bboth (?:fax(?:es| numbers?| #s?)?|numbers)\b|\breturns? and purchases?\b|\bpurchases? and (?:lease )?returns?\b/.test(context.plain)) return undefined;
  if (context.intent !== undefined) return context.intent === 'lesseeReturn' ? 'lease return' : 'dealer purchase';
  // "We aren't buying it": both kinds of purchase are the dealer's, so with the dealer declining it is no dealer purchase.
  if (context.dealerDeclines) return 'lease return';
  // ("The lessee isn't buying": a purchase denied names none.)
  const asked = context.plain.replace(/\b(?:not|isn'?t|aren'?t|won'?t|nobody(?: is)?|no one(?: is)?|neither)\s+(?:\w+\s+)?(?:buy|purchas)\w*/g, ' ');
  const purchase = /\b(dealer purchase|purchas|buy|buyout|inventory)/.test(asked);
  // "Doesn't know yet if it's a return or a purchase", "the same fax whether we buy it or not": both faxes.
  if (purchase && /\b(?:lease returns?|a return|return or|or (?:a )?return)\b|\bwhether\b[^.?!]{0,30}\bor not\b|\bsame fax\b/.test(context.plain))
    return undefined;
  if (purchase) return 'dealer purchase';
  if (/\b(lease returns?|returns?|returning|returned|turn-?in)\b/.test(context.plain)) return 'lease return';
  return undefined;
}

/** The word a dealer names a phone line by when not by its name ("the buyout line", "remarketing questions"). */
const linePurposeWords: Readonly<Record<string, RegExp>> = {
  remarketingCenter: /\bremarketing\b/,
  dealerBuyout: /\bbuy ?outs?\b/,
  transportation: /\btransport(?:ation)?\b/,
};

/** "Then Ally takes over: third-party inspection (1 to 5 days), then …": "Third-party inspection" reads on in lower case; "SmartAuction posting" keeps its name. */
function thenStages(stages: readonly Passage[]): string {
  const lowerFirst = (text: string): string => (/^[A-Z][^A-Z\s]*\s/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text);
  return messages.thenSteps(stages.map((passage) => lowerFirst(passage.text)).join(', then '));
}

/** A clause cut at a semicolon starts lower case and has no full stop; make it read as a sentence. */
function sentence(text: string): string {
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/** "What's the remarketing process?", "how does remarketing work": the process as a whole, not when it starts. */
function asksForTheRemarketingProcess(plain: string): boolean {
  // ("the big picture - what happens to the car after it's turned in?": the whole process after the return, asked.)
  if (
    /\b(?:big picture|overall|in general|start to finish|the whole thing)\b/.test(plain) &&
    /\bwhat happens to (?:the |a |our |this )?(?:car|vehicle|unit|it)\b/.test(plain)
  )
    return true;
  return (
    /\bremarketing\b/.test(plain) &&
    /\b(?:process|procedure|work|works|steps|rundown|overview|explain|walk (?:me|us|them|him|her) through|what (?:is|does|happens))\b/.test(plain) &&
    !/\b(?:hold|72|start\w*|begin\w*|when|how (?:long|soon|fast|quick\w*)|right away|immediately)\b/.test(plain)
  );
}
