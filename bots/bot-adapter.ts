import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationConstants, type AuthenticateRequestResult, type BotFrameworkAuthentication } from 'botframework-connector';
import type { Clock } from '../src/clock.ts';
import type { Config } from '../src/config.ts';
import { AuthMetadataUnavailableError, UnauthorizedError } from '../src/errors.ts';
import { createBotTokenScreen, type BotTokenScreen } from './bot-token-screen.ts';

/**
 * The CloudAdapter with Bot Framework authentication from the configuration. Without MicrosoftAppId
 * it accepts unauthenticated requests and replies without a token (local use, the Emulator, the
 * terminal chat); with it, every request needs a valid Bot Framework token.
 *
 * Entered with an activity our HTTP edge has already parsed and validated: `CloudAdapter.process(req,
 * res)` would parse the body again and print authentication failures with console.error; this runs
 * the same authentication and turn, and turns authentication failures into our typed errors.
 */
export class LeaseReturnAdapter extends CloudAdapter {
  constructor(
    authentication: BotFrameworkAuthentication,
    /** Refuses hopeless tokens before botbuilder looks at them (bot-token-screen.ts); undefined without auth. */
    private readonly screen?: BotTokenScreen,
  ) {
    super(authentication);
  }

  /**
   * Throws UnauthorizedError (401) for a token that is not valid for this bot, and
   * AuthMetadataUnavailableError (503) when botbuilder cannot load the keys to check it against.
   */
  async processValidated(
    activity: Record<string, unknown>,
    authorization: string,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    const dated = withDates(activity);
    this.screen?.(authorization);
    let authenticated: AuthenticateRequestResult;
    try {
      authenticated = await this.botFrameworkAuthentication.authenticateRequest(dated, authorization);
    } catch (error) {
      throw authenticationFailure(error);
    }
    return this.processActivity(authenticated, dated, logic);
  }
}

/** jsonwebtoken's verdicts on a token (bad signature, wrong algorithm, not yet valid), which botbuilder lets through raw. */
const tokenVerdicts = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * What botbuilder's authenticateRequest threw, as one of our errors. Its refusals carry statusCode
 * 401/403; everything else it can throw comes from loading the OpenID metadata and signing keys (the
 * only I/O it does): a connection failure (node-fetch's FetchError), a non-2xx answer (statusCode
 * 500), or a document that is not what it expects.
 */
function authenticationFailure(error: unknown): Error {
  const statusCode = typeof error === 'object' && error !== null ? (error as { statusCode?: unknown }).statusCode : undefined;
  const name = error instanceof Error ? error.name : '';
  if (statusCode === 401 || statusCode === 403 || tokenVerdicts.has(name)) {
    return new UnauthorizedError('The Bot Framework token is not valid for this bot.', null, { cause: error });
  }
  return new AuthMetadataUnavailableError(
    'Bot Framework authentication is unavailable: the OpenID metadata or signing keys could not be loaded. Try again later.',
    null,
    { cause: error },
  );
}

/** What botbuilder's validateAndFixActivity does: timestamps arrive as strings and are used as Dates. */
function withDates(body: Record<string, unknown>): Activity {
  const activity: Record<string, unknown> = { ...body };
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  // The HTTP edge checked the fields the bot relies on (inboundActivitySchema); botbuilder's own
  // ActivityT check is a bare z.custom, so this cast is no weaker than what CloudAdapter.process does.
  return activity as unknown as Activity;
}

/**
 * Where botbuilder fetches the OpenID metadata that lists the keys inbound tokens are signed with:
 * Azure's public cloud by default. Another value is for a sovereign cloud or a metadata proxy (and for
 * tests, which point it at a local server).
 */
export interface BotFrameworkEndpoints {
  /** Tokens from the Bot Connector service (issuer https://api.botframework.com). */
  channelOpenIdMetadataUrl: string;
  /** Tokens from the Emulator and from skills (Azure AD issuers). */
  emulatorOpenIdMetadataUrl: string;
}

export function createBotAdapter(settings: Config['botFramework'], options: { endpoints?: BotFrameworkEndpoints; clock?: Clock } = {}): LeaseReturnAdapter {
  const credentialOptions = {
    MicrosoftAppId: settings.appId ?? '',
    MicrosoftAppPassword: settings.appPassword ?? '',
    MicrosoftAppType: settings.appType,
    MicrosoftAppTenantId: settings.tenantId ?? '',
  };
  const credentials = new ConfigurationServiceClientCredentialFactory(credentialOptions);
  const screen =
    settings.appId === undefined
      ? undefined
      : createBotTokenScreen({ appId: settings.appId, tenantId: settings.tenantId, ...(options.clock ? { clock: options.clock } : {}) });
  if (options.endpoints === undefined) {
    return new LeaseReturnAdapter(new ConfigurationBotFrameworkAuthentication(credentialOptions, credentials), screen);
  }
  // Naming any endpoint switches botbuilder to "every parameter is given": the others are the public
  // cloud's, exactly what it uses when none is named.
  const parameterized = {
    ...credentialOptions,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: options.endpoints.channelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: options.endpoints.emulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
  return new LeaseReturnAdapter(new ConfigurationBotFrameworkAuthentication(parameterized, credentials), screen);
}

export function isAuthenticationEnabled(settings: Config['botFramework']): boolean {
  return settings.appId !== undefined;
}
