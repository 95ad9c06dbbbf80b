import { usStates } from '../domain/us-states.ts';
import { allysOwnInspection, isInDomain, processNames } from '../knowledge/vocabulary.ts';
import { RecentlyUsed } from '../recently-used.ts';
import { readDates } from './dates.ts';
import { interpretationContextSchema, type Interpretation, type InterpretationContext, type StatedFacts } from './interpretation.ts';
import { readAvrmAccess, readIntent, readPickup } from './return-facts.ts';
import { misspeltPhrases, rewriteWord, stateCodesAlsoShorthand } from './spelling.ts';
import { readState, type StateReading } from './states.ts';
import { found, messageText, rewritePhrases, type MessageText } from './text.ts';
import { readFramedSmallTalk } from './small-talk.ts';
import { impliedTopics, isCommandToAssistant, isForeignDomain, isOtherBusiness, isOtherLessors, readTopics } from './topics.ts';
import { readUnknown } from './unknown-facts.ts';
import { holdsVinShape, readVin } from './vin.ts';
import { commandWant, readWant } from './want.ts';

/**
 * One interpretation of one message: what the dealer wants, every fact stated (with its words and
 * negation respected) and the topics. Deterministic and local: no key, no network, well under a
 * millisecond for a chat-sized message.
 */
