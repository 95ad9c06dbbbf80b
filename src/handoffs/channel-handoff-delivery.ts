import type { Reply } from '../channels/reply.ts';
import { renderSms } from '../channels/sms-text.ts';
import type { SmsSender } from '../sms/sms-sender.ts';
import type { HandoffDelivery } from './handoff-delivery.ts';
import type { Handoff } from './handoff.ts';

/** The channel id of conversations that came through our own Twilio webhook (POST /api/v1/sms). */
export const smsWebhookChannel = 'sms-webhook';

/** Sends replies into a stored chat conversation (bots/proactive-messenger.ts has this shape). */
export interface ConversationMessenger {
  send(conversationKey: string, replies: readonly Reply[]): Promise<void>;
}

/**
 * Delivers on the dealer's own channel: a dealer who texted our webhook gets outbound texts through the
 * SmsSender (each at most 320 GSM-7 characters, as every SMS reply); Teams, web chat and the local /chat
 * get a proactive message through the bot adapter.
 */
export class ChannelHandoffDelivery implements HandoffDelivery {
  constructor(
    private readonly deps: {
      /** The bot's messenger; a function because the bot runtime is built after the handoff service. */
      messenger: () => ConversationMessenger | undefined;
      sms: SmsSender;
    },
  ) {}

  async deliver(handoff: Handoff, replies: readonly Reply[]): Promise<void> {
    if (handoff.channelId === smsWebhookChannel) {
      for (const body of renderSms(replies)) await this.deps.sms.send({ to: handoff.conversationId, body });
      return;
    }
    const messenger = this.deps.messenger();
    if (!messenger) throw new Error('No bot messenger to reach chat conversations.');
    await messenger.send(handoff.conversationKey, replies);
  }
}
