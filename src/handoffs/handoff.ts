import { z } from 'zod';
import { actorSchema } from '../domain/actor.ts';

/**
 * A conversation handed from the bot to a person (issue 15). While it is `waiting` (in the console's
 * queue) or `active` (an agent took it) the bot answers nothing in that conversation; once `ended`,
 * the bot takes over again.
 */
export const handoffStatuses = ['waiting', 'active', 'ended'] as const;
export const handoffStatusSchema = z.enum(handoffStatuses);
export type HandoffStatus = z.infer<typeof handoffStatusSchema>;

/** Why the dealer was handed over: they asked, the bot missed three times, or they chose it when the bot had no answer. */
export const handoffReasons = ['asked', 'misses', 'noAnswer'] as const;
export const handoffReasonSchema = z.enum(handoffReasons);
export type HandoffReason = z.infer<typeof handoffReasonSchema>;

/** Who wrote a line: the dealer, the bot, or an agent. */
export const speakerSchema = z.enum(['dealer', 'bot', 'agent']);
export type Speaker = z.infer<typeof speakerSchema>;

/** One line of the recent conversation, as plain text (what the dealer typed or saw). */
export const transcriptEntrySchema = z.object({ from: speakerSchema, text: z.string(), at: z.string() });
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;

/** How many recent lines a conversation keeps for a handoff. */
export const maxTranscriptEntries = 40;

/** The facts the bot collected (the walkthrough's answers), by decision-request name. */
export const collectedFactsSchema = z.record(z.string(), z.union([z.string(), z.boolean(), z.number()]));
export type CollectedFacts = z.infer<typeof collectedFactsSchema>;

export const handoffSchema = z.object({
  id: z.string(),
  conversationKey: z.string(),
  channelId: z.string(),
  conversationId: z.string(),
  /** The dealer when known (a texting phone, a recognized chat user); null for an anonymous chat. */
  dealer: actorSchema.nullable(),
  reason: handoffReasonSchema,
  transcript: z.array(transcriptEntrySchema),
  facts: collectedFactsSchema,
  caseVin: z.string().nullable(),
  status: handoffStatusSchema,
  agent: actorSchema.nullable(),
  createdAt: z.string(),
  takenAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  endedBy: actorSchema.nullable(),
});
export type Handoff = z.infer<typeof handoffSchema>;

export const handoffMessageSchema = z.object({
  id: z.number().int(),
  handoffId: z.string(),
  role: speakerSchema,
  /** The Actor who wrote it: the agent, the dealer's phone or user when known, the bot. */
  author: actorSchema.nullable(),
  text: z.string(),
  /** `received` (from the dealer), `sent` (reached the dealer's channel), `failed` (it did not). */
  delivery: z.enum(['received', 'sent', 'failed']),
  at: z.string(),
});
export type HandoffMessage = z.infer<typeof handoffMessageSchema>;

/** The conversation key every surface agrees on: `<channelId>/<conversationId>` (SMS: `sms/<phone>`). */
export function conversationKeyOf(channelId: string, conversationId: string): string {
  return `${channelId}/${conversationId}`;
}
