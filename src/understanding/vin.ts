import { checkVin } from '../domain/vin.ts';
import { findAll, findFirst, type MessageText } from './text.ts';

export interface VinReading {
  readonly vin?: { value: string; words: string };
  readonly vinSuffix?: { value: string; words: string };
}

/** Seventeen characters a VIN may hold (no I, O or Q), whatever its check digit: the shape of a VIN typed. */
export const vinShape = '[a-hj-npr-z0-9]{17}';
const vinShaped = new RegExp(`\\b${vinShape}\\b`, 'g');
const oneVinShaped = new RegExp(`\\b${vinShape}\\b`);

/** Words that announce a VIN or its last characters ("vin", "stat", "ending in", "#"). */
const announcer =
  /\b(?:vin|vins|stat|status|rel|release|ending(?: in)?|ends(?: in)?|last (?:6|six|8|eight)(?: (?:are|r|is|digits|of the vin))?|stock|number|unit|car|vehicle)\s*(?:number\s*)?(?:is|of|for|:|#)?\s*#?\s*$/;

/**
 * A full VIN (17 characters with a valid check digit, via the domain's checker) or the last 6 to 8
 * characters dealers and SMS use ("stat 042788", "vin ending in 3B042788"). A bare run of six digits
 * counts as a suffix too ("is 042788 sold yet?"); a phone number, a date or an option number does not.
 */
/** Whether the message holds something shaped like a VIN, valid or not ("release 3GCUYDED5NG551208?"). */
export function holdsVinShape(lower: string): boolean {
  return oneVinShaped.test(lower);
}

export function readVin(text: MessageText): VinReading {
  for (const match of findAll(text, vinShaped)) {
    const check = checkVin(match.match[0]);
    if (check.valid) return { vin: { value: check.vin, words: match.words } };
  }
  // What follows needs a digit in what it reads: a message without one has no grouped VIN and no suffix.
  if (!/\d/.test(text.lower)) return spacedVin(text);
  // Typed in groups ("1M8 GDM9AX KP042788"): 17 characters in two to four groups, the check digit decides.
  const tokens = findAll(text, /\b[a-hj-npr-z0-9]{1,15}\b/g);
  for (let first = 0; first < tokens.length; first += 1) {
    let joined = '';
    for (let last = first; last < Math.min(tokens.length, first + 4); last += 1) {
      const token = tokens[last];
      const previous = tokens[last - 1];
      if (!token || (last > first && previous && text.lower.slice(previous.end, token.index) !== ' ')) break;
      joined += token.match[0];
      if (joined.length > 17) break;
      if (last === first || joined.length !== 17 || !/\d/.test(joined)) continue;
      const check = checkVin(joined);
      const start = tokens[first];
      if (check.valid && start) return { vin: { value: check.vin, words: text.raw.slice(text.map[start.index], (text.map[token.end - 1] ?? 0) + 1) } };
    }
  }
  for (const match of findAll(text, /(?<![\d-])\b[a-hj-npr-z0-9]{6,8}\b(?![-/]\d)/g)) {
    const token = match.match[0];
    if (!/\d/.test(token)) continue;
    const digits = token.replace(/\D/g, '').length;
    const announced = announcer.test(text.lower.slice(0, match.index));
    // A bare token must look like a VIN tail: mostly digits (the last 6 of a VIN are the serial number), or the last 8
    // typed in capitals, model year and plant before the six-digit serial ("update on NL405127?").
    const lastEight = /^[a-hj-npr-z0-9]{1,2}\d{6}$/.test(token) && /[a-z]/.test(token);
    if (!announced && !lastEight && (digits < 5 || token.length !== 6)) continue;
    return { vinSuffix: { value: token.toUpperCase(), words: match.words } };
  }
  return spacedVin(text);
}

/** "VIN is 1M8-GDM9A-XKP-042788": a VIN after the word, spaced or dashed anyhow; the check digit decides. */
function spacedVin(text: MessageText): VinReading {
  const spaced = findFirst(text, /\bvin\s*(?:is|:|#)?\s*([a-hj-npr-z0-9][a-hj-npr-z0-9 -]{15,22}[a-hj-npr-z0-9])\b/);
  if (spaced?.match[1]) {
    const check = checkVin(spaced.match[1]);
    if (check.valid) return { vin: { value: check.vin, words: spaced.words } };
  }
  // ("the VIN is 1 G C U Y D E D 0 M Z 2 1 8 8 4 3": read out one character at a time, read as typed, since shorthand
  // would take a lone "u" for "you".)
  const oneByOne = /\bvin\s*(?:is|:|#)?\s*((?:[a-hj-npr-z0-9][ -]){16}[a-hj-npr-z0-9])\b/i.exec(text.raw);
  if (oneByOne?.[1]) {
    const check = checkVin(oneByOne[1].replace(/[ -]/g, ''));
    if (check.valid) return { vin: { value: check.vin, words: oneByOne[1] } };
  }
  return {};
}
