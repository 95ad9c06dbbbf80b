import { isEnglishWord } from './english-words.ts';
import { distance } from 'fastest-levenshtein';
import { usStateCodes, usStates, type UsStateCode } from '../domain/us-states.ts';
import { isNegated } from './negation.ts';
import { placesInStates } from './us-places.ts';
import { isTownInState, longestTownName, mainStateOfTown } from './us-towns.ts';
import { findAll, found, type Found, type MessageText } from './text.ts';
import { vinShape } from './vin.ts';

export interface StateReading {
  readonly state?: { value: UsStateCode; words: string };
  readonly didYouMean?: { field: 'state'; value: UsStateCode; words: string };
  /** Where the message names states it is not in ("we're not in AK, HI or SD"), in the read text. */
  readonly negatedSpan?: { readonly index: number; readonly end: number };
  /** Where the near miss is, in the read text. */
  readonly nearMissSpan?: { readonly index: number; readonly end: number };
}

const byLongestName = usStateCodes.map((code) => ({ code, name: usStates[code].name.toLowerCase() })).sort((a, b) => b.name.length - a.name.length);
const namePattern = new RegExp(`\\b(?:washington,?\\s+d\\.?\\s?c\\.?|${byLongestName.map(({ name }) => name.replace(/ /g, '\\s+')).join('|')})\\b`, 'g');

/** Postal codes that are also English words: only taken when written in capitals after "in", "from", … */
const wordLikeCodes = new Set(['IN', 'OR', 'ME', 'OK', 'OH', 'ID', 'DE', 'CO', 'LA', 'AL', 'PA', 'MA', 'HI', 'MO', 'NE', 'MS']);
const preposition = /\b(?:in|from|at|of|out of|located in|based in|rural|upstate|downstate|state is|state to|state\s*[:=-]?)\s*$/i;

/** The answer without greetings and thanks around it ("hi, OH" → "oh"). */
function bareAnswer(bare: string): string {
  return bare
    .toLowerCase()
    .replace(/^(?:(?:hi|hey|hello|ok|okay|sure|um|uh)[\s,.!-]+)+|(?:[\s,.!-]+(?:thanks|thank you|thx|ty|please|pls))+$/g, '')
    .trim();
}

/** The older abbreviations (GPO style) and nicknames dealers still type: read like a postal code in its place. */
const traditional: Readonly<Record<string, UsStateCode>> = {
  ala: 'AL',
  ariz: 'AZ',
  ark: 'AR',
  cal: 'CA',
  cali: 'CA',
  calif: 'CA',
  colo: 'CO',
  conn: 'CT',
  del: 'DE',
  fla: 'FL',
  flor: 'FL',
  ill: 'IL',
  ind: 'IN',
  kan: 'KS',
  kans: 'KS',
  mass: 'MA',
  mich: 'MI',
  minn: 'MN',
  miss: 'MS',
  mont: 'MT',
  neb: 'NE',
  nebr: 'NE',
  nev: 'NV',
  okla: 'OK',
  ore: 'OR',
  oreg: 'OR',
  penn: 'PA',
  penna: 'PA',
  tenn: 'TN',
  tex: 'TX',
  wash: 'WA',
  wis: 'WI',
  wisc: 'WI',
  wyo: 'WY',
  jersey: 'NJ',
  vegas: 'NV',
  // Two-part abbreviations, with or without their dots: "W. Va.", "N. Dak.".
  'w va': 'WV',
  'w virg': 'WV',
  'n dak': 'ND',
  's dak': 'SD',
  'n mex': 'NM',
};
const placePattern = new RegExp(
  `\\b(?:${Object.keys(placesInStates)
    .sort((a, b) => b.length - a.length)
    .map((place) => place.replace(/[.]/g, '\\.').replace(/ /g, '\\s+'))
    .join('|')})(?=\\s|$|[,;!?.])`,
  'g',
);
const traditionalPattern = new RegExp(
  `\\b(?:${Object.keys(traditional)
    .map((key) => key.replace(/ /g, '\\.?\\s*'))
    .join('|')})\\.?(?=\\s|$|[,;!?])`,
  'g',
);

