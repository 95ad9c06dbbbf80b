import type { Intent, PickupParty } from '../domain/decision-request.ts';
import { usStateCodes, usStates, type UsStateCode } from '../domain/us-states.ts';

/**
 * Facts about one return that a question states in passing ("we're in Hawaii", "the driver has no
 * BOL", "she's keeping the car"). Only what is said is extracted; nothing is guessed. The answer
 * service decides whether these are enough to ask the rules.
 */
export interface QuestionFacts {
  state?: UsStateCode;
  intent?: Intent;
  hasAvrmAccess?: boolean;
  pickupBy?: PickupParty;
  proofOfSale?: boolean;
  billOfLading?: boolean;
  /** How far the scheduled maturity date lies after the return (negative: returned after maturity). */
  maturityOffset?: { amount: number; unit: 'days' | 'weeks' | 'months' };
}

const statesByLongestName = usStateCodes
  .map((code) => ({ code, pattern: new RegExp(`\\b${usStates[code].name.toLowerCase().replace(/ /g, '\\s+')}\\b`) }))
  .sort((a, b) => b.pattern.source.length - a.pattern.source.length);

/** Postal codes that are also English words: only taken when written in capitals after "in", "from", ... */
const wordLikeCodes = new Set(['IN', 'OR', 'ME', 'OK', 'OH', 'ID', 'DE', 'CO', 'LA', 'AL', 'PA', 'MA', 'GA', 'HI']);
const preposition = /\b(in|from|at|of|for|out of|located in|based in|dealer in|dealership in)\s*$/i;

export function findState(raw: string): UsStateCode | undefined {
  const lower = raw.toLowerCase();
  if (/\bwashington,?\s+d\.?\s?c\.?\b/.test(lower)) return 'DC';
  for (const { code, pattern } of statesByLongestName) {
    const match = pattern.exec(lower);
    // "Washington" alone is the state; "West Virginia" is matched before "Virginia" by length.
    if (match) return code;
  }
  for (const match of raw.matchAll(/\b([A-Za-z]{2})\b/g)) {
    const token = match[1] ?? '';
    const code = token.toUpperCase();
    if (!usStateCodes.includes(code as UsStateCode)) continue;
    const before = raw.slice(0, match.index);
    const afterPreposition = preposition.test(before);
    const capitals = token === code;
    if (capitals && !wordLikeCodes.has(code)) return code as UsStateCode;
    if (afterPreposition && (capitals || !wordLikeCodes.has(code) || code === 'HI')) return code as UsStateCode;
  }
  return undefined;
}

