import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.ts';
import { defaultSupportHours, parseSupportHours, SupportHoursError, type SupportHours } from './domain/support-hours.ts';
import { isLoopbackHost } from './loopback.ts';
import { logLevels } from './logger.ts';
import { teamsBotScopes, type TeamsPackageSettings } from './teams/teams-manifest.ts';

/**
 * Every environment variable the assistant reads, parsed once, here. Each one is documented in
 * .env.example; a bad value stops start-up with one line naming the variable.
 */
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const environmentSchema = z.object({
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL (unset: SQLite under DATA_DIR)')
      .optional(),
  ),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  RULES_DIR: z.string().trim().min(1).default('./rules'),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  API_TOKEN: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  PUBLIC_BASE_URL: optionalText.pipe(z.url().optional()),
  TWILIO_AUTH_TOKEN: optionalText,
  TWILIO_ACCOUNT_SID: optionalText.pipe(
    z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, 'must be AC followed by 32 hex digits')
      .optional(),
  ),
  TWILIO_FROM: optionalText.pipe(
    z
      .string()
      .regex(/^\+[1-9]\d{7,14}$/, 'must be an E.164 number such as +16145550100')
      .optional(),
  ),
  TWILIO_MESSAGING_SERVICE_SID: optionalText.pipe(
    z
      .string()
      .regex(/^MG[0-9a-fA-F]{32}$/, 'must be MG followed by 32 hex digits')
      .optional(),
  ),
  TWILIO_API_BASE_URL: optionalText.pipe(z.url().optional()),
  NOTICE_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86400).default(60),
  NOTICE_QUIET_HOURS: z
    .string()
    .trim()
    .default('21:00-08:00')
    .pipe(
      z.union([
        z.literal('off'),
        z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM-HH:MM (24-hour, e.g. 21:00-08:00) or off'),
      ]),
    ),
  SMS_WEBHOOK: z.enum(['on', 'off']).default('on'),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalText.pipe(z.url().optional()),
  OPENAI_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(100).max(120000).default(8000),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: optionalText,
  TEAMS_BOT_SCOPES: optionalText
    .transform((value) => [
      ...new Set(
        (value ?? 'personal,team,groupChat')
          .split(',')
          .map((scope) => scope.trim())
          .filter((scope) => scope !== ''),
      ),
    ])
    .pipe(z.array(z.enum(teamsBotScopes, { error: () => `each scope is one of ${teamsBotScopes.join(', ')}` })).min(1, 'name at least one scope')),
  DIRECTLINE_TOKEN_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  SUPPORT_HOURS: z.string().trim().min(1).default(defaultSupportHours),
  WEBCHAT_USER_TOKEN_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
});

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /**
   * PostgreSQL (DATABASE_URL), for running more than one instance on one database; undefined: SQLite
   * under dataDir, the embedded default.
   */
  postgres: { url: string; poolSize: number } | undefined;
  rulesDir: string;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  apiToken: string | undefined;
  publicBaseUrl: string | undefined;
  twilioAuthToken: string | undefined;
  /** POST /api/v1/sms is registered only when true (SMS_WEBHOOK=on, the default). */
  smsWebhook: boolean;
  /** Outbound texts through Twilio's REST API; undefined when TWILIO_ACCOUNT_SID is not set (nothing is texted). */
  twilio:
    | {
        accountSid: string;
        authToken: string;
        from: string | undefined;
        messagingServiceSid: string | undefined;
        apiBaseUrl: string | undefined;
      }
    | undefined;
  /** Proactive notices: how often the scheduler looks, and the dealer-local hours in which nothing is sent. */
  notices: { intervalSeconds: number; quietHours: { start: string; end: string } | null };
  openai: { apiKey: string; baseUrl: string | undefined; model: string; timeoutMs: number } | undefined;
  botFramework: {
    appId: string | undefined;
    appPassword: string | undefined;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    tenantId: string | undefined;
  };
  directLineTokenSecret: string | undefined;
  /** When people answer handed-over conversations (SUPPORT_HOURS, src/domain/support-hours.ts). */
  supportHours: SupportHours;
  /** Verifies the signed web chat user tokens an embedding site passes (issue 15); unset: none accepted. */
  webChatUserTokenSecret: string | undefined;
  /**
   * The value of every secret variable that is set (any name with TOKEN, KEY, PASSWORD or SECRET, so a
   * variable added later is covered without anyone remembering): the logger blanks them out of every line.
   */
  secrets: readonly string[];
}

