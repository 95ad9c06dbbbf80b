import { reply } from '../channels/reply.ts';
import { isoNow, type Clock } from '../clock.ts';
import type { ConversationMessenger } from '../handoffs/channel-handoff-delivery.ts';
import type { DealerUserRepository } from '../identity/dealer-user-repository.ts';
import type { ConversationReferenceRepository, StoredConversationReference } from '../storage/conversation-reference-repository.ts';
import type { ChatNoticeReach } from './notice-scheduler.ts';

/** Bot Framework's own SMS channel is left out: texts go through our sender, which honours opt-outs. */
const notChat = new Set(['sms']);
/** Channels a web chat user (a signed user token) writes from. */
const webChatChannels = ['webchat', 'directline'];

/**
 * A dealer's chat conversations for notices: the conversation any of its chat users (a Teams user, a
 * signed web chat user, a code-linked conversation) wrote from last, reached through the conversation
 * reference stored then, and sent to with the bot's proactive messenger (bots/proactive-messenger.ts).
 */
export class DealerChatReach implements ChatNoticeReach {
  constructor(
    private readonly deps: {
      users: Pick<DealerUserRepository, 'listByDealer'>;
      references: ConversationReferenceRepository;
      /** The bot's messenger; a function because the bot runtime is built after the notice wiring is planned. */
      messenger: () => ConversationMessenger | undefined;
      clock: Clock;
    },
  ) {}

  async latestConversation(dealerId: string): Promise<{ conversationKey: string; channelId: string; at: string } | undefined> {
    if (!this.deps.messenger()) return undefined;
    const now = isoNow(this.deps.clock);
    let latest: StoredConversationReference | undefined;
    for (const user of await this.deps.users.listByDealer(dealerId)) {
      if (user.expiresAt !== null && user.expiresAt < now) continue;
      const candidates: (StoredConversationReference | undefined)[] = [];
      if (user.kind === 'teams') candidates.push(await this.deps.references.latestForUser({ aadObjectId: user.externalId }));
      else if (user.kind === 'webChat') {
        for (const channelId of webChatChannels) candidates.push(await this.deps.references.latestForUser({ channelId, userId: user.externalId }));
      } else candidates.push(await this.deps.references.find(user.externalId));
      for (const found of candidates) {
        if (found && !notChat.has(found.channelId) && (latest === undefined || found.updatedAt > latest.updatedAt)) latest = found;
      }
    }
    return latest && { conversationKey: latest.conversationKey, channelId: latest.channelId, at: latest.updatedAt };
  }

  async send(conversationKey: string, text: string): Promise<void> {
    const messenger = this.deps.messenger();
    if (!messenger) throw new Error('No bot messenger to reach chat conversations.');
    await messenger.send(conversationKey, [reply({ text })]);
  }
}
