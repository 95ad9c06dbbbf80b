import { z } from 'zod';

/**
 * A dealer's chat users (issue 15). Each is one identity a channel vouches for:
 * - `teams`: the Azure AD object id Teams puts on every activity (`from.aadObjectId`);
 * - `webChat`: the user id of a signed web chat user token (see web-chat-user-token.ts);
 * - `conversation`: one chat conversation linked by a texted code when the channel vouches for nobody
 *   (an anonymous web chat, the Emulator); it expires.
 * An identity belongs to one dealer: it scopes what the chat shows to that dealer's cases, as a phone does over SMS.
 */
export const dealerUserKinds = ['teams', 'webChat', 'conversation'] as const;
export type DealerUserKind = (typeof dealerUserKinds)[number];

export interface ChatIdentity {
  kind: DealerUserKind;
  externalId: string;
}

export interface DealerUser {
  id: string;
  dealerId: string;
  kind: DealerUserKind;
  externalId: string;
  /** How it was linked: `api` (POST /api/v1/dealers/:id/users) or `code` (a one-time code texted to a dealer phone). */
  linkedBy: 'api' | 'code';
  createdAt: string;
  expiresAt: string | null;
}

/** Azure AD object ids are GUIDs; kept lower case so one user is one row however a channel spells it. */
export const aadObjectIdSchema = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be an Azure AD object id (a GUID)')
  .transform((value) => value.toLowerCase());

/** The embedding site's own user id, as it signs it in the web chat user token. */
export const webChatUserIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@|-]{0,127}$/, 'must be 1 to 128 letters, digits or . _ : @ | -');

/** POST /api/v1/dealers/:id/users: exactly one identity. */
export const dealerUserInputSchema = z
  .strictObject({ aadObjectId: aadObjectIdSchema.optional(), webChatUserId: webChatUserIdSchema.optional() })
  .superRefine((input, context) => {
    const given = [input.aadObjectId, input.webChatUserId].filter((value) => value !== undefined).length;
    if (given !== 1) {
      context.addIssue({
        code: 'custom',
        path: [input.aadObjectId === undefined ? 'aadObjectId' : 'webChatUserId'],
        message: given === 0 ? 'give aadObjectId (a Teams user) or webChatUserId (a web chat user)' : 'give aadObjectId or webChatUserId, not both',
      });
    }
  });
export type DealerUserInput = z.infer<typeof dealerUserInputSchema>;

export function identityOfInput(input: DealerUserInput): ChatIdentity {
  if (input.aadObjectId !== undefined) return { kind: 'teams', externalId: input.aadObjectId };
  return { kind: 'webChat', externalId: input.webChatUserId ?? '' };
}

/** A dealer user as the API shows it: the identity under its own field name. */
export interface DealerUserView {
  id: string;
  dealerId: string;
  kind: DealerUserKind;
  aadObjectId?: string;
  webChatUserId?: string;
  conversation?: string;
  linkedBy: DealerUser['linkedBy'];
  createdAt: string;
  expiresAt: string | null;
}

export function dealerUserView(user: DealerUser): DealerUserView {
  const identity =
    user.kind === 'teams' ? { aadObjectId: user.externalId } : user.kind === 'webChat' ? { webChatUserId: user.externalId } : { conversation: user.externalId };
  return {
    id: user.id,
    dealerId: user.dealerId,
    kind: user.kind,
    ...identity,
    linkedBy: user.linkedBy,
    createdAt: user.createdAt,
    expiresAt: user.expiresAt,
  };
}

/** What a recognized chat user sees: one dealer's cases, and who they are for the audit trail. */
export interface DealerScope {
  dealerId: string;
  dealerName: string;
  /** The dealer user's id (an Actor `dealerUser`'s userId). */
  userId: string;
  /** The channel the user came on (msteams, webchat, ...), for the audit trail. */
  channel: string;
}
