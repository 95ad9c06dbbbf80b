/**
 * Child process for the decisions bench: the real app and a bare restify handler side by side in one
 * process, so the load generator (the parent) does not share their event loop.
 */
import restify from 'restify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { makeTempDir } from '../test/support/test-app.ts';

const app = await buildApp(loadConfig({ PORT: '0', DATA_DIR: makeTempDir('lra-bench-'), LOG_LEVEL: 'warn' }));
const appAddress = await app.start();

const bare = restify.createServer();
bare.use(restify.plugins.bodyReader({ maxBodySize: 1024 * 1024 }));
bare.post('/decide', (request, response, next) => {
  const body = JSON.parse(String(request.body)) as { state: string };
  const payload = JSON.stringify({ ok: true, state: body.state });
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  response.end(payload);
  next();
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareAddress = bare.server.address();
process.stdout.write(`${JSON.stringify({ app: appAddress.port, bare: typeof bareAddress === 'object' && bareAddress ? bareAddress.port : 0 })}\n`);
process.on('SIGTERM', () => process.exit(0));
