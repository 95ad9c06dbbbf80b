import { pino, type Logger } from 'pino';

export type { Logger };

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

const redacted = '[redacted]';

/**
 * Shapes of credentials we never want in a log line even when they are not ours to know (a key pasted
 * into a question, an upstream error quoting a token): OpenAI keys, bearer tokens, JWTs, the password in
 * a URL's userinfo.
 */
const credentialShapes =
  /\bsk-[A-Za-z0-9_-]{16,}|\bBearer\s+[A-Za-z0-9._~+/-]{8,}=*|\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*|\/\/[^\s/:@"]{1,256}:[^\s/@"]+@/g;

/** Secrets shorter than this are not searched for: "abc" would blank out ordinary words. */
const minimumSecretLength = 8;

/**
 * A function that blanks out every occurrence of each secret, as written, as it appears inside a JSON
 * string, and percent-encoded (a secret in a logged URL), then every credential-shaped string.
 */
export function secretRedactor(secrets: readonly string[] = []): (text: string) => string {
  const forms = [
    ...new Set(
      secrets
        .filter((secret) => secret.length >= minimumSecretLength)
        .flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]),
    ),
  ].sort((a, b) => b.length - a.length);
  return (text) => {
    let result = text;
    for (const form of forms) if (result.includes(form)) result = result.replaceAll(form, redacted);
    return result.replace(credentialShapes, (match) => {
      if (match.startsWith('Bearer')) return `Bearer ${redacted}`;
      // A URL's userinfo: keep the user name, blank out the password.
      if (match.startsWith('//')) return `${match.slice(0, match.indexOf(':') + 1)}${redacted}@`;
      return redacted;
    });
  };
}

/**
 * One JSON line per event on stdout. Secrets never reach a log line: the known fields are redacted by
 * path, and every finished line is searched for the configured secrets (`secrets`: their values) and
 * for credential shapes, wherever they hide (an upstream error message that quotes the API key, a stack).
 */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream, secrets: readonly string[] = []): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'lease-return-assistant' },
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', '*.apiToken', '*.password', '*.openaiApiKey'],
      censor: redacted,
    },
    hooks: { streamWrite: secretRedactor(secrets) },
  };
  return destination ? pino(options, destination) : pino(options);
}
