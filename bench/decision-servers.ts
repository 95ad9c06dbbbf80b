/**
 * Child process for the decisions bench: the real app and a bare restify handler side by side in one
 * process, so the load generator (the parent) does not share their event loop.
 */
import restify from 'restify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { decisionRequestSchema } from '../src/domain/decision-request.ts';
import { makeTempDir } from '../test/support/test-app.ts';

const app = await buildApp(loadConfig({ PORT: '0', DATA_DIR: makeTempDir('lra-bench-'), LOG_LEVEL: 'warn' }));
const appAddress = await app.start();

// The baseline answers with a decision of the same size (computed once), so both sides put the same bytes
// on the wire and the load generator, which shares the machine, pays the same to read them: the ratio
// then measures our work (validation, rules, serialization), not the response size.
const sampleDecision = JSON.stringify(
  await app.decisions.decide(
    decisionRequestSchema.parse({ state: 'OH', maturityDate: '2026-06-15', returnDate: '2026-05-01', intent: 'lesseeReturn', hasAvrmAccess: true }),
  ),
);
const bare = restify.createServer();
bare.use(restify.plugins.bodyReader({ maxBodySize: 1024 * 1024 }));
bare.post('/decide', (request, response, next) => {
  JSON.parse(String(request.body));
  const payload = sampleDecision;
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  response.end(payload);
  next();
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareAddress = bare.server.address();
process.stdout.write(`${JSON.stringify({ app: appAddress.port, bare: typeof bareAddress === 'object' && bareAddress ? bareAddress.port : 0 })}\n`);
process.on('SIGTERM', () => process.exit(0));
