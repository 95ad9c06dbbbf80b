/**
 * The Teams app manifest (schema 1.17) for the bot: the app id and the bot id are the Azure Bot's
 * MicrosoftAppId, the scopes come from TEAMS_BOT_SCOPES and validDomains is PUBLIC_BASE_URL's host.
 * Everything a person reads in Teams' app dialog is in `teamsAppText`.
 */
export const teamsManifestVersion = '1.17';
export const teamsManifestSchemaUrl = 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json';

export const teamsBotScopes = ['personal', 'team', 'groupChat'] as const;
export type TeamsBotScope = (typeof teamsBotScopes)[number];

export interface TeamsPackageSettings {
  /** The Azure Bot's app ID (MicrosoftAppId), a GUID. */
  appId: string;
  /** The server's public https address (PUBLIC_BASE_URL), without a trailing slash. */
  publicBaseUrl: string;
  scopes: readonly TeamsBotScope[];
  /** The app's version (package.json's), bumped for Teams to take an updated upload. */
  version: string;
}

export const teamsAppText = {
  shortName: 'Lease Return',
  fullName: 'Lease Return Assistant for Ally lease returns',
  developerName: 'Lease Return Assistant',
  shortDescription: 'Ally lease returns: ET or NM, quotes, the 72-hour hold, pickups and status.',
  fullDescription:
    'Walks dealership staff through returning a leased vehicle to Ally: early termination or normal maturity, which quote to use, ' +
    'notifying Ally (AVRM or fax), the 72-hour hold for dealer purchases, inspections, SmartAuction and who may pick the car up. ' +
    'Checks where a return stands by VIN, and says which Ally number to call.',
  accentColor: '#6B2C91',
  commands: [
    { title: 'status', description: 'Where a return stands: status followed by the VIN' },
    { title: 'return a vehicle', description: 'Walk through a lease return step by step' },
    { title: 'who do I call', description: 'The Ally numbers for each part of the process' },
    { title: 'help', description: 'What the assistant can do' },
  ],
} as const;

export const teamsIconFiles = { color: 'color.png', outline: 'outline.png' } as const;

export function teamsManifest(settings: TeamsPackageSettings): Record<string, unknown> {
  const host = new URL(settings.publicBaseUrl).host;
  return {
    $schema: teamsManifestSchemaUrl,
    manifestVersion: teamsManifestVersion,
    version: settings.version,
    id: settings.appId,
    developer: {
      name: teamsAppText.developerName,
      websiteUrl: settings.publicBaseUrl,
      privacyUrl: settings.publicBaseUrl,
      termsOfUseUrl: settings.publicBaseUrl,
    },
    name: { short: teamsAppText.shortName, full: teamsAppText.fullName },
    description: { short: teamsAppText.shortDescription, full: teamsAppText.fullDescription },
    icons: { color: teamsIconFiles.color, outline: teamsIconFiles.outline },
    accentColor: teamsAppText.accentColor,
    bots: [
      {
        botId: settings.appId,
        scopes: [...settings.scopes],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [{ scopes: [...settings.scopes], commands: teamsAppText.commands.map((command) => ({ ...command })) }],
      },
    ],
    validDomains: [host],
  };
}
