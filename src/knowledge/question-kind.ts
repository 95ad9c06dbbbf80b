import {
  callForNumber,
  callsToTheDealer,
  putThrough,
  sameLineAs,
  startsSelling,
  treatedAsReturn,
  unrelatedLead,
  whoHandles,
  type NormalisedQuestion,
} from './vocabulary.ts';

/**
 * What shape of answer a question wants, so the answer can be trimmed to it: the one number to call,
 * the one fax, the one time window, the web address, or the passage that explains.
 */
export type AskKind = 'fax' | 'contact' | 'duration' | 'when' | 'website' | 'general';

/** "… or do they gotta call somebody", "or are we one of the states where you have to call somebody": calling as the other case. */
export const callInstead =
  /\bor (?:do|does|will|would|should|are|is) (?:we|they|i|you|he|she)(?: one of the states where (?:you|we|they))? (?:have to|gotta|got to|need to|just) call (?:somebody|someone|anyone|ally|you)\b.*$/;

/** "no need to call remarketing", "we don't have to call anyone": a call said not to be needed, with what it would be about. */
export const callNotNeeded =
  /\b(?:no need to|(?:don'?t|do not|doesn'?t|does not|won'?t|will not|shouldn'?t|never) (?:need|have|got) to|not (?:need|have|having) to|without (?:having to )?)\s*(?:call|phone|ring|contact|reach out to)\b[^,.;?!]*/g;

const contactAsk = new RegExp(
  `\\b(who (do|should|can(?! (?:take|pick|come|get|collect|grab|haul|drive|sign|release)\\b)|to|else)|get (?:somebody|someone|a person|anyone|anybody)\\b.{0,40}\\bon the phone|who (?:at|from|over at) (?:ally|the \\w+)(?: \\w+)? (?:do|should|can|could|would) (?:i|we)|who(?:'s|s| is) (?:the )?(?:right|best|correct|proper) (?:person|people|team|contact|one|department|group|line)|who (?:gives|can give|explains|can explain|walks|can walk|trains|goes over|can go over|covers)\\b|who (?:does|would|will|could) (?:\\w+ ){1,2}(?:ask|call|contact|talk to|reach out to|reach)|which (?:ally )?(?:team|department|group|line|person|office)|handled by (?:the )?\\w+ (?:center|team)|${sameLineAs}|${putThrough}|${whoHandles}|whom|${callForNumber}|(?<!\\b(?:on|over) (?:the )?|by |(?:on|in) (?:his|her|their|my|your|our) )phone(?! call)|(?<!\\b(?:final|payoff|pricing|mileage|odometer|her|his|their) |\\b(?:under|over|above|below|beat|beats|than|match|matches) (?:the |their |ally'?s? )?(?:ally )?)numbers?(?! of (?:days|hours|weeks|cars|vehicles|units|times)| (?:we|you|they|i) (?:get|got|pull|see)| (?:ally'?s?|they'?re|they are) (?:is )?asking)|contacts?(?! (?:told|said|says|sent|suggested|recommended|asked|mentioned)\\b)|reach|talk to(?! me\\b)|speak (to|with)(?! me\\b)|hotline|help ?line|(?<!\\b(?:in|on|on the|in the|bottom|the bottom|front|waiting|across the|over the|state|county|city|finish|end of the) )lines?(?! items?)|option(?= \\d)|(?:which|what) option(?! (?:is|would|does|fits|applies)\\b))\\b`,
);

