import { z } from 'zod';
import { decisionRequestSchema } from '../domain/decision-request.ts';
import { decisionSchema, traceEntrySchema } from '../domain/decision.ts';
import { safeText } from '../domain/safe-text.ts';
import { decisionTopics } from './question-kind.ts';

export const maxQuestionLength = 1000;

/**
 * What a caller may already know about the return (the bot mid-dialog, the agent console) — any of the
 * decision-request fields. Facts found in the question itself take precedence over these.
 */
export const knownFactsSchema = decisionRequestSchema.partial();
export type KnownFacts = z.infer<typeof knownFactsSchema>;
export type KnownFactsInput = z.input<typeof knownFactsSchema>;

export const answerRequestSchema = z.strictObject({
  question: z
    .string({ error: () => 'must be a string' })
    .refine((value) => value.trim().length > 0, 'must not be empty')
    .refine((value) => value.length <= maxQuestionLength, `must be at most ${maxQuestionLength} characters`)
    .check(safeText({ multiline: true })),
  facts: knownFactsSchema.optional(),
  /** Where the question came from (the interpretation reads SMS shorthand more freely); 'api' when not given. */
  channel: z.enum(['chat', 'sms', 'console', 'api']).optional(),
});
export type AnswerRequest = z.infer<typeof answerRequestSchema>;
export type AnswerRequestInput = z.input<typeof answerRequestSchema>;

export const citationSchema = z.object({
  /** A process section id from rules/process-sections.json. */
  section: z.string(),
  /** The passage of that section the answer rests on, verbatim. */
  text: z.string(),
});
export type Citation = z.infer<typeof citationSchema>;

export const answerModes = ['extractive', 'llm'] as const;
export type AnswerMode = (typeof answerModes)[number];

/**
 * The part of a rule decision the question was about, and only that part, with the trace entries of
 * the rules that decided it. The other parts of the decision rest on facts nobody gave (see
 * `assumedFacts`), so they are not returned here.
 */
export const rulingSchema = z.object({
  topic: z.enum(decisionTopics),
  pickup: decisionSchema.shape.pickup,
  inspection: decisionSchema.shape.inspection.optional(),
  notification: decisionSchema.shape.notification.optional(),
  termination: decisionSchema.shape.termination.optional(),
  remarketing: decisionSchema.shape.remarketing.optional(),
  quote: decisionSchema.shape.quote.optional(),
  trace: z.array(traceEntrySchema),
});
export type Ruling = z.infer<typeof rulingSchema>;

/** Decision-request fields the service filled in itself to ask the rules (neither the caller nor the question gave them). */
export const assumedFactsSchema = decisionRequestSchema
  .pick({ state: true, maturityDate: true, returnDate: true, intent: true, hasAvrmAccess: true })
  .partial();
export type AssumedFacts = z.infer<typeof assumedFactsSchema>;

/** Decision-request fields the question itself stated (they win over the caller's and over defaults). */
export const statedAnswerFactsSchema = knownFactsSchema;
export type StatedAnswerFacts = z.infer<typeof statedAnswerFactsSchema>;

/** Decision-request fields taken from what the caller already knew (request `facts`: the open case, the conversation) and used. */
export const contextFactsSchema = knownFactsSchema;
export type ContextFacts = z.infer<typeof contextFactsSchema>;

/** The answers contract (issue 6): the API, the bot, the agent console and the CLI all return this. */
export const answerSchema = z.object({
  answer: z.string(),
  citations: z.array(citationSchema),
  mode: z.enum(answerModes),
  outOfScope: z.boolean(),
  /** The whole decision, only when every fact it rests on was given (by the caller or the question). */
  decision: decisionSchema.optional(),
  /** When the rules answered: the part asked and the rules behind it. */
  ruling: rulingSchema.optional(),
  /** When the rules answered: every fact filled in by default to ask them (empty when none). */
  assumedFacts: assumedFactsSchema.optional(),
  /** The facts the question stated, as decision-request fields (`{}` when none). */
  statedFacts: statedAnswerFactsSchema.optional(),
  /** The caller's facts the answer used, minus those the question overrode (`{}` when none). */
  contextFacts: contextFactsSchema.optional(),
  /**
   * LLM mode: a fact that changes the decision which the model read otherwise than the dealer's words
   * did. The answer goes by the words (`heard`) and its text ends by asking the dealer to confirm.
   */
  confirm: z
    .object({
      field: z.string(),
      heard: z.union([z.string(), z.boolean()]),
      model: z.union([z.string(), z.boolean()]),
    })
    .optional(),
});
export type Answer = z.infer<typeof answerSchema>;
