import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { calendarDateSchema } from '../../domain/calendar-date.ts';
import { intentSchema, pickupPartySchema } from '../../domain/decision-request.ts';
import { usStateCodeSchema } from '../../domain/us-state-schema.ts';
import { interpretationContextSchema, navigationSchema, smallTalkSchema, taskSchema, topicSchema, wantSchema } from '../interpretation.ts';

/**
 * One message of the understanding eval (issue 13) and what a right reading of it is. The items are
 * written from the process text and from how dealers type, never from the interpreter's code, so the
 * numbers they give measure the product, not the tuning.
 */

/** What kind of message an item is; the split keeps every category in both parts. */
export const evalCategories = [
  'question',
  'walkthroughAnswer',
  'correction',
  'multiFact',
  'navigation',
  'handoff',
  'smallTalk',
  'smsShorthand',
  'typo',
  'negation',
  'outOfScope',
  'nearMiss',
] as const;
export const evalCategorySchema = z.enum(evalCategories);
export type EvalCategory = z.infer<typeof evalCategorySchema>;

/**
 * The facts a message states, as plain values (the interpretation's facts carry the words too; the
 * eval compares values only). Only what the message really says: an item that lists no field expects
 * none, and a field found that is not listed counts as a false fact.
 */
export const expectedFactsSchema = z.strictObject({
  state: usStateCodeSchema.optional(),
  maturityDate: calendarDateSchema.optional(),
  returnDate: calendarDateSchema.optional(),
  intent: intentSchema.optional(),
  dealerWantsToPurchase: z.boolean().optional(),
  lesseeWantsToPurchase: z.boolean().optional(),
  hasAvrmAccess: z.boolean().optional(),
  vin: z.string().length(17).optional(),
  vinSuffix: z.string().min(6).max(16).optional(),
  pickupBy: pickupPartySchema.optional(),
  proofOfSale: z.boolean().optional(),
  billOfLading: z.boolean().optional(),
  sold: z.boolean().optional(),
  unknown: z.enum(['maturityDate', 'returnDate', 'state', 'vin']).optional(),
});
export type ExpectedFacts = z.infer<typeof expectedFactsSchema>;

/** Key facts the grounded answer to the message must (and must not) state. */
export const expectedAnswerSchema = z.strictObject({
  /** Numbers as the process writes them ("877-290-9544, option 2", "72 hours") or key words ("Bill of Lading"). */
  mustContain: z.array(z.string().min(1)).min(1),
  /** Wrong numbers or wrong claims for this message (a number here in the answer is a wrong number). */
  mustNotContain: z.array(z.string().min(1)).optional(),
  /** Numbers the answer may give besides mustContain without being wrong (the message leaves it open). */
  mayContain: z.array(z.string().min(1)).optional(),
});
export type ExpectedAnswer = z.infer<typeof expectedAnswerSchema>;

export const evalExpectationSchema = z.strictObject({
  want: wantSchema,
  task: taskSchema.optional(),
  navigation: navigationSchema.optional(),
  smallTalk: smallTalkSchema.optional(),
  /** At least the main topic (for questions); every one listed must be found. */
  topics: z.array(topicSchema).min(1).optional(),
  facts: expectedFactsSchema.default({}),
  /** A state name that was nearly right: the interpretation offers it instead of stating it. */
  didYouMean: usStateCodeSchema.optional(),
  answer: expectedAnswerSchema.optional(),
  outOfScope: z.boolean(),
});
export type EvalExpectation = z.infer<typeof evalExpectationSchema>;

export const evalItemSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    category: evalCategorySchema,
    text: z.string().min(1),
    context: interpretationContextSchema.extend({ channel: z.enum(['chat', 'sms', 'console', 'api']) }),
    expect: evalExpectationSchema,
  })
  .refine((item) => item.expect.outOfScope === (item.expect.want === 'outOfScope'), {
    message: 'expect.outOfScope must be true exactly when expect.want is outOfScope',
    path: ['expect', 'outOfScope'],
  });
export type EvalItem = z.infer<typeof evalItemSchema>;

export const evalPartFileSchema = z.strictObject({ $comment: z.string().optional(), items: z.array(evalItemSchema).min(1) });

export const evalParts = ['tuning', 'held-out'] as const;
export type EvalPart = (typeof evalParts)[number];

const here = path.dirname(fileURLToPath(import.meta.url));
export const evalPartPath = (part: EvalPart): string => path.join(here, `${part}.json`);

/** Reads and validates one part of the set (throws a ZodError naming the item on a bad file). */
export function loadEvalPart(part: EvalPart, file = evalPartPath(part)): EvalItem[] {
  return evalPartFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')) as unknown).items;
}
