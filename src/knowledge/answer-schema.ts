import { z } from 'zod';
import { decisionRequestSchema } from '../domain/decision-request.ts';
import { decisionSchema } from '../domain/decision.ts';

export const maxQuestionLength = 1000;

/**
 * What a caller may already know about the return (the bot mid-dialog, the agent console): any of the
 * decision-request fields. Facts found in the question itself take precedence over these.
 */
export const knownFactsSchema = decisionRequestSchema.partial();
export type KnownFacts = z.infer<typeof knownFactsSchema>;
export type KnownFactsInput = z.input<typeof knownFactsSchema>;

export const answerRequestSchema = z.strictObject({
  question: z
    .string({ error: () => 'must be a string' })
    .refine((value) => value.trim().length > 0, 'must not be empty')
    .refine((value) => value.length <= maxQuestionLength, `must be at most ${maxQuestionLength} characters`),
  facts: knownFactsSchema.optional(),
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

/** The answers contract (issue 6): the API, the bot, the agent console and the CLI all return this. */
export const answerSchema = z.object({
  answer: z.string(),
  citations: z.array(citationSchema),
  mode: z.enum(answerModes),
  outOfScope: z.boolean(),
  decision: decisionSchema.optional(),
});
export type Answer = z.infer<typeof answerSchema>;