/** Common words one edit from a state name: never read as a near miss. */
const notStates = new Set(['texts', 'mains', 'maine', 'idaho', 'towa', 'lowa', 'texan', 'guam', 'mountain', 'carolina']);

export interface StateOptions {
  /** The prompt is asking for the state: a bare code or a near miss is read as one. */
  readonly asked: boolean;
}

/** Right after a VIN ("rtn 1C4RJFBG0PC771035 pa"), where shorthand puts the state. */
const afterVin = new RegExp(`\\b${vinShape},?\\s+$`);

/**
 * The state a message names: a full name ("Hawaii", "west virginia") or a postal code. Codes that are
 * also words ("hi", "oh", "in", "ok") count only in capitals after "in"/"from", or as the whole answer
 * to the state prompt, so "hi" is a greeting and "HI" or "in hi" is Hawaii. A state named after a
 * negation ("not Ohio") is not the state; of several, the last one counts ("not ohio, it's indiana").
 * A name one or two letters off ("hawai", "pensylvania") is a near miss to confirm, never taken.
 */
export function readState(text: MessageText, options: StateOptions): StateReading {
  const mentions: { code: UsStateCode; at: Found }[] = [];
  for (const match of findAll(text, namePattern)) {
    const name = match.match[0].replace(/\s+/g, ' ');
    const code = name.startsWith('washington ') || name.startsWith('washington,') ? 'DC' : byLongestName.find((entry) => entry.name === name)?.code;
    if (code) mentions.push({ code, at: match });
  }
  const allCaps = !/[a-z]/.test(text.raw);
  // ("sorry DE not MD": two codes typed in capitals, and no other capital pair, are states whatever else they could be.)
  const capitalPairs = allCaps ? [] : [...text.raw.matchAll(/\b[A-Z]{2}\b/g)].map((match) => match[0]);
  const codesInCapitals = capitalPairs.length >= 2 && capitalPairs.every((pair) => pair !== 'OK' && (usStateCodes as readonly string[]).includes(pair));
  const bare = text.raw.trim().replace(/[.!?]+$/, '');
  for (const match of findAll(text, /\b[a-z]{2}\b/g)) {
    const code = match.match[0].toUpperCase();
    if (!(usStateCodes as readonly string[]).includes(code)) continue;
    if (mentions.some((mention) => mention.at.index <= match.index && match.index < mention.at.end)) continue;
    const typed = match.words;
    const capitals = typed === code && !allCaps;
    // "in oh", "ga dealer": a code where a state is expected.
    const afterPreposition = preposition.test(text.lower.slice(0, match.index));
    // "dlr in anchorage ak", "we're in boise, id": a code after the town it is in.
    const before = text.lower.slice(0, match.index);
    const townBefore = /([a-z.]+(?:\s+[a-z.]+)?),?\s*$/.exec(before);
    // ("dallas tx": a town of that state right before the code.)
    // ("portland, OR": a town named in two states, told apart by the code after it.)
    const knownTown =
      townBefore !== null &&
      [townBefore[1] ?? '', (townBefore[1] ?? '').split(/\s+/).at(-1) ?? ''].some(
        (town) =>
          placesInStates[town] === code ||
          placesInStates[`${town} ${code.toLowerCase()}`] === code ||
          (!isCarMake(town) && isTownInState(town, code as UsStateCode)),
      );
    // ("rtn … vancouver wa in 11/29": a word that is no English word right before a code that is none either reads as its town.)
    const unknownTown = !wordLikeCodes.has(code) && /\b([a-z]{4,}),?\s*$/.test(before) && !isEnglishWord(/\b([a-z]{4,}),?\s*$/.exec(before)?.[1] ?? '');
    const afterTown = (!wordLikeCodes.has(code) && /\b(?:in|from|near|outside(?: of)?)\s+[a-z]+(?:\s+[a-z]+)?,?\s*$/.test(before)) || knownTown || unknownTown;
    // "insp NE how long", "Broken Bow, NE": a code typed in capitals where nothing else is, or after a town in capitals and a comma.
    const rawBefore = text.raw.slice(0, text.map[match.index] ?? 0);
    const rawAfter = text.raw.slice((text.map[match.end - 1] ?? 0) + 1);
    const onlyCapitals =
      typed === code && !/[A-Z]/.test(`${rawBefore} ${rawAfter}`.replace(/\b[A-Z0-9]{6,17}\b/g, '')) && !['OK', 'IN', 'OR', 'ME'].includes(code);
    const afterTownComma =
      typed === code &&
      (/\b[A-Z][a-z]+(?: [A-Z][a-z]+)?,\s*$/.test(rawBefore) ||
        /\b(?:in|from|near|outside(?: of)?) [A-Z][a-z]+(?: [A-Z][a-z]+)? $/.test(rawBefore) ||
        // ("Broken Arrow OK, matured 11/30": a town in capitals, its code in capitals, set off by a comma.)
        (/\b[A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})? $/.test(rawBefore) &&
          /^\s*[,;]|^\s+[-–—]\s/.test(rawAfter) &&
          !/\b(?:thanks|thank|sounds|good|great|perfect|yes|yeah|cool|alright|fine|sure|got|it|that|this|is|all)\s*$/i.test(rawBefore))) &&
      !['IN', 'OR', 'ME'].includes(code);
    const beforeDealer = /^ (?:dealer|dealership|store|location|rooftop)\b/.test(text.lower.slice(match.end)) && !['HI', 'OK', 'IN', 'OR', 'ME'].includes(code);
    const wordLike = wordLikeCodes.has(code);
    // ("hi, OH", "LA thanks": greetings and thanks around the answer leave it whole.)
    const wholeAnswer = options.asked && bareAnswer(bare).length === 2;
    // "mi mat 12/5", "sd insp?", "rtn ga mat 12/15", "louisville, ky": in a message typed all in one case, a code
    // that is no word stands as a token of its own (at the start, after or before a comma, last, or before the
    // shorthand of a return).
    // (A VIN is typed in capitals whatever the case of the rest: "vin 5J6RW2H8XNL018243 ga cust returning".)
    const oneCase = allCaps || !/[A-Z]/.test(text.raw.replace(/\b[A-Z0-9]{6,17}\b/g, ''));
    const standsAlone =
      oneCase &&
      !wordLike &&
      code !== 'NM' &&
      (/(?:^|[,:;(]|\s[-–—])\s*$/.test(text.lower.slice(0, match.index)) ||
        /^\s*(?:[,:;)?]|$|\s(?:mat\w*|rtn\w*|ret\w*|return\w*|dealer\w*|dlr\w*|store|insp\w*|lease|lse|vin|no avrm|avrm|cust\w*|lessee|lsee|car|veh\w*|came|comes|dropped|turned)\b)/.test(
          text.lower.slice(match.end),
        ));
    // At the state prompt a bare "hi" is still a greeting and "ok" an acknowledgement; "HI" is Hawaii, and "in" or "or" alone can only be a state.
    const take = wholeAnswer
      ? typed === code || (code !== 'HI' && code !== 'OK')
      : (capitals && !wordLike) ||
        (capitals && code === 'HI') ||
        beforeDealer ||
        afterTown ||
        standsAlone ||
        onlyCapitals ||
        afterTownComma ||
        // ("we're in pa": PA and MA, words only in other talk, are the state after "in".)
        (afterPreposition && (capitals || !wordLike || code === 'HI' || code === 'PA' || code === 'MA')) ||
        (capitals && codesInCapitals) ||
        // ("rtn 1C4RJFBG0PC771035 pa turned in sat": right after the car's VIN in shorthand, where the state goes.)
        // ("rtn 5J6RW2H81ML009462 OR matures 1/5", "we're an OR store", "dealer in Salem OR says": a word-like code typed in
        // capitals where the state goes.)
        (capitals &&
          code !== 'OK' &&
          (/^ (?:dealer|dealership|store|location|rooftop)\b/.test(text.lower.slice(match.end)) ||
            (/\b(?:in|from|near) [A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})? $/.test(rawBefore) &&
              /^\s+(?:says|said|is|was|has|asks|asking|wants|needs|called|calls)\b/.test(text.lower.slice(match.end))) ||
            (afterVin.test(text.lower.slice(0, match.index)) && /\d/.test(text.lower.slice(Math.max(0, match.index - 19), match.index))))) ||
        (oneCase &&
          code !== 'OK' &&
          code !== 'HI' &&
          afterVin.test(text.lower.slice(0, match.index)) &&
          /\d/.test(text.lower.slice(Math.max(0, match.index - 19), match.index)));
    // ("how do i tell ET from NM", "NM or ET?": beside an early termination, NM is the normal maturity.)
    const maturityBesideEarly =
      code === 'NM' &&
      (/\b(?:et|early term\w*)\s*(?:from|or|vs\.?|versus|and|&|\/|,|not)\s*$/.test(text.lower.slice(0, match.index)) ||
        /^\s*(?:or|vs\.?|versus|and|&|\/|,|not)\s*(?:an? )?(?:et|early)\b/.test(text.lower.slice(match.end)));
    if (take && !maturityBesideEarly) mentions.push({ code: code as UsStateCode, at: match });
  }
  // "n.j.", "N.Y.": a code typed with dots, where a state is asked or expected ("o.k." is never Oklahoma).
  for (const match of findAll(text, /\b([a-z])\.\s?([a-z])\.?(?=\s|$|[,;!?])/g)) {
    const code = `${match.match[1]}${match.match[2]}`.toUpperCase();
    if (!(usStateCodes as readonly string[]).includes(code) || code === 'OK') continue;
    const expected =
      options.asked ||
      preposition.test(text.lower.slice(0, match.index)) ||
      /^\s*(?:dealer|dealership|store|location|rooftop)\b/.test(text.lower.slice(match.end));
    if (expected && !mentions.some((mention) => mention.at.index <= match.index && match.index < mention.at.end))
      mentions.push({ code: code as UsStateCode, at: match });
  }
  // "N. Carolina", "S Dakota", "W. Virginia": the direction cut to its initial.
  // (The shorthand reader spells a lone "w" as "with", so the typed words decide.)
  for (const match of findAll(text, /\b(?:([nsw]|with)\.?\s*|(no|so)\.\s*)(carolina|dakota|virginia)\b/g)) {
    const initial = match.match[1] === 'with' ? (/^w\b/i.test(match.words) ? 'w' : '') : match.match[1];
    const direction = { n: 'north', no: 'north', s: 'south', so: 'south', w: 'west' }[initial ?? match.match[2] ?? ''];
    const code = byLongestName.find((entry) => entry.name === `${direction} ${match.match[3]}`)?.code;
    if (!code) continue;
    // It replaces the bare "Virginia" it contains.
    for (let i = mentions.length - 1; i >= 0; i -= 1) {
      const inside = mentions[i];
      if (inside && match.index <= inside.at.index && inside.at.end <= match.end) mentions.splice(i, 1);
    }
    mentions.push({ code, at: match });
  }
  // "calif", "penn", "mass": taken where a state is expected (the prompt, after "in"/"from"), since most are also words.
  for (const match of findAll(text, traditionalPattern)) {
    const code = traditional[match.match[0].replace(/\./g, '').replace(/\s+/g, ' ')];
    // ("ill finish this later": "ill" before a verb is "I'll", not Illinois.)
    const illAsIWill = /^ill\.?$/.test(match.match[0]) && /^\s+[a-z]/.test(text.lower.slice(match.end));
    const inPlace = (options.asked || preposition.test(text.lower.slice(0, match.index))) && !illAsIWill;
    if (!code || !inPlace || mentions.some((mention) => mention.at.index <= match.index && match.index < mention.at.end)) continue;
    // ("W. Va.": the code inside the abbreviation is part of it.)
    for (let i = mentions.length - 1; i >= 0; i -= 1) {
      const inside = mentions[i];
      if (inside && match.index <= inside.at.index && inside.at.end <= match.end) mentions.splice(i, 1);
    }
    mentions.push({ code, at: match });
  }
  // "Sioux Falls", "we're just outside chicago", "the lone star state", "a chevy store in kenosha": a place in one state,
  // where a state is asked or expected. It replaces a state name it contains ("kansas city" is in Missouri).
  const placeExpected = (at: Found, { nameOfAStore = true } = {}): boolean =>
    options.asked ||
    /\b(?:in|at|near|outside(?: of)?|around|out of)\s*$/.test(text.lower.slice(0, at.index)) ||
    // ("lessee from bangor", "we're from keene": a customer's or the store's own town, said with "from" (a greeting "from" a
    // town, or a dealer "from" one, is not).)
    /\b(?:lessee|customer|client|caller|store|we'?re|we are|i'?m|i am) from\s*$/.test(text.lower.slice(0, at.index)) ||
    // ("new rtn 1FMCU9J91NUA48217 boise turned in today": right after the VIN, where shorthand puts the state.)
    (afterVin.test(text.lower.slice(0, at.index)) && /\d/.test(text.lower.slice(Math.max(0, at.index - 19), at.index))) ||
    // ("sioux falls kia here, lessee turned in her sorento": the store introducing itself by its town.)
    (/^\s*$/.test(text.lower.slice(0, at.index)) && storeHere.test(text.lower.slice(at.end))) ||
    (nameOfAStore &&
      storeAfter.test(text.lower.slice(at.end)) &&
      // ("the fargo dealer that won it on smart auction": the buying dealer's town, not ours.)
      !/^\s+(?:[a-z]+ )?(?:dealer|dealership|store|lot)s? (?:that|who|which) (?:won|bought|purchased|buys|is buying)\b/.test(text.lower.slice(at.end)) &&
      // ("a buyer from an Orlando store": the other dealer's town, not ours.)
      !/\b(?:buyer|dealer|guy|driver|someone|somebody|man|lady|rep|bidder) from (?:a |an |the |another )?$/.test(
        text.lower.slice(Math.max(0, at.index - 30), at.index),
      ));
  const addPlace = (code: UsStateCode, at: Found): void => {
    for (let i = mentions.length - 1; i >= 0; i -= 1) {
      const inside = mentions[i];
      if (inside && at.index <= inside.at.index && inside.at.end <= at.end) mentions.splice(i, 1);
    }
    if (!mentions.some((mention) => mention.at.index <= at.index && at.index < mention.at.end)) mentions.push({ code, at });
  };
  for (const match of findAll(text, placePattern)) {
    const code = placesInStates[match.match[0].replace(/\s+/g, ' ')] as UsStateCode | undefined;
    if (code && placeExpected(match)) addPlace(code, match);
  }
  // (A store is named after a small place more often than it is in one: "the Northgate store". Before "store", a town
  // of 20,000 people or more.)
  for (const town of townsNamed(text)) if (placeExpected(town.at, { nameOfAStore: town.population >= 20_000 })) addPlace(town.code, town.at);
  // "not in alaska, hawaii or south dakota": a list closed by "or"/"and" is negated as a whole. (Without the
  // closing word, "not ohio, indiana" is a correction: the state after the comma is the one meant.)
  const ordered = [...mentions].sort((a, b) => a.at.index - b.at.index);
  const joinerAfter = (index: number): string | undefined => {
    const current = ordered[index];
    const next = ordered[index + 1];
    // (A list typed without commas, "AK HI or SD", joins by spaces until its "or".)
    return current && next ? /^\s*(,|\/|(?:,\s*)?(?:or|nor|and)|\s)\s*$/.exec(text.lower.slice(current.at.end, next.at.index))?.[1] : undefined;
  };
  const closesList = (from: number): boolean => {
    for (let index = from; joinerAfter(index) !== undefined; index += 1) if (/(?:or|nor|and)$/.test(joinerAfter(index) ?? '')) return true;
    return false;
  };
  const negated = new Set<(typeof mentions)[number]>();
  ordered.forEach((mention, index) => {
    const previous = ordered[index - 1];
    const listed = previous !== undefined && negated.has(previous) && joinerAfter(index - 1) !== undefined && closesList(index - 1);
    // "not missouri illinois": a state right after a negated one, with nothing between, is the one meant.
    const replaces = previous !== undefined && negated.has(previous) && /^\s+$/.test(text.lower.slice(previous.at.end, mention.at.index));
    // "hit AL by accident", "typed OH by mistake": a state said to be a slip is not the state.
    const slip = /^\s*(?:by (?:accident|mistake)|in error|wrongly)\b/.test(text.lower.slice(mention.at.end));
    // ("lessee moved up to SC": where the lessee lives now is not where the car is.)
    // ("she's stuck in harrisburg with the snow", "the lessee is visiting family in FL": where a person is staying says
    // nothing of where the car is.)
    const elsewhere =
      /\b(?:moved(?: up| down| over| back)? to|lives in|living in|relocated to|moving to)\s+$/.test(
        text.lower.slice(Math.max(0, mention.at.index - 24), mention.at.index),
      ) ||
      /\b(?:lessee|customer|client|she|he|they)(?:'s|s|'re| is| are| was| were| got| has been)? (?:[\w']+ ){0,2}?(?:stuck|stranded|staying|visiting|vacationing|on vacation|travel(?:l)?ing|away|snowed in|out of town|wintering|laid up)\b(?: [\w']+){0,3}? (?:in|at|near|down in|up in|over in|out in)\s+$/.test(
        text.lower.slice(Math.max(0, mention.at.index - 60), mention.at.index),
      ) ||
      // ("a buyer from a dealer up in Pittsburgh is sending somebody": the other party's town, not the store's.)
      (/\b(?:buyer|buying dealer(?:ship)?|winning (?:bidder|dealer)|transporter|trucker|carrier|hauler|driver|auction (?:house|company|yard))s?\b[^.?!;]{0,30}\b(?:in|from|out of)\s+$/.test(
        text.lower.slice(Math.max(0, mention.at.index - 50), mention.at.index),
      ) &&
        // ("trucker pulled up at our store in tacoma": our own store's town, wherever the party came from.)
        !/\b(?:(?:our|my|their) (?:store|lot|dealership|location|rooftop|shop|place)|here)\s+(?:in|out in|up in|down in|over in)\s+$/.test(
          text.lower.slice(Math.max(0, mention.at.index - 30), mention.at.index),
        )) ||
      // ("dealer out of savannah who won it on smartauction": the place of the one who bought the car.)
      /^,?\s+(?:(?:who|that|which) (?:won|bought|purchased|is buying|buys|bid)|(?:won|bought|purchased))\b/.test(text.lower.slice(mention.at.end)) ||
      // ("he drove up from a lot in Pahrump": where a visitor came from.)
      /\b(?:drove|drives|driving|came|comes|coming|travel(?:l)?ed|hauled)(?: (?:up|down|over|in|out|all the way))? from\b[^.?!;]{0,24}?\s+$/.test(
        text.lower.slice(Math.max(0, mention.at.index - 50), mention.at.index),
      ) ||
      // ("someone from a dealership in Boise is at the front desk": a visitor's dealership, not the store.)
      /\b(?:someone|somebody|a guy|a driver|a rep|a man|a lady|people|folks) from (?:a|an|another|some) (?:other )?(?:dealer(?:ship)?|store|lot) (?:in|from|out of|up in|down in|over in)\s+$/.test(
        text.lower.slice(Math.max(0, mention.at.index - 60), mention.at.index),
      ) ||
      // ("or do we call remarketing like AK/HI/SD dealers do?": states named to compare with, not the store's.)
      /\b(?:like|as|unlike) (?:the |those |in )?(?:[a-z]{2}\s*(?:\/|,|or|and)\s*)*$/.test(
        text.lower.slice(Math.max(0, mention.at.index - 30), mention.at.index),
      );
    // "we don't have avrm at the RI store": the store a state names is where it happens, not what is denied.
    const whereItIs =
      /\b(?:at|in|for|from) (?:the|our|my|their|this|that) $/.test(text.lower.slice(Math.max(0, mention.at.index - 12), mention.at.index)) &&
      /^ (?:store|dealership|dealer|location|rooftop|lot|office|shop)\b/.test(text.lower.slice(mention.at.end)) &&
      // ("we're not at the ohio store": the place itself denied.)
      !/\b(?:not|n't|never|no longer)\s+(?:at|in|for|from) \w+ $/.test(text.lower.slice(Math.max(0, mention.at.index - 24), mention.at.index));
    if (listed || slip || elsewhere || (!replaces && !whereItIs && isNegated(text, mention.at.index, mention.at.end))) negated.add(mention);
  });
  const stated = ordered.filter((mention) => !negated.has(mention));
  const negatedMentions = ordered.filter((mention) => negated.has(mention));
  const firstNegated = negatedMentions[0];
  const lastNegated = negatedMentions.at(-1);
  const negatedSpan = firstNegated && lastNegated ? { negatedSpan: { index: firstNegated.at.index, end: lastNegated.at.end } } : {};
  const last = stated.at(-1);
  // ("stores in MA, CT and NH": several states listed, joined by "and", are a group's, not the one this return is in.)
  const listed =
    stated.length >= 2 &&
    new Set(stated.map((mention) => mention.code)).size === stated.length &&
    stated.every((mention, index) => {
      const next = stated[index + 1];
      return next === undefined || /^\s*(?:,|\/|&|,?\s*and)\s*$/.test(text.lower.slice(mention.at.end, next.at.index));
    }) &&
    /^\s*(?:,?\s*and|&)\s*$/.test(text.lower.slice(stated.at(-2)?.at.end ?? 0, last?.at.index ?? 0));
  if (last && listed) return negatedSpan;
  if (last) return { state: { value: last.code, words: last.at.words }, ...negatedSpan };
  const nearMiss = nearestState(text, options);
  if (!nearMiss) return negatedSpan;
  const { at, ...offered } = nearMiss;
  return { didYouMean: { field: 'state', ...offered }, nearMissSpan: at, ...negatedSpan };
}

