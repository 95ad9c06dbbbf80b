import type { ChatIdentity } from './dealer-user.ts';
import { aadObjectIdSchema } from './dealer-user.ts';
import type { WebChatUserTokens } from './web-chat-user-token.ts';

/** The parts of an activity identity reads (botbuilder's Activity has them all). */
export interface IdentityActivity {
  channelId?: string | undefined;
  conversation?: { id?: string | undefined } | undefined;
  from?: { id?: string | undefined; aadObjectId?: string | undefined } | undefined;
  channelData?: unknown;
}

/** Channels whose activities come through a Direct Line (ours or Azure's): a signed stamp may say who the user is. */
const directLineChannels = new Set(['webchat', 'directline']);

/**
 * The identities a channel vouches for on this activity, most lasting first: the Teams user (Azure AD
 * object id), the verified web chat user (a stamp only our Direct Line can make), then the conversation
 * itself. SMS has none here: the texting phone scopes it (src/cases/status-service.ts).
 */
export function chatIdentitiesOf(activity: IdentityActivity, tokens: WebChatUserTokens | undefined): ChatIdentity[] {
  const channel = activity.channelId ?? '';
  const conversationId = activity.conversation?.id ?? '';
  if (channel === '' || channel === 'sms' || conversationId === '') return [];
  const identities: ChatIdentity[] = [];
  if (channel === 'msteams') {
    const aad = aadObjectIdSchema.safeParse(activity.from?.aadObjectId);
    if (aad.success) identities.push({ kind: 'teams', externalId: aad.data });
  }
  if (directLineChannels.has(channel) && tokens) {
    const user = tokens.stampedUser(conversationId, activity.channelData);
    if (user !== undefined) identities.push({ kind: 'webChat', externalId: user });
  }
  identities.push({ kind: 'conversation', externalId: `${channel}/${conversationId}` });
  return identities;
}

/** What a one-time code links: the most lasting identity the channel vouches for. */
export function linkTargetOf(identities: readonly ChatIdentity[]): ChatIdentity | undefined {
  return identities[0];
}
