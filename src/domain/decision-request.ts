import { z } from 'zod';
import { calendarDateSchema } from './calendar-date.ts';
import { usStateCodeSchema } from './us-state-schema.ts';
import { vinSchema } from './vin-schema.ts';

export const intents = ['lesseeReturn', 'dealerPurchaseForInventory', 'dealerPurchaseForLessee'] as const;
export const intentSchema = z.enum(intents, {
  error: () => `must be one of ${intents.join(', ')}`,
});
export type Intent = z.infer<typeof intentSchema>;

export const pickupParties = ['buyingDealer', 'transporter'] as const;
export const pickupPartySchema = z.enum(pickupParties, {
  error: () => `must be one of ${pickupParties.join(', ')}`,
});
export type PickupParty = z.infer<typeof pickupPartySchema>;

export const pickupSchema = z.strictObject({
  by: pickupPartySchema,
  proofOfSale: z.boolean().optional(),
  billOfLading: z.boolean().optional(),
});
export type Pickup = z.infer<typeof pickupSchema>;

/** The facts a dealer gives about one return; the same schema backs the API, the CLI and the bot's prompts. */
export const decisionRequestSchema = z.strictObject({
  state: usStateCodeSchema,
  maturityDate: calendarDateSchema,
  returnDate: calendarDateSchema,
  intent: intentSchema,
  hasAvrmAccess: z.boolean(),
  vin: vinSchema.optional(),
  pickup: pickupSchema.optional(),
  lesseeWantsToPurchase: z.boolean().optional(),
  dealerWantsToPurchase: z.boolean().optional(),
});
export type DecisionRequest = z.infer<typeof decisionRequestSchema>;
export type DecisionRequestInput = z.input<typeof decisionRequestSchema>;