function nearestState(text: MessageText, options: StateOptions): { value: UsStateCode; words: string; at: { index: number; end: number } } | undefined {
  const words = [...text.lower.matchAll(/[a-z]+/g)];
  const shortMessage = text.lower.trim().split(/\s+/).length <= 2;
  let best: { value: UsStateCode; index: number; length: number; distance: number } | undefined;
  // Each word, and each word with the next one ("new yrok"), as typed.
  for (let i = 0; i < words.length; i += 1) {
    const one = words[i];
    if (!one) continue;
    const two = words[i + 1];
    const spans = two ? [one[0].length, two.index + two[0].length - one.index] : [one[0].length];
    for (const length of spans) {
      const typed = text.lower.slice(one.index, one.index + length).replace(/\s+/g, ' ');
      // ("store is in ohoi": four letters after "in" are where a state goes too.)
      const afterPreposition = preposition.test(text.lower.slice(0, one.index));
      if (typed.length < (options.asked || afterPreposition ? 4 : 5) || notStates.has(typed)) continue;
      const inPlace = options.asked || shortMessage || afterPreposition || typed.length >= 6;
      if (!inPlace) continue;
      for (const { code, name } of byLongestName) {
        if (Math.abs(name.length - typed.length) > 2 || name[0] !== typed[0]) continue;
        // (Four letters are only ever a swap: "ohoi" is Ohio, "main" is no Maine; at the prompt a letter left out of no
        // English word counts too: "texs" is Texas.)
        if (typed.length === 4 && !isTransposition(typed, name) && !(options.asked && name.length === 5 && !isEnglishWord(typed))) continue;
        const plain = distance(typed, name);
        // Two letters swapped ("floirda") is one slip of the fingers, not two.
        const d = plain === 2 && isTransposition(typed, name) ? 1 : plain;
        const allowed = name.length >= 8 ? 2 : 1;
        if (d > 0 && d <= allowed && (!best || d < best.distance)) best = { value: code, index: one.index, length, distance: d };
      }
    }
  }
  return best ? { value: best.value, words: found(text, best.index, best.length).words, at: { index: best.index, end: best.index + best.length } } : undefined;
}

