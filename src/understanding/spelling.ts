import { distance } from 'fastest-levenshtein';
import { usStates } from '../domain/us-states.ts';
import { shorthand } from '../knowledge/vocabulary.ts';
import type { Neighbours } from './text.ts';
import { placesInStates } from './us-places.ts';
import { isTownInState } from './us-towns.ts';
import { isEnglishWord } from './english-words.ts';
import { readerWords } from './reader-words.ts';
import { RecentlyUsed } from '../recently-used.ts';

/**
 * The process's own words, which dealers misspell ("retrun", "inspecton", "odometor"). A word of five
 * or more letters that is not one of these but is one edit away from one (two for long words) is read
 * as that word. English words are never corrected: a dictionary word ("loading", "later") is what the
 * dealer typed on purpose, whatever process word it is near.
 */
const processWords = [
  'return',
  'returns',
  'returned',
  'returning',
  'inspection',
  'inspector',
  'accessible',
  'inspections',
  'transporter',
  'transport',
  'transportation',
  'odometer',
  'statement',
  'lading',
  'auction',
  'smartauction',
  'maturity',
  'matures',
  'lessee',
  'release',
  'released',
  'purchase',
  'purchasing',
  'quote',
  'quotes',
  'remarketing',
  'settlement',
  'termination',
  'register',
  'registration',
  'password',
  'status',
  'vehicle',
  'dealer',
  'dealership',
  'inventory',
  'buyout',
  'letter',
  'letters',
  'pickup',
  'proof',
  'access',
  'account',
  'executive',
  'contact',
  'transporter',
  'odometer',
  'lease',
  'turning',
  'returning',
  'buying',
  'keeping',
  'bringing',
  'yesterday',
  'tomorrow',
  'today',
  'number',
  'question',
  'questions',
  // Months, so a date typed "decmber 15" or "febuary 20th" reads as one.
  'january',
  'february',
  'march',
  'april',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'hold',
  'locked',
  'start',
] as const;

const known = new Set<string>(processWords);

/** Words near a process word that are right as typed. */
const leaveAlone = new Set([
  // Contractions typed without the apostrophe, and words a dictionary leaves out, one letter short of another word.
  'whos',
  'hell',
  // Greetings a dealer types in Spanish or Hawaiian ("hola" is no misspelt "hold").
  'hola',
  'holla',
  // Everyday words one letter from a process word.
  'please',
  'least',
  'leave',
  'leash',
  'cease',
  'tease',
  'ease',
  'roof',
  'dealt',
  'healer',
  'dialer',
  'leaser',
  'reason',
  'remote',
  'retire',
  'return',
  'letters',
  'latter',
  'status',
  'station',
  'quota',
  'quotas',
  'quiet',
  'vehicle',
  'access',
  'excess',
  'success',
  'process',
  'recess',
  'proper',
  'prove',
  'lease',
  'leased',
  'leases',
  'later',
  'letters',
  'status',
  'states',
  'statue',
  'return',
  'retain',
  'dealers',
  'turned',
  'auctions',
  'contract',
  'accept',
  'excess',
  'quite',
  'quota',
  'proofs',
  'access',
  'center',
  'release',
  'relapse',
  'pickups',
  'lessor',
  'lesser',
  'lessen',
  'lesson',
  'letter',
  'matter',
  'statements',
  'contacts',
  'transfer',
  'purchased',
  'purchases',
  'inspect',
  'inspected',
  'registered',
  'returns',
  'vehicles',
  'quoted',
  'better',
  'setter',
  'access',
]);

/** Each word's correction, worked out once (a dealer's words repeat). */
const corrections = new RecentlyUsed<string, string | undefined>(5_000);

export function correctSpelling(word: string): string | undefined {
  if (word.length < 4 || known.has(word) || leaveAlone.has(word) || /[^a-z]/.test(word)) return undefined;
  return corrections.remember(word, (typed) => nearestProcessWord(typed) ?? nearestReaderWord(typed));
}

const readerWordSet: ReadonlySet<string> = new Set(readerWords);

/**
 * A slip on one of the words the readers act on ("actaully", "cusotmer", "frdiay", "buyr"): a word of five letters or
 * more (or of four, missing a letter of a five-letter word) that is no English word and is one edit (a swap of neighbouring letters counts as one) from exactly one
 * reader word. Two candidates as near leave the word as typed.
 */
