import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { DirectLineAuthError } from './direct-line-errors.ts';

/**
 * Direct Line tokens: compact JWTs (HS256) signed with a key derived from DIRECTLINE_TOKEN_SECRET.
 * A JWT rather than an opaque string because Web Chat and DirectLineJS decode the token (jwt-decode,
 * no verification) and take the `user` claim as the user id: the id is then fixed by us, not chosen by
 * the browser, and the server overrides `from.id` with it so nobody can speak as someone else.
 */

export const defaultTokenLifetimeSeconds = 30 * 60;

const claimsSchema = z.object({
  iss: z.literal('lease-return-assistant'),
  aud: z.literal('directline'),
  conv: z.string().min(1).max(128),
  user: z.string().min(1).max(128),
  iat: z.number().int(),
  exp: z.number().int(),
});

export type TokenClaims = z.infer<typeof claimsSchema>;

export interface IssuedToken {
  token: string;
  expiresIn: number;
  claims: TokenClaims;
}

const headerSegment = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
const maxTokenLength = 2048;

export class DirectLineTokenSigner {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly clock: Clock,
    private readonly lifetimeSeconds = defaultTokenLifetimeSeconds,
  ) {
    // A key of its own, so the same secret can derive other keys (the connector's) without reuse.
    this.key = createHmac('sha256', secret).update('directline-token-v1').digest();
  }

  issue(conversationId: string, userId: string): IssuedToken {
    const iat = Math.floor(this.clock.now().toSeconds());
    const claims: TokenClaims = { iss: 'lease-return-assistant', aud: 'directline', conv: conversationId, user: userId, iat, exp: iat + this.lifetimeSeconds };
    const signingInput = `${headerSegment}.${base64url(JSON.stringify(claims))}`;
    return { token: `${signingInput}.${this.sign(signingInput)}`, expiresIn: this.lifetimeSeconds, claims };
  }

  /** The token's claims, or a 401: missing, not ours (bad signature, other secret), malformed, or expired. */
  verify(token: string): TokenClaims {
    if (token.length === 0) throw new DirectLineAuthError('token_missing', 'Send the Direct Line token as Authorization: Bearer <token>.');
    const parts = token.length <= maxTokenLength ? token.split('.') : [];
    const [header, payload, signature] = parts;
    if (parts.length !== 3 || header !== headerSegment || payload === undefined || signature === undefined) {
      throw invalid();
    }
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw invalid();
    }
    const parsed = claimsSchema.safeParse(json);
    if (!parsed.success) throw invalid();
    if (parsed.data.exp <= this.clock.now().toSeconds()) {
      throw new DirectLineAuthError('token_expired', 'The Direct Line token has expired; start a new conversation.');
    }
    return parsed.data;
  }

  private sign(signingInput: string): string {
    return createHmac('sha256', this.key).update(signingInput).digest('base64url');
  }
}

/** The bearer token of an Authorization header, or '' when there is none. */
export function bearerToken(header: string | undefined): string {
  if (!header) return '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? '';
}

/** A random id safe in URLs and in activity ids (`conversationId|0000001`), 128 bits. */
export function randomId(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function invalid(): DirectLineAuthError {
  return new DirectLineAuthError('token_invalid', 'The Direct Line token is not valid.');
}
