import { z } from 'zod';
import { safeText } from '../domain/safe-text.ts';
import { handoffStatusSchema } from './handoff.ts';

/** GET /api/v1/handoffs?status=waiting,active (the default: the open ones). */
export const handoffListQuerySchema = z.strictObject({
  status: z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? 'waiting,active' : value))
    .pipe(
      z
        .string()
        .transform((value) => value.split(',').map((part) => part.trim()))
        .pipe(z.array(handoffStatusSchema).min(1).max(3)),
    ),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** GET /api/v1/handoffs/:id/messages?after=<message id>: only what is newer (the console polls with it). */
export const handoffMessagesQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0).default(0),
});

/** POST /api/v1/handoffs/:id/messages: what the agent typed. */
export const agentReplyInputSchema = z.strictObject({
  text: z
    .string()
    .trim()
    .min(1, 'is empty: type a reply')
    .max(2000, 'is longer than 2,000 characters')
    .check(safeText({ multiline: true })),
});

export const handoffIdSchema = z.string().uuid();