function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diffs: number[] = [];
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) diffs.push(i);
  const [first = 0, second = 0] = diffs;
  return diffs.length === 2 && second === first + 1 && a[first] === b[second] && a[second] === b[first];
}

/** Car makes and dealer groups that are also towns ("a lincoln store", "the cadillac rooftop"): never a town here. */
const carMakes = new Set([
  'acura',
  'audi',
  'bmw',
  'buick',
  'cadillac',
  'chevrolet',
  'chevy',
  'chrysler',
  'dodge',
  'fiat',
  'ford',
  'genesis',
  'gmc',
  'honda',
  'hyundai',
  'infiniti',
  'jaguar',
  'jeep',
  'kia',
  'lexus',
  'lincoln',
  'mazda',
  'mercedes',
  'mini',
  'mitsubishi',
  'nissan',
  'porsche',
  'ram',
  'subaru',
  'tesla',
  'toyota',
  'volkswagen',
  'vw',
  'volvo',
  'rivian',
  'polestar',
  'saturn',
  'mercury',
  'pontiac',
]);
const isCarMake = (name: string): boolean => carMakes.has(name);

// (A make may stand between the town and the store: "a sioux city chevy store", "sioux falls kia here".)
const makeThen = `(?:(?:${[...carMakes].join('|')}) )?`;
/** A store named right after a place ("tulsa store", "a sioux city chevy store"). */
const storeAfter = new RegExp(`^\\s+${makeThen}(?:dealer|dealership|store|location|area|rooftop|lot|office)\\b`);
/** A store introducing itself by its town ("green bay store here", "sioux falls kia here"). */
const storeHere = new RegExp(`^\\s+${makeThen}(?:dealer|dealership|store|location|rooftop)?\\s*here\\b`);

