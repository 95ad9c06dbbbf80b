import { z } from 'zod';
import { decisionRequestSchema, pickupPartySchema } from '../domain/decision-request.ts';
import { phoneNumberSchema } from '../domain/phone-number.ts';
import { safeText } from '../domain/safe-text.ts';
import { caseEventTypeSchema, caseStageSchema, pickupDocumentSchema } from '../domain/return-case.ts';
import { usStateCodeSchema } from '../domain/us-state-schema.ts';
import { vinSchema } from '../domain/vin-schema.ts';

/** The request bodies of the dealer and case API; the same schemas serve the seed command. */

export const dealerIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1 to 64 letters, digits, dots, dashes or underscores');

export const dealerInputSchema = z.strictObject({
  id: dealerIdSchema,
  name: z.string().trim().min(1, 'must not be empty').max(200).check(safeText()),
  state: usStateCodeSchema,
  phones: z.array(phoneNumberSchema).min(1, 'give at least one phone number').max(20),
});
export type DealerInput = z.infer<typeof dealerInputSchema>;

/** An event's time: ISO 8601 with an offset, or without one meaning the dealership's local time. */
export const eventTimeSchema = z.string().trim().min(1);

export const caseEventInputSchema = z.strictObject({
  type: caseEventTypeSchema,
  at: eventTimeSchema.optional(),
  /** Multi-line: an integration may copy a note with its line breaks from a dealer system. */
  note: z
    .string()
    .trim()
    .max(1000)
    .check(safeText({ multiline: true }))
    .optional(),
  by: pickupPartySchema.optional(),
  document: pickupDocumentSchema.optional(),
});
export type CaseEventInput = z.infer<typeof caseEventInputSchema>;

/** A case is opened on the facts a decision reads, with the same schemas (and so the same messages). */
const decisionFacts = decisionRequestSchema.pick({ maturityDate: true, returnDate: true, intent: true, hasAvrmAccess: true }).shape;

export const openCaseInputSchema = z.strictObject({
  vin: vinSchema,
  dealerId: dealerIdSchema,
  ...decisionFacts,
  state: usStateCodeSchema.optional(),
  /** Events that already happened (for example the notification), recorded with the case in one write. */
  events: z.array(caseEventInputSchema).max(20).optional(),
});
export type OpenCaseInput = z.infer<typeof openCaseInputSchema>;

export const caseListQuerySchema = z.strictObject({
  dealerId: dealerIdSchema.optional(),
  stage: caseStageSchema.optional(),
  overdue: z.enum(['true', 'false'], { error: () => 'must be true or false' }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, 'is not a cursor this API returned')
    .optional(),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;
