import { gsm7Length, maxSmsCharacters, toGsm7, toSmsText } from '../domain/sms-text.ts';
import { findNumbers } from '../knowledge/number-mentions.ts';

/**
 * A grounded answer made to fit a text message (two segments, GSM-7). When it is too long, citation-style
 * extras go first ("(Source: …)", "[2]", an acronym repeated in brackets), then whole sentences, from the
 * end; a sentence that gives a phone or fax number is never dropped (a dealer told to call must get the
 * number). Only when the sentences with numbers alone do not fit are their clauses without a number left out.
 */
export function smsAnswerText(answer: string, max = maxSmsCharacters): string {
  const text = toGsm7(answer).replace(/\s+/g, ' ').trim();
  if (gsm7Length(text) <= max) return text;
  // Before the GSM-7 rewrite, which turns "[1]" into "(1)".
  const plain = toGsm7(withoutExtras(answer.replace(/\s+/g, ' ')));
  if (gsm7Length(plain) <= max) return plain;
  const kept = keepInOrder(sentencesOf(plain), max);
  if (gsm7Length(kept) <= max) return kept;
  // Even the sentences with numbers are too long together: keep their clauses with numbers.
  const clauses = sentencesOf(plain)
    .filter(givesNumber)
    .flatMap((sentence) => sentence.split(/(?<=[,;:])\s+/));
  // A single clause longer than two segments (none of the process's is) is cut at a word.
  return toSmsText(keepInOrder(clauses, max), max);
}

function givesNumber(text: string): boolean {
  return findNumbers(text).some((mention) => mention.kind === 'phone');
}

/** Citation markers and acronyms repeated in brackets: nothing a dealer acts on, so the first to go. */
function withoutExtras(text: string): string {
  return text
    .replace(/\s*\((?:sources?|see|ref|per|from)\b[^()]*\)/gi, (extra) => (givesNumber(extra) ? extra : ''))
    .replace(/\s*\[\d+(?:,\s*\d+)*\]/g, '')
    .replace(/\s+\([A-Z]{2,5}\)/g, '')
    .replace(/\s*\bSources?: [^.]*(?:\.|$)/g, (extra) => (givesNumber(extra) ? extra : ''))
    .trim();
}

/**
 * Sentences end at ".", "!" or "?" followed by a space and a capital or a digit, so "allyvehiclereturnmanager.com",
 * "877.290.9544" and "e.g. the" stay inside their sentence.
 */
function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z0-9"'(])/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== '');
}

/** Every part that gives a number, then the others in their order while they fit; joined in the original order. */
function keepInOrder(parts: readonly string[], max: number): string {
  const keep = new Set<number>();
  let length = -1;
  parts.forEach((part, index) => {
    if (!givesNumber(part)) return;
    keep.add(index);
    length += gsm7Length(part) + 1;
  });
  parts.forEach((part, index) => {
    if (keep.has(index)) return;
    const cost = gsm7Length(part) + 1;
    if (length + cost > max) return;
    keep.add(index);
    length += cost;
  });
  return parts.filter((_part, index) => keep.has(index)).join(' ');
}
