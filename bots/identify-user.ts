import type { Activity } from 'botbuilder';
import type { DealerUserService } from '../src/identity/dealer-user-service.ts';
import { chatIdentitiesOf, linkTargetOf } from '../src/identity/chat-identities.ts';
import type { WebChatUserTokens } from '../src/identity/web-chat-user-token.ts';
import type { TurnIdentity } from '../dialogs/dealer-scope.ts';

export type IdentifyUser = (activity: Partial<Activity>) => Promise<TurnIdentity>;

/**
 * Who the user of a turn is, from what the channel vouches for (src/identity/chat-identities.ts), and
 * which dealer's cases they may see. Run once per turn by the bot; dialogs read the result.
 */
export function identifyUser(deps: { users: DealerUserService; webChatUserTokens: WebChatUserTokens | undefined }): IdentifyUser {
  return async (activity) => {
    const channel = activity.channelId ?? '';
    const identities = chatIdentitiesOf(activity, deps.webChatUserTokens);
    return {
      scope: identities.length === 0 ? undefined : await deps.users.scopeOf(identities, channel),
      linkTarget: linkTargetOf(identities),
      conversationKey: `${channel}/${activity.conversation?.id ?? ''}`,
      channel,
    };
  };
}
