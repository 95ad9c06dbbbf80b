import { z } from 'zod';

/**
 * What we accept at the edges. From the browser: only the fields a Direct Line client may set, with
 * limits (identity, ids, timestamps and serviceUrl are ours to set). From the bot, any activity with a
 * type; its content (cards, suggested actions) is passed on to Web Chat as the bot made it.
 */

const channelAccountSchema = z.object({
  id: z.string().max(256).optional(),
  name: z.string().max(256).optional(),
  role: z.string().max(32).optional(),
});

export const clientActivitySchema = z.object({
  type: z.string().trim().min(1).max(64),
  text: z.string().max(10_000).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: z.string().max(64).optional(),
  localTimestamp: z.string().max(64).optional(),
  localTimezone: z.string().max(128).optional(),
  /** The name of an `event` activity. */
  name: z.string().max(256).optional(),
  /** Adaptive Card Action.Submit data and postBack values. */
  value: z.unknown().optional(),
  /** Web Chat keeps `clientActivityID` here and matches the echo by it. */
  channelData: z.record(z.string(), z.unknown()).optional(),
  entities: z.array(z.record(z.string(), z.unknown())).max(20).optional(),
  from: channelAccountSchema.optional(),
});

export type ClientActivity = z.infer<typeof clientActivitySchema>;

export const botActivitySchema = z
  .object({
    type: z.string().trim().min(1).max(64),
    replyToId: z.string().max(256).optional(),
    from: channelAccountSchema.optional(),
  })
  .loose();

export type BotActivity = z.infer<typeof botActivitySchema>;

/**
 * POST /v3/directline/conversations: DirectLineJS sends `{ user: { id }, locale }`, both optional. The
 * embedding site may add `userToken`, a signed web chat user token (src/identity/web-chat-user-token.ts).
 */
export const startConversationSchema = z.object({
  locale: z.string().max(64).optional(),
  user: z.object({ id: z.string().max(256).optional(), name: z.string().max(256).optional() }).optional(),
  userToken: z.string().min(1).max(4096).optional(),
});

export const watermarkSchema = z
  .string()
  .regex(/^\d{0,15}$/, 'must be a watermark returned by this server')
  .optional()
  .transform((value) => (value ? Number(value) : 0));
