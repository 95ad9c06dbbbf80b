import type { StatedFacts } from './interpretation.ts';
import { findAll, type MessageText } from './text.ts';

type UnknownField = NonNullable<StatedFacts['unknown']>['value'];

const notKnowing =
  /\b(?:(?:don't|do not|didn't|doesn't|does not|not|never) (?:know|sure|remember|have|see|find)|no idea|not sure|unsure|can't (?:find|remember|tell)|idk|dunno|no clue)\b/;
const fields: readonly (readonly [UnknownField, RegExp])[] = [
  ['maturityDate', /\b(?:matur\w*|lease end|end of (?:the )?lease|when (?:the|it|their) lease ends)/],
  // ("no idea yet when she's bringing it in": when the car comes back, not known.)
  [
    'returnDate',
    /\breturn(?:ed)? date|when (?:it was|they) returned|when (?:she|he|they|the (?:lessee|customer)|it)(?:'s|'re| is| are| will be| will| 'll)? (?:bring\w*|drop\w*|return\w*|com\w*|turn\w*) (?:it |the car |the vehicle |her car |his car )?(?:in|back|off)?\b/,
  ],
  ['state', /\bstate\b/],
  ['vin', /\bvin\b/],
];

/**
 * "I don't know the maturity date": the dealer cannot give a field (the surface says where to find it; not a miss).
 * At the prompt for a field, a message that opens by not knowing ("not sure, don't have the contract here",
 * "no clue yet") is about the field asked, named or not.
 */
export function readUnknown(text: MessageText, asked?: string): StatedFacts['unknown'] {
  const cues = findAll(text, notKnowing);
  for (const cue of cues) {
    const after = text.lower.slice(cue.end, cue.end + 40).split(/[.;!?]/)[0] ?? '';
    for (const [field, pattern] of fields) {
      const hit = pattern.exec(after);
      if (hit) return { value: field, words: text.raw.slice(text.map[cue.index] ?? 0, (text.map[cue.end + hit.index + hit[0].length - 1] ?? 0) + 1) };
    }
  }
  const askedField = fields.find(([field]) => field === asked)?.[0];
  const opening = cues[0];
  // ("I don't have time for this" is not the date it was asked; "don't have it", "don't have the contract" are.)
  const aboutTheField =
    opening !== undefined &&
    (!/\b(?:have|see|find)\b/.test(opening.match[0]) ||
      /^\s*(?:it|that|one|the (?:contract|paperwork|date|info|vin|lease|papers)|contract|paperwork|a clue)\b/.test(text.lower.slice(opening.end)));
  if (
    askedField &&
    opening &&
    aboutTheField &&
    /^\W*(?:(?:i|we|they|she|he|lessee|the lessee|customer|the customer)\s+)?$/.test(text.lower.slice(0, opening.index))
  ) {
    return { value: askedField, words: opening.words };
  }
  return undefined;
}
