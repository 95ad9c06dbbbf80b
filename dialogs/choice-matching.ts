import type { ReplyChoice } from '../src/channels/reply.ts';

/** A choice with the other ways dealers say it ("return", "give it back"). */
export interface ChoiceSpec extends ReplyChoice {
  synonyms: readonly string[];
  /**
   * Phrases specific enough to pick this choice even inside a question or a longer sentence
   * ("what's the status of my return?"), where single synonyms ("status", "return") do not.
   */
  askedAs?: readonly string[];
}

export function normalizeWords(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Which choice the dealer meant: the exact value (a card button), its number ("2" — SMS numbers the
 * choices), its title or a synonym, or else the choice whose synonym appears in the sentence (the
 * longest such phrase wins; a tie is no match rather than a guess). `partial: false` keeps to whole
 * answers, apart from a choice's `askedAs` phrases, which count anywhere in the sentence.
 */
export function matchChoice<C extends ChoiceSpec>(input: string, choices: readonly C[], options: { partial?: boolean } = {}): C | undefined {
  const raw = input.trim();
  const byValue = choices.find((choice) => choice.value === raw);
  if (byValue) return byValue;
  const words = normalizeWords(raw);
  if (/^\d{1,2}$/.test(words)) return choices[Number(words) - 1];
  const askedAsOf = (choice: C): string[] => (choice.askedAs ?? []).map(normalizeWords).filter((phrase) => phrase !== '');
  const phrasesOf = (choice: C): string[] => [
    ...[choice.title, choice.value, ...choice.synonyms].map(normalizeWords).filter((phrase) => phrase !== ''),
    ...askedAsOf(choice),
  ];
  const exact = choices.find((choice) => phrasesOf(choice).includes(words));
  if (exact) return exact;
  return longestContained(words, choices, options.partial === false ? askedAsOf : phrasesOf);
}

/** The choice with the longest phrase inside the sentence (whole words); a tie is no match rather than a guess. */
function longestContained<C extends ChoiceSpec>(words: string, choices: readonly C[], phrasesOf: (choice: C) => string[]): C | undefined {
  let best: { choice: C; length: number; tied: boolean } | undefined;
  const padded = ` ${words} `;
  for (const choice of choices) {
    for (const phrase of phrasesOf(choice)) {
      if (!padded.includes(` ${phrase} `)) continue;
      if (!best || phrase.length > best.length) best = { choice, length: phrase.length, tied: false };
      else if (phrase.length === best.length && best.choice !== choice) best.tied = true;
    }
  }
  return best && !best.tied ? best.choice : undefined;
}

export function asReplyChoices(choices: readonly ChoiceSpec[]): ReplyChoice[] {
  return choices.map(({ value, title }) => ({ value, title }));
}
