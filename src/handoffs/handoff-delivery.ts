import type { Reply } from '../channels/reply.ts';
import type { Handoff } from './handoff.ts';

/**
 * How a message reaches the dealer of a handoff on their own channel: Teams and web chat through the
 * bot adapter's proactive continueConversation (bots/proactive-messenger.ts), SMS as an outbound text.
 * Throws when it could not be delivered (the message is then marked `failed`).
 */
export interface HandoffDelivery {
  deliver(handoff: Handoff, replies: readonly Reply[]): Promise<void>;
}
