import { findNumbers } from '../knowledge/number-mentions.ts';
import { gsm7Length, maxSmsCharacters, toGsm7 } from '../domain/sms-text.ts';

/**
 * A grounded answer made to fit a text message (two segments, GSM-7): whole sentences only, in their
 * order, and never without a sentence that gives a phone or fax number (a dealer told to call must get
 * the number). When even those do not fit, the sentences with numbers alone are sent.
 */
export function smsAnswerText(answer: string, max = maxSmsCharacters): string {
  const text = toGsm7(answer).replace(/\s+/g, ' ').trim();
  if (gsm7Length(text) <= max) return text;
  const sentences = text.match(/[^.!?]+(?:[.!?]+(?=\s|$)|$)/g)?.map((sentence) => sentence.trim()) ?? [text];
  const hasNumber = (sentence: string): boolean => findNumbers(sentence).some((mention) => mention.kind === 'phone');
  const keep = new Set(sentences.filter(hasNumber));
  let length = [...keep].reduce((sum, sentence) => sum + gsm7Length(sentence) + 1, 0);
  for (const sentence of sentences) {
    if (keep.has(sentence)) continue;
    const cost = gsm7Length(sentence) + 1;
    if (length + cost > max) continue;
    keep.add(sentence);
    length += cost;
  }
  const kept = sentences.filter((sentence) => keep.has(sentence)).join(' ');
  if (gsm7Length(kept) <= max) return kept;
  // Numbers first, then as much as fits.
  const numbers = sentences.filter(hasNumber).join(' ');
  return gsm7Length(numbers) <= max ? numbers : [...numbers].slice(0, max).join('');
}
