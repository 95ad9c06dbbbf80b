import { renderAdaptiveCard, type AdaptiveCard } from './adaptive-card.ts';
import { replyFormatFor } from './channel-capabilities.ts';
import { renderPlainText } from './plain-text.ts';
import { paragraphText, type Reply } from './reply.ts';
import { renderSms } from './sms-text.ts';
import { plainEscaping } from './text-escaping.ts';

/** One message to send: a card with a short text for notifications and transcripts, or text only. */
export type RenderedMessage = { kind: 'card'; card: AdaptiveCard; summary: string } | { kind: 'text'; text: string };

/**
 * The replies of one turn, shown the way the channel shows them best: one Adaptive Card for Teams and
 * Web Chat, GSM-7 texts of at most 320 characters for SMS, one plain text elsewhere.
 */
export function renderForChannel(channelId: string | undefined, replies: readonly Reply[]): RenderedMessage[] {
  if (replies.length === 0) return [];
  switch (replyFormatFor(channelId)) {
    case 'adaptiveCard': {
      // The summary is plain text (notifications, transcripts), so the headline is not Markdown-escaped.
      const headline = replies[0]?.text[0];
      return [{ kind: 'card', card: renderAdaptiveCard(replies), summary: headline === undefined ? '' : paragraphText(headline, plainEscaping) }];
    }
    case 'sms':
      return renderSms(replies).map((text) => ({ kind: 'text', text }));
    case 'plainText':
      return [{ kind: 'text', text: renderPlainText(replies) }];
  }
}
