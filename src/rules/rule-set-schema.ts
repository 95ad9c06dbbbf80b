import { z } from 'zod';
import { quoteKinds } from '../domain/decision.ts';
import { caseStages } from '../domain/return-case.ts';

/**
 * The shape of everything under rules/: rule files, the contact directory, the process sections and
 * the rule parameters. Validated at start-up so that a mistake stops the server instead of surfacing
 * in the middle of a dealer's conversation.
 */

export const operators = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
] as const;

const factReferenceSchema = z.strictObject({ fact: z.string().min(1) });

export const factConditionSchema = z.strictObject({
  fact: z.string().min(1),
  operator: z.enum(operators, { error: () => `operator must be one of ${operators.join(', ')}` }),
  value: z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number()])), factReferenceSchema]),
});
export type FactCondition = z.infer<typeof factConditionSchema>;

export type Condition = FactCondition | { all: Condition[] } | { any: Condition[] } | { not: Condition };

/**
 * Conditions are checked by hand rather than with a zod union: a union reports every branch that did not
 * match, while a process owner needs the one thing that is wrong ("conditions.all.0.operator: ...").
 */
function conditionProblem(value: unknown, path: (string | number)[], topLevel: boolean): { path: (string | number)[]; message: string } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { path, message: 'a condition is an object with "all", "any", "not" or "fact"' };
  }
  const keys = Object.keys(value);
  const record = value as Record<string, unknown>;
  for (const group of ['all', 'any'] as const) {
    if (group in record) {
      if (keys.length !== 1) return { path, message: `"${group}" stands alone in its object` };
      const members = record[group];
      if (!Array.isArray(members)) return { path: [...path, group], message: `"${group}" is a list of conditions` };
      for (const [index, member] of members.entries()) {
        const problem = conditionProblem(member, [...path, group, index], false);
        if (problem) return problem;
      }
      return undefined;
    }
  }
  if ('not' in record) {
    if (keys.length !== 1) return { path, message: '"not" stands alone in its object' };
    return conditionProblem(record.not, [...path, 'not'], false);
  }
  if (topLevel) return { path, message: 'the top-level condition is "all", "any" or "not"' };
  const parsed = factConditionSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      path: [...path, ...(issue?.path ?? []).map((part) => (typeof part === 'symbol' ? String(part) : part))],
      message: issue?.message ?? 'invalid condition',
    };
  }
  return undefined;
}

export type TopLevelCondition = { all: Condition[] } | { any: Condition[] } | { not: Condition };

export const topLevelConditionSchema = z.unknown().transform((value, context): TopLevelCondition => {
  const problem = conditionProblem(value, [], true);
  if (problem) {
    context.addIssue({ code: 'custom', message: problem.message, path: problem.path });
    return z.NEVER;
  }
  return value as TopLevelCondition;
});

/**
 * A step the dealer takes. `until` is the case stage from which it no longer applies (absent: every
 * stage), so a case shows only what is still ahead: no "before the lessee leaves" once it is inspected.
 */
export const stepSchema = z.strictObject({
  order: z.number().int().min(0),
  text: z.string().min(1),
  until: z.enum(caseStages, { error: () => `until is one of ${caseStages.join(', ')}` }).optional(),
});
export type RuleStep = z.infer<typeof stepSchema>;

/** What every event may add besides its decision: contacts to show (by directory id) and steps to take. */
const adviceFields = {
  contacts: z.array(z.string().min(1)).optional(),
  steps: z.array(stepSchema).optional(),
};

