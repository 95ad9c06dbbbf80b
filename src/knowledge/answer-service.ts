import { isoNow, systemClock, type Clock } from '../clock.ts';
import { decisionRequestSchema, type DecisionRequest, type DecisionRequestInput } from '../domain/decision-request.ts';
import type { Decision } from '../domain/decision.ts';
import { stateName } from '../domain/us-states.ts';
import {
  framingTopics,
  impliedTopics,
  interpretMessage,
  notAuctionEligible,
  splitReferencePoints,
  topicContacts,
  topicSearchWords,
  topicSections,
  type Interpretation,
  type InterpretationContext,
  type SmallTalk,
} from '../understanding/index.ts';
import { ValidationError } from '../errors.ts';
import { validationErrorFrom } from '../validation-errors.ts';
import type { Logger } from '../logger.ts';
import type { DecisionService } from '../rules/decision-service.ts';
import {
  answerRequestSchema,
  type Answer,
  type AnswerMode,
  type AnswerRequest,
  type AnswerRequestInput,
  type AssumedFacts,
  type ContextFacts,
  type KnownFacts,
  type StatedAnswerFacts,
} from './answer-schema.ts';
import { DecisionAnswerer } from './decision-answerer.ts';
import { ExtractiveAnswerer, retrievedSectionCount } from './extractive-answerer.ts';
import { LlmUnavailableError, type LlmInterpreter } from './llm-interpreter.ts';
import { verifyModelInterpretation, type FactDisagreement } from './llm-verification.ts';
import { messages } from './messages.ts';
import { findMaturityOffset, type QuestionFacts } from './question-facts.ts';
import { askKindOf, decisionTopicsOf, type AskKind, type DecisionTopic } from './question-kind.ts';
import { Retriever, type PassageHit, type Retrieval } from './retriever.ts';
import { allyLineName, isInDomain, normaliseQuestion, withProcessNames } from './vocabulary.ts';

export {
  answerRequestSchema,
  answerSchema,
  type Answer,
  type AnswerRequest,
  type AnswerRequestInput,
  type AssumedFacts,
  type Citation,
  type Ruling,
} from './answer-schema.ts';

/**
 * Fields a decision needs that neither the question nor the caller gave. They are chosen so they do
 * not change the part of the decision the question is about, and the answer states only that part:
 * a state where inspections are offered, AVRM access, a lessee return (or the purchase the wishes
 * imply), and a return on the maturity date (today). Whatever is filled in is listed in the answer's
 * `assumedFacts`, and the whole decision is then not returned (only `ruling`, the part asked).
 */
export const neutralDefaults = { state: 'OH', hasAvrmAccess: true, intent: 'lesseeReturn' } as const;

export interface AnswerServiceOptions {
  decisions: DecisionService;
  logger: Logger;
  clock?: Clock;
  /**
   * When given (OPENAI_API_KEY is set), the model reads the question (facts with their words, topics, a
   * choice among the retrieved passages); its reading is verified and the reply is composed as without it.
   */
  llm?: LlmInterpreter | undefined;
}

interface Draft {
  readonly answer: Answer;
  readonly retrieval: Retrieval | undefined;
  /** The sections the answer may rest on: the best retrieved ones plus those the draft cites. */
  readonly retrievedSections: readonly string[];
}

const requiredFacts = ['state', 'returnDate', 'maturityDate', 'intent', 'hasAvrmAccess'] as const;
type RequiredFact = (typeof requiredFacts)[number];

type CombinedFacts = { [K in keyof Omit<DecisionRequest, 'pickup'>]?: DecisionRequest[K] | undefined } & {
  pickup?: { by?: 'buyingDealer' | 'transporter' | undefined; proofOfSale?: boolean | undefined; billOfLading?: boolean | undefined } | undefined;
  maturityOffset?: QuestionFacts['maturityOffset'];
};

/** How many of the best retrieved passages the model may choose among. */
const shownPassageCount = 8;

/**
 * Grounded answers to free-text questions about the lease-return process: the bot, the agent console,
 * the API and the CLI all call `answer()`. Extractive by default (no key, no network). With an LLM
 * configured the model only reads the question: its facts are verified against the dealer's words by
 * the deterministic reader, and the reply is composed from the merged reading exactly as without a
 * model (the rules' sentences, process passages verbatim, fixed templates). No text of the model's
 * reaches the dealer; any failure of the model leaves the answer it would have been without it.
 */
export class AnswerService {
  readonly mode: AnswerMode;
  private readonly retriever: Retriever;
  private readonly extractive: ExtractiveAnswerer;
  private readonly decisionAnswerer: DecisionAnswerer;
  private readonly clock: Clock;

  constructor(private readonly options: AnswerServiceOptions) {
    const { ruleSet, directory } = options.decisions;
    this.retriever = new Retriever(ruleSet.sections, ruleSet.contacts);
    this.extractive = new ExtractiveAnswerer(this.retriever, directory);
    this.decisionAnswerer = new DecisionAnswerer({ rules: ruleSet.rules, directory, retriever: this.retriever });
    this.clock = options.clock ?? systemClock;
    this.mode = options.llm ? 'llm' : 'extractive';
  }

  async answer(input: AnswerRequestInput): Promise<Answer> {
    const parsed = answerRequestSchema.safeParse(input);
    if (!parsed.success) throw validationErrorFrom(parsed.error);
    const draft = await this.draft(parsed.data);
    const { llm } = this.options;
    if (!llm || draft.answer.outOfScope) return draft.answer;
    return this.composeWithModel(llm, parsed.data, draft);
  }

  private async draft(request: AnswerRequest): Promise<Draft> {
    const context = { today: isoNow(this.clock).slice(0, 10), channel: request.channel ?? 'api' };
    const interpretation = interpretMessage(request.question, context);
    // ("thanks, that clears it up": nothing asked, nothing to refuse.)
    if (interpretation.want === 'smallTalk') return this.smallTalk(interpretation.smallTalk ?? 'acknowledgement');
    return this.composeEachQuestion(request, interpretation, [], context);
  }

