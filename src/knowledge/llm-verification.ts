import { interpretMessage, type Interpretation, type InterpretationContext, type StatedFactName } from '../understanding/index.ts';
import { modelFactNames, type ModelFactName, type ModelInterpretation } from './llm-interpreter.ts';

/** A decision-changing fact the model and the deterministic reader read differently: the dealer is asked to confirm. */
export interface FactDisagreement {
  readonly field: ModelFactName;
  /** What the deterministic reader heard (the answer goes by this). */
  readonly heard: string | boolean;
  /** What the model read (verified against its own words, but overruled). */
  readonly model: string | boolean;
  /** The dealer's own words the deterministic reading came from. */
  readonly words: string;
}

export interface VerifiedInterpretation {
  /** The deterministic interpretation, plus the model's facts that passed verification and that the reader missed. */
  readonly interpretation: Interpretation;
  /** The model's passage choice, kept only where the passage was among those retrieved and shown to it. */
  readonly passageIds: readonly string[];
  readonly added: readonly ModelFactName[];
  readonly dropped: readonly { readonly field: ModelFactName; readonly reason: string }[];
  readonly disagreement: FactDisagreement | undefined;
}

/** Facts that change what the rules decide (a VIN does not). */
const decisionFields: ReadonlySet<ModelFactName> = new Set([
  'state',
  'maturityDate',
  'returnDate',
  'intent',
  'dealerWantsToPurchase',
  'lesseeWantsToPurchase',
  'hasAvrmAccess',
  'pickupBy',
  'proofOfSale',
  'billOfLading',
  'sold',
]);

/** The prompt that asks for a field: a bare "12/3" or "no" is read as the answer to it. */
const promptFieldOf: Partial<Record<ModelFactName, NonNullable<InterpretationContext['pendingField']>>> = {
  state: 'state',
  maturityDate: 'maturityDate',
  returnDate: 'returnDate',
  intent: 'intent',
  hasAvrmAccess: 'hasAvrmAccess',
  vin: 'vin',
  vinSuffix: 'vin',
  pickupBy: 'pickupBy',
  proofOfSale: 'document',
  billOfLading: 'document',
};

/**
 * The model's reading, checked against the message by the deterministic reader. A fact is checked
 * only when its words are part of the message and the reader reads those words (asked as the prompt
 * for that field) to the same value. A checked fact the reader missed is added unless the sentence
 * it stands in reads otherwise ("BOL" in "no BOL yet"). The reader's own reading of the whole message
 * always wins: a checked fact quoting part of the reader's own words is dropped, and one read from
 * other words that changes the decision ("Ohio" where the reader went by "Hawaii") is returned as a
 * disagreement, so the reply asks the dealer to confirm. What the dealer wants stays the reader's; the
 * model's topics are used only when the reader found none.
 */
export function verifyModelInterpretation(args: {
  readonly message: string;
  readonly context: InterpretationContext;
  readonly deterministic: Interpretation;
  readonly model: ModelInterpretation;
  readonly shownPassageIds: ReadonlySet<string>;
}): VerifiedInterpretation {
  const { message, context, deterministic, model } = args;
  const facts: Record<string, unknown> = { ...deterministic.facts };
  const added: ModelFactName[] = [];
  const dropped: { field: ModelFactName; reason: string }[] = [];
  let disagreement: FactDisagreement | undefined;
  for (const field of modelFactNames) {
    const claimed = model.facts[field];
    if (claimed === null) continue;
    const problem = verificationProblem(field, claimed, message, context);
    if (problem !== undefined) {
      dropped.push({ field, reason: problem });
      continue;
    }
    const own = deterministic.facts[field as StatedFactName];
    if (own === undefined) {
      const sentenceProblem = sentenceReadsOtherwise(field, claimed, message, context);
      if (sentenceProblem !== undefined) dropped.push({ field, reason: sentenceProblem });
      else {
        facts[field] = { value: claimed.value, words: claimed.words };
        added.push(field);
      }
    } else if (own.value !== claimed.value) {
      // Part of the reader's own words read without the rest ("BOL" out of "without a BOL"): the whole words overrule it.
      const overlaps = spansOverlap(message, own.words, claimed.words.trim());
      dropped.push({ field, reason: overlaps ? 'part of the words the reader read otherwise' : 'the reader reads other words of the message otherwise' });
      if (!overlaps && disagreement === undefined && decisionFields.has(field) && (typeof own.value === 'string' || typeof own.value === 'boolean')) {
        disagreement = { field, heard: own.value, model: claimed.value, words: own.words };
      }
    }
  }
  const interpretation: Interpretation = {
    ...deterministic,
    facts: facts as Interpretation['facts'],
    topics: deterministic.topics.length > 0 ? deterministic.topics : [...new Set(model.topics)],
  };
  // A state the model found (and the reader confirmed from its words) settles a near-miss spelling.
  if (added.includes('state')) delete interpretation.didYouMean;
  const passageIds = [...new Set(model.passageIds)].filter((id) => args.shownPassageIds.has(id));
  return { interpretation, passageIds, added, dropped, disagreement };
}

function verificationProblem(
  field: ModelFactName,
  claimed: { value: string | boolean; words: string },
  message: string,
  context: InterpretationContext,
): string | undefined {
  const words = claimed.words.trim();
  if (words === '') return 'no words given';
  const start = message.toLowerCase().indexOf(words.toLowerCase());
  if (start === -1) return 'the words are not in the message';
  const pendingField = promptFieldOf[field];
  const alone = interpretMessage(words, { ...context, ...(pendingField === undefined ? {} : { pendingField }) });
  const read = alone.facts[field as StatedFactName];
  if (read === undefined) return 'the reader finds no such fact in the words';
  if (read.value !== claimed.value) return 'the reader reads the words otherwise';
  return undefined;
}

/** A fact the reader missed in the whole message must not read otherwise in the sentence it stands in ("BOL" in "no BOL yet"). */
function sentenceReadsOtherwise(
  field: ModelFactName,
  claimed: { value: string | boolean; words: string },
  message: string,
  context: InterpretationContext,
): string | undefined {
  const words = claimed.words.trim();
  const start = message.toLowerCase().indexOf(words.toLowerCase());
  const sentence = sentenceAround(message, start, words.length);
  if (sentence === words) return undefined;
  const { pendingField: _prompt, ...withoutPrompt } = context;
  const inSentence = interpretMessage(sentence, withoutPrompt).facts[field as StatedFactName];
  return inSentence !== undefined && inSentence.value !== claimed.value ? 'the sentence around the words reads otherwise' : undefined;
}

/** The sentence (or line) of the message that holds the span. */
function sentenceAround(message: string, start: number, length: number): string {
  const before = message.slice(0, start);
  const after = message.slice(start + length);
  const from = Math.max(before.search(/[^.!?\n]*$/), 0);
  const endMatch = /[.!?\n]/.exec(after);
  const to = start + length + (endMatch ? endMatch.index : after.length);
  return message.slice(from, to).trim();
}

/** Whether two spans of the message share any character (each taken where it first occurs). */
function spansOverlap(message: string, first: string, second: string): boolean {
  const lower = message.toLowerCase();
  const a = lower.indexOf(first.toLowerCase());
  const b = lower.indexOf(second.toLowerCase());
  if (a === -1 || b === -1) return false;
  return a < b + second.length && b < a + first.length;
}
