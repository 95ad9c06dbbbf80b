import type { StatedFacts } from './interpretation.ts';
import { findAll, type MessageText } from './text.ts';

type UnknownField = NonNullable<StatedFacts['unknown']>['value'];

const notKnowing =
  /\b(?:(?:don't|do not|didn't|doesn't|does not|not|never) (?:know|sure|remember|have|see|find)|no idea|not sure|unsure|can't (?:find|remember|tell)|idk|dunno|no clue)\b/;
const fields: readonly (readonly [UnknownField, RegExp])[] = [
  ['maturityDate', /\b(?:matur\w*|lease end|end of (?:the )?lease|when (?:the|it|their) lease ends)/],
  ['returnDate', /\breturn(?:ed)? date|when (?:it was|they) returned/],
  ['state', /\bstate\b/],
  ['vin', /\bvin\b/],
];

/** "I don't know the maturity date": the dealer cannot give a field (the surface says where to find it; not a miss). */
export function readUnknown(text: MessageText): StatedFacts['unknown'] {
  for (const cue of findAll(text, notKnowing)) {
    const after = text.lower.slice(cue.end, cue.end + 40).split(/[.;!?]/)[0] ?? '';
    for (const [field, pattern] of fields) {
      const hit = pattern.exec(after);
      if (hit) return { value: field, words: text.raw.slice(text.map[cue.index] ?? 0, (text.map[cue.end + hit.index + hit[0].length - 1] ?? 0) + 1) };
    }
  }
  return undefined;
}