/** The topic an acknowledgement is about: "on the odometer thing", "about the 72 hours", "with the fax question". */
const acknowledgedTopic =
  /\b(?:on|about|regarding|with|for) (?:the|that|this) (?:[\w'-]+ ){0,3}?(?:thing|question|part|stuff|info|piece|answer|issue)s?\b|(?<=\b(?:sense|got it|gotcha|understood|noted|good to know|clear|(?:help|info|answer)s?)\s)(?:on|about|regarding) (?:the|that|this) (?:[\w'-]+ ){0,3}?[\w'-]+(?=\s*(?:[,.;!]|$))/i;

export function interpretMessage(message: string, contextInput: InterpretationContext): Interpretation {
  if (message.length > maxRememberedLength) return readRetracting(message, interpretationContextSchema.parse(contextInput));
  // A reading is remembered only after its context was validated, so a context that matches a
  // remembered key was valid (the key holds every field); only a miss validates it again.
  const key = `${contextInput.today}\u0000${contextInput.pendingField ?? ''}\u0000${contextInput.channel ?? 'api'}\u0000${message}`;
  const known = Object.keys(contextInput).every((field) => contextFields.has(field)) ? recentReadings.get(key) : undefined;
  if (known) {
    recentReadings.set(key, known);
    return known;
  }
  const context = interpretationContextSchema.parse(contextInput);
  return recentReadings.remember(key, () => deepFreeze(readStatusCommand(message, context) ?? readRetracting(message, context)));
}

/** The SMS status command exactly as the help text gives it: "STATUS 042788" (its word, then the last six digits of a VIN). */
const statusCommand = /^( *status +)(\d{6}) *$/i;

/**
 * "STATUS 042788", the command most texts are, read without the whole reader: every one names a different car, so no
 * remembered reading serves it, and the full read is most of a status reply's cost. The reading is the reader's own
 * (a test compares the two on every form of the command).
 */
function readStatusCommand(message: string, context: ReadContext): Interpretation | undefined {
  const command = context.pendingField === undefined ? statusCommand.exec(message) : null;
  if (!command) return undefined;
  const suffix = command[2] ?? '';
  return {
    want: 'task',
    task: 'status',
    topics: ['status'],
    facts: { vinSuffix: { value: suffix, words: suffix } },
    readAs: message.toLowerCase(),
    yearsAssumed: [],
  };
}

/** The reader itself, for the test that the status command's shortcut reads what it reads. */
export function readInFull(message: string, contextInput: InterpretationContext): Interpretation {
  return readRetracting(message, interpretationContextSchema.parse(contextInput));
}

/** "… — no wait, …", "…, sorry, I mean …": a marker in mid-message that takes back what came just before it. */
const retraction =
  /(?:[,;.!?]|\s[-–—])\s*(?:no wait|wait no|no no|sorry,? i mean|i mean|i meant|scratch that|actually no|no,? actually|or rather|make that)\b[,:]?\s*/i;

/**
 * A message that takes something back in its middle ("fax for a dealer purchase — no wait, nobody's buying, which
 * number"): what it wants is the whole message's, the facts are the later part's, and the earlier part adds only the
 * facts of another kind (what happens to the car, the pickup, the state, each date or AVRM) than the later one states;
 * the later part's topics lead.
 */
function readRetracting(message: string, context: ReadContext): Interpretation {
  const whole = readMessage(message, context);
  const marker = retraction.exec(message);
  if (!marker || marker.index < 12 || whole.want === 'outOfScope' || whole.want === 'navigation' || whole.want === 'handoff') return whole;
  const later = readMessage(message.slice(marker.index + marker[0].length), context);
  if (Object.keys(later.facts).length === 0 && later.topics.length === 0) return whole;
  const earlier = readMessage(message.slice(0, marker.index), context);
  const kinds: readonly (readonly (keyof StatedFacts)[])[] = [
    ['intent', 'dealerWantsToPurchase', 'lesseeWantsToPurchase'],
    ['pickupBy', 'billOfLading', 'proofOfSale', 'sold'],
    ['state'],
    ['maturityDate'],
    ['returnDate'],
    ['hasAvrmAccess'],
    ['vin', 'vinSuffix'],
  ];
  const facts: StatedFacts = { ...later.facts };
  for (const kind of kinds) {
    if (kind.some((field) => later.facts[field] !== undefined)) continue;
    for (const field of kind) if (earlier.facts[field] !== undefined) Object.assign(facts, { [field]: earlier.facts[field] });
  }
  const topics = [...new Set([...later.topics, ...earlier.topics.filter((topic) => !later.topics.length || topic === 'fax' || topic === 'contacts')])];
  return { ...whole, facts, topics: whole.want === 'smallTalk' ? [] : topics };
}

const contextFields: ReadonlySet<string> = new Set(Object.keys(interpretationContextSchema.shape));

/**
 * The readings of recent messages. A reading depends only on the message and its context, and
 * dealers send the same short messages over and over (every button of every prompt sends the same
 * text: "Yes", "Skip", "Lessee returns it", a state), so a repeated message is not read again.
 * Readings are frozen: every caller gets the same object, and none can change it for the next.
 */
const recentReadings = new RecentlyUsed<string, Interpretation>(5_000);
/** The reader reads at most 2,000 characters; a longer message is read afresh each time (and is seldom sent twice). */
const maxRememberedLength = 2_000;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

type ReadContext = ReturnType<typeof interpretationContextSchema.parse>;

function readMessage(message: string, context: ReadContext): Interpretation {
  // ("NM" alone at the state prompt: the code that is also shorthand, normal maturity, answers the question asked.)
  const bareCode = context.pendingField === 'state' ? /^\s*([a-z]{2})\s*[.!]*\s*$/i.exec(message)?.[1]?.toLowerCase() : undefined;
  const typed = bareCode !== undefined && stateCodesAlsoShorthand.has(bareCode) ? `in ${bareCode.toUpperCase()}` : message;
  const words = messageText(typed.slice(0, 2000), rewriteWord);
  const text = rewritePhrases(words, [...misspeltPhrases(words.lower), ...processNames]);
  const asksSomething = isQuestion(text.lower);
  const otherBusiness = isOtherBusiness(text.lower);
  const facts: StatedFacts = {};
  const stateReading = readState(text, { asked: context.pendingField === 'state' });
  if (stateReading.state) facts.state = stateReading.state;
  const dates = readDates(text, context.today, context.pendingField);
  if (dates.maturityDate) facts.maturityDate = dates.maturityDate;
  if (dates.returnDate) facts.returnDate = dates.returnDate;
  Object.assign(facts, readIntent(text, { asked: context.pendingField === 'intent' }));
  const access = readAvrmAccess(text, { question: asksSomething, asked: context.pendingField === 'hasAvrmAccess' });
  if (access) facts.hasAvrmAccess = access;
  Object.assign(facts, readVin(text), readPickup(text));
  // A bare yes or no answers the AVRM prompt, unless the message goes on to state something else ("no no, we're not
  // keeping it after all, it's going back to Ally" takes back an earlier answer).
  const yesNo = access || Object.keys(facts).length > 0 ? undefined : answerYesNo(text.raw, context.pendingField === 'hasAvrmAccess');
  if (yesNo) facts.hasAvrmAccess = yesNo;
  const pending = context.pendingField;
  const unknown = readUnknown(text, pending && !(pending in facts) ? pending : undefined);
  if (unknown) {
    facts.unknown = unknown;
    if (unknown.value === 'maturityDate' || unknown.value === 'returnDate') delete facts[unknown.value];
  }
  // ("not sure what state the lease was written in but we're in Kansas": what is not known is told after all.)
  // ("doesn't have the proof of sale, vin 146539": a VIN's last digits given are the VIN told, too.)
  const told = (name: string): boolean => name in facts || (name === 'vin' && facts.vinSuffix !== undefined);
  if (facts.unknown && facts.unknown.value !== 'maturityDate' && facts.unknown.value !== 'returnDate' && told(facts.unknown.value)) delete facts.unknown;
  Object.assign(facts, context.pendingField === 'document' ? { ...noDocument(text.raw, facts), ...documentNamed(text, facts) } : {});
  // ("no, the driver says the bill of lading is 'in the system'", "not yet, buyer says he'll email the proof of sale": a no at
  // the document prompt denies the document of the party or the document named.)
  if (
    context.pendingField === 'document' &&
    facts.billOfLading === undefined &&
    facts.proofOfSale === undefined &&
    /^\s*(?:no|nope|nah|not yet)\b/i.test(text.raw) &&
    // ("no sorry, it's a transporter picking it up, not the buyer": a no that opens a correction of who comes.)
    !/^\s*(?:no|nope|nah)[,.!]?\s+(?:sorry|wait|actually|my bad|i mean|i meant|oops)\b/i.test(text.raw)
  ) {
    const words = /^\s*(?:no|nope|nah|not yet)\b/i.exec(text.raw)?.[0].trim() ?? 'no';
    const document =
      /\bbill of lading|\bbol\b/.test(text.lower) || facts.pickupBy?.value === 'transporter'
        ? 'billOfLading'
        : /\bproof\b/.test(text.lower) || facts.pickupBy?.value === 'buyingDealer'
          ? 'proofOfSale'
          : undefined;
    if (document) facts[document] = { value: false, words };
  }
  // ("santa fe NM dealer": a state code that is also shorthand, read as the state, is the state's name, no topic.)
  const stateNamed = withStateCodeNamed(text.lower, stateReading);
  const read = impliedTopics(readTopics(stateNamed), facts, text.lower);
  // ("not sure, I'm new here. how do we get it?" at the AVRM prompt: "it" is AVRM.)
  const topics =
    read.length === 0 &&
    context.pendingField === 'hasAvrmAccess' &&
    /\bhow (?:do|can|would|should) (?:we|i) (?:get|sign up for|register for) (?:it|one|access|that|a login|in)\b/.test(text.lower)
      ? ['avrmAccess' as const]
      : read;
  const factNames = Object.keys(facts);
  const wanted = readWant({
    normalised: text.lower,
    typed: message.slice(0, 2000),
    factNames: stateReading.didYouMean ? [...factNames, 'state'] : factNames,
    pendingField: context.pendingField,
    hasTopic: topics.length > 0,
    // "we're in GA and don't have avrm access" reports; "forgot my avrm password" (one fact, a problem) asks.
    asksAboutTopic: topics.some(
      (topic) => !reportedTopics.has(topic) && !(factNames.length >= 2 && factNames.some((name) => reportingFacts[topic]?.includes(name))),
    ),
    inDomain: isInDomain(text.lower),
    isQuestion: asksSomething,
    // (A VIN typed with a wrong check digit still names the car a check is for: the check then says what is wrong with it.)
    hasVinSuffix: facts.vinSuffix !== undefined || facts.vin !== undefined || holdsVinShape(text.lower),
  });
  // Out of scope states nothing about a return ("the capital of South Dakota" is not a state for the walkthrough);
  // a message that states what happens to the car, its pickup or AVRM access is about a return whatever else it names.
  // ("Loan officer from our bank wants to know if the car sold yet, last 6 are 118204": a car named and asked after is its status.)
  const carAskedAfter = (facts.vinSuffix !== undefined || facts.vin !== undefined) && wanted.want === 'task' && wanted.task === 'status';
  // ("customer came in right after lunch today" at the return-date prompt: the answer to the prompt waiting is about the return.)
  // ("no clue, the contract's locked in the F&I office and he's at lunch": not knowing the field asked answers the prompt too.)
  const answersPrompt = context.pendingField !== undefined && (context.pendingField in facts || facts.unknown?.value === context.pendingField);
  const aboutAReturn =
    (returnFactNames.some((name) => facts[name] !== undefined) || carAskedAfter || answersPrompt) && !otherBusiness && !isOtherLessors(text.lower);
  // ("Write a haiku about snow in Vermont": a command to do something else states no state.)
  if (isCommandToAssistant(text.lower) && wanted.want !== 'navigation' && wanted.want !== 'handoff')
    return { want: 'outOfScope', topics: [], facts: {}, readAs: text.lower, yearsAssumed: [] };
  // ("ok im back", "gotta go dig my car out, bye", "thanks a bunch, that clears it up for our title clerk": small talk around
  // a remark that asks for nothing is small talk, whatever business the remark names.)
  const framed =
    wanted.want === 'outOfScope' && factNames.length === 0 && !asksSomething && !stateReading.didYouMean
      ? readFramedSmallTalk(message.slice(0, 2000), context.pendingField !== undefined)
      : undefined;
  if (framed) return { want: 'smallTalk', smallTalk: framed, topics: [], facts: {}, readAs: text.lower, yearsAssumed: [] };
  // ("alright bet, that makes sense on the odometer thing", "got it on the hold, appreciate it": thanks or an ok about an
  // answer already given names its topic and asks nothing.)
  const acknowledged =
    wanted.want === 'question' && factNames.length === 0 && !asksSomething && !stateReading.didYouMean && !message.includes('?')
      ? readFramedSmallTalk(message.slice(0, 2000).replace(new RegExp(acknowledgedTopic, 'gi'), ' '), context.pendingField !== undefined)
      : undefined;
  if (acknowledged && acknowledgedTopic.test(message.toLowerCase()))
    return { want: 'smallTalk', smallTalk: acknowledged, topics: [], facts: {}, readAs: text.lower, yearsAssumed: [] };
  if (
    !aboutAReturn &&
    (otherBusiness || isForeignDomain(text.lower, asksSomething || /\btell me\b/.test(text.lower))) &&
    wanted.want !== 'navigation' &&
    wanted.want !== 'handoff' &&
    wanted.want !== 'smallTalk'
  ) {
    return { want: 'outOfScope', topics: [], facts: {}, readAs: text.lower, yearsAssumed: [] };
  }
  if (wanted.want === 'outOfScope') return { want: 'outOfScope', topics: [], facts: {}, readAs: text.lower, yearsAssumed: [] };
  // (Small talk asks about nothing: "hola" is no misspelt "hold".)
  const interpretation: Interpretation = {
    ...wanted,
    topics: wanted.want === 'smallTalk' ? [] : topics,
    facts,
    // (Named after the negated span is cut out: the span's positions are the typed text's.)
    readAs: withStateCodeNamed(answerSearchText(text.lower, stateReading), stateReading),
    yearsAssumed: dates.yearsAssumed,
  };
  if (stateReading.didYouMean) interpretation.didYouMean = stateReading.didYouMean;
  return interpretation;
}

/**
 * "The inspection takes 1 to 7 days, right?": a figure the dealer asks to have confirmed is searched for no more
 * than the thing it is said of (its own words would find the passage that has them, the wrong one).
 */
function withoutAssertedFigures(lower: string): string {
  if (
    !/\b(?:right|correct|true|yes|yeah|no|don'?t (?:they|we|i)|doesn'?t it|isn'?t (?:it|that|there)|aren'?t they|is that (?:right|correct|true|so))\s*\??\s*$/.test(
      lower,
    )
  )
    return lower;
  return lower
    .replace(/\b\d+\s*(?:to|-)\s*\d+\s*(?:business\s+)?days?\b|\b\d+\s*(?:hours?|hrs?|days?)\b/g, 'how long')
    .replace(/\b\d{3}[-. ]\d{3}[-. ]\d{4}\b|\b(?:877|888|866)\s+(?:number|line)\b/g, 'which number');
}

/**
 * "Dealer in alaksa, inspection?": the answer is searched with the state offered spelt right (the
 * interpretation still states no state; a surface asks "Did you mean Alaska?" before taking it).
 */
function nearMissSpelt(lower: string, reading: StateReading): string {
  const span = reading.nearMissSpan;
  const offered = reading.didYouMean?.value;
  return span && offered && !reading.negatedSpan ? `${lower.slice(0, span.index)}${usStates[offered].name.toLowerCase()}${lower.slice(span.end)}` : lower;
}

/**
 * The text the answer is searched with. "We're not in AK, HI or SD, do we get an inspector?" asks about
 * every other state: it is searched without the states it rules out, which would otherwise lead it to
 * their own passage.
 */
function answerSearchText(typed: string, reading: StateReading): string {
  const lower = withoutComparedStateInspection(withoutAssertedFigures(nearMissSpelt(typed, reading)));
  const span = reading.negatedSpan;
  if (!span) return lower;
  // The negation goes too ("isn't in AK" → "is elsewhere"): a "not" left behind would find "not available".
  const before = lower.slice(0, span.index);
  const negation = /(?:\bnot\b|n't\b|\bnever\b|\bno\b)[^.?!;]*$/.exec(before);
  return `${(negation ? before.slice(0, negation.index) : before).trimEnd()} elsewhere${lower.slice(span.end)}`.trimStart();
}

/**
 * "is this like a state safety inspection? what is the ally inspector looking at": a state's own inspection, named only to
 * compare with Ally's, says nothing the answer is looked up by ("state" would find the states without inspections).
 */
function withoutComparedStateInspection(lower: string): string {
  if (!allysOwnInspection.test(lower)) return lower;
  return lower.replace(/\bstate (?:safety |emissions? )?inspection(?: sticker)?s?\b/g, (phrase) => ' '.repeat(phrase.length));
}

/** "santa fe NM dealer": a code read as the state that is also shorthand, written as the state's name (not "normal maturity"). */
function withStateCodeNamed(lower: string, reading: StateReading): string {
  const code = reading.state?.words.toLowerCase();
  if (!reading.state || code === undefined || !stateCodesAlsoShorthand.has(code)) return lower;
  return lower.replace(new RegExp(`\\b${code}\\b`), usStates[reading.state.value].name.toLowerCase());
}

/**
 * Whether the message asks for a person, exactly as interpretMessage reads it (want 'handoff'): that
 * want rests on the words alone, never on the facts, the prompt or the day, so it is read without them.
 */
export function asksForAPerson(message: string): boolean {
  // Asked before every turn: the same short messages ("Yes", a state, "Skip") come again and again.
  return recentAsks.remember(message.slice(0, maxRememberedLength), (read) => commandWant(messageText(read, rewriteWord).lower)?.want === 'handoff');
}

const recentAsks = new RecentlyUsed<string, boolean>(5_000);

/** Facts only a return states (a state or a date can be anyone's: "the sales tax in Ohio"). */
const returnFactNames = [
  'intent',
  'dealerWantsToPurchase',
  'lesseeWantsToPurchase',
  'hasAvrmAccess',
  'pickupBy',
  'billOfLading',
  'proofOfSale',
  'sold',
] as const;

/** Topics a report of the return touches ("no avrm", "we're buying it") without asking about them. */
const reportedTopics = new Set(['notification', 'purchase', 'termination', 'remarketing', 'status', 'nextSteps']);

/** A topic whose own fact the message states is being reported ("we don't have avrm access"), not asked about. */
const reportingFacts: Partial<Record<string, readonly string[]>> = {
  avrmAccess: ['hasAvrmAccess'],
  pickup: ['pickupBy', 'billOfLading', 'proofOfSale', 'sold'],
  transport: ['pickupBy', 'billOfLading'],
  smartAuction: ['sold'],
};

/** At the AVRM prompt a bare "yes"/"no" answers it. */
function answerYesNo(raw: string, asked: boolean): { value: boolean; words: string } | undefined {
  if (!asked) return undefined;
  // Read on the message as typed (one character for one), so the words slice out exactly.
  const lower = raw.toLowerCase().replace(/[\u2018\u2019]/g, "'");
  // ("hi, yes", "ok, nope": a greeting or an acknowledgement before the answer leaves it the answer.)
  const match =
    /^\s*(?:(?:hi|hey|hello|ok|okay|um|uh)[\s,.!-]+)*(y+e+s+|yeah+|yep+|yup+|y|ya|yea|we do|i do|we have it|sure|correct|affirmative|no+|nope+|nah+|n|negative|we don'?t|i don'?t|not yet|not that i know of|not that i'?m aware of|i don'?t think so|don'?t think so)\b/.exec(
      lower,
    );
  // "no wait, the maturity date is 1/31/27": a "no" that leads into a correction of another answer is not this one.
  if (
    match?.[1] &&
    /^[\s,.!-]*(?:wait|actually|sorry|hold on|i meant|i mean|my bad|oops|the (?:\w+ )?(?:date|state|vin|lessee|dealer|customer|buyer)\b)/.test(
      lower.slice(match.index + match[0].length),
    )
  )
    return undefined;
  // "not at this rooftop, no", "our office manager has a login for it, yes": the yes or no closing the answer.
  const closing = match?.[1] ? undefined : /(?:^|[,.;!-]\s*)(yes|yeah|yep|yup|no|nope|nah)\s*[.!]*\s*$/.exec(lower);
  if (closing?.[1]) {
    const start = closing.index + closing[0].indexOf(closing[1]);
    return { value: !/^n/.test(closing[1]), words: raw.slice(start, start + closing[1].length) };
  }
  if (!match?.[1]) {
    // "we use it", "don't have it": a statement about having the thing asked about.
    const statement = /\b(?:(?:we|i) )?(?:(do not|don'?t|never) )?(?:use|have|got|has) (?:it|that|one|access|avrm)\b/.exec(lower);
    if (!statement) return undefined;
    return { value: statement[1] === undefined, words: raw.slice(statement.index, statement.index + statement[0].length) };
  }
  return {
    value: !/^(?:no+|nope+|nah+|n|negative|we don'?t|i don'?t|not yet|not that .*|(?:i )?don'?t think so)$/.test(match[1]),
    words: raw.slice(match.index + match[0].length - match[1].length, match.index + match[0].length),
  };
}

function isQuestion(lower: string): boolean {
  return (
    lower.includes('?') ||
    // A question reported or embedded: "the porter wants to know if…", "wondering when…", "anything else we need to do".
    /\b(?:wants? to know|want(?:ed|s)? to find out|wonder(?:ing)?|asks?|asking|asked|curious|not sure|unsure|no idea|need to know|trying to figure out)\b.{0,12}\b(?:if|whether|when|who|how|what|where|which|why)\b/.test(
      lower,
    ) ||
    /\b(?:anything|something) (?:else |different |special |extra )?(?:(?:i|we) )?(?:need|have|should|must|got) to\b/.test(lower) ||
    // ("caller … wants whoever finalizes the purchase side": the one who handles it, asked for.)
    /\b(?:wants?|needs?|looking for|trying to reach)\s+(?:whoever|someone who|somebody who|the (?:person|people|team|folks|one) (?:who|that))\b/.test(lower) ||
    // ("they'll be here thursday for the tahoe. anything i should get from the driver": what to get, asked without a mark.)
    /\b(?:anything|something) (?:else |special )?(?:i|we) (?:should|must|ought to|gotta) (?:get|ask for|see|collect|check|have|do|know|bring|give)\b/.test(
      lower,
    ) ||
    // ("they want the remarketing center": one of Ally's lines asked for by name.)
    /\b(?:want|wants|need|needs|looking for|trying to reach|trying to get)\s+(?:the |a |to (?:call|reach) the )?(?:ally )?(?:remarketing center|dealer service center|dsc|dealer buyout|buyout (?:team|line|dept)|transportation (?:line|team|dept)|account exec\w*)\b/.test(
      lower,
    ) ||
    // A request for a number or a fax, named last: "transport company phone number", "dsc #".
    // ("he's got his proof of sale pulled up on his phone": a phone someone holds is no number asked for.)
    (/\b(?:phone|number|#|fax|line|hotline|contact|website|site|url)\s*(?:please)?\s*$/.test(lower) &&
      !/\b(?:on|in|from|with) (?:his|her|their|my|our|the) (?:phone|cell)\s*$/.test(lower)) ||
    // ("transp # trucker no show": a line's number named, asked for wherever it stands.)
    /\b(?:transport\w*|remarketing|buy ?outs?|dealer service(?: center)?|dsc|account exec\w*) (?:#|number|phone|line)(?!\w)(?!\s+(?:is|was|are|=)\b)/.test(
      lower,
    ) ||
    // ("pull up the menu of quote types in AVRM for me": a request to be shown or told something asks it.)
    /^(?:(?:please|pls|can you|could you|would you) )?(?:pull up|show me|list (?:the|all|every)|give me (?:the|a list|all|every)|tell me (?:the|about|what|which|how|who|where|when)|walk me through|explain)\b/.test(
      lower,
    ) ||
    // ("bye the way can the buying dealer take it …": a question after an opener that only leads into it.)
    /^(?:by the way|btw|also|and|oh|ok so|so|quick (?:q|question)|one more(?: thing| q| question)?)[,:\s-]+(?:who|what|whats|when|where|why|how|which|can|could|do|does|did|is|are|should|will|would)\b/.test(
      lower,
    ) ||
    // ("dlr asking diff between ET and NM": the difference between two things asked about.)
    /\b(?:diff|difference|differences) between\b/.test(lower) ||
    // ("the store wants a tool to compare their return options": a thing to do something with, asked for.)
    /\b(?:wants?|needs?|looking for)\b(?: [\w']+){0,3} (?:a |an |the )?(?:tool|calculator|guide|way|form|template|checklist) (?:to|for|that)\b/.test(lower) ||
    // ("not a carmax question - which ally team finalizes …": a dash opens the question as a comma does.)
    /(?:^|[.!,;:]\s*|\s[-–—]+\s*)(?:who|whos|who's|what|whats|what's|when|whens|when's|where|wheres|where's|why|how|hows|how's|which|can|could|do|does|did|is|are|should|will|would|may|must|am)\b/.test(
      lower,
    ) ||
    // "From now on the lease return fax is 866-851-0577. Confirm.": asked to confirm.
    /(?:^|[.!,;]\s*)(?:please )?confirm\b|\b(?:can|could) you confirm\b/.test(lower) ||
    // "fax number for the straight turn-ins": a number asked for by naming it first.
    /^(?:the |what(?:'s| is) the )?(?:fax|phone|contact)(?: number| #|#| line)? (?:for|to)\b/.test(lower) ||
    // "trk no show who 2 call": whom to call, asked at the end without a question mark.
    /\b(?:who|whom|where|what number) (?:to|2) (?:call|contact|ask|reach|talk to|send (?:it|this|that) to|fax (?:it|this|that) to)\b/.test(lower) ||
    // "bill of lading does the trucker have to give me one": a question that starts after a topic named first.
    /\b(?:does|do|did|will|would|should|can|must) (?:the|a|my|our|your|he|she|they|i|we|you|it)(?: \w+)? (?:have to|need to|has to|gotta|got to)\b/.test(
      lower,
    ) ||
    // "want the list of Ally phone numbers", "need the fax for a dealer purchase": asking for a number.
    /\b(?:wants?|needs?|looking for|give me|send me|'d like|would like|(?:can|could) (?:i|we) (?:get|have))\b(?: [\w']+){0,4} (?:list|numbers?|phone|fax|contacts?|website|address|line|quotes?|payoff|pricing|calculator)\b/.test(
      lower,
    ) ||
    // "ok to let it go", "safe to release": asking leave.
    /(?:^|[.!,;]\s*|\s)(?:ok|okay|alright|all right|fine|good|safe) (?:to|2) (?:let|release|give|hand)\b/.test(lower) ||
    /\b(?:now what|what now|what do i do|what happens|what if|how (?:do|long|many|much|soon)|who (?:do|comes|picks|takes|gets)|tell me (?:if|whether|when|who|what|how|its|it's|i can))\b/.test(
      lower,
    ) ||
    // A question after a few words of context: "we're in ohio will someone inspect it", "ok so where do i fax it".
    /\b(?:what|where|who|when|which|how|why)(?:'s| is| are| do| does| did| can| should| will| would| happens| form| number| fax| paperwork| document| proof| kind| time| day)\b/.test(
      lower,
    ) ||
    // Typed without a question mark: "bol reqd for transporter", "pos needed 4 buyer pickup", "trucker here no BOL
    // release", "does that make it an early termination", "what letters is Ally going to mail".
    /\b(?:needed|required|reqd|req'd|necessary|mandatory)\b(?:\s+(?:for|4|to|when|on|with|if)\b.{0,40})?$/.test(lower) ||
    /(?:^|\s)(?:release|ok to release|let (?:it|him|her|them) go|hand (?:it )?over)\s*$/.test(lower) ||
    /^\s*(?:#|number|phone|fax)\s+(?:to|for|4)\b/.test(lower) ||
    /(?:^|[,.;!?]\s*)anything (?:special|different|else|extra|unusual)\b/.test(lower) ||
    /\b(?:help me understand|explain(?: to me)?|tell me)\b.{0,20}\b(?:why|how|what|when|who)\b/.test(lower) ||
    // ("never mind, we'll do this one later": an auxiliary after its subject says what will be done, it asks nothing.)
    /(?<!(?:\b(?:i|we|you|they|he|she|to|gonna|wanna|let's|lets|just)|'ll|\bwill) )\b(?:does|do|did|can|could|should|will|would) (?:that|this|there|ally|anyone|anybody|anything)\b|\b(?:is|are) there (?:a|an|any|some|still)\b/.test(
      lower,
    ) ||
    /(?:^|[\s,])(?:what|which|when|where|who|how) \w+ (?:is|are|does|do|did|will|would|can|should|don't|doesn't|didn't|won't|can't)\b/.test(lower) ||
    // A tag or a choice at the end, typed without a question mark: "is that right", "ET or NM".
    /\b(?:is (?:that|this|it) (?:right|correct|true|normal|ok|okay|allowed|fine|considered|an? |early|et|nm|still)|(?:right|correct|true)\s*$|(?:et|nm|early|normal)\b.{0,15}\bor (?:et|nm|early|normal)\b\s*\S*\s*$)/.test(
      lower,
    ) ||
    // ("scrap this return, we'll do it later": an auxiliary after its subject says what will be done, it asks nothing.)
    /(?<!\b(?:neither|nor|so|as) )(?<!(?:\b(?:i|we|you|they|he|she|to|gonna|wanna|let's|lets|just)|'ll|'d|\bwill) )\b(?:will|can|could|should|does|do|is|are) (?:someone|somebody|anyone|anybody|they|you|i|we|he|she|it|the (?:lessee|customer|buyer|transporter|driver|car|vehicle|inspector|dealer))\b(?! (?:not|n't))/.test(
      lower.replace(/^\s*(?:i|we|they|he|she|it|you) (?:will|can|could|should|does|do|is|are)\b/, ''),
    )
  );
}

/** At the document prompt, "nothing", "none", "no docs": the party at the door has neither document. */
/** At the document prompt, a document named first is the one they have ("bill of lading, it's a driver from the transport company"). */
function documentNamed(text: MessageText, facts: StatedFacts): StatedFacts {
  if (facts.billOfLading !== undefined || facts.proofOfSale !== undefined) return {};
  const named =
    /^(\s*(?:(?:yes|yeah|yep|ok)[\s,.!-]+)?(?:the |a |an |just the |only the )?)(bill of lading|proof of sale|bill of sale)\b(?!\s*(?:\?|or\b))/.exec(
      text.lower,
    );
  if (!named?.[2]) return {};
  const fact = { value: true, words: found(text, (named[1] ?? '').length, named[2].length).words };
  return named[2] === 'bill of lading' ? { billOfLading: fact } : { proofOfSale: fact };
}

function noDocument(raw: string, facts: StatedFacts): StatedFacts {
  if (facts.billOfLading !== undefined || facts.proofOfSale !== undefined) return {};
  const bare = raw.trim().replace(/[.!]+$/, '');
  if (
    !/^(?:no(?:pe)?|none|nothing|neither|no (?:docs?|documents?|paperwork|papers)|(?:they|he|she) (?:have|has|brought) (?:neither|none)(?: (?:one|document|of them))?|(?:no(?:pe)?[,.!]?\s+)?(?:they|he|she) (?:don'?t|doesn'?t|do not|does not) have (?:it|any|one|anything)(?: (?:on (?:him|her|them)|with (?:him|her|them)))?)$/i.test(
      bare,
    )
  )
    return {};
  return { billOfLading: { value: false, words: bare }, proofOfSale: { value: false, words: bare } };
}
