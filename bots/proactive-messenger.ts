import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Reply } from '../src/channels/reply.ts';
import { NotFoundError } from '../src/errors.ts';
import type { ConversationReferenceRepository } from '../src/storage/conversation-reference-repository.ts';
import { activitiesFor } from './reply-activity.ts';

/**
 * Sends neutral replies to a chat conversation the bot is not in a turn of: an agent's handoff reply
 * (issue 15) or a proactive notice (issue 16). It finds the conversation reference stored when the
 * dealer last wrote (bots/conversation-references.ts), renders the replies for that conversation's
 * channel like any turn's replies (an Adaptive Card for Teams and web chat), and sends them through
 * the adapter's continueConversation: Teams and Azure web chat through the Bot Connector, the local
 * /chat through our own Direct Line connector.
 */
export class ProactiveMessenger {
  constructor(
    private readonly deps: {
      adapter: CloudAdapter;
      /** MicrosoftAppId; empty without Bot Framework authentication (local use). */
      appId: string | undefined;
      references: ConversationReferenceRepository;
    },
  ) {}

  /** True when the conversation can be reached (the dealer wrote from it at least once). */
  async reachable(conversationKey: string): Promise<boolean> {
    return (await this.deps.references.find(conversationKey)) !== undefined;
  }

  /** Sends `replies` into the conversation; NotFoundError when it never wrote to us, the channel's error when it refuses. */
  async send(conversationKey: string, replies: readonly Reply[]): Promise<void> {
    const stored = await this.deps.references.find(conversationKey);
    if (!stored) throw new NotFoundError(`No conversation reference for "${conversationKey}": the dealer has not written from it.`, 'conversationKey');
    // Stored by TurnContext.getConversationReference from an activity the HTTP edge validated.
    const reference = stored.reference as Partial<ConversationReference>;
    const activities = activitiesFor(stored.channelId, replies);
    if (activities.length === 0) return;
    // The adapter hands an error thrown in the logic to onTurnError (which only logs it): keep it, so the
    // caller learns the message did not arrive.
    let failure: unknown;
    await this.deps.adapter.continueConversationAsync(this.deps.appId ?? '', reference, async (context) => {
      try {
        await context.sendActivities(activities);
      } catch (error) {
        failure = error;
      }
    });
    if (failure !== undefined) throw failure;
  }
}
