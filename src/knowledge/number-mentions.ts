/**
 * The facts an answer must never get wrong are numbers: phone and fax numbers, hour and day counts,
 * phone-menu options. This module finds them in any text so that the answer checker and the eval can
 * compare an answer's numbers with the numbers of the passages it cites.
 */

export type NumberKind = 'phone' | 'hours' | 'days' | 'weeks' | 'option' | 'number';

export interface NumberMention {
  readonly kind: NumberKind;
  /** Digits only ("8772909544" for a phone number, "72" for 72 hours). */
  readonly value: string;
  /** As written, for messages. */
  readonly text: string;
}

const numberWords: Readonly<Record<string, number>> = {
  zero: 0,
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
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const tens = new Set(['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']);

/**
 * "seventy-two hours" → "72 hours", "option four" → "option 4", so a model cannot slip a count past the
 * checker by spelling it. Only before a unit or after "option": "one of the quotes" stays words.
 */
export function digitsForWords(text: string): string {
  return text
    .replace(compoundNumber, (_match, ten: string, unit: string) => String((numberWords[ten.toLowerCase()] ?? 0) + (numberWords[unit.toLowerCase()] ?? 0)))
    .replace(singleNumber, (word: string) => String(numberWords[word.toLowerCase()] ?? word));
}

// Built once: every answer and every passage it cites goes through digitsForWords.
const counted = String.raw`(?=[\s-]+(?:business\s+|calendar\s+)?(?:hours?|hrs?|days?|weeks?)\b)`;
const optioned = String.raw`(?<=\b(?:option|press|ext\.?|extension)\s+)`;
const unitWords = Object.keys(numberWords).filter((word) => (numberWords[word] ?? 0) > 0 && (numberWords[word] ?? 0) < 10);
const allNumberWords = Object.keys(numberWords).join('|');
const compoundNumber = new RegExp(`\\b(${[...tens].join('|')})[\\s-]+(${unitWords.join('|')})\\b${counted}`, 'gi');
const singleNumber = new RegExp(`(?:${optioned}\\b(${allNumberWords})\\b|\\b(${allNumberWords})\\b${counted})`, 'gi');

const unitKinds: Readonly<Record<string, NumberKind>> = { hour: 'hours', hr: 'hours', h: 'hours', day: 'days', week: 'weeks', wk: 'weeks' };

function unitKind(unit: string): NumberKind {
  const singular = unit.toLowerCase().replace(/s$/, '');
  return unitKinds[singular] ?? 'number';
}

export function findNumbers(input: string): NumberMention[] {
  const mentions: NumberMention[] = [];
  let text = digitsForWords(input);
  const take = (pattern: RegExp, onMatch: (match: RegExpExecArray) => void): void => {
    text = text.replace(pattern, (...args: unknown[]) => {
      const match = args.slice(0, -2) as unknown as RegExpExecArray;
      onMatch(match);
      return ' '.repeat(String(args[0]).length);
    });
  };
  // Phone and fax numbers first, so their digits are not read again as counts.
  take(/(?:\+?1[\s.-]?)?\(?\b(\d{3})\)?[\s.-]?(\d{3})[\s.-](\d{4})\b/g, (m) => {
    mentions.push({ kind: 'phone', value: `${m[1]}${m[2]}${m[3]}`, text: m[0] });
  });
  take(/\b(\d{3})[\s.-](\d{4})\b/g, (m) => mentions.push({ kind: 'phone', value: `${m[1]}${m[2]}`, text: m[0] }));
  take(/\b(?:option|opt\.?|press|ext\.?|extension)\s*#?\s*(\d+)\b/gi, (m) => mentions.push({ kind: 'option', value: String(Number(m[1])), text: m[0] }));
  take(/\b(\d+)\s*(?:to|-|–|or|and)\s*(\d+)[\s-]*(?:business\s+|calendar\s+)?(hours?|hrs?|days?|weeks?|wks?)\b/gi, (m) => {
    const kind = unitKind(m[3] ?? '');
    mentions.push({ kind, value: String(Number(m[1])), text: m[0] }, { kind, value: String(Number(m[2])), text: m[0] });
  });
  take(/\b(\d+)[\s-]*(?:business\s+|calendar\s+)?(hours?|hrs?|h|days?|weeks?|wks?)\b/gi, (m) => {
    mentions.push({ kind: unitKind(m[2] ?? ''), value: String(Number(m[1])), text: m[0] });
  });
  take(/\b\d+\b/g, (m) => mentions.push({ kind: 'number', value: String(Number(m[0])), text: m[0] }));
  return mentions;
}

const passageNumbers = new WeakMap<{ readonly text: string }, readonly NumberMention[]>();

/** findNumbers of a passage of the process text, found once per passage (answers read the same passages again and again). */
export function numbersInPassage(passage: { readonly text: string }): readonly NumberMention[] {
  let numbers = passageNumbers.get(passage);
  if (numbers === undefined) {
    numbers = Object.freeze(findNumbers(passage.text));
    passageNumbers.set(passage, numbers);
  }
  return numbers;
}

/** True when `mention` is backed by one of `allowed` (a bare number may be backed by any non-phone mention). */
export function isBacked(mention: NumberMention, allowed: readonly NumberMention[]): boolean {
  if (mention.kind === 'number') return allowed.some((other) => other.kind !== 'phone' && other.value === mention.value);
  return allowed.some((other) => other.kind === mention.kind && other.value === mention.value);
}
