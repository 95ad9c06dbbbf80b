import { z } from 'zod';

/**
 * Who did something: every event, call note and handoff message records one (issue 15's audit trail).
 * - `administrator`: a caller with API_TOKEN, or on this machine when API_TOKEN is unset (local use);
 * - `agent`: a phone-center agent with their own token (`cli agents add`);
 * - `dealerPhone`: a dealer's phone, by SMS;
 * - `dealerUser`: a dealer's recognized chat user (Teams AAD object id, a signed web chat user token, a code);
 * - `bot`: the assistant itself (a case opened from the walkthrough, say).
 */
export const actorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('administrator') }),
  z.object({ kind: z.literal('agent'), agentId: z.string().min(1), name: z.string().min(1) }),
  z.object({ kind: z.literal('dealerPhone'), dealerId: z.string().min(1), phone: z.string().min(1) }),
  z.object({ kind: z.literal('dealerUser'), dealerId: z.string().min(1), userId: z.string().min(1), channel: z.string().min(1) }),
  z.object({ kind: z.literal('bot') }),
]);
export type Actor = z.infer<typeof actorSchema>;

export const administrator: Actor = { kind: 'administrator' };
export const botActor: Actor = { kind: 'bot' };

/** How an actor reads in the console and the case API ("Agent Dana Smith", "Dealer phone +16145550100"). */
export function describeActor(actor: Actor): string {
  switch (actor.kind) {
    case 'administrator':
      return 'Administrator';
    case 'agent':
      return `Agent ${actor.name}`;
    case 'dealerPhone':
      return `Dealer phone ${actor.phone}`;
    case 'dealerUser':
      return `Dealer user (${actor.channel})`;
    case 'bot':
      return 'The assistant';
  }
}