export const ruleEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('termination'), params: z.strictObject({ termination: z.enum(['ET', 'NM']), ...adviceFields }) }),
  z.strictObject({
    type: z.literal('quote'),
    params: z.strictObject({ isReturnQuote: z.boolean(), requiresProofOfResale: z.boolean(), ...adviceFields }),
  }),
  z.strictObject({
    type: z.literal('remarketing'),
    params: z.strictObject({ holdHours: z.number().int().min(0), startsImmediately: z.boolean(), ...adviceFields }),
  }),
  z.strictObject({
    type: z.literal('notification'),
    params: z.strictObject({ notificationMethod: z.enum(['AVRM', 'fax']), faxContact: z.string().nullable(), ...adviceFields }),
  }),
  z.strictObject({ type: z.literal('eligibleQuote'), params: z.strictObject({ eligibleQuote: z.enum(quoteKinds), ...adviceFields }) }),
  z.strictObject({ type: z.literal('inspection'), params: z.strictObject({ inspectionAvailable: z.boolean(), ...adviceFields }) }),
  z.strictObject({
    type: z.literal('letters'),
    params: z.strictObject({ etPreSaleLetter: z.boolean(), settlementLetter: z.boolean(), settlementAfterAuctionSale: z.boolean(), ...adviceFields }),
  }),
  z.strictObject({
    type: z.literal('pickup'),
    params: z.strictObject({
      releaseAllowed: z.boolean(),
      missingDocument: z.enum(['proofOfSale', 'billOfLading']).nullable(),
      ...adviceFields,
    }),
  }),
  z.strictObject({ type: z.literal('advice'), params: z.strictObject({ ...adviceFields }) }),
  z.strictObject({
    type: z.literal('contradiction'),
    params: z.strictObject({ field: z.string().min(1), message: z.string().min(1), ...adviceFields }),
  }),
]);
export type RuleEvent = z.infer<typeof ruleEventSchema>;
export type RuleEventType = RuleEvent['type'];

/** Decision parts that exactly one rule must decide in every evaluation (pickup: exactly one when a pickup is given). */
export const singleValuedEventTypes = [
  'termination',
  'quote',
  'remarketing',
  'notification',
  'inspection',
  'letters',
  'pickup',
] as const satisfies readonly RuleEventType[];

export const ruleSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'rule names are kebab-case (letters, digits, dashes)'),
  /** What the rule says, in a line a phone agent can read out: shown in every "why". */
  title: z.string().min(1).max(120),
  source: z.string().min(1),
  priority: z.number().int().min(1).max(1000),
  conditions: topLevelConditionSchema,
  event: ruleEventSchema,
});
export type RuleDefinition = z.infer<typeof ruleSchema>;

export const ruleFileSchema = z.strictObject({
  $comment: z.string().optional(),
  description: z.string().min(1),
  rules: z.array(z.unknown()).min(1),
});

const contactBase = {
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
  name: z.string().min(1),
  purpose: z.string().min(1),
  source: z.string().min(1),
};
const northAmericanNumber = z.string().regex(/^\d{3}-\d{3}-\d{4}$/, 'numbers are written 877-290-9544');

export const contactSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('phone'), phone: northAmericanNumber, option: z.number().int().min(1).optional(), ...contactBase }),
  z.strictObject({ kind: z.literal('fax'), fax: northAmericanNumber, ...contactBase }),
  z.strictObject({ kind: z.literal('web'), url: z.string().min(1), credentialWaitHours: z.number().int().min(0), ...contactBase }),
  z.strictObject({ kind: z.literal('person'), ...contactBase }),
]);
export type Contact = z.infer<typeof contactSchema>;

export const contactDirectoryFileSchema = z.strictObject({
  $comment: z.string().optional(),
  contacts: z.array(contactSchema).min(1),
});

export const processSectionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'section ids are kebab-case'),
  title: z.string().min(1),
  text: z.string().min(1),
});
export type ProcessSection = z.infer<typeof processSectionSchema>;

export const processSectionsFileSchema = z.strictObject({
  $comment: z.string().optional(),
  sections: z.array(processSectionSchema).min(1),
});

export const ruleParametersSchema = z.strictObject({
  normalMaturityWindowDays: z.number().int().min(0).max(365),
});
export type RuleParameters = z.infer<typeof ruleParametersSchema>;

export const parametersFileSchema = z.strictObject({
  $comment: z.string().optional(),
  parameters: ruleParametersSchema,
});