const keepPatterns = [
  /\blessee (wants|wishes|would like|is going|plans?|decided|has decided|'s going)? ?to (buy|purchase|keep)\b/,
  /\b(customer|client|lessee|she|he|they) (wants to |is going to |will )?(keep|buy out|buys out|keeps) (it|the car|the vehicle|her car|his car)\b/,
  /\b(resell|re-sell|sell) (it |the car |the vehicle )?(back )?to the (lessee|customer)\b/,
  /\bpurchase for (the )?lessee\b/,
  /\bdealer purchase for lessee\b/,
];
const inventoryPatterns = [
  /\b(for|into|to) (our |my |the )?(inventory|lot|stock|used car lot)\b/,
  /\bdealer purchase for inventory\b/,
  /\b(we|i|dealer|dealership) ('re |are |am |'m )?(want to |wants to |will |going to |plan to |would like to )?(buy|purchase|keep|buying|purchasing|keeping) (it|the car|the vehicle)\b/,
];
const returnPatterns = [
  /\blessee return\b/,
  /\b(just )?(returning|return(ed|s)?|turn(ing|ed|s)? in|dropp(ing|ed) off|giv(e|ing) back|bring(ing|s)? back|brought back) (it|the car|the vehicle|her car|his car|their car|the lease|a lease|the leased)\b/,
  /\b(no ?one|nobody|neither)\b.*\b(buy|purchase|keep)/,
  /\bnot (buying|purchasing|keeping) (it|the car|the vehicle)\b/,
];

export function findIntent(plain: string): Intent | undefined {
  if (keepPatterns.some((pattern) => pattern.test(plain))) return 'dealerPurchaseForLessee';
  if (inventoryPatterns.some((pattern) => pattern.test(plain))) return 'dealerPurchaseForInventory';
  if (returnPatterns.some((pattern) => pattern.test(plain))) return 'lesseeReturn';
  return undefined;
}

const noAccessPatterns = [
  /\b(no|without|lost|lack|lacking|need|needs) (\w+ ){0,2}(avrm|access)\b/,
  /\b(don't|do not|doesn't|does not|haven't|have not|never) (have|had|got|get) (\w+ ){0,2}(avrm|access|a login|login|an account)\b/,
  /\b(can't|cannot|can not|unable to|couldn't|could not) (log in|sign in|get in|get into|access|use|open|reach)\b/,
  /\b(not|never) (registered|set up|signed up)\b/,
  /\blocked out\b/,
  /\bavrm (is )?(down|not working|broken)\b/,
  /\b(waiting|still waiting) (on|for) (my |our |the )?(avrm|user id|password|login|credentials)\b/,
];
const accessPatterns = [/\b(we|i) (have|use|got) (\w+ ){0,1}avrm\b/, /\b(in|through|via|using) avrm\b/];

export function findAvrmAccess(plain: string): boolean | undefined {
  if (noAccessPatterns.some((pattern) => pattern.test(plain))) return false;
  if (accessPatterns.some((pattern) => pattern.test(plain))) return true;
  return undefined;
}

const absent = `(no|without|not|never|doesn't have|does not have|didn't bring|did not bring|don't have|forgot|missing|hasn't|has not|won't (give|provide|show)|can't (find|produce|provide|show)|lacks?)`;
const present = `(has|have|had|with|shows?|showed|shown|gave|given|gives?|provided|provides?|brought|brings?|got|handed|hands?|presented|presents?)`;

function documentState(plain: string, document: string): boolean | undefined {
  if (new RegExp(`\\b${absent}\\s+(\\w+\\s+){0,3}${document}\\b`).test(plain)) return false;
  if (new RegExp(`\\b${document}\\s+(is |was )?(missing|not (provided|given|available|shown))\\b`).test(plain)) return false;
  if (new RegExp(`\\b${present}\\s+(\\w+\\s+){0,3}${document}\\b`).test(plain)) return true;
  return undefined;
}

export function findPickup(plain: string): Pick<QuestionFacts, 'pickupBy' | 'proofOfSale' | 'billOfLading'> {
  const facts: Pick<QuestionFacts, 'pickupBy' | 'proofOfSale' | 'billOfLading'> = {};
  // "with only a bill of lading": the one document named is there, so the other one is not.
  const only = String.raw`\b(only|just|nothing but|nothing except)\s+((has|have|had|gave|brought|showed|shows|got|with)\s+)?(a |an |the )?(copy of (a |the )?)?`;
  const onlyBill = new RegExp(`${only}bill of lading\\b`).test(plain);
  const onlyProof = new RegExp(`${only}(proof of sale|bill of sale|proof of purchase)\\b`).test(plain);
  const billOfLading = documentState(plain, 'bill of lading') ?? (onlyProof ? false : undefined);
  const proofOfSale = documentState(plain, '(proof of sale|bill of sale|proof of purchase)') ?? (onlyBill ? false : undefined);
  if (billOfLading !== undefined) facts.billOfLading = billOfLading;
  if (proofOfSale !== undefined) facts.proofOfSale = proofOfSale;
  if (/\b(buying dealer|buyer|purchasing dealer|dealer (who|that) (bought|won)|winning (bidder|dealer)|other dealer)\b/.test(plain))
    facts.pickupBy = 'buyingDealer';
  else if (/\b(transporter|transport(ation)? (company|guy|driver)|carrier|hauler|driver|truck|truckers?|tow|shipper)\b/.test(plain))
    facts.pickupBy = 'transporter';
  else if (billOfLading !== undefined) facts.pickupBy = 'transporter';
  else if (proofOfSale !== undefined) facts.pickupBy = 'buyingDealer';
  return facts;
}

const amountWords: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
};

export function findMaturityOffset(plain: string): QuestionFacts['maturityOffset'] {
  const match =
    /\b(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve) (day|week|month)s? (early|before|ahead of|prior to|after|late|past)\b/.exec(plain);
  if (match) {
    const amount = Number(match[1]) || amountWords[match[1] ?? ''] || 0;
    const unit = `${match[2] ?? 'day'}s` as 'days' | 'weeks' | 'months';
    const after = ['after', 'late', 'past'].includes(match[3] ?? '');
    return { amount: after ? -amount : amount, unit };
  }
  if (/\b(on|at) (the |its )?(maturity date|lease end|end of (the )?lease|scheduled maturity)\b/.test(plain)) return { amount: 0, unit: 'days' };
  return undefined;
}

export function extractQuestionFacts(raw: string, plain: string): QuestionFacts {
  const facts: QuestionFacts = { ...findPickup(plain) };
  const state = findState(raw);
  if (state) facts.state = state;
  const intent = findIntent(plain);
  if (intent) facts.intent = intent;
  const hasAvrmAccess = findAvrmAccess(plain);
  if (hasAvrmAccess !== undefined) facts.hasAvrmAccess = hasAvrmAccess;
  const maturityOffset = findMaturityOffset(plain);
  if (maturityOffset) facts.maturityOffset = maturityOffset;
  return facts;
}