  /**
   * "The transporter is late — who do I call, and what does he have to show us?": two questions, each answered,
   * each with the facts the whole message states (the reader's, or the model's once verified).
   */
  private async composeEachQuestion(
    request: AnswerRequest,
    whole: Interpretation,
    preferredPassages: readonly string[],
    context: InterpretationContext,
  ): Promise<Draft> {
    // ("which fax is for lease returns? The sheet in our office says 877-290-9556.": a part that names nothing of the process,
    // states nothing and asks in no words of a question asks nothing of its own.)
    const partReadings = (whole.want === 'question' ? questionParts(request.question) : [])
      .map((part) => ({ part, reading: interpretMessage(part, context) }))
      .filter(
        ({ part, reading }) =>
          part.includes('?') ||
          /\b(?:what|whats|who|whom|when|where|how|which|why|can|could|do|does|did|is|are|should|will|would)\b/i.test(part) ||
          reading.topics.length > 0 ||
          Object.keys(reading.facts).length > 0,
      );
    const parts = partReadings.map(({ part }) => part);
    const readings = partReadings.map(({ reading }) => reading);
    // Each part a question of its own (one that names nothing of the process, "what does he have to show us", takes
    // the topics of the whole message); a part of another business leaves the message to be answered whole.
    if (parts.length < 2 || readings.some((reading) => reading.want !== 'question' && reading.want !== 'outOfScope') || readings[0]?.want !== 'question')
      return this.compose(request, whole, preferredPassages);
    const drafts: Draft[] = [];
    for (const [index, part] of parts.entries()) {
      const reading = readings[index];
      if (!reading) continue;
      // ("who do we call to finalize" after "reselling it to the lessee": the whole message's topics say about what.)
      const framingOnly = reading.topics.every((topic) => framingTopics.has(topic));
      const read = framingOnly ? [...new Set([...whole.topics.filter((topic) => topic !== 'contacts'), ...reading.topics])] : reading.topics;
      const facts = { ...whole.facts, ...reading.facts };
      // (The topics the whole message's facts imply for this part: "… who do we call to finish the paperwork" after a purchase.)
      const topics = impliedTopics(read, facts, reading.readAs);
      drafts.push(await this.compose({ ...request, question: part }, { ...reading, want: 'question', topics, facts }, []));
    }
    const [first, ...rest] = drafts;
    if (!first || drafts.some((draft) => draft.answer.outOfScope)) return this.compose(request, whole, preferredPassages);
    return rest.reduce(joinDrafts, first);
  }

