import { z } from 'zod';
import { intentSchema } from './decision-request.ts';
import { caseStageSchema, isBeforeStage, type CaseStage } from './return-case.ts';

export const quoteKinds = ['purchaseForLessee', 'dealerPurchaseForInventory', 'lesseeReturn'] as const;
export type QuoteKind = (typeof quoteKinds)[number];

export const traceEntrySchema = z.object({
  rule: z.string(),
  /** The rule's title; absent only in decisions stored before rules had titles. */
  title: z.string().optional(),
  source: z.string(),
  facts: z.record(z.string(), z.unknown()),
});
export type TraceEntry = z.infer<typeof traceEntrySchema>;

export const decisionContactSchema = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string(),
  option: z.number().int().optional(),
});
export type DecisionContact = z.infer<typeof decisionContactSchema>;

/** What the rules decided for one return, with the trace that explains it. */
export const decisionSchema = z.object({
  termination: z.enum(['ET', 'NM']),
  quote: z.object({ type: intentSchema, isReturnQuote: z.boolean(), requiresProofOfResale: z.boolean() }),
  remarketing: z.object({ holdHours: z.number(), startsImmediately: z.boolean() }),
  notification: z.object({ method: z.enum(['AVRM', 'fax']), faxNumber: z.string().nullable() }),
  eligibleQuotes: z.array(z.enum(quoteKinds)),
  inspection: z.object({ available: z.boolean() }),
  /** `settlementLetter`: Ally mails the lessee a settlement letter (absent in decisions stored before it was decided). */
  letters: z.object({ etPreSaleLetter: z.boolean(), settlementLetter: z.boolean().optional(), settlementAfterAuctionSale: z.boolean() }),
  pickup: z.object({ releaseAllowed: z.boolean(), missingDocument: z.enum(['proofOfSale', 'billOfLading']).nullable() }).optional(),
  contacts: z.array(decisionContactSchema),
  steps: z.array(z.string()),
  /**
   * For each step (same order as `steps`), the case stage from which it no longer applies, or null when it
   * always applies; absent in older decisions. Kept this small because every case stores its decision.
   */
  stepsUntil: z.array(caseStageSchema.nullable()).optional(),
  trace: z.array(traceEntrySchema),
  rulesVersion: z.string(),
});
export type Decision = z.infer<typeof decisionSchema>;

/** The decision's steps that still apply to a case at `stage`, in the decision's order. */
export function stepsForStage(decision: Pick<Decision, 'steps' | 'stepsUntil'>, stage: CaseStage): string[] {
  return decision.steps.filter((_step, index) => {
    const until = decision.stepsUntil?.[index] ?? null;
    return until === null || isBeforeStage(stage, until);
  });
}
