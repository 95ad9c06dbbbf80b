import { AuthenticationConstants, ToBotFromBotOrEmulatorTokenValidationParameters } from 'botframework-connector';
import { z } from 'zod';
import { systemClock, type Clock } from '../src/clock.ts';
import { UnauthorizedError } from '../src/errors.ts';

/** What a token for this bot must say. */
export interface BotTokenScreenSettings {
  /** MicrosoftAppId: the audience every token for this bot carries. */
  appId: string;
  /** MicrosoftAppTenantId: a SingleTenant bot (and the Emulator signed into it) gets tokens from this tenant. */
  tenantId?: string | undefined;
  clock?: Clock;
}

/** Bot Framework and Azure AD sign with RS256; botbuilder would accept RS384/RS512 too, nobody sends them. */
const signingAlgorithm = 'RS256';
/** jsonwebtoken's tolerance in botbuilder (clockTolerance: 5 minutes). */
const clockToleranceSeconds = 5 * 60;
/** Bot Framework tokens are about 1-2 KB; Node refuses headers over 16 KB anyway. */
const maxTokenLength = 8 * 1024;

/**
 * Taken once at load: botbuilder's Emulator/skill issuer list (Bot Framework's and Microsoft's own
 * tenants, public and US Government), which its Emulator check extends at run time.
 */
const builtInIssuers: readonly string[] = [
  AuthenticationConstants.ToBotFromChannelTokenIssuer,
  ...(Array.isArray(ToBotFromBotOrEmulatorTokenValidationParameters.issuer) ? ToBotFromBotOrEmulatorTokenValidationParameters.issuer : []),
];

const headerSchema = z.looseObject({ alg: z.string(), kid: z.string().min(1).max(256).optional() });
const claimsSchema = z.looseObject({
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  exp: z.number(),
  tid: z.string().optional(),
});

/** Issuers of one Azure AD tenant, in the shapes botbuilder adds for it (v1 and v2, public and US Government). */
function tenantIssuers(tenantId: string): string[] {
  return [
    `${AuthenticationConstants.ValidTokenIssuerUrlTemplateV1}${tenantId}/`,
    `${AuthenticationConstants.ValidTokenIssuerUrlTemplateV2}${tenantId}/v2.0`,
    `${AuthenticationConstants.ValidGovernmentTokenIssuerUrlTemplateV1}${tenantId}/`,
    `${AuthenticationConstants.ValidGovernmentTokenIssuerUrlTemplateV2}${tenantId}/v2.0`,
  ];
}

/** The issuers a token for this bot may name: the Bot Connector, the Emulator and skills, our own tenant. */
function acceptedIssuers(tenantId?: string): ReadonlySet<string> {
  return new Set([...builtInIssuers, ...(tenantId ? tenantIssuers(tenantId) : [])]);
}

export type BotTokenScreen = (authorization: string) => void;

/**
 * A local look at an inbound Bot Framework token, before botbuilder sees it. Nothing here proves a
 * token genuine (botbuilder verifies the signature against Microsoft's published keys); it refuses,
 * without any network call, the tokens whose own header or claims already rule them out: not a JWT,
 * not RS256 (`alg: none`, HS256 signed with a guessed secret), no key id, an issuer botbuilder would
 * not accept with our configuration, another bot's audience, expired.
 *
 * Why botbuilder's own check is not enough: for such tokens it still fetches the OpenID metadata
 * from the internet (one fetch per request while the endpoint is unreachable, answered with a 500),
 * and its Emulator check appends the issuers of any `tid` a token names to a process-wide list, so
 * every forged tenant grows memory and widens what the next token may claim.
 *
 * The screen throws UnauthorizedError (401) for a token it rules out, and returns for the rest.
 */
export function createBotTokenScreen(settings: BotTokenScreenSettings): BotTokenScreen {
  const issuers = acceptedIssuers(settings.tenantId);
  const issuerList = [...issuers];
  const clock = settings.clock ?? systemClock;
  return (authorization) => {
    const reason = refusalOf(authorization);
    if (reason !== undefined) throw new UnauthorizedError(`The Bot Framework token is not valid for this bot (${reason}).`);
  };

  function refusalOf(authorization: string): string | undefined {
    // botbuilder splits on one space and wants exactly "Bearer <token>".
    if (authorization.length > maxTokenLength) return 'not a signed JWT';
    const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(authorization);
    if (!match) return 'not a signed JWT';
    const header = headerSchema.safeParse(decodePart(match[1] ?? ''));
    if (!header.success) return 'its header is not a JWT header';
    if (header.data.alg !== signingAlgorithm) return `signed with ${header.data.alg.slice(0, 16)}, not ${signingAlgorithm}`;
    if (header.data.kid === undefined) return 'no key id in its header';
    const claims = claimsSchema.safeParse(decodePart(match[2] ?? ''));
    if (!claims.success) return 'its claims are incomplete';
    const { iss, aud, exp, tid } = claims.data;
    if (!issuers.has(iss)) return 'issuer not accepted';
    // botbuilder adds a named tenant's issuers to its list unless one of them already mentions it.
    if (tid !== undefined && !issuerList.some((issuer) => issuer.includes(tid))) return 'tenant not accepted';
    if (!(Array.isArray(aud) ? aud.includes(settings.appId) : aud === settings.appId)) return 'issued for another app';
    if (exp + clockToleranceSeconds <= clock.now().toSeconds()) return 'expired';
    return undefined;
  }
}

/** A base64url JSON part, or undefined when it is not one. */
function decodePart(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