const secretVariablePattern = /TOKEN|KEY|PASSWORD|SECRET/i;

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    const given = env[variable];
    throw new ConfigError(`${variable}: ${issue?.message ?? 'invalid value'}${given === undefined ? '' : ` (got "${redactIfSecret(variable, given)}")`}`);
  }
  const values = parsed.data;
  const exposed = !isLoopbackHost(values.HOST);
  if (!values.API_TOKEN && exposed) {
    throw new ConfigError(`HOST: "${values.HOST}" would expose the API without authentication; set API_TOKEN or keep HOST=127.0.0.1`);
  }
  // The webhook is public (Twilio cannot send our bearer token): beyond loopback, only the signature
  // stops a stranger from texting STATUS, RELEASE or STOP in a dealer's name.
  if (exposed && !values.TWILIO_AUTH_TOKEN && values.SMS_WEBHOOK === 'on') {
    throw new ConfigError(
      `TWILIO_AUTH_TOKEN: required with HOST "${values.HOST}", or anyone who reaches the server can text STATUS, RELEASE or STOP as a dealer's phone; set TWILIO_AUTH_TOKEN and PUBLIC_BASE_URL, or SMS_WEBHOOK=off`,
    );
  }
  if (values.OPENAI_BASE_URL) checkOpenAiBaseUrl(values.OPENAI_BASE_URL);
  if (values.TWILIO_AUTH_TOKEN && !values.PUBLIC_BASE_URL) {
    throw new ConfigError('PUBLIC_BASE_URL: required when TWILIO_AUTH_TOKEN is set (Twilio signs the public URL)');
  }
  if (values.TWILIO_ACCOUNT_SID) checkTwilioSender(values);
  if (values.TWILIO_API_BASE_URL) checkPlainHttpOnlyLocal('TWILIO_API_BASE_URL', values.TWILIO_API_BASE_URL, 'TWILIO_AUTH_TOKEN');
  if (values.MicrosoftAppId && !values.MicrosoftAppPassword && values.MicrosoftAppType !== 'UserAssignedMSI') {
    throw new ConfigError('MicrosoftAppPassword: required when MicrosoftAppId is set');
  }
  return {
    host: values.HOST,
    port: values.PORT,
    dataDir: path.resolve(values.DATA_DIR),
    postgres: values.DATABASE_URL ? { url: values.DATABASE_URL, poolSize: values.DATABASE_POOL_SIZE } : undefined,
    rulesDir: path.resolve(values.RULES_DIR),
    logLevel: values.LOG_LEVEL,
    apiToken: values.API_TOKEN,
    publicBaseUrl: values.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    twilioAuthToken: values.TWILIO_AUTH_TOKEN,
    smsWebhook: values.SMS_WEBHOOK === 'on',
    twilio:
      values.TWILIO_ACCOUNT_SID && values.TWILIO_AUTH_TOKEN
        ? {
            accountSid: values.TWILIO_ACCOUNT_SID,
            authToken: values.TWILIO_AUTH_TOKEN,
            from: values.TWILIO_FROM,
            messagingServiceSid: values.TWILIO_MESSAGING_SERVICE_SID,
            apiBaseUrl: values.TWILIO_API_BASE_URL?.replace(/\/+$/, ''),
          }
        : undefined,
    notices: { intervalSeconds: values.NOTICE_INTERVAL_SECONDS, quietHours: parseQuietHours(values.NOTICE_QUIET_HOURS) },
    openai: values.OPENAI_API_KEY
      ? {
          apiKey: values.OPENAI_API_KEY,
          baseUrl: values.OPENAI_BASE_URL,
          model: values.OPENAI_MODEL,
          timeoutMs: values.OPENAI_TIMEOUT_MS,
        }
      : undefined,
    botFramework: {
      appId: values.MicrosoftAppId,
      appPassword: values.MicrosoftAppPassword,
      appType: values.MicrosoftAppType,
      tenantId: values.MicrosoftAppTenantId,
    },
    directLineTokenSecret: values.DIRECTLINE_TOKEN_SECRET,
    supportHours: supportHoursFrom(values.SUPPORT_HOURS),
    webChatUserTokenSecret: values.WEBCHAT_USER_TOKEN_SECRET,
    secrets: [
      ...Object.entries(values).flatMap(([name, value]) => (secretVariablePattern.test(name) && typeof value === 'string' && value !== '' ? [value] : [])),
      ...databasePasswordOf(values.DATABASE_URL),
    ],
  };
}