export function askKindOf(question: NormalisedQuestion): AskKind {
  // (What the dealer sets aside first asks for nothing: "unrelated to our floorplan line: …".)
  const text = question.plain.replace(unrelatedLead, ' ');
  // "Give me every phone and fax number": the directory's lines, faxes among them.
  // ("List the Ally fax numbers for odometer statements": the faxes alone, no phone line.)
  const faxesOnly = /\bfax (?:numbers?|#s?)\b/.test(text) && !/\b(?:phones?|lines|contacts|call)\b/.test(text);
  if (/\b(?:every|all|list|each)\b.{0,25}\b(?:numbers?|lines|contacts|phones)\b/.test(text) && !/\bwhich\b/.test(text) && !faxesOnly) return 'contact';
  // "Is there a list of which Ally number to call for what?": the directory, line by line.
  if (
    /\blist of (?:which|what|the|all|ally)\b.{0,25}\b(?:numbers?|lines|contacts|phones)\b|\bwhich (?:\w+ )?(?:number|line) (?:to call )?for what\b|\b(?:contact|phone|number) (?:list|directory|sheet)\b/.test(
      text,
    )
  )
    return 'contact';
  // ("Who actually fills out the odometer statement, us or the customer?": who completes the form, which its fax passage says.)
  if (/\bwho\b.{0,20}\b(?:fills?|filling|completes?|completing|signs?|signing|does)\b.{0,30}\b(?:odometer|form|statement)\b/.test(text)) return 'fax';
  // "Where does the form go if we buy it for inventory?": where the signed form is sent is the fax.
  // ("Faxed the form this morning, now what?": the fax is done, what comes after it is asked.)
  const faxDoneNextAsked =
    /\bfaxed\b/.test(text) &&
    !/\bfax(?!ed\b)/.test(text) &&
    /\b(?:now what|what(?:'s| is) next|what (?:happens|comes|do (?:i|we) do) (?:next|now))\b/.test(text);
  if (
    (/\bfax/.test(text) && !faxDoneNextAsked) ||
    /\bwhere (?:does|do|should) (?:the |this |that |our )?(?:signed )?(?:form|odometer\w*(?: statement)?|paperwork|paper) (?:go|get sent|be sent)\b|\bwhere (?:do|should|can) (?:i|we) (?:send|fax) (?:it|this|that|them|the (?:form|odometer statement|paperwork))\b/.test(
      text,
    )
  )
    return 'fax';
  // "dealer on the phone asking how long the hold lasts" is not asking for a phone number.
  // ("Does an inspector come out or do they gotta call somebody?", "is that done in AVRM or do we have to call somebody": calling is
  // the alternative asked about, not a number asked for.)
  // ("so no need to call remarketing about the inspection, right?": a call said not to be needed is no number asked for.)
  // ("so she can explain it to lessees who call us": others calling the dealer is no number asked for.)
  // ("it never sold, who do we give the car to": whom the car goes to is the pickup, not a line.)
  const callsNeeded = text
    .replace(callNotNeeded, ' ')
    .replace(callsToTheDealer, ' ')
    .replace(/\bwho (?:do|should|can|would) (?:i|we) (?:give|release|hand|let|turn)\b/g, ' ');
  if (contactAsk.test(callsNeeded.replace(callInstead, ''))) return 'contact';
  if (
    /\b(how long|how (?:many|much) (days|hours|weeks|time)|how soon|how quickly|how fast|timeline|time ?frame|turnaround|wait(ing)? time|how much time|longest|at most|maximum|max time|cut-?off|time limit|(?:days?|hours?|weeks?|long|time) (?:until|till)|(?<!\b(?:does|do|did|will|would) (?:ally|they|it|he|she|we) )wait (?:until|till)|until when|within how|window|is (that|this|it) normal|normal amount of time|(?:pick ?-?up|posting|inspection|listing|auction) (?:time|window|time ?frame))\b/.test(
      text,
    )
  )
    return 'duration';
  // "When the driver comes, does he need …?": a "when" clause before the question is no question about time.
  // "Does it get posted right after the inspection?": when, with the step's window.
  if (/\b(?:right (?:after|away)|immediately after|straight after)\b/.test(text)) return 'when';
  // ("SA post timing after insp?", "settlement letter timing": when it happens, with the step's window where it has one.)
  if (/\btiming\b/.test(text)) return 'when';
  // ("why the car isn't on SmartAuction yet": why a step has not come yet asks when it comes.)
  if (/\bwhy\b.{0,40}\b(?:isn'?t|isnt|not|hasn'?t|hasnt|haven'?t|havent)\b.{0,30}\byet\b/.test(text)) return 'when';
  // (A "when" clause inside a statement, "has to bring a bill of lading when they come, right", asks nothing about time.)
  const whenAsked =
    // ("dealer wants to know when ally posts it": a "when" asked through someone.)
    /(?:^|[,.;:!?]\s*|\b(?:and|so|but|ok|okay|also)\s+|\b(?:know|asking|asks|wondering|wonders|find out|tell (?:me|us|him|her|them))\s+)(?:when|what day|what time)\b|\b(?:when|what day|what time) (?:does|do|did|will|would|is|are|was|can|should|might|could|'s)\b/.test(
      text,
    );
  // ("when the car sells do i hand the keys to the buyer": a "when" clause before the question, typed without its comma.)
  const whenClauseFirst =
    /\bwhen\b[^,?]*,\s*(?:does|do|is|are|can|should|will|would|must|what|who|how)\b/.test(text) ||
    // ("when it sells who comes to grab it off our lot": the same, with the question's own word after it.)
    /^when (?:the |it |our |this |a )?(?:car |vehicle |unit )?(?:sells|sold|is sold|gets sold|comes back|is picked up|is inspected)\b[^,?]*?\s(?:(?:do|does|should|can|must) (?:i|we|they|he|she)|who|what|which|where)\b/.test(
      text,
    );
  if (whenAsked && /\b(when|what day|what time)\b/.test(text) && !whenClauseFirst) return 'when';
  if (
    /\b(website|web site|(?<!(?:inspection|auction|job|work|our|dealer|store|another|other|on|off) )site|url|web address|link|where do (i|we) (register|sign up))\b/.test(
      text,
    )
  )
    return 'website';
  return 'general';
}

/** The part of a rule decision a question is about; each needs certain facts before the rules can answer. */
export const decisionTopics = ['pickup', 'inspection', 'notification', 'termination', 'remarketing', 'quote'] as const;
export type DecisionTopic = (typeof decisionTopics)[number];

const startsSellingWords = new RegExp(`\\b${startsSelling}`);
const treatedAsReturnWords = new RegExp(`\\b${treatedAsReturn}`);

export function decisionTopicsOf(question: NormalisedQuestion): DecisionTopic[] {
  const text = question.query;
  const topics: DecisionTopic[] = [];
  if (/\b(release|pickup|pick up|take|leave with|hand over|keys?|let)\b/.test(text)) topics.push('pickup');
  if (/\binspect/.test(text)) topics.push('inspection');
  if (/\b(fax|notify|notification|tell ally|let ally know|send|paperwork|form|odometer)\b/.test(text)) topics.push('notification');
  if (/\b(early termination|normal maturity|considered|count as|counts as)\b/.test(text)) topics.push('termination');
  if (/\b(hold|holds|remarketing|auction start|start selling|begin|72|seventy[- ]two)\b/.test(text) || startsSellingWords.test(text))
    topics.push('remarketing');
  if (/\b(return quote|proof of resale|resale)\b/.test(text) || treatedAsReturnWords.test(text)) topics.push('quote');
  return topics;
}

/** "What happens if we miss the 72 hours?", "what if the buyer never shows": a consequence the process leaves to its lines. */
export function asksConsequence(plain: string): boolean {
  return /\b(?:what (?:happens |would happen |will happen )?if|what (?:happens|now) (?:now|then)|what happens now|asking what happens)\b/.test(plain);
}
