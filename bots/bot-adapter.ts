import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../src/config.ts';

/**
 * The CloudAdapter with Bot Framework authentication from the configuration. Without MicrosoftAppId
 * it accepts unauthenticated requests and replies without a token (local use, the Emulator, the
 * terminal chat); with it, every request needs a valid Bot Framework token.
 */
/**
 * The CloudAdapter, entered with an activity our HTTP edge has already parsed and validated.
 * `CloudAdapter.process(req, res)` would parse the body again and print authentication failures
 * with console.error; this runs the same authentication and turn, and lets errors reach our logger
 * (an authentication failure carries statusCode 401).
 */
export class LeaseReturnAdapter extends CloudAdapter {
  async processValidated(activity: Record<string, unknown>, authorization: string, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, withDates(activity), logic);
  }
}

/** What botbuilder's validateAndFixActivity does: timestamps arrive as strings and are used as Dates. */
function withDates(body: Record<string, unknown>): Activity {
  const activity: Record<string, unknown> = { ...body };
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
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

export function createBotAdapter(settings: Config['botFramework']): LeaseReturnAdapter {
  const options = {
    MicrosoftAppId: settings.appId ?? '',
    MicrosoftAppPassword: settings.appPassword ?? '',
    MicrosoftAppType: settings.appType,
    MicrosoftAppTenantId: settings.tenantId ?? '',
  };
  const credentials = new ConfigurationServiceClientCredentialFactory(options);
  return new LeaseReturnAdapter(new ConfigurationBotFrameworkAuthentication(options, credentials));
}

export function isAuthenticationEnabled(settings: Config['botFramework']): boolean {
  return settings.appId !== undefined;
}
