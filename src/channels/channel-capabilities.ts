import { maxSmsCharacters } from '../domain/sms-text.ts';

/**
 * How a channel shows a reply, decided from its channelId alone (like botbuilder's
 * `supportsSuggestedActions(channelId)`): small pure functions, no botbuilder import.
 */
export type ReplyFormat = 'adaptiveCard' | 'sms' | 'plainText';

/** Teams and Web Chat (Azure's `webchat`, our local Direct Line's `directline`) render Adaptive Cards. */
const cardChannels = new Set(['msteams', 'webchat', 'directline']);

export function replyFormatFor(channelId: string | undefined): ReplyFormat {
  const channel = (channelId ?? '').toLowerCase();
  if (cardChannels.has(channel)) return 'adaptiveCard';
  if (channel === 'sms') return 'sms';
  return 'plainText';
}

/** Adaptive Card version we write: Teams accepts up to 1.5 (mobile clients lag); 1.4 has all we use. */
export const adaptiveCardVersion = '1.4';

/** Teams shows at most 6 top-level card actions; our choice lists stay within that. */
export const maxCardActions = 6;

/** One SMS a carrier delivers as at most two concatenated segments of GSM-7 text. */
export const maxSmsLength = maxSmsCharacters;
