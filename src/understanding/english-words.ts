import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';

/**
 * Whether a lower-case word is an English word (the `word-list` package, ~275,000 words). The spelling
 * fixer asks it before "correcting" a word: "loading" is one edit from "lading", but a dictionary word
 * is what the dealer meant to type. The list is one sorted string, read once on first use and searched
 * by bisection, so it costs one 2.8 MB string and no per-word objects.
 */
let words: string | undefined;

function list(): string {
  words ??= `\n${readFileSync(wordListPath, 'utf8').trim()}\n`;
  return words;
}

export function isEnglishWord(word: string): boolean {
  if (!/^[a-z]+$/.test(word)) return false;
  const text = list();
  let low = 0;
  let high = text.length - 1;
  while (high - low > 64) {
    const middle = Math.floor((low + high) / 2);
    const start = text.lastIndexOf('\n', middle) + 1;
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end);
    if (line === word) return true;
    if (line < word) low = end;
    else high = start;
  }
  // The last stretch (and the list's two entries out of order, which a neighbour's window still covers).
  return text.slice(Math.max(0, low - 64), high + 64 + word.length).includes(`\n${word}\n`);
}
