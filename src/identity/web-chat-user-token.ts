import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import { webChatUserIdSchema } from './dealer-user.ts';
import { identityMessages } from './identity-messages.ts';

/**
 * Signed web chat user tokens (issue 15). The site that embeds the chat knows who its user is; it signs
 * that user id with WEBCHAT_USER_TOKEN_SECRET as a compact JWT (HS256, claims `sub` and `exp`, optional
 * `iat`/`nbf`) and passes it when it starts the Direct Line conversation (`userToken` in the body of
 * POST /v3/directline/conversations). The Direct Line service verifies it there (algorithm pinned to
 * HS256, expiry required and at most a day ahead), binds the user id to the conversation, and stamps
 * every activity it hands the bot with that id and an HMAC of (conversation, user) under a key derived
 * from the same secret (`channelData.webChatUser`). The bot trusts that stamp only when the HMAC holds,
 * so a client that writes its own channelData, or replays a stamp into another conversation, is nobody.
 */

export class UserTokenError extends AppError {
  readonly status = 401;
  readonly code: 'user_token_invalid' | 'user_token_expired';
  constructor(code: UserTokenError['code'], message: string) {
    super(message, 'userToken');
    this.code = code;
  }
}

/** Where the verified user travels to the bot, in every activity's channelData. */
export const webChatUserChannelDataKey = 'webChatUser';

export const webChatUserStampSchema = z.object({ id: z.string().min(1).max(128), signature: z.string().min(1).max(128) });
export type WebChatUserStamp = z.infer<typeof webChatUserStampSchema>;

const claimsSchema = z.object({
  sub: webChatUserIdSchema,
  exp: z.number().int(),
  iat: z.number().int().optional(),
  nbf: z.number().int().optional(),
});

const headerSchema = z.object({ alg: z.literal('HS256'), typ: z.string().optional(), kid: z.string().optional() }).strict();

/** A token valid for longer than this is refused: a leaked token must not open the chat for weeks. */
export const maxUserTokenLifetimeSeconds = 24 * 3600;
const clockSkewSeconds = 60;
const maxTokenLength = 4096;

export class WebChatUserTokens {
  private readonly bindingKey: Buffer;

  constructor(
    private readonly secret: string,
    private readonly clock: Clock,
  ) {
    // A key of its own for the stamps, so a stamp can never pass for a user token or the other way round.
    this.bindingKey = createHmac('sha256', secret).update('webchat-user-binding-v1').digest();
  }

  /** The user id of a valid token; UserTokenError (401, field `userToken`) otherwise. */
  verify(token: string): string {
    const parts = token.length <= maxTokenLength ? token.split('.') : [];
    const [header, payload, signature] = parts;
    if (parts.length !== 3 || !header || !payload || !signature) throw invalid();
    // Algorithm pinned: anything but HS256 (none, RS256 with our secret as a "public key") is refused before any check.
    if (!headerSchema.safeParse(decodeJson(header)).success) throw invalid();
    const expected = createHmac('sha256', this.secret).update(`${header}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
    const claims = claimsSchema.safeParse(decodeJson(payload));
    if (!claims.success) throw invalid();
    const now = this.clock.now().toSeconds();
    if (claims.data.exp <= now - clockSkewSeconds) throw new UserTokenError('user_token_expired', identityMessages.userTokenExpired);
    if (claims.data.exp > now + maxUserTokenLifetimeSeconds + clockSkewSeconds) throw invalid();
    if (claims.data.nbf !== undefined && claims.data.nbf > now + clockSkewSeconds) throw invalid();
    return claims.data.sub;
  }

  /** Signs a user token as the embedding site would (tests, and the README's example in other words). */
  sign(userId: string, lifetimeSeconds = 3600): string {
    const iat = Math.floor(this.clock.now().toSeconds());
    const header = encode({ alg: 'HS256', typ: 'JWT' });
    const payload = encode({ sub: userId, iat, exp: iat + lifetimeSeconds });
    return `${header}.${payload}.${createHmac('sha256', this.secret).update(`${header}.${payload}`).digest('base64url')}`;
  }

  /** The stamp the Direct Line service puts on every activity of a conversation bound to `userId`. */
  stamp(conversationId: string, userId: string): WebChatUserStamp {
    return { id: userId, signature: this.bindingSignature(conversationId, userId) };
  }

  /** The verified user of an activity's stamp, or undefined (no stamp, forged, or another conversation's). */
  stampedUser(conversationId: string, channelData: unknown): string | undefined {
    if (typeof channelData !== 'object' || channelData === null) return undefined;
    const stamp = webChatUserStampSchema.safeParse((channelData as Record<string, unknown>)[webChatUserChannelDataKey]);
    if (!stamp.success) return undefined;
    const expected = Buffer.from(this.bindingSignature(conversationId, stamp.data.id));
    const given = Buffer.from(stamp.data.signature);
    return given.length === expected.length && timingSafeEqual(given, expected) ? stamp.data.id : undefined;
  }

  private bindingSignature(conversationId: string, userId: string): string {
    return createHmac('sha256', this.bindingKey)
      .update(JSON.stringify([conversationId, userId]))
      .digest('base64url');
  }
}

function decodeJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function invalid(): UserTokenError {
  return new UserTokenError('user_token_invalid', identityMessages.userTokenInvalid);
}