/** The password in DATABASE_URL, when it has one: a secret like the others, blanked out of every log line. */
function databasePasswordOf(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password ? [password] : [];
  } catch {
    return [];
  }
}

/** DATABASE_URL for the start-up line: the password replaced by ***. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

/** Sending texts needs the account, its auth token, and who they come from. */
function checkTwilioSender(values: {
  TWILIO_AUTH_TOKEN?: string | undefined;
  TWILIO_FROM?: string | undefined;
  TWILIO_MESSAGING_SERVICE_SID?: string | undefined;
}): void {
  if (!values.TWILIO_AUTH_TOKEN) throw new ConfigError('TWILIO_AUTH_TOKEN: required when TWILIO_ACCOUNT_SID is set (texts are sent with it)');
  if (!values.TWILIO_FROM && !values.TWILIO_MESSAGING_SERVICE_SID) {
    throw new ConfigError('TWILIO_FROM: set TWILIO_FROM (a number of the account) or TWILIO_MESSAGING_SERVICE_SID when TWILIO_ACCOUNT_SID is set');
  }
}

/** A URL that carries a credential: https, or plain http only to this machine. */
function checkPlainHttpOnlyLocal(variable: string, value: string, credential: string): void {
  const url = new URL(value);
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
  throw new ConfigError(
    url.protocol === 'http:'
      ? `${variable}: plain http would send ${credential} in clear to "${url.hostname}"; use https (http only for localhost, 127.0.0.0/8 or [::1])`
      : `${variable}: must be an https URL (got "${url.protocol}")`,
  );
}

/** "21:00-08:00" → { start: '21:00', end: '08:00' }; "off" → null (no quiet hours). */
function parseQuietHours(value: string): { start: string; end: string } | null {
  if (value === 'off') return null;
  const [start = '21:00', end = '08:00'] = value.split('-');
  if (start === end) throw new ConfigError(`NOTICE_QUIET_HOURS: start and end are the same ("${value}"); use off for no quiet hours`);
  return { start, end };
}

function supportHoursFrom(spec: string): SupportHours {
  try {
    return parseSupportHours(spec);
  } catch (error) {
    if (error instanceof SupportHoursError) throw new ConfigError(`SUPPORT_HOURS: ${error.message} (got "${spec}")`);
    throw error;
  }
}

/** The API key travels in a header: plain http is allowed only where it never leaves the machine. */
function checkOpenAiBaseUrl(baseUrl: string): void {
  const url = new URL(baseUrl);
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
  throw new ConfigError(
    url.protocol === 'http:'
      ? `OPENAI_BASE_URL: plain http would send OPENAI_API_KEY in clear to "${url.hostname}"; use https (http only for localhost, 127.0.0.0/8 or [::1])`
      : `OPENAI_BASE_URL: must be an https URL (got "${url.protocol}")`,
  );
}

/**
 * The base URL that reaches a server listening on `host:port` from this machine: a wildcard HOST
 * (0.0.0.0, ::) through 127.0.0.1, an IPv6 address in brackets. The CLI and the start-up line use it.
 */