function nearestReaderWord(word: string): string | undefined {
  // A slip on a state's name is the state reader's to offer ("Did you mean Alaska?"), never to take.
  if (word.length < 4 || readerWordSet.has(word) || isEnglishWord(word) || stateNames.some((name) => distance(name, word) <= 2)) return undefined;
  let found: string | undefined;
  for (const candidate of readerWords) {
    if (Math.abs(candidate.length - word.length) > 1 || (candidate[0] !== word[0] && candidate[1] !== word[1])) continue;
    // (A four-letter word only with one letter left out of a five-letter one, its first two kept: "buyr" → "buyer".)
    if (word.length === 4 && (candidate.length !== 5 || !candidate.startsWith(word.slice(0, 2)))) continue;
    if (transposedDistance(word, candidate, 2) !== 1) continue;
    if (found !== undefined && found !== candidate) return undefined;
    found = candidate;
  }
  return found;
}

function nearestProcessWord(word: string): string | undefined {
  let best: { word: string; distance: number } | undefined;
  for (const candidate of processWords) {
    if (Math.abs(candidate.length - word.length) > 2) continue;
    // A four-letter word is only ever a process word with one letter left out ("lese" → "lease"), or one with
    // two letters swapped ("hlod" → "hold").
    if (word.length === 4 && candidate.length !== 5 && !(candidate.length === 4 && transposedDistance(word, candidate, 2) === 1)) continue;
    const d = distance(word, candidate);
    if (!best || d < best.distance) best = { word: candidate, distance: d };
  }
  const abbreviated = best === undefined || best.distance > 1 ? processWords.find((candidate) => isVowelDropped(word, candidate)) : undefined;
  // A dictionary word is what the dealer meant ("loading" is not a misspelt "lading").
  if ((abbreviated !== undefined || (best !== undefined && best.distance <= 2)) && isEnglishWord(word)) return undefined;
  if (abbreviated !== undefined) return abbreviated;
  const allowed = word.length >= 8 ? 2 : 1;
  // A transposition ("retrun", "trasnportaion") costs two plain edits: count it as one.
  const edits = best === undefined ? Number.POSITIVE_INFINITY : Math.min(best.distance, transposedDistance(word, best.word, allowed + 1));
  return best && edits <= allowed && best.distance > 0 ? best.word : undefined;
}

/**
 * Edits between two words when swapping two neighbouring letters counts as one (optimal string alignment),
 * or `cap` once it is clearly more.
 */
function transposedDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? cap) + 1, (current[j - 1] ?? cap) + 1, (previous[j - 1] ?? cap) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (beforePrevious[j - 2] ?? cap) + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin >= cap) return cap;
    beforePrevious = previous;
    previous = current;
  }
  return Math.min(previous[b.length] ?? cap, cap);
}

/**
 * Texting shorthand that drops the vowels ("rtrn", "inspctn", "mtrty", "odmtr"): the word is the process
 * word with some of its vowels left out, keeps its first letter, and has no vowel after that.
 */
function isVowelDropped(word: string, candidate: string): boolean {
  if (word.length < 4 || word.length >= candidate.length || word[0] !== candidate[0] || /[aeiou]/.test(word.slice(1))) return false;
  let at = 0;
  for (const letter of candidate) {
    if (letter === word[at]) at += 1;
    else if (!'aeiou'.includes(letter)) return false;
  }
  return at === word.length;
}

/** Shorthand first ("bol", "w/o", "dont"), then spelling, then two words typed as one ("fordealer"). */
export function rewriteWord(word: string, neighbours: Neighbours = {}): string | undefined {
  return (
    stateAbbreviationKept(word, neighbours) ??
    andForN(word, neighbours) ??
    numberForWord(word, neighbours) ??
    weAreWithoutApostrophe(word, neighbours) ??
    stateCodeKept(word, neighbours) ??
    lesseeAsLe(word, neighbours) ??
    lastBeforeATime(word, neighbours) ??
    shorthand[word] ??
    correctSpelling(word) ??
    splitRunTogether(word)
  );
}

/** "las tuesday", "lst week": "last" with a letter slipped, before the time it points back to ("las vegas" stays). */
function lastBeforeATime(word: string, { next }: Neighbours): string | undefined {
  return /^(?:las|lst|lasr|lat|laast)$/.test(word) &&
    /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?$|^(?:week|wk|month|night|weekend|year)$/.test(next ?? '')
    ? 'last'
    : undefined;
}

/** "W. Va.", "N. Dak.": the first letter of a two-part state abbreviation stays as typed (not "with", not "and"). */
function stateAbbreviationKept(word: string, { next }: Neighbours): string | undefined {
  return /^[nsw]$/.test(word) && /^(?:va|virg|dak|mex)$/.test(next ?? '') ? word : undefined;
}

