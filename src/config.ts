import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.ts';
import { logLevels } from './logger.ts';

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
  RULES_DIR: z.string().trim().min(1).default('./rules'),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  API_TOKEN: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  PUBLIC_BASE_URL: optionalText.pipe(z.url().optional()),
  TWILIO_AUTH_TOKEN: optionalText,
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalText.pipe(z.url().optional()),
  OPENAI_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(100).max(120000).default(8000),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: optionalText,
  DIRECTLINE_TOKEN_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
});

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  rulesDir: string;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  apiToken: string | undefined;
  publicBaseUrl: string | undefined;
  twilioAuthToken: string | undefined;
  openai: { apiKey: string; baseUrl: string | undefined; model: string; timeoutMs: number } | undefined;
  botFramework: {
    appId: string | undefined;
    appPassword: string | undefined;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    tenantId: string | undefined;
  };
  directLineTokenSecret: string | undefined;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1']);

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    const given = env[variable];
    throw new ConfigError(
      `${variable}: ${issue?.message ?? 'invalid value'}${given === undefined ? '' : ` (got "${redactIfSecret(variable, given)}")`}`,
    );
  }
  const values = parsed.data;
  if (!values.API_TOKEN && !loopbackHosts.has(values.HOST)) {
    throw new ConfigError(
      `HOST: "${values.HOST}" would expose the API without authentication; set API_TOKEN or keep HOST=127.0.0.1`,
    );
  }
  if (values.TWILIO_AUTH_TOKEN && !values.PUBLIC_BASE_URL) {
    throw new ConfigError('PUBLIC_BASE_URL: required when TWILIO_AUTH_TOKEN is set (Twilio signs the public URL)');
  }
  if (values.MicrosoftAppId && !values.MicrosoftAppPassword && values.MicrosoftAppType !== 'UserAssignedMSI') {
    throw new ConfigError('MicrosoftAppPassword: required when MicrosoftAppId is set');
  }
  return {
    host: values.HOST,
    port: values.PORT,
    dataDir: path.resolve(values.DATA_DIR),
    rulesDir: path.resolve(values.RULES_DIR),
    logLevel: values.LOG_LEVEL,
    apiToken: values.API_TOKEN,
    publicBaseUrl: values.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    twilioAuthToken: values.TWILIO_AUTH_TOKEN,
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
  };
}

/** The settings in effect, for the one start-up log line; secrets are shown only as set/unset. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    host: config.host,
    port: config.port,
    dataDir: config.dataDir,
    rulesDir: config.rulesDir,
    logLevel: config.logLevel,
    apiAuth: config.apiToken ? 'bearer token required' : 'off (loopback only)',
    publicBaseUrl: config.publicBaseUrl ?? null,
    twilioSignatureCheck: config.twilioAuthToken ? 'on' : 'off',
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
  return /TOKEN|KEY|PASSWORD|SECRET/i.test(variable) ? '[redacted]' : value;
}
