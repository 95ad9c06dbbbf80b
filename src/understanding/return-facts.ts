import type { Intent, PickupParty } from '../domain/decision-request.ts';
import { comparing, truckThatIsTheCar } from '../knowledge/vocabulary.ts';
import { negationOf } from './negation.ts';
import { findAll, found, span, type Match, type MessageText } from './text.ts';

type Fact<T> = { value: T; words: string };

/** The first non-overlapping reading of `pattern`, with its negation folded into its words and value. */
function reading(text: MessageText, pattern: RegExp): { at: Match; negated: boolean; words: string } | undefined {
  const match = findAll(text, pattern)[0];
  if (!match) return undefined;
  const cue = negationOf(text, match.index, match.end);
  // The negation may sit inside the words matched ("the lessee is not buying it", "we won't be keeping it").
  const inside = /\b(?:not|never|no longer|against|said no|no thanks|declined|passed on|pass|passing|turned down|dont|doesnt|wont)\b|n't\b/.test(
    match.match[0],
  );
  return { at: match, negated: cue !== undefined || inside, words: cue ? span(text, cue, match).words : match.words };
}

/** Question word order ("is it sold", "did it sell"): asked, not stated. */
function isAsked(text: MessageText, index: number): boolean {
  const clause =
    text.lower
      .slice(0, index)
      .split(/[.;!?,]|\b(?:if|when|once|after|because|or|so|since|whether)\b/)
      .at(-1) ?? '';
  // "Is buying it back for the customer a return quote?": a gerund right after "is" is the thing named, not a question whether.
  if (/^\s*(?:hi |hey |hello )?(?:is|was)\s*$/.test(clause) && /^\s*\w+ing\b/.test(text.lower.slice(index))) return false;
  // ("any update on the tahoe A55219 did it sell": the question's inverted verb right before, whatever opens the message.)
  return (
    (/^\s*(?:hi |hey |hello )?(?:is|was|has|did|does|do|will|are|were|must|should|shall|can|could|would|may)\b/.test(clause) ||
      /\b(?:did|does|has|is|was|will)\s+(?:it|the car|the vehicle|she|he|they)\s+$/.test(clause)) &&
    !/n't\b|\bnot\b/.test(clause)
  );
}

const kindWord = '(?:(?:lease |lessee |plain |regular )?return|(?:dealer )?purchase|buy-?out|buy ?back)';
// ("only for dealer purchases or for lessee returns too": kinds in the plural, each with its preposition.)
const alternativeKinds = new RegExp(`\\b(?:a |an )?${kindWord}s?\\s+or\\s+(?:(?:for|with|on|in|to) )?(?:a |an )?${kindWord}s?\\b`);

/** The kinds of return by their process names: naming one states it, in a question too ("is a purchase for lessee a return quote?"). */
const namedKind =
  /\b(?:(?:dealer )?(?:purchase|purchasing)(?: quote)? (?:for|4) (?:the )?(?:lessee|inventory)|dealer purchase (?:for|4) inventory|(?:lessee|inventory) purchase quote|inventory (?:purchase|buy|buyout|deal))\b/;
