import { buildApp } from './app.ts';
import { describeConfig, loadConfig, suggestMisspelledVariables } from './config.ts';
import { ConfigError, RuleSetError } from './errors.ts';

/** The only module with side effects at start: read the configuration, build the app, listen, stop on SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await buildApp(config);
  for (const suggestion of suggestMisspelledVariables(process.env)) app.logger.warn(suggestion);
  const address = await app.start();
  app.logger.info({ settings: describeConfig(config), url: `http://${address.address}:${address.port}` }, 'lease return assistant listening');

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

main().catch((error: unknown) => {
  // Configuration and rule mistakes are the operator's to fix: one clear line, no stack trace.
  if (error instanceof ConfigError || error instanceof RuleSetError) {
    process.stderr.write(`Cannot start: ${error.message}\n`);
  } else {
    process.stderr.write(`Cannot start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
