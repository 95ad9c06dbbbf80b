import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import type { Config } from '../src/config.ts';

/**
 * The CloudAdapter with Bot Framework authentication from the configuration. Without MicrosoftAppId
 * it accepts unauthenticated requests and replies without a token (local use, the Emulator, the
 * terminal chat); with it, every request needs a valid Bot Framework token.
 */
export function createBotAdapter(settings: Config['botFramework']): CloudAdapter {
  const options = {
    MicrosoftAppId: settings.appId ?? '',
    MicrosoftAppPassword: settings.appPassword ?? '',
    MicrosoftAppType: settings.appType,
    MicrosoftAppTenantId: settings.tenantId ?? '',
  };
  const credentials = new ConfigurationServiceClientCredentialFactory(options);
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options, credentials));
}

export function isAuthenticationEnabled(settings: Config['botFramework']): boolean {
  return settings.appId !== undefined;
}