  /** The reply for an interpretation of the question; `preferredPassages` (retrieved ones only) rank first among the passages. */
  private async compose(request: AnswerRequest, interpretation: Interpretation, preferredPassages: readonly string[]): Promise<Draft> {
    // The reader's words (typos corrected), so the answer is about what the reader understood.
    const topics = interpretation.topics;
    // "We never got set up on the ally site, can we still get a payoff?": no access told as the situation of a question
    // about something else is neither searched for nor asked about (the registration passage would answer it).
    const accessIsSituation =
      interpretation.facts.hasAvrmAccess?.value === false &&
      topics.length > 0 &&
      !['avrmAccess', 'notification', 'nextSteps', 'contacts'].includes(topics[0] ?? 'avrmAccess');
    const situation = accessIsSituation && interpretation.facts.hasAvrmAccess ? withProcessNames(interpretation.facts.hasAvrmAccess.words) : '';
    const readAs = situation.length > 8 ? interpretation.readAs.replace(situation, ' ') : interpretation.readAs;
    const normalised = normaliseQuestion(readAs);
    const stated = statedFactsOf(interpretation, normalised.plain);
    // "The customer wants to buy it out, what do we do?": a "what now" after a specific topic asks about that topic.
    const topicWords = topics
      .filter((topic, index) => index === 0 || topic !== 'nextSteps')
      .filter((topic) => !(accessIsSituation && topic === 'avrmAccess'))
      .map((topic) => topicSearchWords[topic])
      .join(' ');
    const stateWords = stated.state ? ` ${stateName(stated.state)} ${stated.state} states` : '';
    // "How many days after the inspection until it is listed?": the step named as a reference point is searched at the weight of a synonym.
    const { main, reference } = splitReferencePoints(normalised.plain);
    const added = `${normalised.added} ${topicWords}${stateWords} ${reference}`.trim();
    const searched = this.retriever.search(main, added, normalised.focus);
    // A question about timing is about the step named first, as is one with a step as reference point.
    const timed = ['duration', 'when'].includes(askKindOf(normalised));
    // (So is "we notified Ally, what happens next?": the step after the one done, which the reader put first.)
    const stepAsked = stepTopics.has(topics[0] ?? '') && /\bwhat (?:happens|comes)\b|\bwhat(?:'s| is) next\b|\bnow what\b/.test(normalised.plain);
    // ("She wants to buy it, where do I pull the payoff?": where quotes are obtained, in the section on notifying Ally in AVRM.)
    // ("where do i pull an ET quote from": the kind of termination names the quote asked for.)
    const quoteSourceAsked = (topics[0] === 'quote' || (topics[0] === 'termination' && topics[1] === 'quote')) && asksWhereToGet.test(normalised.plain);
    const leading = quoteSourceAsked ? quoteSourceSection : topics[0] === undefined ? undefined : topicSections[topics[0]];
    // ("does the lessee get any letter from Ally if it's a normal maturity?": the letters asked about, the kind of
    // termination only their condition.)
    const lettersAsked = topics[0] === 'letters' && /\b(?:normal maturity|early termination|et|nm|early term)\b/.test(normalised.plain);
    // ("who actually looks the car over for excess wear, ally or us?": who inspects, whatever the inspection looks for.)
    const inspectorAsked = topics[0] === 'inspection' && /\bwho\b[^.?!]{0,20}\b(?:inspects?|looks?|checks?|goes over|examines?)\b/.test(normalised.plain);
    // (Each of these puts the leading topic's section first, whatever retrieval ranked first.)
    const sectionLeads = stepAsked || quoteSourceAsked || lettersAsked || inspectorAsked;
    const retrieval = preferring(reference === '' && !timed && !sectionLeads ? searched : leadingSection(searched, leading, sectionLeads), preferredPassages);
    // A process topic read from the dealer's words ("72 hr hold?") puts a question in scope as surely as a process word.
    const processTopic = topics.some((topic) => topic !== 'contacts' && topic !== 'status');
    const inDomain = (isInDomain(normalised.plain) || processTopic) && interpretation.want !== 'outOfScope';
    if (!inDomain || !this.extractive.isStrongEnough(retrieval)) return this.outOfScope();

    const maturityOffset = findMaturityOffset(normalised.plain);
    const { facts, context } = combine(request.facts ?? {}, stated, maturityOffset);
    const used = factsLine({ ...context, ...stated }, interpretation);
    // A text that already opens with the fact it rests on ("For a dealer purchase, fax ...") needs no line saying so:
    // "For a dealer purchase in Ohio:" before it would say the purchase twice (and the fax does not depend on the state).
    // (So does one whose opening clause is a part of the line: "Without AVRM access, the dealer and the lessee …".)
    const opening = (text: string): string => (/^([^,.:]{8,60}),/.exec(text)?.[1] ?? '').toLowerCase();
    const opensWithUsed = (text: string): boolean =>
      used !== undefined &&
      (text.toLowerCase().startsWith(`${(used.split(/[,:]/)[0] ?? used).toLowerCase()},`) ||
        /^For (?:a|an) [^,:.]{1,60},/.test(text) ||
        (opening(text) !== '' && used.toLowerCase().includes(opening(text))));
    const prefixed = (text: string): string => (used === undefined || opensWithUsed(text) ? text : `${used} ${text}`);
    const reported = { statedFacts: stated, contextFacts: context };
    // Registered and still waiting for the User ID: the process names the wait and, beyond it, the Account Executive.
    // "Registered, when can I log in?" asks before the wait is over: where to register and the wait answer it.
    // (The reader states no access for both, with the words that say so.)
    const noAccess = interpretation.facts.hasAvrmAccess?.value === false ? interpretation.facts.hasAvrmAccess.words.toLowerCase() : '';
    const registering = /\bwhen (?:will|can|do)\b/.test(noAccess);
    const awaitingCredentials =
      !accessIsSituation &&
      !executiveAway(normalised.plain) &&
      topics.includes('avrmAccess') &&
      noAccess !== '' &&
      (/\b(?:regist\w*|signed up|applied|enrolled|still|waiting|past|sitting)\b/.test(normalised.plain) ||
        // ("who do i talk to abt avrm, password never came": the credentials awaited, asked about for themselves, not for a quote or a fax.)
        (/\b(?:never (?:came|come|arrived|showed up|got)|(?:hasn'?t|haven'?t|didn'?t|did not|has not|have not) (?:come|came|arrived|shown up|showed up))\b/.test(
          normalised.plain,
        ) &&
          !topics.some((topic) => topic === 'quote' || topic === 'fax' || topic === 'odometer' || topic === 'purchase'))) &&
      // ("… user id hasnt come thru yet. can they just phone in the turn-in instead?": another way to go on, not the wait, is asked.)
      !(topics.includes('notification') && /\b(?:instead|another way|other way|alternative|in the meantime|meanwhile)\b/.test(normalised.plain)) &&
      !registering;
    // ("My Account Executive is out this week, who else can help?": someone other than the Account Executive.)
    const executiveIsAway = executiveAway(normalised.plain);
    // ("is it our account exec who sets up avrm or do we register ourselves?": the Executive offered against registering, which answers.)
    const registeringOffered = /\bor (?:do|should|can|would|could) (?:we|i|they|the dealer) (?:just )?(?:register|sign up|set (?:it )?up|do it)\b/.test(
      normalised.plain,
    );
    const namesExecutive = topics.includes('avrmAccess') && /\baccount exec\w*\b/.test(normalised.plain) && !executiveIsAway && !registeringOffered;
    // ("registered yesterday, still no user ID. Is something wrong or do we just wait?": the wait, then whom to ask beyond it.)
    // ("besides registering online, who on the ally side do i ask about getting our manager set up in AVRM": registering set
    // aside, whom to ask beyond it is the Account Executive.)
    const registeringSetAside =
      topics.includes('avrmAccess') &&
      /\b(?:besides|other than|apart from|aside from|beyond) (?:just )?(?:registering|signing up|the (?:registration|sign ?up))\b/.test(normalised.plain);
    const ask =
      namesExecutive ||
      registeringSetAside ||
      (awaitingCredentials &&
        askKindOf(normalised) === 'general' &&
        // ("do I have to start over with my avrm registration? signed up 3 days ago": registering again is no cure for the wait.)
        /\b(?:normal|something wrong|anything wrong|just wait|wait (?:longer|it out|more)|how long|start over|(?:register|sign up|apply) again|re-?regist\w*|redo)\b/.test(
          normalised.plain,
        ))
        ? 'contact'
        : steeredAsk(
            askKindOf(normalised),
            topics,
            facts,
            notifyWords.test(normalised.plain),
            registering,
            /\bis (?:that|this|it) normal\b/.test(normalised.plain),
            // ("the snow pushed the truck to wednesday. anything we need from the driver?": a change told before the question
            // is its situation; only the question itself asks to rearrange the pickup.)
            /\b(?:cancel\w*|reschedul\w*|chang\w*|mov\w*|push\w*|postpon\w*|delay\w*)\b/.test(questionAsked(normalised.plain)),
          );
    // The rules answer a part of the decision only when the question is about it: "the fax number for a
    // dealer purchase for the lessee" names a kind of quote but asks for a fax, not whether it is a return quote.
    // ("we're in Georgia, do we still have to call somebody for an inspection?": in a state with inspections nobody is called;
    // the rules say when the inspector comes. The Remarketing Center's line is for AK, HI and SD.)
    // (An inspection overdue, "nobody has come out to inspect it yet. Who should they call?", is a question for a line.)
    const inspectionOverdue = /\b(?:nobody|no one|no-one|hasn'?t|has not|haven'?t|have not|never|yet|late|overdue)\b/.test(normalised.plain);
    const inspectionNotCalled =
      ask === 'contact' && topics[0] === 'inspection' && stated.state !== undefined && !['AK', 'HI', 'SD'].includes(stated.state) && !inspectionOverdue;
    const topic =
      ask === 'contact' && !inspectionNotCalled
        ? undefined
        : [
            ...new Set([
              ...decisionTopicsOf(normalised),
              // (The inspection asked about in words of the visit, "does somebody come out to check the car over", or found
              // only by the sections retrieved: with the state known, the rules say whether and when, never another state's line.)
              ...((topics[0] === 'inspection' && !/\b(?:dings?|dents?|scratch\w*|damage\w*|wear|miles|mileage|owes?|letter)\b/.test(normalised.plain)) ||
              (topics.length === 0 && ['state-exceptions', 'post-return-inspection'].includes(retrieval.sections[0]?.section.id ?? ''))
                ? (['inspection'] as const)
                : []),
            ]),
          ].find(
            // "Where do I get a lessee return quote?" asks where quotes come from, not whether it is a return quote.
            (candidate) =>
              isDecidable(candidate, facts) && isAskedAbout(candidate, topics) && !(candidate === 'quote' && asksWhereToGet.test(normalised.plain)),
          );
    if (topic) {
      const decision = await this.decide(facts);
      if (decision) {
        const { text, citations } = this.decisionAnswerer.answer(topic, decision.outcome, decision.request, ask, normalised.plain);
        const assumedFacts: AssumedFacts = {};
        for (const key of decision.assumed) Object.assign(assumedFacts, { [key]: decision.request[key] });
        return this.drafted(
          {
            answer: prefixed(text),
            citations,
            mode: 'extractive',
            outOfScope: false,
            // The whole decision only when nothing in it rests on a default; otherwise just the part asked.
            ...(decision.assumed.length === 0 ? { decision: decision.outcome } : {}),
            ruling: this.decisionAnswerer.rulingOf(topic, decision.outcome),
            assumedFacts,
            ...reported,
          },
          retrieval,
        );
      }
    }
    // Questions about registering or using AVRM go to the Account Executive ("If you have additional questions please
    // contact your Ally Account Executive"); a dealer without access asking for quotes or a fax does not.
    // ("Our AVRM login got shut off. Who handles account access questions?": access itself asked about, by a dealer without it.)
    const avrmQuestions =
      topics.includes('avrmAccess') &&
      (facts.hasAvrmAccess !== false || (topics[0] === 'avrmAccess' && /\b(?:access|account) questions?\b/.test(normalised.plain))) &&
      !executiveIsAway &&
      /\b(?:regist\w*|sign(?:ing|ed)? up|set(?:ting)? up|add(?:ing|ed)?|(?:another|second|new|other) (?:store|rooftop|location)|questions?|account exec\w*|users?|longer than|been longer|48 hours|still (?:no|waiting)|trouble|acting up)\b/.test(
        normalised.plain,
      );
    // With the Account Executive away, a dealer without access yet is the Dealer Service Center's.
    const preferredContact =
      awaitingCredentials || avrmQuestions
        ? 'accountExecutive'
        : (executiveIsAway && topics.includes('avrmAccess')) ||
            // ("Ally's general help line for dealers": the Dealer Service Center, the line this assistant gives for all else.)
            (topics[0] === 'contacts' && /\b(?:general|main) (?:help ?)?(?:line|number)\b|\bhelp ?line\b/.test(normalised.plain))
          ? 'dealerServiceCenter'
          : topics
              // (Quotes go to the Dealer Service Center only without AVRM access: "Carvana offered more than the payoff but the
              // dealer wants it for inventory, who do they talk to" is the purchase's line.)
              .filter((candidate) => candidate !== 'quote' || topics[0] === 'quote' || facts.hasAvrmAccess === false || !topics.includes('purchase'))
              .map((candidate) => topicContacts[candidate])
              .find((id) => id !== undefined);
    // The pickup is what is asked unless another step of the process leads ("it hasn't sold and has been on SmartAuction 5 days, normal?").
    const pickupAsked = (topics.includes('pickup') || topics.includes('transport')) && !stepTopics.has(topics[0] ?? 'pickup');
    const nextSteps = topics[0] === 'nextSteps' || (topics.includes('nextSteps') && topics.every((topic) => topic === 'nextSteps' || topic === 'notification'));
    // "When does Ally start remarketing?" with nobody known to buy: the process gives two answers (72 hours after a
    // dealer purchase, at once otherwise), and a question that names the hold itself wants only the first.
    const intentKnown = (facts.intent ?? impliedIntent(facts)) !== undefined || facts.dealerWantsToPurchase !== undefined;
    // ("Does that mean it starts right away with no 72 hr hold?" names the hold only to ask whether there is one: both cases.)
    const remarketingStartAsked = topics[0] === 'hold' && !intentKnown && (!namesTheHold.test(normalised.plain) || asksWhetherHeld.test(normalised.plain));
    const extracted = this.extractive.answer(retrieval, ask, {
      nextSteps,
      remarketingStartAsked,
      intent: facts.intent ?? impliedIntent(facts),
      hasAvrmAccess: facts.hasAvrmAccess,
      plain: normalised.plain,
      preferredContact,
      pickupBy: pickupAsked ? facts.pickup?.by : undefined,
      pickupAsked: topics[0] === 'pickup' || topics[0] === 'transport',
      dealerDeclines: facts.dealerWantsToPurchase === false,
      awaiting: awaitingCredentials,
    });
    if (!extracted) return this.outOfScope();
    return this.drafted({ answer: prefixed(extracted.text), citations: extracted.citations, mode: 'extractive', outOfScope: false, ...reported }, retrieval);
  }

  private drafted(answer: Answer, retrieval: Retrieval): Draft {
    const best = retrieval.sections.slice(0, retrievedSectionCount).map((hit) => hit.section.id);
    return { answer, retrieval, retrievedSections: [...new Set([...best, ...answer.citations.map((citation) => citation.section)])] };
  }

  /** Small talk: its short reply, then what can be asked and whom to call for anything else (nothing of the process asked, so flagged out of scope). */
  private smallTalk(kind: SmallTalk): Draft {
    const { text, citations } = this.extractive.outOfScope();
    return {
      answer: { answer: `${messages.smallTalk[kind]} ${text}`, citations, mode: 'extractive', outOfScope: true },
      retrieval: undefined,
      retrievedSections: [],
    };
  }

  private outOfScope(): Draft {
    const { text, citations } = this.extractive.outOfScope();
    return { answer: { answer: text, citations, mode: 'extractive', outOfScope: true }, retrieval: undefined, retrievedSections: [] };
  }

  /** Asks the rules; facts that contradict each other (a caller's wishes against the question) fall back to passages. */
  private async decide(facts: CombinedFacts): Promise<{ outcome: Decision; request: DecisionRequest; assumed: RequiredFact[] } | undefined> {
    const parsed = decisionRequestSchema.safeParse(this.decisionRequestFrom(facts));
    if (!parsed.success) return undefined;
    // A maturity date placed around today from "3 weeks before maturity" is as assumed as the return date.
    const assumed = requiredFacts.filter((key) => facts[key] === undefined);
    try {
      return { outcome: await this.options.decisions.decide(parsed.data), request: parsed.data, assumed };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      this.options.logger.debug({ code: error.code, field: error.field }, 'answer: facts contradict each other; answering from the passages');
      return undefined;
    }
  }

  private decisionRequestFrom(facts: CombinedFacts): DecisionRequestInput {
    const today = this.clock.now().toUTC().startOf('day');
    const returnDate = facts.returnDate ?? today.toISODate() ?? '';
    const offset = facts.maturityOffset;
    const maturityDate = facts.maturityDate ?? (offset ? (today.plus({ [offset.unit]: offset.amount }).toISODate() ?? returnDate) : returnDate);
    const request: DecisionRequestInput = {
      state: facts.state ?? neutralDefaults.state,
      returnDate,
      maturityDate,
      intent: facts.intent ?? impliedIntent(facts) ?? neutralDefaults.intent,
      hasAvrmAccess: facts.hasAvrmAccess ?? neutralDefaults.hasAvrmAccess,
    };
    if (facts.pickup?.by) {
      request.pickup = { by: facts.pickup.by };
      if (facts.pickup.proofOfSale !== undefined) request.pickup.proofOfSale = facts.pickup.proofOfSale;
      if (facts.pickup.billOfLading !== undefined) request.pickup.billOfLading = facts.pickup.billOfLading;
    }
    if (facts.vin !== undefined) request.vin = facts.vin;
    if (facts.lesseeWantsToPurchase !== undefined) request.lesseeWantsToPurchase = facts.lesseeWantsToPurchase;
    if (facts.dealerWantsToPurchase !== undefined) request.dealerWantsToPurchase = facts.dealerWantsToPurchase;
    return request;
  }

  /**
   * LLM mode: the model reads the question with the conversation's context and the retrieved passages;
   * its reading is verified (see verifyModelInterpretation) and the reply composed from it. On any
   * failure of the model, or a composition that would not answer, the deterministic draft is sent.
   */
  private async composeWithModel(llm: LlmInterpreter, request: AnswerRequest, draft: Draft): Promise<Answer> {
    const today = isoNow(this.clock).slice(0, 10);
    const channel = request.channel ?? 'api';
    const shown = (draft.retrieval?.passages ?? []).slice(0, shownPassageCount).map((hit) => ({ id: hit.passage.id, text: hit.passage.text }));
    let model: Awaited<ReturnType<LlmInterpreter['interpret']>>;
    try {
      model = await llm.interpret({ message: request.question, today, channel, pendingField: undefined, knownFacts: request.facts ?? {}, passages: shown });
    } catch (error) {
      // Only our own short description: an upstream error body may echo the request or account details.
      const failure = error instanceof LlmUnavailableError ? error.message : `unexpected ${error instanceof Error ? error.name : typeof error}`;
      this.options.logger.warn({ model: llm.model, failure }, 'answer: LLM unavailable; answered without it');
      return draft.answer;
    }
    const context = { today, channel };
    let verified: ReturnType<typeof verifyModelInterpretation>;
    let composed: Draft;
    try {
      verified = verifyModelInterpretation({
        message: request.question,
        context,
        deterministic: interpretMessage(request.question, context),
        model,
        shownPassageIds: new Set(shown.map((passage) => passage.id)),
      });
      composed = await this.composeEachQuestion(request, verified.interpretation, verified.passageIds, context);
    } catch (error) {
      // Whatever the model sent, a reading that cannot be composed leaves the answer without it.
      this.options.logger.warn({ model: llm.model, failure: error instanceof Error ? error.name : typeof error }, 'answer: model reading not usable');
      return draft.answer;
    }
    this.options.logger.debug(
      { model: llm.model, added: verified.added, dropped: verified.dropped, passageIds: verified.passageIds },
      'answer: the model read the question',
    );
    if (composed.answer.outOfScope) return draft.answer;
    const answer: Answer = { ...composed.answer, mode: 'llm' };
    return verified.disagreement ? withConfirmation(answer, verified.disagreement) : answer;
  }
}

/** The answer goes by the reader's reading, and asks the dealer to confirm the fact the model read otherwise. */
function withConfirmation(answer: Answer, disagreement: FactDisagreement): Answer {
  return {
    ...answer,
    answer: `${answer.answer} ${messages.confirmFact(messages.factNames[disagreement.field], disagreement.words)}`,
    confirm: { field: disagreement.field, heard: disagreement.heard, model: disagreement.model },
  };
}

/**
 * The retrieval with the preferred passages ranked first, in the order given, among those of the best
 * retrieved section only: the model may choose which sentence of the section the question is about
 * answers it, never move the answer to another topic (a true but unasked passage is still a wrong answer).
 */
function preferring(retrieval: Retrieval, preferred: readonly string[]): Retrieval {
  const bestSection = retrieval.sections[0]?.section.id;
  if (preferred.length === 0 || bestSection === undefined) return retrieval;
  const top = retrieval.passages[0]?.score ?? 0;
  const chosen: PassageHit[] = [];
  preferred.forEach((id, index) => {
    const hit = retrieval.passages.find((candidate) => candidate.passage.id === id && candidate.passage.section === bestSection);
    if (hit) chosen.push({ ...hit, score: top + preferred.length - index });
  });
  if (chosen.length === 0) return retrieval;
  const rest = retrieval.passages.filter((hit) => !chosen.some((candidate) => candidate.passage.id === hit.passage.id));
  return { ...retrieval, passages: [...chosen, ...rest] };
}

/** Steps of the process other than the pickup: when one leads the topics, the question is about it. */
const stepTopics: ReadonlySet<string> = new Set(['smartAuction', 'inspection', 'letters', 'hold', 'avrmAccess', 'fax', 'odometer', 'quote', 'termination']);

/**
 * For a question that names one step as the reference point of another ("how many days after the
 * inspection until it is listed on SmartAuction"), the section of the leading topic first when
 * retrieval found it among the best: the reader put what is asked before the reference point.
 */
/** The section that says where quotes are obtained (in AVRM, with notifying Ally). */
const quoteSourceSection = 'notify-ally';

function leadingSection(retrieval: Retrieval, home: string | undefined, wherever = false): Retrieval {
  const at = home === undefined ? -1 : retrieval.sections.findIndex((hit) => hit.section.id === home);
  const lead = retrieval.sections[at];
  // (`wherever`: the next step asked for leads even from low in the retrieval, as the reader put it first.)
  if (at < 0 || (at >= retrievedSectionCount && !wherever) || !lead) return retrieval;
  const sections = [lead, ...retrieval.sections.filter((hit) => hit !== lead)];
  // Its passages are raised to the best passage's score, so they win within the section as well as across.
  const best = (inHome: boolean): number =>
    Math.max(0, ...retrieval.passages.filter((hit) => (hit.passage.section === home) === inHome).map((hit) => hit.score));
  const factor = best(true) > 0 ? Math.max(1, best(false) / best(true)) : 1;
  const passages = retrieval.passages
    .map((hit) => (hit.passage.section === home ? { ...hit, score: hit.score * factor } : hit))
    .sort((a, b) => b.score - a.score);
  return { ...retrieval, passages, sections: [{ ...lead, score: Math.max(lead.score, retrieval.sections[0]?.score ?? 0) }, ...sections.slice(1)] };
}

/**
 * The decision-request fields an interpretation states ("didn't sell" implies a transporter, as the
 * process says, and so does a car that is not SmartAuction eligible).
 */
function statedFactsOf(interpretation: Interpretation, plain: string): StatedAnswerFacts {
  const facts = interpretation.facts;
  const stated: StatedAnswerFacts = {};
  if (facts.state) stated.state = facts.state.value;
  if (facts.maturityDate) stated.maturityDate = facts.maturityDate.value;
  if (facts.returnDate) stated.returnDate = facts.returnDate.value;
  if (facts.intent) stated.intent = facts.intent.value;
  if (facts.hasAvrmAccess) stated.hasAvrmAccess = facts.hasAvrmAccess.value;
  if (facts.dealerWantsToPurchase) stated.dealerWantsToPurchase = facts.dealerWantsToPurchase.value;
  if (facts.lesseeWantsToPurchase) stated.lesseeWantsToPurchase = facts.lesseeWantsToPurchase.value;
  // "A transporter came, but the car sold on SmartAuction": the two do not go together, so neither party is assumed
  // (the answer gives both: the buying dealer with proof of sale, a transporter with a Bill of Lading).
  const soldTo = facts.sold === undefined ? undefined : facts.sold.value ? 'buyingDealer' : 'transporter';
  if (facts.pickupBy && soldTo !== undefined && facts.pickupBy.value !== soldTo) return stated;
  const by =
    facts.pickupBy?.value ??
    (facts.sold
      ? facts.sold.value
        ? 'buyingDealer'
        : 'transporter'
      : facts.billOfLading || notAuctionEligible.test(plain)
        ? 'transporter'
        : facts.proofOfSale
          ? 'buyingDealer'
          : undefined);
  if (by) {
    stated.pickup = { by };
    if (facts.proofOfSale) stated.pickup.proofOfSale = facts.proofOfSale.value;
    if (facts.billOfLading) stated.pickup.billOfLading = facts.billOfLading.value;
  }
  return stated;
}

const intentFields = ['intent', 'lesseeWantsToPurchase', 'dealerWantsToPurchase'] as const;

/**
 * Precedence: what the question states > what the caller already knows (the open case, the
 * conversation) > neutral defaults (filled in later, listed as assumed). A caller's fact the question
 * contradicts is dropped, not merged: "after a dealer purchase" asked with a lessee-return case open is
 * about a dealer purchase. `context` is what was kept from the caller.
 */
function combine(
  known: KnownFacts,
  stated: StatedAnswerFacts,
  maturityOffset: QuestionFacts['maturityOffset'],
): { facts: CombinedFacts; context: ContextFacts } {
  const context: ContextFacts = {};
  for (const [key, value] of Object.entries(known)) if (value !== undefined && !(key in stated)) Object.assign(context, { [key]: value });
  const statesWish = intentFields.some((key) => stated[key] !== undefined);
  if (statesWish && stated.intent === undefined) {
    // "a dealer purchase" keeps a caller's dealer-purchase intent (it says which kind) but overrides a lessee return.
    const keepsKind =
      stated.dealerWantsToPurchase === true && context.intent !== undefined && context.intent !== 'lesseeReturn' && stated.lesseeWantsToPurchase !== true;
    if (!keepsKind) for (const key of intentFields) delete context[key];
  } else if (statesWish) for (const key of intentFields) delete context[key];
  if (stated.pickup && context.pickup && context.pickup.by !== stated.pickup.by) delete context.pickup;
  if (maturityOffset) {
    delete context.maturityDate;
    delete context.returnDate;
  }
  const facts: CombinedFacts = { ...context, ...stated };
  if (stated.pickup && context.pickup) facts.pickup = { ...context.pickup, ...stated.pickup };
  if (maturityOffset) {
    facts.maturityOffset = maturityOffset;
    delete facts.maturityDate;
    delete facts.returnDate;
  }
  return { facts, context };
}

/** The intent the wishes imply when none is stated. */
function impliedIntent(facts: CombinedFacts): DecisionRequest['intent'] | undefined {
  if (facts.lesseeWantsToPurchase) return 'dealerPurchaseForLessee';
  if (facts.dealerWantsToPurchase) return 'dealerPurchaseForInventory';
  if (facts.lesseeWantsToPurchase === false && facts.dealerWantsToPurchase === false) return 'lesseeReturn';
  return undefined;
}

/**
 * The topic says what kind of answer is wanted where the words alone do not: without AVRM, what to do
 * with the odometer form is to fax it; getting an AVRM login is answered by where to register.
 */
/** Words that ask how to tell Ally about the return (not merely name AVRM). */
const notifyWords = /\b(?:notify\w*|notif\w*|tell ally|let ally know|inform ally|report\w*)\b/i;

function steeredAsk(
  ask: AskKind,
  topics: Interpretation['topics'],
  facts: CombinedFacts,
  asksHowToNotify: boolean,
  registering: boolean,
  asksIfNormal: boolean,
  arrangesTransport = false,
): AskKind {
  // "How do I cancel a transporter pickup?": the process gives only the line for transportation questions.
  if (ask === 'general' && topics.includes('transport') && (topics[0] === 'transport' || topics[0] === 'pickup') && arrangesTransport) return 'contact';
  // "Ally mailed her a letter with charges but the car hasn't sold yet, is that normal?": whether the letter is
  // expected, which the letter's passage says, not how long a step takes.
  if (ask === 'duration' && asksIfNormal && topics[0] === 'letters') return 'general';
  const open = ask === 'general' || ask === 'when';
  // "Who answers questions about the hold?": a question about whom to call is a contact question, whatever else it names.
  if (topics.includes('contacts') && (ask === 'general' || ask === 'duration' || ask === 'when') && !topics.includes('fax')) return 'contact';
  // Without AVRM, quotes come from the Dealer Service Center; the odometer form is faxed.
  if (facts.hasAvrmAccess === false && topics.includes('quote') && (open || ask === 'fax')) return 'contact';
  if (
    open &&
    facts.hasAvrmAccess === false &&
    (asksHowToNotify || topics[0] === 'notification' || topics.some((topic) => topic === 'odometer' || topic === 'fax'))
  ) {
    return 'fax';
  }
  if ((open || ask === 'duration') && topics[0] === 'avrmAccess' && (facts.hasAvrmAccess !== false || registering)) return 'website';
  return ask;
}

/** The question a message ends with when the sentences before it only tell the situation; otherwise the whole message. */
function questionAsked(plain: string): string {
  const sentences = plain.split(/(?<=[.!?])\s+/).filter((sentence) => sentence.trim() !== '');
  const last = sentences.at(-1) ?? plain;
  return sentences.length > 1 && last.includes('?') && !sentences.slice(0, -1).some((sentence) => sentence.includes('?')) ? last : plain;
}

/** "My Account Executive is out this week, who else can help?", "our rep isn't calling back": someone other than the Account Executive. */
const lineOrSiteSetAside = new RegExp(
  `\\b(?:besides|other than|apart from|except(?: for)?|instead of) (?:the |calling the )?(?:web ?site|site|registration|registering|signing up|sign ?up|new user|${allyLineName})\\b`,
);

function executiveAway(plain: string): boolean {
  // ("account exec or somebody else?": the Executive offered as one of two, not away.)
  if (/\baccount exec\w* or (?:somebody|someone|anyone|anybody) else\b/.test(plain)) return false;
  // ("besides the dealer service center who can help with avrm": another line set aside, the Executive is not away.)
  if (lineOrSiteSetAside.test(plain)) return false;
  // ("still no user ID, is that normal? and who else can I ask": someone besides this assistant, unless the Executive is named.)
  if (
    /\b(?:who else|anybody else|anyone else|somebody else|someone else)\b/.test(plain) &&
    !/\b(?:account exec\w*|ae|executive|rep|representative)\b/.test(plain)
  )
    return /\b(?:is out|out (?:this|all) week|on vacation|unavailable|not available|isn't answering|not answering)\b/.test(plain);
  return /\b(?:who else|anybody else|anyone else|somebody else|someone else|besides|other than|instead of|is out|out (?:this|all) week|on vacation|unavailable|not available|isn't answering|not answering|(?:isn't|is not|not|hasn't|has not|never|won't|doesn't) (?:been )?(?:calling|called|call|getting|gotten|get) (?:me |us )?back)\b/.test(
    plain,
  );
}

/**
 * The questions of a message that asks two or three ("who do I call, and what does he have to show us"; "how
 * long until the inspection? and then how long is it on SmartAuction"): split at a question mark followed by
 * more, or at "and" / ";" before a question word. Parts of fewer than three words are not questions of their own.
 */
/** The reason a question was asked, said after it ("trying to tell the customer …", "so I can explain it right"). */
const whyItWasAsked =
  /^(?:just |i'?m |we'?re |i am |we are )?(?:trying|want(?:ing)?|need(?:ing)?|hoping) to (?:tell|explain|let|give|update|answer|know|make sure|figure out what to tell)\b|^(?:so (?:i|we) can|because|since|for (?:the|my|our) (?:customer|lessee|records|file|notes))\b/i;

/** A sentence after the question that tells the situation it is asked in ("car's parked out back by the detail bay"). */
// ("… a lease payoff quote? avrm locked me out", "who do i ask about our avrm access? i registered last week and …": what AVRM
// did to the dealer, or what the dealer did about it, is the situation too.)
const situationTold =
  /^(?:(?:the |our |my |her |his |their )?(?:car|vehicle|unit|truck|it|we|she|he|they|customer|lessee|buyer|driver)(?:'s|'re| is| are| was| were| has| have| got)\s(?!(?:\w+\s)?(?:asking|wondering)\b)|(?:avrm|the (?:site|system|portal)|(?:our|my) (?:avrm )?(?:login|password|access|account|user id))(?: (?:just|keeps|kept|has|got|is|was))? (?:locked|lock|kicked|kick|logged|log|booted|boot|expired|stopped|won't|wont|isn't|is not|not|quit)\b|(?:i|we)(?: just| already)? (?:registered|signed up|applied|enrolled)\b)/i;

export function questionParts(message: string): string[] {
  const questionWord = "(?:who|whom|what|whats|what's|how|when|where|which|does|do|is|are|can|could|should|will|would)\\b";
  // ("… and second, how long …", "the transport number and also the fax for lease returns": the second question after "and".)
  const splitter = new RegExp(
    `\\?\\s+(?=\\S)|\\s+[+&]\\s+(?=${questionWord})|(?:,|;|\\s[-–—])?\\s+and (?:then |also |second(?:ly)?,? |next,? )?(?=${questionWord})|\\s+and also (?=the (?:fax|number|phone|line|address)\\b)|;\\s*(?=${questionWord})`,
    'gi',
  );
  const parts: string[] = [];
  let at = 0;
  for (const match of message.matchAll(splitter)) {
    const end = match.index + (match[0].startsWith('?') ? 1 : 0);
    parts.push(message.slice(at, end).trim());
    at = match.index + match[0].length;
  }
  parts.push(message.slice(at).trim());
  for (const [index, part] of parts.entries()) parts[index] = part.replace(/^(?:and|also|then|plus)\s+/i, '');
  // "which fax is for when we're buying it? not the lease return one": a negated fragment qualifies the question before it.
  for (let index = parts.length - 1; index > 0; index -= 1) {
    if (/^(?:not|but not|no,? not|except|other than|rather than|instead of)\b/i.test(parts[index] ?? '')) {
      parts.splice(index - 1, 2, `${parts[index - 1]} ${parts[index]}`);
    }
  }
  // ("do the inspectors cover utah? trying to tell the customer when somebody will look at it": a sentence after the question
  // that says why it was asked belongs to it.)
  for (let index = parts.length - 1; index > 0; index -= 1) {
    const part = parts[index] ?? '';
    if (!part.includes('?') && (whyItWasAsked.test(part) || situationTold.test(part))) parts.splice(index - 1, 2, `${parts[index - 1]} ${part}`);
  }
  const questions = parts.filter((part) => part.split(/\s+/).length >= 3);
  return questions.length === parts.length && questions.length <= 3 ? questions : [];
}

/** Two drafts as one answer: the second's text after the first's (without a facts line the first already says), citations merged. */
function joinDrafts(first: Draft, second: Draft): Draft {
  const line = /^For [^:]{1,100}: /.exec(first.answer.answer)?.[0];
  const secondText = line && second.answer.answer.startsWith(line) ? second.answer.answer.slice(line.length) : second.answer.answer;
  const joined = first.answer.answer.includes(secondText) ? first.answer.answer : `${first.answer.answer} ${secondText}`;
  const seen = new Set(first.answer.citations.map((citation) => JSON.stringify(citation)));
  const citations = [...first.answer.citations, ...second.answer.citations.filter((citation) => !seen.has(JSON.stringify(citation)))];
  return {
    answer: { ...first.answer, answer: joined, citations },
    retrieval: first.retrieval,
    retrievedSections: [...new Set([...first.retrievedSections, ...second.retrievedSections])],
  };
}

/** The one line saying which facts an answer used (stated and the caller's), or undefined when none. */
function factsLine(facts: StatedAnswerFacts, interpretation: Interpretation): string | undefined {
  const labels = messages.factLabels;
  const parts: string[] = [];
  if (facts.intent) parts.push(labels.intent[facts.intent]);
  else if (facts.lesseeWantsToPurchase) parts.push(labels.intent.dealerPurchaseForLessee);
  else if (facts.dealerWantsToPurchase !== undefined) parts.push(facts.dealerWantsToPurchase ? labels.dealerPurchase : labels.noDealerPurchase);
  const state = facts.state ? labels.state(stateName(facts.state)) : undefined;
  if (state && parts.length > 0) parts[parts.length - 1] = `${parts.at(-1)} ${state}`;
  else if (state) parts.push(state);
  if (facts.hasAvrmAccess !== undefined) parts.push(labels.avrm(facts.hasAvrmAccess));
  if (interpretation.facts.sold) parts.push(interpretation.facts.sold.value ? labels.sold : labels.unsold);
  if (facts.pickup) {
    parts.push(labels.pickup(facts.pickup.by));
    if (facts.pickup.billOfLading !== undefined) parts.push(labels.document('Bill of Lading', facts.pickup.billOfLading));
    if (facts.pickup.proofOfSale !== undefined) parts.push(labels.document('proof of sale', facts.pickup.proofOfSale));
  }
  if (parts.length === 0) return undefined;
  // "For in Hawaii" reads badly: a line with no kind of return names one.
  if (/^(?:in|with|without) /.test(parts[0] ?? '')) parts[0] = `${labels.aReturn} ${parts[0]}`;
  const line = messages.factsUsed(parts);
  return line.charAt(0).toUpperCase() + line.slice(1);
}

/** The interpretation's topics that a part of the decision answers. */
const decisionTopicReaders: Readonly<Record<DecisionTopic, readonly Interpretation['topics'][number][]>> = {
  pickup: ['pickup', 'transport'],
  inspection: ['inspection'],
  notification: ['notification', 'fax', 'odometer'],
  termination: ['termination'],
  remarketing: ['hold', 'remarketing'],
  quote: ['quote'],
};

/** Words that name the hold itself ("how long is the hold", "72 hr hold?"), not just when selling starts. */
const asksWhetherHeld =
  /\b(?:right away|immediately|at once|no (?:72|hold|delay)|without (?:a |the |any )?(?:72|hold|delay)|still (?:a |the |any )?(?:72|hold)|skip(?:s)? the hold)\b/;
const namesTheHold = /\b(?:hold|holds|held|72|seventy[- ]two|delay\w*|pause\w*|freeze|wait\w*)\b/;

const quoteAsker = '(?:i|we|you|she|he|they|the (?:dealer|lessee|customer)|a dealer)';
const asksWhereToGet = new RegExp(
  // ("where is it obtained", "where are those pulled": the same asked in the passive.)
  `\\b(?:(?:where|were|wheres|how|can|could) (?:do |can |would |should |does )?${quoteAsker}(?: (?:go|need|have|got) to)?|${quoteAsker} (?:can|could)|(?:where|how) to) (?:get|obtain|pull|run|find|request|order)\\b|(?:that'?s|thats|is (?:that|it|this)|are (?:they|those|these)) (?:in|from|through|on) avrm\\b|\\b(?:where|how) (?:is|are|do|does|can|would) (?:it|they|that|this|those|these|one|the quotes?|quotes?) (?:be )?(?:obtained|gotten|pulled|found|requested|run|ordered)\\b`,
);

function isAskedAbout(topic: DecisionTopic, topics: Interpretation['topics']): boolean {
  if (topics.length === 0) return true;
  // The first topic a part of the decision answers is the one asked ("how does Ally find out the car came back,
  // at the start of the process" asks about notifying, not when remarketing starts).
  // (A leading topic no part of the decision answers, "will she get an ET pre-sale letter", is answered by its passage.)
  const leading = topics.find((reader) => !framingTopics.has(reader));
  if (leading === 'letters') return false;
  return leading !== undefined && decisionTopicReaders[topic].includes(leading);
}

/** A topic goes to the rules only when the facts it turns on are known; otherwise the passages answer. */
function isDecidable(topic: DecisionTopic, facts: CombinedFacts): boolean {
  switch (topic) {
    case 'pickup':
      return facts.pickup?.by === 'transporter'
        ? facts.pickup.billOfLading !== undefined
        : facts.pickup?.by === 'buyingDealer' && facts.pickup.proofOfSale !== undefined;
    case 'inspection':
      return facts.state !== undefined;
    case 'notification':
      return facts.hasAvrmAccess === true || (facts.hasAvrmAccess === false && facts.intent !== undefined);
    case 'termination':
      return facts.maturityOffset !== undefined || (facts.maturityDate !== undefined && facts.returnDate !== undefined);
    case 'remarketing':
    case 'quote':
      return facts.intent !== undefined;
  }
}
