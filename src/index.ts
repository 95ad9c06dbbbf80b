import type { AddressInfo } from 'node:net';
import { buildApp } from './app.ts';
import { describeConfig, loadConfig, loadDotEnv, localBaseUrl, suggestMisspelledVariables, type Config } from './config.ts';
import { ConfigError, RuleSetError } from './errors.ts';
import { secretRedactor } from './logger.ts';

let config: Config | undefined;

/** The only module with side effects at start: read the configuration, build the app, listen, stop on SIGTERM. */
async function main(): Promise<void> {
  const envFile = loadDotEnv();
  config = loadConfig(process.env);
  const app = await buildApp(config);
  for (const suggestion of suggestMisspelledVariables(process.env)) app.logger.warn(suggestion);
  const address = await app.start();
  app.logger.info(
    { settings: describeConfig(config), envFile: envFile ?? null, url: `http://${address.address}:${address.port}` },
    'lease return assistant listening',
  );
  // stdout is the JSON log stream (for jq, a log shipper, pino-pretty); the one line for a person goes to
  // stderr, with the "Cannot start" lines, so it never breaks a pipeline that parses every stdout line.
  process.stderr.write(`${whereToGo(address)}\n`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'stopping: finishing in-flight requests');
    app.stop().then(
      () => {
        app.logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        app.logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** The line a person reads at start: where to open the web chat, the agent console and the API. */
function whereToGo(address: AddressInfo): string {
  const base = localBaseUrl(address.address, address.port);
  return `Lease Return Assistant is running: web chat ${base}/chat, agent console ${base}/console, API ${base}/api/v1`;
}

main().catch((error: unknown) => {
  // Configuration and rule mistakes (a port in use included) are the operator's to fix: one clear line,
  // no stack trace. Anything else is a bug: its stack, with configured secrets blanked out.
  if (error instanceof ConfigError || error instanceof RuleSetError) {
    process.stderr.write(`Cannot start: ${error.message}\n`);
  } else {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`Cannot start: ${secretRedactor(config?.secrets)(text)}\n`);
  }
  process.exit(1);
});