/** State codes that are also shorthand: "nm" normal maturity, "nd" need, "mo" month. */
export const stateCodesAlsoShorthand: ReadonlySet<string> = new Set(['nm', 'nd', 'mo']);

/** The last word of each New Mexico place the reader knows ("cruces" of "las cruces"), an English word or not. */
const newMexicoTownEnds: ReadonlySet<string> = new Set(
  Object.entries(placesInStates)
    .filter(([, code]) => code === 'NM')
    .map(([place]) => place.split(' ').at(-1) ?? place),
);

/** "NM store", "in nm": a state code that is also shorthand ("nm" for normal maturity) stays a code where a state is said. */
function stateCodeKept(word: string, { previous, next, typed, previousTyped }: Neighbours): string | undefined {
  if (!stateCodesAlsoShorthand.has(word)) return undefined;
  return (typed === word.toUpperCase() && word !== 'nm') ||
    // ("Lessee in Las Cruces NM turned her car in": "NM" in capitals right after a town's name, capitalised, is the state.)
    (typed === word.toUpperCase() &&
      /^[A-Z][a-z]{2,}$/.test(previousTyped ?? '') &&
      (!isEnglishWord(previous ?? '') || newMexicoTownEnds.has(previous ?? ''))) ||
    previous === 'in' ||
    previous === 'from' ||
    // ("small store in clovis nm": right after a town of New Mexico, the state.)
    (word === 'nm' && previous !== undefined && isTownInState(previous, 'NM')) ||
    /^(?:store|dealer|dealership|location|rooftop|lot|office)$/.test(next ?? '')
    ? word
    : undefined;
}

/** Agents' "LE" for the lessee ("buying it for the LE", "LE keeping it"): in capitals, or where a person is meant. */
function lesseeAsLe(word: string, { previous, next, typed }: Neighbours): string | undefined {
  if (word !== 'le') return undefined;
  return typed === 'LE' ||
    /^(?:the|for|to|4|our|their|a)$/.test(previous ?? '') ||
    /^(?:wants?|is|was|keeping|keeps|buying|buys|says|said|has|had|signed|returned|returning|turned|dropped|will|wont|won't|doesnt|doesn't|didnt|didn't|isnt|isn't|decided|changed|moved|plans|called|came)$/.test(
      next ?? '',
    )
    ? 'lessee'
    : undefined;
}

/** Texting's "n" between two words ("we aint buyin it n neither is she") is "and"; alone it stays a "no". */
function andForN(word: string, { previous, next }: Neighbours): string | undefined {
  return word === 'n' && previous !== undefined && next !== undefined && /^[a-z']+$/.test(previous) && /^[a-z']+$/.test(next) ? 'and' : undefined;
}

/** "were not buying it", "were in ohio": "we're" typed without its apostrophe, told by its place (it opens the message or a clause). */
function weAreWithoutApostrophe(word: string, { previous, next }: Neighbours): string | undefined {
  if (word !== 'were' || next === undefined) return undefined;
  if (previous !== undefined && !/^(?:and|but|so|ok|okay|yes|yeah|no|because|cause|now|hi|hey|well|also|since|when|if|while|once|as)$/.test(previous))
    return undefined;
  return /^(?:not|going|gonna|buying|keeping|purchasing|just|returning|in|located|based|out|all|still|trying|waiting|getting|the|a|an|doing|using|selling|turning|dealing|stuck|done|good|ok|fine|here|ready|at)$/.test(
    next,
  )
    ? "we're"
    : undefined;
}

/** The words a count or an option number is followed by, or preceded by: there "2" and "4" are numbers. */
const countedWords =
  /^(?:days?|hours?|hrs?|weeks?|wks?|months?|mos?|minutes?|mins?|years?|yrs?|business|calendar|am|pm|of|or|and|to|more|times?|x|option|opt|press|ext|line|number|step|page|\w+s)$/;
const numberingWords =
  /^(?:option|opt|press|ext|line|number|step|page|of|or|and|to|more|times|x|about|around|only|just|like|maybe|within|in|for|after|before|than|last|next|first|the|on|by|until|til|till|due|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december)$/;
const exceptPlural: ReadonlySet<string> = new Set(['us', 'this', 'his', 'its', 'is', 'was', 'has', 'does', 'yes', 'lessees']);

/**
 * Texting's "2" and "4" between two words ("need 2 call", "dlr purch 4 lsee") are "to" and "for"; a
 * count ("2 days", "4 cars") or an option ("option 4", "press 2") stays a number.
 */