export function localBaseUrl(host: string, port: number): string {
  if (host === '0.0.0.0' || host === '::') return `http://127.0.0.1:${port}`;
  return `http://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}

/**
 * Reads `file` (by default `.env` in the folder the process starts in: the project folder under npm)
 * into process.env with Node's own parser, when it exists. A variable already in the environment keeps
 * its value, even an empty one. Returns the path read, or undefined when there is no such file.
 */
export function loadDotEnv(file = path.resolve('.env')): string | undefined {
  try {
    process.loadEnvFile(file);
    return file;
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : undefined;
    if (code === 'ENOENT') return undefined;
    throw new ConfigError(`.env: cannot read "${file}" (${code ?? String(error)})`);
  }
}

/** The settings in effect, for the one start-up log line; secrets are shown only as set/unset. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    host: config.host,
    port: config.port,
    dataDir: config.dataDir,
    database: config.postgres ? `postgresql (${withoutPassword(config.postgres.url)}, pool ${config.postgres.poolSize})` : 'sqlite (DATA_DIR)',
    rulesDir: config.rulesDir,
    logLevel: config.logLevel,
    apiAuth: config.apiToken ? 'bearer token required' : 'off (loopback only)',
    publicBaseUrl: config.publicBaseUrl ?? null,
    smsWebhook: config.smsWebhook ? (config.twilioAuthToken ? 'on (signed)' : 'on (unsigned, loopback only)') : 'off',
    outboundSms: config.twilio
      ? `twilio (${config.twilio.messagingServiceSid ? 'messaging service' : 'from number'}${config.twilio.apiBaseUrl ? `, ${config.twilio.apiBaseUrl}` : ''})`
      : 'off',
    notices: {
      intervalSeconds: config.notices.intervalSeconds,
      quietHours: config.notices.quietHours ? `${config.notices.quietHours.start}-${config.notices.quietHours.end}` : 'off',
    },
    answers: config.openai ? `llm (${config.openai.model})` : 'extractive',
    botFrameworkAuth: config.botFramework.appId ? 'on' : 'off (local, unauthenticated)',
  };
}

const knownVariables = Object.keys(environmentSchema.shape);

/**
 * Names in the environment that look like a misspelling of one of ours, with the name we expected. Only
 * names shaped like ours (upper case with an underscore, or Microsoft*) are compared, and short names must
 * be one edit away, so the shell's own HOME or PATH are never taken for HOST or PORT.
 */
export function suggestMisspelledVariables(env: Record<string, string | undefined>): string[] {
  const suggestions: string[] = [];
  for (const name of Object.keys(env)) {
    if (knownVariables.includes(name)) continue;
    if (!/^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/.test(name) && !/^microsoft/i.test(name)) continue;
    const allowed = name.length >= 8 ? 2 : 1;
    const match = knownVariables.find((known) => editDistance(name.toUpperCase(), known.toUpperCase()) <= allowed);
    if (match) suggestions.push(`${name} is not a setting; did you mean ${match}?`);
  }
  return suggestions;
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = previous[j] ?? 0;
      const left = previous[j - 1] ?? 0;
      previous[j] = Math.min(above + 1, left + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

function redactIfSecret(variable: string, value: string): string {
  // DATABASE_URL may carry a password: it is never echoed back.
  return secretVariablePattern.test(variable) || variable === 'DATABASE_URL' ? '[redacted]' : value;
}

const guidPattern = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

/**
 * What `npm run teams:package` needs: only MicrosoftAppId and PUBLIC_BASE_URL (TEAMS_BOT_SCOPES has a
 * default), read with the same schema as the server's configuration; the bot's password is not needed to
 * build the package. A missing or wrong value is a ConfigError naming the variable, in one line.
 */
export function loadTeamsPackageConfig(env: Record<string, string | undefined>, version: string): TeamsPackageSettings {
  const parsed = environmentSchema.pick({ MicrosoftAppId: true, PUBLIC_BASE_URL: true, TEAMS_BOT_SCOPES: true }).safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${String(issue?.path[0] ?? 'environment')}: ${issue?.message ?? 'invalid value'}`);
  }
  const { MicrosoftAppId: appId, PUBLIC_BASE_URL: publicBaseUrl, TEAMS_BOT_SCOPES: scopes } = parsed.data;
  if (!appId) throw new ConfigError("MicrosoftAppId: required, the Azure Bot's app ID (a GUID), to build the Teams package");
  if (!guidPattern.test(appId))
    throw new ConfigError(`MicrosoftAppId: must be the Azure Bot's app ID, a GUID like 00000000-0000-0000-0000-000000000000 (got "${appId}")`);
  if (!publicBaseUrl) throw new ConfigError("PUBLIC_BASE_URL: required, the server's public https address (its host becomes the app's valid domain)");
  if (!publicBaseUrl.startsWith('https://')) throw new ConfigError(`PUBLIC_BASE_URL: must start with https:// for Teams (got "${publicBaseUrl}")`);
  return { appId, publicBaseUrl: publicBaseUrl.replace(/\/+$/, ''), scopes, version };
}
