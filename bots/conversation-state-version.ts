import { z } from 'zod';

/**
 * The version of what the bot saves in conversation state (dialog ids, waterfall steps, prompt
 * options). Raise it whenever a change would make older saved dialogs resume at the wrong step: a
 * conversation saved by another version restarts at the menu with a short explanation.
 */
export const CONVERSATION_STATE_VERSION = 1;

export const conversationMetaSchema = z.object({
  version: z.number().int(),
  welcomed: z.boolean(),
  /** Turns this conversation has had (shows in logs; a lost update would show as a missing turn). */
  turns: z.number().int().min(0),
});
export type ConversationMeta = z.infer<typeof conversationMetaSchema>;
