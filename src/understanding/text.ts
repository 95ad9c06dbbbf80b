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

/** Rewrites one bare lower-case word (no surrounding punctuation), or leaves it (undefined). */
export type WordRewrite = (word: string) => string | undefined;

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
  for (const token of raw.matchAll(/\S+/g)) {
    push(raw.slice(at, token.index), at, token.index - at);
    const folded = fold(token[0]);
    const [, lead = '', bare = '', trail = ''] = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u.exec(folded) ?? [];
    const replacement = bare === '' ? undefined : (rewrite(folded) ?? rewrite(bare));
    if (replacement !== undefined && rewrite(folded) !== undefined) push(replacement, token.index, token[0].length);
    else if (replacement !== undefined) {
      push(lead, token.index, lead.length);
      push(replacement, token.index + lead.length, bare.length);
      push(trail, token.index + lead.length + bare.length, trail.length);
    } else push(folded, token.index, token[0].length);
    at = token.index + token[0].length;
  }
  push(raw.slice(at), at, raw.length - at);
  map.push(raw.length);
  return { raw, lower, map };
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
