/**
 * The message as the readers see it: lower case, SMS shorthand spelt out ("bol" → "bill of lading",
 * "w/o" → "without") and near-miss spellings of process words corrected ("retrun", "inspecton"), with
 * a map from every character back to the message as typed, so a fact's `words` are always exactly
 * what the dealer wrote.
 */
export interface MessageText {
  /** The message as received. */
  readonly raw: string;
  /** What the readers match against. */
  readonly lower: string;
  /** For each index of `lower` (and one past its end), the index in `raw` it came from. */
  readonly map: readonly number[];
}

/** The words either side of the one being rewritten (as typed, lower case, without punctuation). */
export interface Neighbours {
  readonly previous?: string | undefined;
  readonly next?: string | undefined;
  /** The word as typed, case kept ("ND" in capitals is a state, "nd" texting's "need"). */
  readonly typed?: string | undefined;
  /** The word before, as typed, case kept ("Las Cruces NM": a town's name in capitals before a code). */
  readonly previousTyped?: string | undefined;
}

/** Rewrites one bare lower-case word (no surrounding punctuation), or leaves it (undefined). */
export type WordRewrite = (word: string, neighbours?: Neighbours) => string | undefined;

export function messageText(raw: string, rewrite: WordRewrite = () => undefined): MessageText {
  let lower = '';
  const map: number[] = [];
  const push = (text: string, rawIndex: number, rawLength: number): void => {
    for (let k = 0; k < text.length; k += 1) {
      lower += text[k];
      map.push(rawIndex + Math.min(k, Math.max(0, rawLength - 1)));
    }
  };
  let at = 0;
  const tokens = [...raw.matchAll(/\S+/g)];
  const bareOf = (index: number): string | undefined => {
    const token = tokens[index];
    return token ? fold(token[0]).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '') : undefined;
  };
  tokens.forEach((token, index) => {
    push(raw.slice(at, token.index), at, token.index - at);
    const folded = fold(token[0]);
    const [, lead = '', bare = '', trail = ''] = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u.exec(folded) ?? [];
    // A word ending a clause has no next word to read it by ("purch 4, lsee" is not "for").
    const neighbours: Neighbours = {
      typed: token[0].replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''),
      ...(lead === '' ? { previous: bareOf(index - 1), previousTyped: tokens[index - 1]?.[0].replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '') } : {}),
      // (An initial's dot ends no clause: "W. Va.".)
      ...(trail === '' || (trail === '.' && /^\p{L}$/u.test(bare)) ? { next: bareOf(index + 1) } : {}),
    };
    const whole = rewrite(folded, neighbours);
    const replacement = bare === '' ? undefined : (whole ?? rewrite(bare, neighbours));
    if (replacement !== undefined && whole !== undefined) push(replacement, token.index, token[0].length);
    else if (replacement !== undefined) {
      push(lead, token.index, lead.length);
      push(replacement, token.index + lead.length, bare.length);
      push(trail, token.index + lead.length + bare.length, trail.length);
    } else push(folded, token.index, token[0].length);
    at = token.index + token[0].length;
  });
  push(raw.slice(at), at, raw.length - at);
  map.push(raw.length);
  return { raw, lower, map };
}

/**
 * Replaces phrases in the readers' text ("the return site" → "avrm"), keeping the map: the new words
 * point at the words they replace, so a fact read from them still quotes what the dealer typed.
 */
export function rewritePhrases(text: MessageText, phrases: readonly (readonly [RegExp, string])[]): MessageText {
  let { lower, map } = text;
  for (const [pattern, replacement] of phrases) {
    const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
    const matches = [...lower.matchAll(new RegExp(pattern.source, flags))];
    if (matches.length === 0) continue;
    let nextLower = '';
    const nextMap: number[] = [];
    let at = 0;
    for (const match of matches) {
      nextLower += lower.slice(at, match.index);
      nextMap.push(...map.slice(at, match.index));
      const covered = map.slice(match.index, match.index + match[0].length);
      // The first new letter points at the first word replaced, the last at the last one.
      for (let k = 0; k < replacement.length; k += 1) {
        nextMap.push(covered[k === replacement.length - 1 ? covered.length - 1 : Math.min(k, covered.length - 1)] ?? 0);
      }
      nextLower += replacement;
      at = match.index + match[0].length;
    }
    nextLower += lower.slice(at);
    nextMap.push(...map.slice(at));
    lower = nextLower;
    map = nextMap;
  }
  return { raw: text.raw, lower, map };
}

/** Lower case and straight quotes, one character for one (a character whose lower case is longer stays as typed). */
function fold(word: string): string {
  let out = '';
  for (const char of word) {
    const folded = char === '\u2018' || char === '\u2019' || char === '\u02bc' ? "'" : char.toLowerCase();
    out += folded.length === char.length ? folded : char;
  }
  return out;
}

/** A match in `lower`, with the original words it covers. */
export interface Found {
  readonly index: number;
  readonly end: number;
  readonly words: string;
}

export function found(text: MessageText, index: number, length: number): Found {
  const rawStart = text.map[index] ?? text.raw.length;
  const last = text.map[Math.max(index, index + length - 1)] ?? text.raw.length - 1;
  return { index, end: index + length, words: text.raw.slice(rawStart, last + 1).trim() || text.raw.slice(rawStart, last + 1) };
}

export type Match = Found & { readonly match: RegExpExecArray };

/** The first match of `pattern` in the readers' text. */
export function findFirst(text: MessageText, pattern: RegExp): Match | undefined {
  const match = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(text.lower);
  if (!match) return undefined;
  return { ...found(text, match.index, match[0].length), match };
}

export function findAll(text: MessageText, pattern: RegExp): Match[] {
  const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
  return [...text.lower.matchAll(new RegExp(pattern.source, flags))].map((match) => ({
    ...found(text, match.index, match[0].length),
    match: match as RegExpExecArray,
  }));
}

/** Covers `a` and `b` and the words between them ("no" … "BOL" → "no BOL"). */
export function span(text: MessageText, a: Found, b: Found): Found {
  const index = Math.min(a.index, b.index);
  return found(text, index, Math.max(a.end, b.end) - index);
}