/**
 * The towns a message names that mean one state on their own (us-towns.ts), longest name first. A name that is also an
 * English word ("mobile", "independence", "surprise") counts only typed as a name, with its capital; a state's own name
 * ("washington", "nevada") and a car make ("lincoln") never.
 */
function townsNamed(text: MessageText): { code: UsStateCode; population: number; at: Found }[] {
  const words = [...text.lower.matchAll(/[a-z][a-z'.-]*/g)];
  const towns: { code: UsStateCode; population: number; at: Found }[] = [];
  const longest = longestTownName();
  for (let first = 0; first < words.length; ) {
    let taken = 0;
    for (let count = Math.min(longest, words.length - first); count >= 1 && taken === 0; count -= 1) {
      const start = words[first];
      const last = words[first + count - 1];
      if (!start || !last) continue;
      const end = last.index + last[0].replace(/[.]+$/, '').length;
      const name = text.lower.slice(start.index, end);
      // (A town's words are spaced, never split by a comma: "troy, ohio" is Troy and Ohio.)
      if (/[^a-z'. -]/.test(name)) continue;
      const town = mainStateOfTown(name);
      if (!town || isCarMake(name) || byLongestName.some((entry) => entry.name === name)) continue;
      const at = found(text, start.index, end - start.index);
      // ("my used car manager in tupelo", "we're a store in mobile": after a store or one of its people "in", a place is meant.)
      const saidAsAPlace =
        /\b(?:store|dealer(?:ship)?|dlr|lot|location|rooftop|office|we're|we are|were|i'm|im|located|based|manager|mgr|clerk|gm|rep|staff|folks|guys) (?:is |are )?(?:here )?(?:in|out in|up in|down in|over in|outside(?: of)?|near)\s+$/.test(
          text.lower.slice(Math.max(0, start.index - 30), start.index),
        );
      if (count === 1 && isEnglishWord(name.replace(/[.]/g, '')) && !/^[A-Z][a-z]/.test(at.words) && !saidAsAPlace) continue;
      towns.push({ ...town, at });
      taken = count;
    }
    first += Math.max(1, taken);
  }
  return towns;
}
