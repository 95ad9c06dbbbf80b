import { found, type Found, type MessageText } from './text.ts';

/**
 * Negation, read the same way for every fact: a cue ("no", "not", "n't", "never", "without",
 * "missing", "lacks", "used to", …) negates what follows it within a few words of the same clause, and
 * a few cues placed after a thing ("the BOL is missing", "bill of lading not provided", "our login
 * expired", "the password stopped working") negate it too.
 * No phrasing is listed: "no BOL", "didn't sell", "doesn't sell at auction", "we don't have AVRM"
 * and "No AVRM here" all come out of the same scope rule.
 */
const cueBefore =
  /\b(?:said no(?: thanks| thank you)?(?: (?:to|on))?|passed on|declined|turned down|(?<!\bno[,!]?\s+)no(?![- ]shows?\b|\s+(?:wait|sorry|actually|i mean|thanks|problem|worries)\b|[,!]?\s+no\b)|not|never|used to|decided against|none|nobody|neither|nor|without|w\/o|wo|wout|lacks?|lacking|missing|lost|forgot|unable|cannot|cant|dont|doesnt|didnt|isnt|wasnt|arent|havent|hasnt|hadnt|wont|couldnt|wouldnt|aint)\b|\b\w*n't\b/g;

// ("no no the customer is keeping it": "no" said twice is an interjection before a correction, negating nothing.)

/** How far back a cue reaches, in words: "we don't even have an AVRM login" still reads as no access. */
export const negationScopeWords = 5;

/** A clause ends at these: the cue of another clause does not reach across ("No, the date is 12/3"). */
const clauseBreak =
  /[.;:!?,]|\s[-–—]+\s|\b(?:but|and then|because|so|though|although|however|yet|while|if|when|once|unless)\b|\band (?=(?:the|we|i|they|he|she|it|its|it's|that's|thats|there's|theres|she's|he's|we're|they're|our|my|lessee|customer|driver|transporter|nobody|no one|neither|none|nothing|this|that|ally)\b)|(?<!\b(?:nor|neither))\s(?=(?:we|they)\s+(?:are|were|will|do|have|want)\b|we're\b|they're\b)/g;

const cueAfter =
  /^(?:\s+(?:out|back|in|over|up))?\s*(?:,\s*)?(?:(?:but )?not any ?more|(?:but )?no longer|(?:if|since|because|as|but) (?:i|we|he|she|they) (?:don't|do not|doesn't|does not|can't|cannot|didn't|did not|never) (?:have|has|get|got|use|bring|brought) (?:it|one|that|them)|(?:is |was |are |were |got |has been |have been |had )?(?:(?:missing|lost)(?! (?:the|a|an|his|her|their|its|any|some|our|my)\b)|absent|expired|locked(?: out)?|deactivated|disabled|revoked|suspended|cancel(?:l)?ed|called off|fell through|falls? through|(?:didn't|did not|won't|will not) go through|off(?= \w+ing\b|$|[,.;!?])|(?:going to be |will be |'ll be )?(?:emailed|sent|faxed|mailed|brought|dropped off) (?:later|tomorrow|after)|(?:stopped|quit|not|isn't|wasn't|doesn't|don't|won't|never) work(?:s|ed|ing)?|not (?:here|there|provided|given|available|shown|included|with (?:it|them|him|her))|nowhere(?! (?:near|close)\b)))\b/;

/** Things the process names that a "no" right before them negates by themselves ("no AVRM", "no BOL"). */
const ownNoun = /^\s*(?:[\w'-]+\s+)?(?:avrm|access|login|bill of lading|bol|proof of sale|paperwork|papers|docs|documents?|inspection|buyers?|bids?|sale)\s+$/;
const joiner = /\b(?:to|of|for|with|or|nor|and|any|a|an|the)\b/;
const ownNounThenClause =
  /^\s*(?:[\w'-]+\s+)?(?:avrm|access|login|bill of lading|bol|proof of sale|paperwork|papers|docs|documents?)\s+(?:and|but|so)\s+(?:wants?|needs?|is|are|was|has|have|will|would|she|he|they|we|i)\b/;

const negativeAuxiliary =
  /^(?:(?:is|are|was|were|does|do|did|has|have|wo|ca|should|would|could)n't|isnt|arent|wasnt|werent|doesnt|dont|didnt|hasnt|havent|wont|cant|shouldnt|wouldnt|couldnt)$/;

/** The negation cue that scopes over the text starting at `index`, if any. */
export function negationOf(text: MessageText, index: number, end = index): Found | undefined {
  const before = text.lower.slice(0, index);
  let clauseStart = 0;
  // Read on the whole text: a break that looks ahead ("and customer …") needs the words after it.
  for (const match of text.lower.matchAll(clauseBreak)) {
    if (match.index + match[0].length > index) break;
    clauseStart = match.index + match[0].length;
  }
  const clause = before.slice(clauseStart);
  const tokens = [...clause.matchAll(/\S+/g)];
  const tailStart = tokens.at(-Math.min(negationScopeWords, tokens.length))?.index ?? clause.length;
  const last = [...clause.slice(tailStart).matchAll(cueBefore)].at(-1);
  // "no inspections in Alaska": a determiner "no" negates its noun, not the place or time phrase after it.
  const between = last ? clause.slice(tailStart + last.index + last[0].length) : '';
  const determinerNo = last?.[0] === 'no' || last?.[0] === 'without' || last?.[0] === 'w/o';
  const nounThenPlace = determinerNo && /^\s+[\w'-]+\s+(?:in|at|on|near|around|from|for|during|since)\s/.test(between);
  // "no avrm lessee return": "no" has its own noun (a thing the process names) and the words after it are
  // another thing. Joined ("no access to avrm", "no bol or proof of sale"), the cue reaches what is joined.
  const nounThenNoun =
    determinerNo &&
    ((ownNoun.test(between) && !joiner.test(between.replace(/\b(?:bill of lading|proof of sale)\b/g, ''))) ||
      // ("has no AVRM and wants a lessee return quote": the noun, then a clause of its own.)
      ownNounThenClause.test(between));
  // "Doesn't Ally send inspectors to Alaska?", "isn't there a hold when we buy it?": a question opening with a
  // negated auxiliary asks whether; it negates nothing in it.
  const at = clauseStart + tailStart + (last?.index ?? 0);
  const askingWhether =
    last !== undefined &&
    /^\s*$/.test(text.lower.slice(0, at)) &&
    negativeAuxiliary.test(last[0]) &&
    /^\s+(?:there|ally|it|the|we|you|they|he|she|i|this|that|a|an|our|my|your|their)\b/.test(text.lower.slice(at + last[0].length)) &&
    text.raw.includes('?');
  if (last && !nounThenPlace && !nounThenNoun && !askingWhether) return found(text, at, last[0].length);
  const after = cueAfter.exec(text.lower.slice(end));
  if (after) return found(text, end, after[0].length);
  return undefined;
}

export function isNegated(text: MessageText, index: number, end = index): boolean {
  return negationOf(text, index, end) !== undefined;
}
