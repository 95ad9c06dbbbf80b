import type { TurnContext } from 'botbuilder';
import type { ChatIdentity, DealerScope } from '../src/identity/dealer-user.ts';

/**
 * Who the user of this turn is, resolved once per turn by the bot (bots/lease-return-bot.ts) from what
 * the channel vouches for: a Teams Azure AD object id, a verified web chat user, a conversation linked
 * by a code. Dialogs read it here and never look at channel fields themselves.
 */
export interface TurnIdentity {
  /** The dealer whose cases this user may see; undefined for an unrecognized user (process answers only). */
  scope: DealerScope | undefined;
  /** What a one-time code would link (undefined on channels that cannot link, like SMS). */
  linkTarget: ChatIdentity | undefined;
  /** `channelId/conversationId`: where a pending code waits. */
  conversationKey: string;
  channel: string;
}

const identities = new WeakMap<TurnContext, TurnIdentity>();

export function setTurnIdentity(context: TurnContext, identity: TurnIdentity): void {
  identities.set(context, identity);
}

export function turnIdentityOf(context: TurnContext): TurnIdentity | undefined {
  return identities.get(context);
}

/** The dealer scope of this turn's user, if recognized. */
export function dealerScopeOf(context: TurnContext): DealerScope | undefined {
  return identities.get(context)?.scope;
}

/** After a code links the user mid-turn, the rest of the turn sees the new scope. */
export function rescopeTurn(context: TurnContext, scope: DealerScope): void {
  const current = identities.get(context);
  if (current) identities.set(context, { ...current, scope });
}