function numberForWord(word: string, { previous, next }: Neighbours): string | undefined {
  if ((word !== '2' && word !== '4') || previous === undefined || next === undefined) return undefined;
  if (!/^[a-z']+$/.test(previous) || !/^[a-z']+$/.test(next)) return undefined;
  // (Before it, a plural-looking word is mostly a verb: "comes 2 my store"; only a word that numbers counts.)
  if (numberingWords.test(previous)) return undefined;
  if (countedWords.test(next) && !exceptPlural.has(next)) return undefined;
  return word === '2' ? 'to' : 'for';
}

/** Short words a fast thumb runs into the next one ("fordealer", "theinspection", "nobol"). */
const runTogetherLeads = ['for', 'the', 'to', 'of', 'on', 'in', 'at', 'no', 'my', 'our', 'with', 'from', 'and', 'a'] as const;

/** One-word state names: a slip on one ("alaksa") is for the state reader to offer, not two words ("a laksa"). */
const stateNames = Object.values(usStates)
  .map((state) => state.name.toLowerCase())
  .filter((name) => !name.includes(' '));

/**
 * "fordealer" → "for dealer": a word that is not English, whose start is a short function word and whose
 * rest is a process word (or a near miss of one, corrected) or an English word. "leasereturn", "faxnumber":
 * two words run together, at least one of them the process's and both of three letters or more.
 */
function splitRunTogether(word: string): string | undefined {
  if (word.length < 6 || /[^a-z]/.test(word) || isEnglishWord(word)) return undefined;
  if (stateNames.some((name) => Math.abs(name.length - word.length) <= 1 && distance(name, word) <= 2)) return undefined;
  for (const lead of runTogetherLeads) {
    if (!word.startsWith(lead)) continue;
    const rest = word.slice(lead.length);
    if (rest.length < 4) continue;
    const restWord = known.has(rest) ? rest : (correctSpelling(rest) ?? (isEnglishWord(rest) ? rest : undefined));
    if (restWord !== undefined) return `${lead} ${restWord}`;
  }
  for (let at = 3; at <= word.length - 3; at += 1) {
    const [first, second] = [word.slice(0, at), word.slice(at)];
    const isWord = (part: string): boolean => known.has(part) || twoWordParts.has(part) || isEnglishWord(part);
    if ((known.has(first) || known.has(second) || twoWordParts.has(first) || twoWordParts.has(second)) && isWord(first) && isWord(second)) {
      return `${first} ${second}`;
    }
  }
  return undefined;
}

/** Short process words that run into the next one ("faxnumber", "vinnumber", "holdtime"). */
const twoWordParts: ReadonlySet<string> = new Set(['fax', 'vin', 'avrm', 'bol', 'hold', 'form', 'quote', 'sale', 'sold', 'buyer']);

/** The process's names of more than one word, which dealers misspell as a whole ("bill of loading", "prof of sael"). */
const processPhrases = ['bill of lading', 'proof of sale', 'odometer statement', 'settlement letter', 'dealer purchase', 'lease return'] as const;

/** Names a letter or two from another that are right as typed ("lessee return" is not a misspelt "lease return"). */
const rightAsTyped: ReadonlySet<string> = new Set([
  ...processPhrases,
  'lessee return',
  'lessee returns',
  'lease returns',
  'bill of sale',
  'proof of resale',
  'proof of purchase',
  'dealer purchases',
  'dealer purchased',
  'lessee purchase',
  'odometer statements',
  'settlement letters',
]);

/**
 * Misspelt process names of several words, each found as a window of as many words of the read text one or two
 * edits from the name (two for names of twelve letters or more; a swap of neighbouring letters is one edit).
 * Returns the phrases to rewrite, as typed, with their right spelling.
 */
export function misspeltPhrases(lower: string): [RegExp, string][] {
  const words = lower.split(/[^a-z'-]+/).filter((word) => word !== '');
  const found: [RegExp, string][] = [];
  for (const phrase of processPhrases) {
    const size = phrase.split(' ').length;
    const allowed = phrase.length >= 13 ? 2 : 1;
    for (let at = 0; at + size <= words.length; at += 1) {
      const window = words.slice(at, at + size).join(' ');
      if (rightAsTyped.has(window) || Math.abs(window.length - phrase.length) > allowed || window[0] !== phrase[0]) continue;
      // "bill of loading" is no English phrase; "bill of sale" (a real document) is too far to be caught.
      if (transposedDistance(window, phrase, allowed + 1) <= allowed) {
        found.push([new RegExp(`\\b${window.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')}\\b`), phrase]);
      }
    }
  }
  return found;
}