const lesseeKeeps =
  /\b(?:(?:guy|lady|man|woman|gentleman|customer|client)s? (?:(?:who|that) )?(?:wants|would like|plans) to (?:keep|buy|purchase) (?:it|his|her|their|the)\b|(?:lessee|customer|client|she|he|they)\b[^.;!?]{0,30}\b(?:wants?|wanting|asking for|needs?) (?:a |the )?(?:price|quote|number|payoff|figure) to (?:buy|keep|purchase) (?:it|her car|his car|their car|the car|the vehicle)\b|(?:lessee|customer|client)\b[^.;!?]{0,60}\band (?:now |also )?(?:wants|decided|would like) to (?:buy|keep|purchase) (?:it|the car|the vehicle|her car|his car)|(?:lessee|customer|client|she|he|they) changed (?:her|his|their) minds? and (?:is|are|wants to|will|is going to) (?:keep|buy)\w*|(?:lessee|customer|client|she|he|they)(?: (?:in|from|at|over in|out in) [a-z]+(?: [a-z]+)?(?=\s(?:wants|would|is|was|plans|decided)\b))?(?:'s|s|'re| is| are| was)? (?:[\w']+ ){0,4}?(?:buy(?:ing)?|(?<!dealer )purchas(?:e|ing)|keep(?:ing|s)?|buys|wants?)(?: (?:it|(?:the|this|that) (?:car|vehicle|thing|unit|truck|suv)|(?:this|that) one|hers|his|theirs|(?:her|his|their) (?:car|lease|vehicle))|(?<=\b(?:buy|buying|buys|purchase|purchasing)) out|(?=\s*(?:[,.;!?]|\s[-–—]\s|$)|\s+(?:and|but|so|or|either|neither)\b))|(?:lessee|customer|client|she|he|they) (?:wants|would like|plans|is going|are going) to(?=$|[.,!?;]| buy| purchase| keep)|(?:lessee|customer|client) wants (?:a |to get a )?(?:purchase|buyout|payoff) quote|(?:buy|buying|purchas\w*) (?:(?:it|the car|the vehicle|one|this one|that one) )?(?:back |out )?for (?:her|him|them|the (?:lessee|customer|client))|(?:for|4) (?:re-?sale|resale) to (?:the |its |their )?(?:lessee|customer)|(?:it'?s|its|it is) for (?:the )?(?:customer|lessee|client)(?= *(?:[,.;!?]|$))|(?:re-?sell|re-?sold|sell|sold|selling|reselling|retail|retailing) (?:it |the car |the vehicle |an? (?:returned |leased )?(?:car|vehicle) |this one )?(?:right )?(?:back )?to (?:(?:(?:the|its|their) )?(?:same |original )?(?:lessee|customer|client)|her|him|them)|(?:re-?sell|sell|selling|reselling|retail|retailing) (?:the (?:lessee|customer|client)|her|him|them) (?:her|his|their) (?:own )?(?:lease |leased )?(?:car|vehicle|lease|truck|suv))\b/;
const inventory =
  /\b(?:dealer purchase for inventory|for (?:re-?sale|resale)(?! to (?:the |its |their )?(?:lessee|customer))|to (?:re-?sell|sell) (?:it )?(?:ourselves|on (?:our|the) (?:own |used )?lot)|(?:re-?sell|sell|retail) (?:it |one )?on (?:our|the) (?:own |used )?lot|(?<!\b(?:stuck|have to|has to|got to|gotta|need to|needs to|get to|can we|could we|may we|allowed to|do we|do i|should we|should i|would we|will we)(?: just| still| even)? )(?:put(?:ting|s)?|keep(?:ing|s)?|park(?:ing|s)?) (?:it )?on (?:our |the |their |its )?(?:own )?(?:used(?: car)? |pre-?owned |cpo )?lot|(?:it'?s |it is |is )?go(?:es|ing)? (?:on|onto|to|into) (?:our |the |their )?(?:own )?(?:used(?: car)? |pre-?owned )lot|(?:for|4) (?:our |my |their |his |her |its )?(?:own )?(?:used(?: car)? |pre-?owned |cpo |certified (?:pre-?owned )?)?(?:inventory|lot|stock)|(?:for|4) the (?:own )?(?:used(?: car)? |pre-?owned |cpo )?(?:inventory|stock)|(?<=\b(?:it|one|buy\w*|keep\w*|want\w*|purchas\w*|grab\w*|tak\w*|hold\w*)\b[^.?!,]{0,25})(?:for|4) the (?:used(?: car)? |pre-?owned |cpo |certified (?:pre-?owned )?)?lot|(?:for|4) (?:our|my|the) (?:[\w-]+ ){1,2}?(?:inventory|stock)|into (?:our |my )?(?:used |pre-?owned )?(?:inventory|stock)|(?:for|4|on) (?:our|my|the) front ?line|(?:for|4) (?:our |my |their )?own (?:used(?: car)? |pre-?owned )?lots)\b/;
const dealerBuys =
  /\b(?:(?<=(?:^|[.!?,;]\s*)(?:not |never |no longer )?)(?:buying|purchasing) (?:it|the car|the vehicle|this one|either(?: one| of (?:them|these|those|the \w+))?|any of (?:them|these|those|the \w+)|both(?: of (?:them|these|those|the \w+))?|them)(?=\s*(?:[,.;!?]|$)|\s+(?:that|which|who)\b)|(?:we|i|(?:the |our )?(?:store|dealer|dealership))(?:'re|'m| are| am| do| does| will)? (?:not |don't |dont |do not |won't |wont |doesn't |doesnt )?need (?:it|the car|the vehicle|this one)(?=\s*(?:[,.;!?]|$)|\s+(?:on|for|in) (?:(?:the|our) )?(?:used )?(?:lot|inventory|stock)\b)|(?:we|i|(?:the |our )?(?:store|dealer|dealership))(?:'ll|'re|'m| will| are| am)? (?:also |gonna |going to )?pass(?:ing)?(?: on (?:it|the car|the vehicle|this one|buying it))?(?=\s*(?:[,.;!?/]|$)|\s+(?:too|as well|also|and|on (?:it|the car|the vehicle|this one|buying it)))|dealer purchases?|dealer buys\b(?=\s*(?:[,.;!?]|$)|\s+(?:again|fax|quote|number|line)\b)|(?:our|my|the dealer'?s|the dealership'?s) (?:dealer )?purchase|(?<!\bwhere (?:can|could|do|should|would) )(?:we|us|i|dealer|dealership|(?:the |our )?store)(?:'re|'m|'ve|'d|'ll|'s| are| am| is| will| would| has| have)? (?!(?:who|that|which)\b)(?:(?!(?:and|but|so|nobody(?:'s)?|no one|neither)\b)[\w']+ ){0,3}(?:buy(?:ing|s)?|purchas(?:e|es|ing)|keep(?:ing)?|want(?:ing|s)?)(?: (?:it|the car|the vehicle|this one|one|a car|a vehicle|an? (?:returned |leased |lease |off-lease )(?:car|vehicle|lease|unit|return)|one of (?:these|those|them)|(?:vin |unit |stock )?#?\s*[a-z0-9]{0,2}\d{6}|(?:the|this|that) [\w-]+(?=\s*(?:[,.;!?]|$)|\s+(?:and|but|so|either|ourselves|back)\b))|(?=\s*(?:[,.;!?]|\s[-–—]\s|$)|\s+(?:and|but|so|or|either|neither|from ally)\b)))\b/;
/** Words that say a return is the ordinary kind ("a regular turn in", "plain old return"), nothing bought. */
const plainReturnWord = '(?:plain(?: old)?|regular|normal|standard|simple|ordinary|basic|typical|straight|usual)';
const lesseeReturns = new RegExp(
  `\\b(?:lease return(?=\\s*[,:;-].*\\bfax)|(?:bringing|turning) (?:it|the car|the vehicle|(?:her|his|their) (?:[\\w-]+ )?[\\w-]+) (?:back|in)(?= (?:about |around |like )?(?:\\d+|a few|a couple of|one|two|three|four|five|six|seven|eight|nine|ten) (?:months?|weeks?) (?:early|before|ahead))|(?<=\\bfax\\b.{0,40})lease return(?=\\s*(?:[,:;-]|$))|(?<=\\b(?:notify|notifying|report|reporting)\\b[^,]{0,40}[,:;-]\\s*)lease return(?=\\s*[?.!]*$)|lessee returns?|(?:lessee|customer|client|she|he|they)(?:'s| is)? (?:wants?|plans?|needs?|is going|going) to [^.?!,]{0,30}\\band (?:turn|give|hand|bring) (?:it|the car|the vehicle|(?:her|his|their) (?:[\\w-]+ )?(?:car|vehicle|truck|suv|lease)) (?:in|back)\\b|(?:lessee|customers?|client|she|he|they)(?:'s|'re| is| are)? (?:[\\w']+ ){0,2}(?:(?:wants?|plans?|needs?) to (?:turn (?:it |the car |the vehicle |(?:her|his|their) (?:[\\w-]+ )?(?:lease|car|vehicle|truck|suv) )?in|give (?:it |the car |the vehicle )?back)|walk(?:ing|s|ed)? away(?: from (?:it|the car|the vehicle|the lease|(?:her|his|their) (?:[\\w-]+ )?(?:car|lease|vehicle|truck|suv)))?|turning in (?:her|his|their|the) (?:[\\w-]+ )?(?:lease|car|vehicle|truck|suv)|returning|(?:giving|handing|gives?|hands?) (?:it |the car |the vehicle |(?:her|his|their|the) [\\w-]+ )?back|turning (?:it |the car |the vehicle |(?:her|his|their|the) [\\w-]+ )?in|just (?:(?:returning|giving|turning|dropping|handing|gives|turns|drops|returns|hands)\\w*|(?:turn|return|give|hand) (?:it|her|him|them|the car|the vehicle)(?: in| back)?))|(?<!\\b(?:smart ?auction|auction|listed|posted)\\b[^]{0,80})(?:neither|nobody|no one|no-one)\\b[^,.;!?]{0,50}?\\b(?:buy|purchas|keep|want|interested)\\w*(?! (?:it |the car |the vehicle )?(?:at|on) (?:the )?(?:smart ?)?auction)|(?<!\\b(?:a|an|any) (?:[\\w-]+ )?(?:car|vehicle|unit|lease|return)s? |\\b(?:cars|vehicles|units|leases|returns) )(?:return(?:ing)?|giv(?:e|ing)|send(?:ing)?|going|goes|go|straight|right) (?:it )?back to ally|(?<!\\b(?:the|a|this|that|our|report|reporting) )(?:returning|return) (?:it )?to ally|(?:just|only|simply) (?:returning|giving (?:it |the car |the vehicle )?back|turning (?:it |the car |the vehicle )?in|handing (?:it |the car |the vehicle )?(?:back|in)) (?:it|the car|the vehicle|her|him)|(?:just|only|simply) (?:returning|giving (?:it |the car |the vehicle )?back|turning (?:it |the car |the vehicle )?in|handing (?:it |the car |the vehicle )?(?:back|in))(?=\\s*(?:[,.;!?]|$))|(?:(?:just|only|simply) (?:dropping|drops|drop)|(?:only|simply) dropped) (?:it|the car|the vehicle|her|him|them|(?:her|his|their) (?:[\\w-]+ )?(?:car|vehicle|truck|suv)) off\\b(?! (?:at|to|with) (?:the )?(?:auction|shop|body|detail))|ally (?:can|will|gets to) (?:have|take) it|(?:just |we'?re |we are |we'll |we will |gonna |going to )ground(?:ing)? (?:it|the car|the vehicle|this one|her|him)|(?:just|only|${plainReturnWord}) (?:a )?(?:lease |lessee )?(?:returns?|turn[- ]?ins?)|(?:for|on) (?:a |the |this |that |our )?(?:${plainReturnWord} )?(?:lease|lessee) (?:returns?|turn[- ]?ins?)|(?:returns?|turn[- ]?ins?) only\\b|lease returns? (?:fax|quote|one|number|#|form|forms|odometer|paperwork)|(?<!\\b(?:purchase|buyout|buy|dealer) (?:or |and |\\/ ?)?)returns? fax\\b|(?:it'?s|its|this is|it is) (?:a |just a )?(?:lease |lessee )?(?:return|turn[- ]?in)(?! (?:question|thing|issue|matter|topic|desk|department|dept|line|call)s?\\b)|fax\\w*(?: ?#| number)? (?:for )?(?:a )?lease returns?|fax\\w*(?: ?#| number)? is (?:for|4) (?:a )?(?:lease )?returns?(?! (?:site|manager|process|quotes?)))\\b`,
);

/** "for the customer or for our lot": whom the car is bought for, given as alternatives. */
const alternativeBuyers =
  /\bfor (?:the )?(?:customer|lessee|client|her|him|them) or (?:for )?(?:our|the|my) (?:own )?(?:used )?(?:lot|inventory|stock)\b|\bfor (?:our|the|my) (?:own )?(?:used )?(?:lot|inventory|stock) or (?:for )?(?:the )?(?:customer|lessee|client|her|him|them)\b/;

export interface IntentReading {
  intent?: Fact<Intent>;
  dealerWantsToPurchase?: Fact<boolean>;
  lesseeWantsToPurchase?: Fact<boolean>;
}

/**
 * What the lessee and the dealer mean to do with the car. "The lessee wants to keep it" is a Dealer
 * Purchase for Lessee; "for our inventory" one for inventory; "a dealer purchase" alone says the dealer
 * buys without saying for whom (`dealerWantsToPurchase`); "the lessee is giving it back" or "nobody's
 * buying it" a Lessee Return. A negated wish ("the lessee doesn't want to keep it") is false.
 */
/** Bare answers to "what happens to the car?" that only mean something at that prompt ("inventory", "for the lessee"). */
const bareIntentAnswers: readonly (readonly [Intent, RegExp])[] = [
  ['dealerPurchaseForInventory', /^(?:(?:for )?(?:our |the |my )?(?:inventory|stock|(?:used )?lot)|for us|us|we (?:are|will|do)|we'?re buying|dealer)$/],
  [
    'dealerPurchaseForLessee',
    /^(?:(?:for )?(?:the )?(?:lessee|customer|client)|(?:the )?(?:lessee|customer) (?:is )?buying|lessee purchase|(?:s?he|they) (?:is |are )?(?:keeping|buying) (?:it)?)$/,
  ],
  [
    'lesseeReturn',
    new RegExp(
      `^(?:(?:(?:a|an|just|only|lessee|lease|${plainReturnWord})\\s)*(?:return|turn[- ]?in)|returning|neither|nobody|no one|none|nope neither|back to ally)$`,
    ),
  ],
];

export function readIntent(text: MessageText, options: { asked: boolean } = { asked: false }): IntentReading {
  const out: IntentReading = {};
  if (options.asked) {
    const bare = text.lower
      .trim()
      .replace(/[.!?]+$/, '')
      .replace(/\s+/g, ' ');
    // ("return. we already have 3 of these sitting on the lot": the first clause answers, the rest is talk.)
    const firstClause = bare.split(/\s*[.,;!]\s+/)[0] ?? bare;
    const hit = bareIntentAnswers.find(([, pattern]) => pattern.test(bare)) ?? bareIntentAnswers.find(([, pattern]) => pattern.test(firstClause));
    if (hit) {
      const words = text.raw.trim().replace(/[.!?]+$/, '');
      out.intent = { value: hit[0], words };
      if (hit[0] === 'dealerPurchaseForLessee') out.lesseeWantsToPurchase = { value: true, words };
      return out;
    }
  }
  // "The difference between a purchase for the lessee and one for inventory": kinds compared, none stated; so are
  // kinds given as alternatives ("doesn't know yet if it's a return or a purchase").
  // ("she's turning it in early, is there a tool to compare her return options?": the options compared are the calculator's,
  // not kinds of return; what she does is still stated.)
  // (Unless what she does is itself only a possibility: "the lessee might just walk away, is there a tool to compare the options?")
  const hedged = /\b(?:might|may|could|considering|thinking (?:about|of)|not sure)\b/.test(text.lower);
  const kindsCompared = comparing.test(
    hedged ? text.lower : text.lower.replace(/\bcompar\w* (?:her|his|their|the|our|my|your) (?:return |lease )?options\b/g, ' '),
  );
  if (kindsCompared || alternativeKinds.test(text.lower)) return out;
  const named = findAll(text, namedKind)[0];
  if (named && !negationOf(text, named.index, named.end)) {
    const forLessee = /lessee/.test(named.match[0]);
    out.intent = { value: forLessee ? 'dealerPurchaseForLessee' : 'dealerPurchaseForInventory', words: named.words };
    if (forLessee) out.lesseeWantsToPurchase = { value: true, words: named.words };
    return out;
  }
  const read = reading(text, lesseeKeeps);
  // ("she no want the car no more": "no" before the verb denies the wish, as a second-language speaker says it.)
  const denied = read && /\bno (?:want|wants|buy|buys|keep|keeps|quiere)\b/.test(read.words.toLowerCase()) ? { ...read, negated: true } : read;
  // ("caller from a tulsa store wants to know … once they say theyre buying it": "they" is the caller's store, the only party
  // named before it; nothing says a lessee buys.)
  const theyAreTheStore =
    denied !== undefined &&
    /^they\b/i.test(denied.words) &&
    /\b(?:caller|dealer|dealership|store|rooftop)\b/.test(text.lower.slice(0, denied.at.index)) &&
    !/\b(?:lessee|customer|client|she|he|her|his|lady|guy)\b/.test(text.lower.slice(0, denied.at.index)) &&
    !/\b(?:lessee|customer|client|her|him)\b/.test(denied.words.toLowerCase()) &&
    !/^\s*(?:back )?for (?:the )?(?:lessee|customer|client|her|him|them)\b/.test(text.lower.slice(denied.at.end)) &&
    !/\b(?:re-?sell|sell)\w* (?:it |the car )?(?:back )?to (?:the )?(?:lessee|customer|client)\b/.test(text.lower);
  const keeps = theyAreTheStore ? undefined : denied;
  const stock = reading(text, inventory);
  // "They want it for their used lot": a pronoun's wish with the dealer's inventory named is the dealer's.
  // (So is "buy it for inventory and sell it to the lessee later": the purchase named is for inventory.)
  const dealersWish =
    keeps !== undefined &&
    stock !== undefined &&
    !stock.negated &&
    /^(?:they(?:'?re)?|she(?:'?s)?|he(?:'?s)?|sell|re-?sell|sold)\b/.test(keeps.words.toLowerCase());
  // "wants to know if they keep it": a wish wondered about is not stated.
  const wondered = keeps !== undefined && /\b(?:if|whether)\s+$/.test(text.lower.slice(Math.max(0, keeps.at.index - 10), keeps.at.index));
  // ("can I pull a payoff for a customer who wants to buy their lease out": a wish told in a relative clause is stated, in a question too.)
  const toldOfSomeone = keeps !== undefined && /^[a-z]+ (?:who|that) /.test(keeps.at.match[0]);
  if (keeps && !dealersWish && !wondered && (toldOfSomeone || !isAsked(text, keeps.at.index))) {
    if (keeps.negated) out.lesseeWantsToPurchase = { value: false, words: keeps.words };
    else {
      out.intent = { value: 'dealerPurchaseForLessee', words: keeps.words };
      out.lesseeWantsToPurchase = { value: true, words: keeps.words };
    }
  }
  if (!out.intent && stock && !stock.negated) out.intent = { value: 'dealerPurchaseForInventory', words: stock.words };
  const buys = reading(text, dealerBuys);
  // "Does it go to the same fax whether we buy the car or not?": either way, no purchase stated.
  const eitherWay =
    buys !== undefined &&
    /\bwhether\s+$/.test(text.lower.slice(Math.max(0, buys.at.index - 10), buys.at.index)) &&
    /^[^.?!]{0,25}\bor not\b/.test(text.lower.slice(buys.at.end));
  // ("if a dealer from memphis buys it on smartauction": another dealer buying at auction is the sale, not the store's purchase.)
  const boughtAtAuction =
    buys !== undefined && /^\s*(?:(?:on|at|through|off) (?:the )?(?:online |smart ?)?auction|on sa)\b/.test(text.lower.slice(buys.at.end));
  // ("the dealer is deciding between buying it and returning it", "still debating whether to buy it": not decided.)
  const undecided =
    buys !== undefined &&
    /\b(?:deciding|debating|undecided|torn|on the fence|not sure|unsure|thinking about|weighing|figur\w* out (?:if|whether)|decide (?:if|whether))\b/.test(
      text.lower.slice(Math.max(0, buys.at.index - 25), buys.at.index + buys.at.match[0].length),
    );
  // ("Is the dealer purchase fax 866-851-0577 or 877-290-9555?": the purchase named as a kind, in a question too.)
  const namedAsKind = buys !== undefined && /^dealer (?:purchases?|buys)$/.test(buys.at.match[0]);
  if (
    buys &&
    !eitherWay &&
    !boughtAtAuction &&
    !undecided &&
    (namedAsKind || !isAsked(text, buys.at.index)) &&
    !(keeps && !keeps.negated && keeps.at.index <= buys.at.index && buys.at.end <= keeps.at.end) &&
    // ("we are not buying it for the customer, we want it for our own inventory": a purchase for someone denied, the store's own stated.)
    !(
      buys.negated &&
      out.intent?.value === 'dealerPurchaseForInventory' &&
      /^(?: it| the car| the vehicle| this one)? for (?:the |our )?(?:customer|lessee|client|her|him|them)\b/.test(text.lower.slice(buys.at.end))
    )
  ) {
    out.dealerWantsToPurchase = { value: !buys.negated, words: buys.words };
  }
  if (theyAreTheStore && denied && !out.dealerWantsToPurchase && /\b(?:buy|buying|purchas\w*)\b/.test(denied.words.toLowerCase()))
    out.dealerWantsToPurchase = { value: !denied.negated, words: denied.words };
  const returns = reading(text, lesseeReturns);
  // ("We faxed a dealer purchase to the lease return fax": the return named is the fax's, the purchase is the car's.)
  // ("every Ally number for lease returns": the directory asked for, lease returns as its scope, not this car's kind.)
  // ("on a lease return, when will the inspector come out?": the inspection, the same whoever keeps the car, with lease returns
  // as its scope.)
  const directoryScope =
    returns !== undefined &&
    /^(?:for|on) /i.test(returns.words) &&
    // ("what all can this assistant help me with on lease returns": returns in general, the scope of the question.)
    ((/(?:returns|turn-?ins)$/i.test(returns.words) && !/^(?:for|on) (?:a|the|this|that|our) /i.test(returns.words) && !/\bfax/.test(text.lower)) ||
      /\b(?:every|all|list)\b.{0,30}\b(?:numbers?|lines|contacts|phones)\b/.test(text.lower) ||
      (/\binspect\w*/.test(text.lower) && !/\b(?:fax\w*|odometer|forms?|quotes?|hold|72|buy\w*|purchas\w*|keep\w*)\b/.test(text.lower)));
  // ("how do we figure out whether to buy it or let it go back to ally": the return offered as one choice, not decided.)
  const offeredAsChoice =
    returns !== undefined &&
    /\b(?:whether|between|decid\w*|figur\w* out|choose|choos\w*)\b[^.?!]{0,40}\bor\s+(?:[\w']+\s+){0,3}$/.test(text.lower.slice(0, returns.at.index));
  if (!out.intent && returns && !returns.negated && !directoryScope && !offeredAsChoice && out.dealerWantsToPurchase?.value !== true)
    out.intent = { value: 'lesseeReturn', words: returns.words };
  // "she doesn't want to buy it and neither do we": the dealer's wish is negated by agreement with the lessee's.
  const neither = findAll(
    text,
    /\b(?:neither|nor) (?:do|will|are|would|can) (?:we|i)\b|\b(?:we|i|(?:the |our )?(?:store|dealer|dealership)) (?:don't|do not|doesn't|does not|won't|will not|aren't|are not|isn't|is not)(?: [\w']+){0,3} either\b|\b(?:we're|we are|i'm|i am) not(?: [\w']+){0,3} either\b|\b(?:we|i) (?:don't|do not|doesn't|won't|ain't) neither\b|\b(?:we|i|our (?:[\w-]+ ){0,3}(?:manager|gm|gsm|desk|buyer)|the (?:store|dealer(?:ship)?))\b[^.?!]{0,15}\b(?:passed|passes|passing|declined|said no)(?: on (?:it|her|him|that|this one))?\b|\bnot (?:one|a car|something) (?:we'?d|we would|we want to|we'll|we will) (?:put|keep|want|take) (?:on|for) (?:our|the) (?:used )?lot\b/,
  )[0];
  // ("she isn't buying it out and our used car manager passed on it too", "not one we'd put on our lot": the store passes too.)
  if (neither && out.lesseeWantsToPurchase?.value === false && out.dealerWantsToPurchase === undefined) {
    out.dealerWantsToPurchase = { value: false, words: neither.words };
  }
  // "we aren't buying it, the lessee isn't either": the same agreement the other way round.
  const lesseeNeither = findAll(
    text,
    /\b(?:neither|nor) (?:is|does|will|would|can) (?:the )?(?:lessee|customer|client|she|he|they)\b|\b(?:the )?(?:lessee|customer|client|she|he|they) (?:isn't|is not|doesn't|does not|won't|will not|aren't|are not)(?: [\w']+){0,3} either\b|\b(?:the )?(?:lessee|customer|client|she|he|they)(?:'s| is| are| does| do| will)(?: \w+)? too\b|\b(?:so|same with|same for) (?:is |does )?(?:the )?(?:lessee|customer|client|she|he|they)\b/,
  )[0];
  if (lesseeNeither && out.dealerWantsToPurchase?.value === false && out.lesseeWantsToPurchase === undefined) {
    out.lesseeWantsToPurchase = { value: false, words: lesseeNeither.words };
  }
  if (!out.intent && out.dealerWantsToPurchase?.value === false && out.lesseeWantsToPurchase?.value === false) {
    out.intent = { value: 'lesseeReturn', words: out.dealerWantsToPurchase.words };
  }
  // ("we're not buying it for inventory, it's for the customer": the purpose is denied, not the purchase.)
  if (
    out.intent?.value === 'dealerPurchaseForLessee' &&
    out.dealerWantsToPurchase?.value === false &&
    buys !== undefined &&
    /^\s*for (?:our |the |my )?(?:own )?(?:used )?(?:inventory|lot|stock)\b/.test(text.lower.slice(buys.at.end))
  )
    delete out.dealerWantsToPurchase;
  // ("whether we're buying it for the customer or for our lot": the purchase is stated, for whom is not.)
  if (alternativeBuyers.test(text.lower)) {
    delete out.intent;
    delete out.lesseeWantsToPurchase;
  }
  return out;
}

const avrmWord =
  // ("not my ally bank login, the AVRM one": a bank's login is not AVRM's.)
  /\b(?:avrm|vehicle return manager|(?<!\b(?:bank|banking|checking|savings) )(?:log ?in|sign ?in|user ?id|password)|credentials|access|(?<!\b(?:bank|checking|savings|loan|credit card|ally bank) )account(?! (?:number|balance|payment)))\b/;
const avrmPositive =
  /\b(?:(?<!\b(?:not|never|haven't|hasn't|didn't|don't|no)\s(?:\w+\s)?)(?:got|have|received) (?:our|my|the) (?:avrm )?(?:log ?in|user ?id|password|credentials)|(?:we|i) can (?:[\w']+ ){0,3}(?:in|through|via|using|on) (?:the )?avrm|(?:we|i)(?: do| already)? (?:have|got|use) (?:a |an |our |my )?(?:avrm )?(?:log ?in|account|user ?id|password|credentials)|(?:we|i|dealer|dealership)(?:'ve| have| has| got| use| using)? (?:[\w']+ ){0,2}(?:have|has|got|use|using)\b.{0,20}\bavrm|(?<!\b(?:once|when|if|after|until) (?:i'm|im|we're|i am|we are|we get|i get) )(?:in|through|via|using|from|on) (?:the )?avrm|avrm (?:access |log ?in |account )?(?:works|is working|is fine|is active)|avrm (?:access|login)|logged (?:in|into)|logs in (?:every|each|daily|all the time)|(?<!\b(?:if|when|once|whether|before|after|until|should|could|can|do|would|will) )(?:we|i)(?:'ve| have| already| just)* (?:put|entered|submitted|keyed|loaded|notified ally|reported|sent)\b[^.?!]{0,30}\b(?:in|into|on|through|thru|via|using) (?:the )?avrm|(?:fixed|reset|restored|unlocked|sorted out) (?:my|our|the) (?:avrm )?(?:log ?in|password|account|access)|(?<!\b(?:help|helps|helping|questions?|problems?|issues?|trouble|deal|dealing|started|start|going on)(?: (?:me|us|out|them))? )with (?:avrm|access)|(?:have|has|got) (?:avrm|access(?! to\b(?!\s*(?:avrm|vehicle return manager|the (?:site|system|portal|website)|it|that)\b)))|(?<!(?:'ll|will|would|should|gonna|to) )(?:has|have|got) (?:a|an|the|their|his|her) (?:avrm )?(?:log ?in|user ?id|account|credentials))\b/;

/**
 * Whether the dealer can use AVRM. Read through negation scope: "no AVRM here", "we don't have AVRM",
 * "without AVRM access", "can't log in" are false; "we have AVRM", "done in AVRM" true. A question about
 * getting access ("how do I get an AVRM login") states nothing.
 */
export function readAvrmAccess(text: MessageText, options: { question: boolean; asked?: boolean } = { question: false }): Fact<boolean> | undefined {
  // "AVRM is down": an outage states no access in general (the original set has it so), but at the AVRM prompt it
  // answers for now: the dealer cannot use it.
  const down = options.asked ? findAll(text, /\b(?:avrm|it|the (?:site|system))(?:'s| is) (?:down|offline|out)\b/)[0] : undefined;
  if (down) return { value: false, words: down.words };
  // ("nobody here has ever used it" at the AVRM prompt: never used, so no access.)
  const neverUsed = findAll(
    text,
    options.asked
      ? /\b(?:nobody|no one|no-one|none of us|never)\b(?: here| at (?:the|our) (?:store|dealership))?(?: (?:has|have|had|ever|even|really))*\s+(?:used|use|touched|logged into|logged in to|had)\b(?: (?:it|that|avrm|the (?:site|system|thing)))?/
      : /\b(?:nobody|no one|no-one|none of us|none of (?:our|the|my) (?:[\w-]+ ){0,3}?(?:guys|people|folks|staff|managers|team|employees|salespeople|finance (?:guys|people|managers)))\b(?: here| at (?:the|our|this) (?:store|dealership|location|rooftop))?(?: (?:has|have|had|ever|even|really))*\s+(?:(?:used|touched|logged into|logged in to)\s+avrm|(?:has|have|got|had) (?:an? |the )?avrm(?: log ?in| account| access| password)?)\b/,
  )[0];
  if (neverUsed) return { value: false, words: neverUsed.words };
  // ("yes we have it, and the car came in today" at the AVRM prompt: the yes answers the prompt, whatever else follows.)
  const yesThenMore = options.asked
    ? findAll(
        text,
        /^\s*(?:(?:yes|yeah|yep|yup|yes we do|we do)(?:[,!]?\s+we (?:do|have (?:it|one|access|that|a login)))?|we have (?:it|one|access|that))(?=\s*(?:[,.;!]|-|\band\b))/,
      )[0]
    : undefined;
  if (yesThenMore) return { value: true, words: yesThenMore.words };
  // ("our office manager logs into avrm all the time so yes" at the AVRM prompt: the reason given, then the answer.)
  const answerLast = options.asked ? findAll(text, /(?:\bso|[,;]|\s-)\s*(yes|yeah|yep|yup|no|nope|nah)\s*[.!]*$/)[0] : undefined;
  if (answerLast) return { value: /^y/.test(answerLast.match[1] ?? ''), words: answerLast.words };
  // "avrm: yes", "change avrm to no": the field named with its value.
  const named = findAll(
    text,
    /\bavrm(?: access)?\s*(?:to|is|=|:|-)?\s*(yes|yep|yeah|y|ok|okay|good|fine|works|active|true|no|nope|n|none|false|n\/a)(?=$|[\s.,;!?])/,
  )[0];
  if (named) return { value: !/^(?:n|false)/.test(named.match[1] ?? ''), words: named.words };
  const waiting = findAll(
    text,
    /\b(?:locked out|lock\w* (?:me|us|them|him|her) out|waiting (?:\w+ ){0,3}?(?:on|for) (?:my |our |the |their |his |her )?(?:avrm |ally )?(?:avrm|user id|password|log ?in|credentials)|(?:isn't |is not |not |aren't |never )(?:yet )?(?:registered|set up|signed up|active|activated)|(?:access|avrm|account|log ?in) (?:has |have |is |was )?(?:not|n't) (?:yet )?(?:been )?(?:set up|activated|approved|granted|created)|(?:avrm |our |my |the )?(?:old )?(?:avrm )?(?:log ?in|password|(?<!\b(?:bank|checking|savings|loan|credit card) )account|access) (?:is |was |got |has been |have been |been )?(?:actually |now |still |just )?(?:dead|broken|expired|disabled|deactivated|locked|gone|lost|deleted|shut off|turned off|cut off|revoked|cancel+ed)|avrm (?:is )?(?:not working|broken)|avrm (?:keeps |kept |is )?(?:rejecting|rejects|rejected|declining|denying|not accepting|won'?t accept) (?:my|our|her|his|their|the) (?:password|log ?in|credentials|user ?id)|avrm (?:is |being )?(?:unavailable|not available|isn't available|not avail)\b|(?:avrm )?(?:keeps |kept )?(?:saying|says|said|shows|showing|giving (?:me|us) an?) (?:an? )?(?:invalid|wrong|incorrect|bad|expired) (?:password|log ?in|user ?id|credentials)|avrm (?:won't|will not|wont|doesn't|does not|isn't|is not) (?:even |ever |really )?(?:let (?:us|me|him|her|them) in|work\w*|load\w*|open\w*|accept\w*|take (?:it|my|our|the))|avrm (?:keeps |kept )?(?:kick|kicks|kicking|kicked|log|logs|logging|logged|lock|locks|locking|locked|boot|boots|booting|booted|throw|throws|throwing|threw) (?:me|us|him|her|them) out|(?:avrm |our |my |the )?(?:log ?in|user ?id|password|credentials) (?:still )?(?:hasn't|has not|haven't|have not|never|didn't|did not) (?:come|came|arrive\w*|show\w* up|gotten here|been sent)|(?:avrm |our |my |the )?(?:log ?in|user ?id|password|credentials) (?:is |are )?(?:still )?(?:not|n't) (?:yet )?(?:here|in|there|received|arrived)|(?:log ?in|user ?id|password|credentials|access|account) (?:is |are |has been |have been )?(?:still )?(?:pending|awaiting approval|being (?:processed|set up|approved))|(?:never|not|haven't|hasn't|didn't|did not|have not|has not) (?:yet )?(?:got|gotten|get|been) (?:set up|signed up|registered) (?:on|in|with|for) avrm|(?:don't|do not|doesn't|does not|never) use avrm|never (?:did )?(?:get |got )?(?:signed up|registered|set up)(?: for (?:that|it|avrm|this))?|(?:registered|signed up|applied|enrolled|filled out (?:the |a |our )?(?:sign ?up|registration|application)|(?:received|got|have) (?:the |my |our |a )?(?:avrm )?registration (?:confirmation|email|e-mail))\b.{0,60}\b(?:when (?:will|can|do) (?:i|we) (?:\w+ ){0,2}(?:be able to )?(?:log ?in|get (?:in|access|my))|how long (?:till|until|before|til) (?:i|we|she|he|they) (?:can )?(?:actually )?(?:get in|log ?in|get access|access|get into)|still (?:(?:have|got|see|seeing|getting|received) )?(?:no|nothing|not|waiting|haven't|hasn't|don't)|no (?:user ?id|password|log ?in|credentials)|(?:haven't|hasn't|have not|has not|never) (?:yet )?(?:got|gotten|received|come|came|heard)))\b/,
  )[0];
  if (waiting) return { value: false, words: waiting.words };
  // ("i said no on avrm but i just found our login": access found after all takes back the no said before it.)
  const foundAfterAll = findAll(
    text,
    /\b(?:just |actually )?found (?:our|my|the) (?:avrm )?(?:log ?in|password|user ?id|credentials)|\b(?:our|my|the) (?:avrm )?(?:log ?in|user ?id|password|credentials|access) (?:(?:finally|just|actually) )?(?:came(?: through| in)?|showed up|arrived|went through|works|is working|is active)\b|\b(?:we|i|(?:my|our) (?:[\w-]+ ){0,2}(?:manager|mgr|clerk|gm|guy|lady|person|admin)) (?:do|does|actually) have (?:it|one|avrm|(?:an? |our |his |her )?(?:avrm )?(?:log ?in|account)|access)\b/,
  )[0];
  // ("scratch that no on avrm, my sales manager does have a login": the no taken back before the access found.)
  if (
    foundAfterAll &&
    (/\b(?:but|actually|scratch (?:that|the|my)|i said no|strike that|my bad|wrong|correction)\b/.test(text.lower.slice(0, foundAfterAll.index)) ||
      /\bafter all\b/.test(text.lower.slice(foundAfterAll.index)))
  )
    return { value: true, words: foundAfterAll.words };
  for (const match of findAll(text, avrmWord)) {
    const cue = negationOf(text, match.index, match.end);
    // ("general AVRM questions that aren't about a password reset": a kind of question set aside, no access denied.)
    // ("an avrm access problem thats not a password reset": one kind of problem set aside.)
    if (
      cue &&
      /\b(?:(?:that|which)(?: are| is)?|that'?s|thats)\s+$/.test(text.lower.slice(Math.max(0, cue.index - 12), cue.index)) &&
      /^\S+\s+(?:(?:about|for|related to|regarding)\b|an? [\w-]+ (?:reset|problem|issue|question)\b)/.test(text.lower.slice(cue.index))
    )
      continue;
    if (cue) return { value: false, words: span(text, cue, match).words };
  }
  // ("Can we fax the form instead of using AVRM?": AVRM named as the thing not used, no access said.)
  const has = findAll(text, avrmPositive).find((match) => !/\b(?:instead of|rather than|without)\s*$/.test(text.lower.slice(0, match.index)));
  // "What quotes can I get in AVRM?" asks about AVRM; only "we have AVRM" states access in a question.
  // In a question, "in AVRM" or "AVRM access" names AVRM; only "we have AVRM" states access.
  const onlyPlace = has !== undefined && (/^(?:in|through|via|using|from|on) /.test(has.match[0]) || /^avrm (?:access|login)$/.test(has.match[0]));
  // "What do we use AVRM for?" asks what it is for; it says nothing of this dealer's access.
  const purpose = /\bwhat\b[^.?!]*\buse\b[^.?!]*\bfor\b/.test(text.lower);
  if (has && !purpose && !isAsked(text, has.index) && !(options.question && onlyPlace)) return { value: true, words: has.words };
  return undefined;
}

export interface PickupReading {
  pickupBy?: Fact<PickupParty>;
  proofOfSale?: Fact<boolean>;
  billOfLading?: Fact<boolean>;
  sold?: Fact<boolean>;
}

const buyingDealer =
  /\b(?:buying dealer(?:ship)?s?|(?<!\bco[- ]?)buyer|buyers(?= (?:guy|driver|person|rep|man|people))|purchasing dealer(?:ship)?|(?:dealer|dealership|store|lot)s? (?:(?:in|from|out of) [a-z]+(?: [a-z]+)? )?(?:who|that|which) (?:bought|won|purchased|buy|buys)|(?:guy|person|man|lady|rep|fella|dude|driver) (?:who|that) (?:bought|won|purchased) (?:it|the car|the vehicle|this one)(?= (?:on|at|through) (?:the )?(?:smart ?auction|auction|online))|winning (?:bidder|dealer)|(?:dlr|dealer)(?: guy| rep| driver)? (?:is )?here (?:to|for) (?:grab|get|pick|take|collect)\b|(?:whoever|whomever|(?:the )?(?:one|ones|someone|somebody|people|folks) (?:who|that)) (?:bought|won|purchased) (?:it|the car|the vehicle|this one|that one)\b|(?<=\b(?:we|i)(?: just)? )(?:bought|won|purchased)(?=(?: [\w'-]+){1,5} (?:at|on|through) (?:the )?(?:online |smart ?)?auction\b)|other dealer(?:ship)?|dealer(?:ship)? from [a-z]+(?: [a-z]+)? (?:is )?(?:here|came|showed|arrived)|dealer(?:ship)? (?:from|in|out of) [a-z]+(?: [a-z]+)? (?:says|said|who says|that says)? ?(?:they|he|she)? ?(?:bought|won|purchased)\b|(?:dealer|dealership|store)(?: from (?:another|a different|the other) (?:store|dealer(?:ship)?|lot))? (?:wins|won|buys|bought) it\b|(?<!\b(?:we|our|my|i)\b[^.?!]{0,10})(?:dealer|dealership|store)(?: (?:from|in|out of) [a-z]+(?: [a-z]+)?)? (?:wins|buys|bought|won) it(?= (?:on|at|through) (?:the )?(?:online |smart ?)?auction\b)|(?:smart ?auction|auction) (?:buyer|winner)s?\b|dealer(?:ship)? (?:from|in|out of) [a-z]+(?: [a-z]+)?\b[^.?!]{0,40}\b(?:says|saying|said|claims?|claiming) (?:they|he|she) (?:bought|won|purchased)\b|another (?:dealer(?:ship)?|store)(?= (?:says|said|is|guy|who|that|bought|won|here|came|showed))|(?:from|at) (?:another|the other|a different) (?:store|dealer(?:ship)?|lot|rooftop)(?=.{0,40}\b(?:here|came|come|showed|arrived|wants|pick|take|at the|says|said|won|bought)\b))\b/;
const transporter = new RegExp(
  `\\b(?:transporter|transport(?= (?:is |guy |driver |co |company )?(?:here|came|arrived|showed))|transport(?:ation)? (?:company|co\\b|guy|driver|truck|man|person|people|lady|dude|fella)|carrier|hauler|hauling (?:company|co\\b|guy|outfit|service)|haul(?:er|ing) company|shipping company|delivery (?:company|driver)|(?<!\\b(?:headset|printer|software|device|audio|graphics|video|usb|network|windows|sound|scanner|camera) )drivers?|(?<!(?:returned|leased|lease|turned-in|customer's|lessee's|her|his|their|our|used|new|pickup|pre-owned) )${truckThatIsTheCar}(?:er)?s?(?!\\s+(?:(?:didn'?t|did not|never|hasn'?t|has not|won'?t|will not|wasn'?t|was not|still hasn'?t|finally|just|already)\\s+)?(?:sell|sold|sells|selling|get inspected|got inspected|was inspected|came back|was returned|went to auction|is listed|was listed|got posted|was posted)\\b)|trucking(?: company| guy| driver| co)?|tow truck|flatbed|car hauler|wrecker|shipper)\\b`,
);
const billOfLading = /\b(?:bill? of lad(?:ing|en|in|ding)|lading)\b/;
/**
 * The words before "driver" that make the driver another business's ("carmax's driver", "the carmax driver"), not a
 * transport company's ("the trucking company's driver", "the tow driver").
 */
const driverOfAnotherBusiness =
  /\b(?:(?!(?:transport\w*|trucking|shipping|carrier|hauler|ally|the transporter)'s)[a-z]+'s|(?:the|a|their) (?!(?:transport\w*|trucking|shipping|carrier|hauler|ally|tow|truck|delivery|same|other|new|first|second)\b)[a-z]{3,})\s+$/;
const proofOfSale =
  /\b(?:proof of (?:sale|purchase)|bill of sale|sales? receipt|(?:smart ?auction |auction )(?:sale|sales|purchase) (?:paper|papers|paperwork|docs?|documents?|receipt)|(?:sale|sales) (?:paper|papers|paperwork|docs?|documents?)|(?:anything|something|paperwork|papers?|documents?) (?:showing|proving|that shows) (?:he|she|they|it|them) (?:bought|purchased|won))\b/;
const buyersPurchasePapers = /\b(?:purchase|purchasing) (?:paper|papers|paperwork|docs?|documents?)\b/;
const possession =
  /\b(?:has|have|had|with|shows?|showed|shown|gave|given|gives|provided|provides|brought|brings|got|handed|hands|presented|presents|holding|left|dropped off|delivered|emailed|faxed|sent)\b/;
// ("just a bill of lading" is only one; "just handed me the bill of lading" is a moment ago.)
const onlyOne =
  /\b(?:only|nothing but|nothing except|just(?!\s+(?:handed|gave|given|brought|showed|shown|dropped|sent|emailed|faxed|delivered|presented|provided|pulled|came|walked|arrived|got here)\b))\s+(?:\w+\s+){0,3}$/;

/** Who is at the door, which document they have ("no BOL", "has the bill of lading", "only a bill of lading"), whether the car sold. */
export function readPickup(text: MessageText): PickupReading {
  const out: PickupReading = {};
  const bol = documentState(text, billOfLading);
  // ("the buyer from the auction is here with the purchase paperwork": the buyer's purchase papers are the proof of sale; our own
  // "purchase paperwork" for a dealer purchase is not.)
  const pos = documentState(text, proofOfSale) ?? (buyingDealer.test(text.lower) ? documentState(text, buyersPurchasePapers) : undefined);
  if (bol) out.billOfLading = bol.fact;
  if (pos) out.proofOfSale = pos.fact;
  // "only a bill of lading": the one document named is there, so the other one is not.
  if (bol?.only && !pos) out.proofOfSale = { value: false, words: bol.fact.words };
  if (pos?.only && !bol) out.billOfLading = { value: false, words: pos.fact.words };
  const dealer = reading(text, buyingDealer);
  const truck = reading(text, transporter);
  // "No BOL with the driver": the "no" is the document's, not the party's.
  const documentNegated = (found: { at: Match }): boolean => {
    const cue = negationOf(text, found.at.index, found.at.end);
    return (
      cue !== undefined &&
      /\b(?:bill of lading|lading|bol|proof of sale|bill of sale|paperwork|papers|documents?)\b/.test(text.lower.slice(cue.end, found.at.index))
    );
  };
  // "I'm not letting the driver leave with it": the release is denied, not the party.
  const releaseNegated = (found: { at: Match }): boolean => {
    const cue = negationOf(text, found.at.index, found.at.end);
    return cue !== undefined && /^\s*(?:let|letting|releas\w*|giv\w*|hand\w*)\b/.test(text.lower.slice(cue.end, found.at.index));
  };
  const present = (found: { at: Match; negated: boolean } | undefined): boolean =>
    found !== undefined &&
    // ("our transporter cancelled on us twice": the party that called off its pickup is still the one named.)
    (!found.negated ||
      documentNegated(found) ||
      releaseNegated(found) ||
      /^\s+(?:has |have |just |keeps |kept )?cancel\w*/.test(text.lower.slice(found.at.end)) ||
      // ("no buyer has shown up yet": the party awaited and not come is still the one named, as a no-show is.)
      (/\bno\s+$/.test(text.lower.slice(Math.max(0, found.at.index - 4), found.at.index)) &&
        /^\s+(?:has |have )?(?:shown up|showed up|come|came|arrived|turned up)\b/.test(text.lower.slice(found.at.end)))) &&
    !asksWhetherThere(text, found.at) &&
    !namesAContact(text, found.at) &&
    !saidNotToCome(text, found.at) &&
    // ("the carmax buyer asked how long ally leaves it up": a party asking a question is not at the door.)
    !/^\s+(?:asked|asks|is asking|was asking|wants to know|wanted to know|called to ask)\b/.test(text.lower.slice(found.at.end)) &&
    // ("is that just the buyer's order?": the buyer's order is a document of the sale, nobody at the door.)
    !/^(?:'s|s)?\s+order\b/.test(text.lower.slice(found.at.end)) &&
    // ("do we just wait on a truck": one still awaited is not at the door.)
    !/\b(?:wait(?:ing)?(?: around)?|hold(?:ing)? (?:it|the car|onto it)|keep(?:ing)? (?:it|the car)(?: here)?) (?:on|for) (?:a |an |the )?$/.test(
      text.lower.slice(Math.max(0, found.at.index - 26), found.at.index),
    ) &&
    // ("should I cancel the transporter? the buyer says they're coming": one called off, with the other party named, is not who
    // comes; alone, "cancel the transporter pickup" still names the transporter.)
    !(
      truck !== undefined &&
      dealer !== undefined &&
      /\b(?:cancel|cancell?ed|cancell?ing|call off|called off|calling off|don'?t need|no need for|turn away|turned away) (?:the |a |an |our |that |this )?$/.test(
        text.lower.slice(Math.max(0, found.at.index - 20), found.at.index),
      )
    );
  // "A driver from the buying dealer": the person is the buying dealer's; who sent them is who comes.
  const sentBy = (first: typeof truck, second: typeof dealer): boolean =>
    first !== undefined &&
    second !== undefined &&
    /^\s+(?:from|for|with|of|sent by|working for) (?:the |a |an )?$/.test(text.lower.slice(first.at.end, second.at.index));
  // "What the buying dealer brings vs. what a transporter brings": both named to compare, neither is at the door.
  // ("is it the buyer that comes for it or a transporter?": in a question, the two given as alternatives a few words apart.)
  const joined = (first: typeof dealer, second: typeof truck): boolean =>
    first !== undefined &&
    second !== undefined &&
    (/^[\s,]*(?:or|and|vs\.?|versus)\s+(?:a |an |the |some )?$/.test(text.lower.slice(first.at.end, second.at.index)) ||
      // ("if the car sells do we still wait on a transporter or does the buyer come get it": the question after its condition.)
      (/\?|(?:^|[,;:]\s*|\s)(?:is|does|do|who|which|will|would|can|should)\s+(?:we|i|you|they|it|the|a|an|our)\b/.test(text.lower) &&
        /^[^.?!]{0,30}\s(?:or|vs\.?|versus)\s+(?:[\w']+\s+){0,4}?(?:a |an |the |some )?$/.test(text.lower.slice(first.at.end, second.at.index))));
  const compared =
    dealer !== undefined &&
    truck !== undefined &&
    (comparing.test(text.lower) || /\beither\b/.test(text.lower) || joined(dealer, truck) || joined(truck, dealer));
  // "I said trucker but it's actually the buying dealer": the party named after the one taken back is the one.
  const retracted =
    dealer !== undefined &&
    truck !== undefined &&
    /\b(?:said|typed|put|not|instead of)\s+(?:a |the )?$/.test(
      text.lower.slice(Math.max(0, Math.min(dealer.at.index, truck.at.index) - 14), Math.min(dealer.at.index, truck.at.index)),
    );
  const later =
    dealer && truck
      ? dealer.at.index > truck.at.index
        ? { value: 'buyingDealer' as const, at: dealer }
        : { value: 'transporter' as const, at: truck }
      : undefined;
  const party =
    retracted && later
      ? later
      : compared
        ? undefined
        : sentBy(truck, dealer) && dealer && present(dealer)
          ? { value: 'buyingDealer' as const, at: dealer }
          : [
              dealer && present(dealer) ? { value: 'buyingDealer' as const, at: dealer } : undefined,
              truck && present(truck) ? { value: 'transporter' as const, at: truck } : undefined,
            ]
              .filter((entry) => entry !== undefined)
              .sort((a, b) => a.at.at.index - b.at.at.index)[0];
  // ("carmax's driver is here for the one that sold, with the proof of sale": another business's driver, come for a car that
  // sold with its proof, is the buying dealer's.)
  const buyersDriver =
    party?.value === 'transporter' &&
    /^drivers?$/i.test(party.at.words) &&
    driverOfAnotherBusiness.test(text.lower.slice(0, party.at.at.index)) &&
    (pos !== undefined || /\b(?:sold|won it|bought it)\b/.test(text.lower));
  if (party) out.pickupBy = { value: buyersDriver ? 'buyingDealer' : party.value, words: party.at.words };
  // "no paperwork", "has his papers": the document the party at the door must bring.
  if (party && !bol && !pos) {
    // (Only as missing: "has his paperwork" may be any paper, and a car is never released on a maybe.)
    const generic = documentState(text, /\b(?:paperwork|papers|documents?|docs|document|proof)\b/);
    // ("Buyer has proof": the buyer's proof is the proof of sale, said plainly enough to count.)
    const proofHad = generic?.fact.value === true && party.value === 'buyingDealer' && /\bproof\b/i.test(generic.fact.words);
    if (generic && (generic.fact.value === false || proofHad)) out[party.value === 'transporter' ? 'billOfLading' : 'proofOfSale'] = generic.fact;
  }
  const sale = findAll(text, /\b(?:sold|sells?|selling|unsold)\b/).find(
    (match) =>
      // ("we sold a ton of cars in november": the store's sales, not this car.)
      !(
        match.match[0] === 'sold' &&
        /^\s+(?:a ton of|a lot of|lots of|tons of|so many|many|a bunch of|\d+|several|plenty of) (?:[\w-]+ )?(?:cars|units|vehicles|trucks)\b/.test(
          text.lower.slice(match.end),
        )
      ) &&
      // "hold off on selling it", "before selling": the act of selling named, not that the car sold.
      !(match.match[0] === 'selling' && /\b(?:on|before|after|from|of|start|begin|stop|delay|hold off on|until)\s+$/.test(text.lower.slice(0, match.index))) &&
      // "start trying to sell it", "how soon will they sell it": the act of selling, not that the car sold.
      !(
        match.match[0] === 'sell' &&
        /(?:\b(?:to|will|would|can|could|should|gonna)|'ll)(?:\s+(?:we|they|you|i|it|later|then|still|also|just|ever)){0,2}\s+$/.test(
          text.lower.slice(0, match.index),
        )
      ) &&
      !/^\s*(?:it |the car |the vehicle |an? (?:returned |leased )?(?:car|vehicle) )?(?:right )?(?:back )?to (?:(?:the |its |their )?(?:same |original )?(?:lessee|customer)|(?:her|him|them)\b)/.test(
        text.lower.slice(match.end),
      ) &&
      // "selling the customer her own car back": selling to the lessee is a purchase for the lessee, not a sale at auction.
      !/^\s*(?:the (?:lessee|customer|client)|her|him|them) (?:her|his|their|the) /.test(text.lower.slice(match.end)) &&
      // ("right away or only once the car sells": a moment given as an alternative, no sale stated.)
      !/\bor (?:only |just )?(?:once|when|after|until)\s+(?:(?:the|our|this|that) (?:car|vehicle|unit|one)\s+|it\s+)?(?:is\s+|gets\s+|has\s+)?$/.test(
        text.lower.slice(0, match.index),
      ) &&
      // "does the final letter go out before or after the car is sold": either moment, no sale stated.
      !/\bbefore or after\s+(?:(?:the|our|this|that) (?:car|vehicle|unit|one)\s+|it\s+)?(?:is\s+|gets\s+|has\s+|was\s+)?$/.test(
        text.lower.slice(0, match.index),
      ) &&
      !/(?:proof|bill) of $/.test(text.lower.slice(0, match.index)) &&
      // "before the car is sold", "until it sells": the moment named, not that the car sold.
      !/\b(?:before|until|till|til)\s+(?:(?:the|our|this|that|her|his|their) (?:car|vehicle|unit|one|truck|suv)\s+|it\s+)?(?:(?:was|is|got|had|has been|gets|has)\s+)?(?:even\s+|either\s+|actually\s+|ever\s+)?(?:is\s+|gets\s+|has\s+|been\s+)?$/.test(
        text.lower.slice(0, match.index),
      ) &&
      // "how ally sells the cars off": who sells (Ally, the auction) is the act, not that the car sold.
      !(/^sells?$/.test(match.match[0]) && /\b(?:ally|they|who|smart ?auction|auction|dealers?)\s+$/.test(text.lower.slice(0, match.index))) &&
      // "do returns get sold online?": what happens to cars in general, not this car.
      !(match.match[0] === 'sold' && /\b(?:get|gets|getting|be|being)\s+$/.test(text.lower.slice(0, match.index))),
  );
  // "sold yet?" asks; "hasn't sold yet" states (a negated sale is never a question about it).
  // ("Who comes for it if it sold?": the sale is the condition, stated as the tuning convention has it.)
  // ("wants to know if the car sold yet": asked through someone, not a condition.)
  const wonderedSale =
    sale !== undefined &&
    /\b(?:know|asks?|asking|wonder\w*|see|check|find out|tell (?:me|us|him|her|them))\s+(?:if|whether)\s+\S+(?:\s+\S+)?\s+$/.test(
      text.lower.slice(0, sale.index),
    );
  const conditional =
    sale !== undefined &&
    !wonderedSale &&
    /\b(?:if|once|when|after)\s+(?:it|the car|the vehicle)(?:\s+|'s\s+|s\s+)(?:has\s+|is\s+|gets\s+)?$/.test(text.lower.slice(0, sale.index));
  const askedSale =
    sale !== undefined &&
    !conditional &&
    (wonderedSale ||
      /^\s*(?:yet|already|or not|or nah|or no|or what)?\s*\?|^\s*(?:yet|or nah|or not|or no|or what)\b/.test(text.lower.slice(sale.end)) ||
      // ("556120 sell on SA yet", "552901 sold on SA yet": a bare sale word with "yet" after it, texted, asks.)
      (/^(?:sells?|sold)$/.test(sale.match[0]) &&
        /^\s*(?:(?:on|at) (?:the )?(?:smart ?auction|sa|auction) )?(?:yet|already)\b/.test(text.lower.slice(sale.end)))) &&
    !negationOf(text, sale.index, sale.end);
  if (sale && !isAsked(text, sale.index) && !askedSale) {
    const cue = negationOf(text, sale.index, sale.end);
    const unsold = sale.match[0] === 'unsold';
    out.sold = { value: !(cue !== undefined || unsold), words: cue ? span(text, cue, sale).words : sale.words };
  }
  const noBuyer = findAll(
    text,
    /\b(?:(?:doesn'?t|does not|didn'?t|did not|don'?t|never|won'?t) (?:get|gets|got|draw|draws) (?:any |a single |a |one )?(?:bids?|offers?|takers?|buyers?)(?! (?:right away|immediately|at first|early|quickly|on day one|the first day|yet)\b)|(?:smart ?auction|the auction|auction|sa)\b[^.?!]{0,10}\b(?:didn'?t|did not|never|couldn'?t|could not|wouldn'?t) (?:move|sell|get rid of) (?:it|the car|the vehicle|her|him)|(?:no|zero|0) (?:bids?|bites?|nibbles?|buyers?|takers?|offers?|sale(?! (?:paper|papers|paperwork|docs?|documents?|receipt)\b))|(?:nobody|no one|no-one) (?:bought|buys|bid on|bids on|purchased|wanted|bites|bit|takes it|took it|wants it)(?= (?:on )?(?:it |the car |the vehicle )?(?:at|on) (?:the )?(?:online |smart ?)?auction|\b(?<=\b(?:smart ?auction|(?:the |online )?auction (?:ended|closed|is over|was over|finished|ran|came and went))\b.{0,60})))\b/,
  )[0];
  if (!out.sold && noBuyer) out.sold = { value: false, words: noBuyer.words };
  // ("pickup time after SA sale?": the sale as the moment after which something happens, stated as the convention has it.)
  const afterSale = findAll(text, /(?<!\bbefore or )\b(?:after|once|following) (?:the |an? )?(?:sa|smart ?auction|auction) sale\b/)[0];
  if (!out.sold && afterSale) out.sold = { value: true, words: afterSale.words };
  // "won our return on SmartAuction": up to three words name what was bought.
  const boughtThere = findAll(
    text,
    // ("the smartauction buyer's dealership, they won the bid": winning the bid is the sale.)
    /\b(?:(?:bought|purchased|won|wins|(?:who|that) buys?|(?<=\b(?:dealer|dealership|store|buyer|someone|somebody)\b[^.?!]{0,25})buys) (?:[\w'-]+ ){0,5}?(?:(?:at|on|through) (?:the )?(?:online |smart ?)?auction|online)|(?:won|wins|had|has) (?:the )?(?:winning )?bid|(?:with|placed|put in) the winning bid|(?:bought|purchased|won) (?:it |the car |the vehicle |this one )?(?:off|from) (?:the )?(?:online |smart ?)?auction|buying dealer(?:ship)? (?:from|off|on|at) (?:the )?(?:smart ?)?auction)\b/,
  )[0];
  if (!out.sold && boughtThere && !isAsked(text, boughtThere.index)) {
    const cue = negationOf(text, boughtThere.index, boughtThere.end);
    out.sold = { value: cue === undefined, words: cue ? span(text, cue, boughtThere).words : boughtThere.words };
  }
  return out;
}

/**
 * "Is the transporter here yet?", "did the buyer show up?": whether the party has come is asked, so
 * nobody is stated to be at the door. A question about what the party must do ("does the buying dealer
 * need to show us anything") still names who is picking up.
 */
function asksWhetherThere(text: MessageText, at: Match): boolean {
  if (!isAsked(text, at.index)) return false;
  // ("does a transporter come get it", "will the transporter still come for it": how the car leaves is asked, the party named
  // as the one who comes, not whether it is here.)
  if (/^\s*(?:still |even |actually |then |just )?come\s+(?:get|for|pick|to|and|out|take|haul|grab)\b/.test(text.lower.slice(at.end))) return false;
  // ("when does the transporter come get the car": when the party comes is asked, not whether it is here.)
  if (
    /\b(?:when|how (?:long|soon|fast|quickly)|what time|what day)\s+(?:does|do|will|would|should|can|is)\s+(?:the |a |an |our |their )?$/.test(
      text.lower.slice(0, at.index),
    )
  )
    return false;
  return /^\s*(?:(?:is|are|'s) )?(?:(?:still|already|even|actually) )?(?:here|there|coming|on (?:the|its|his|her|their) way|around|waiting|(?:has |have )?(?:come|came|arrived?|shown up|showed up|show up|turned up|gotten here|got here)|(?:been|picked|scheduled)\b)/.test(
    text.lower.slice(at.end),
  );
}

/**
 * A party named only to say whose number is wanted ("transport company phone number", "the buyer's
 * line") is not someone at the door: the words right after it are a way to reach them.
 */
function namesAContact(text: MessageText, at: Match): boolean {
  return (
    /^(?:'s)?\s*(?:people |folks |guys |company |co )?(?:phone|number|#|line|contact|fax|department|dept|desk|hotline|questions?)\b|^(?:'s)?\s*#/.test(
      text.lower.slice(at.end),
    ) ||
    // "what's the number for the truck people": the party's line is asked for, nobody is at the door.
    /\b(?:number|phone|line|#|contact|fax) (?:for|to|of) (?:the |a |an )?(?:[\w']+ ){0,4}$/.test(text.lower.slice(Math.max(0, at.index - 40), at.index)) ||
    // ("which option on 877-290-9544 is the transportation people": the menu option that reaches them.)
    /\b(?:which|what) (?:option|number|line|extension|ext)\b[^.?!]{0,30}\b(?:is|are|for|gets|goes to|reaches) (?:the |a |an )?$/.test(
      text.lower.slice(Math.max(0, at.index - 50), at.index),
    )
  );
}

/** "the buyer isn't the one coming for it": the party said not to be the one who comes. */
function saidNotToCome(text: MessageText, at: Match): boolean {
  return /^\s*(?:isn't|is not|won't be|will not be|aren't|are not|wasn't|was not|ain't)\s+(?:the ones?|who(?:'s| is)?|coming|picking|taking|the party)\b/.test(
    text.lower.slice(at.end),
  );
}

function documentState(text: MessageText, pattern: RegExp): { fact: Fact<boolean>; only: boolean } | undefined {
  const match = findAll(text, pattern)[0];
  if (!match) return undefined;
  const cue = negationOf(text, match.index, match.end);
  // "He says he doesn't need a bill of lading": a claim about the rule, not a document missing at the door.
  const needNot =
    cue !== undefined &&
    /^\W*(?:doesn't|does not|don't|do not|didn't|isn't|is not|no longer|not|no) (?:need|require|required|needed|have to (?:have|show|bring|check))\b/.test(
      text.lower.slice(cue.index),
    );
  // ("says no bol needed": a claim about the rule, as above.)
  const notNeeded = cue !== undefined && /^\s*(?:is |are )?(?:needed|required|necessary)\b/.test(text.lower.slice(match.end));
  if (notNeeded) return undefined;
  if (cue && !needNot) return { fact: { value: false, words: span(text, cue, match).words }, only: false };
  // "has nothing on paper showing he bought it": "nothing" names the document missing.
  const nothing = /\b(?:nothing|no|zero) (?:on |in )?$/.exec(text.lower.slice(Math.max(0, match.index - 12), match.index));
  if (nothing && !needNot)
    return { fact: { value: false, words: found(text, match.index - nothing[0].length, match.end - match.index + nothing[0].length).words }, only: false };
  if (needNot) return undefined;
  const before = text.lower.slice(0, match.index);
  // ("says ally will email him the bol later": a document promised is not one in hand.)
  const promised = /\b(?:will|'ll|gonna|going to) (?:email|e-mail|send|bring|fax|text|drop off|get)\s+(?:\w+\s+){0,2}(?:the |a )?$/.exec(before);
  // ("left his bill of lading back at the yard": a document left somewhere else is not at the door.)
  const leftBehind = /\b(?:left|forgot|lost) (?:his|her|their|the|its) $/.exec(before);
  if (leftBehind && /^\s*(?:back )?(?:at|in|on) (?:the|his|her|their|home|another)\b/.test(text.lower.slice(match.end)))
    return { fact: { value: false, words: found(text, leftBehind.index, match.end - leftBehind.index).words }, only: false };
  if (promised)
    return { fact: { value: false, words: found(text, match.index - promised[0].length, match.end - match.index + promised[0].length).words }, only: false };
  // ("he says the BOL is coming by email", "proof of sale is on its way": a document still to come is not in hand.)
  const stillToCome =
    /^\s*(?:is|'s|are|will be)? ?(?:coming|on (?:its|the) way|being (?:sent|emailed|faxed)|(?:sent|emailed|faxed) (?:later|tomorrow|over later))\b/.exec(
      text.lower.slice(match.end),
    );
  if (stillToCome) return { fact: { value: false, words: found(text, match.index, match.end - match.index + stillToCome[0].length).words }, only: false };
  // ("Who hands over the bill of lading, us or the transport company?": who brings it is asked.)
  if (/\bwho (?:\w+ )?(?:hands?|gives?|brings?|provides?|shows?|keeps?)(?: over)? (?:the |a )?$/.test(before)) return undefined;
  // ("do i still wait for a buyer w POS": the document of a party still awaited is at no door.)
  if (
    /\bwait(?:ing)? (?:on|for) (?:a |an |the |some )?[\w-]+(?: [\w-]+)? (?:with|who has|who brings|that has|to bring)\s+(?:a |an |the |his |her |their )?$/.test(
      before,
    )
  )
    return undefined;
  const clause = before.split(/[.;!?,]/).at(-1) ?? '';
  const tail = clause.split(/\s+/).slice(-9).join(' ');
  // "The buying dealer has to bring a bill of lading, right?": what a party must bring is a rule asked about, not a document at the door.
  if (/\b(?:has to|have to|must|needs? to|should|supposed to|required to|got to|gotta)\s+(?:\w+\s+)?(?:bring|show|have|provide|give|hand)\b/.test(tail))
    return undefined;
  if (possession.test(tail)) {
    const verb = [...tail.matchAll(new RegExp(possession.source, 'g'))].at(-1);
    const start = verb ? match.index - (tail.length - verb.index) : match.index;
    const words = span(text, { index: Math.max(0, start), end: start + 1, words: '' }, match).words;
    return { fact: { value: true, words }, only: onlyOne.test(clause) };
  }
  // Possession said after the document: "proof of sale in hand", "BOL attached", "the bill of lading is here".
  const after =
    /^\s*(?:is |was )?(?:in (?:hand|his hand|her hand|their hands?)|on hand|attached|here|with (?:him|her|them)|received|provided|shown|(?:they|he|she) (?:have|has|had|brought|showed|gave))\b/.exec(
      text.lower.slice(match.end),
    );
  if (after) return { fact: { value: true, words: found(text, match.index, match.end - match.index + after[0].length).words }, only: false };
  return undefined;
}
