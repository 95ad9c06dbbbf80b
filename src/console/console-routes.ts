import { gzipSync } from 'node:zlib';
import type { Logger } from '../logger.ts';
import type { RuleSet } from '../rules/rule-set.ts';
import { NotFoundError } from '../errors.ts';
import { handle, sendJson, type Request, type Response, type Server } from '../http/server.ts';
import { buildConsoleBundle, type ConsoleAsset } from './console-bundle.ts';
import { renderConsolePage } from './console-page.ts';

export interface ConsoleRouteDeps {
  logger: Logger;
  ruleSet: Pick<RuleSet, 'sections' | 'contacts' | 'version'>;
  /** True when API_TOKEN is set: the page then asks for the token before its first API call. */
  tokenRequired: boolean;
}

/** The page may only talk to this server and run its own bundled script: no CDN, no inline code. */
const pageSecurityHeaders = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * GET /console (the agent console), its two hashed assets, and GET /api/v1/console/session (lets the page
 * check a token before using it). The bundle is built with esbuild before the routes are registered, so
 * the first page view costs no build time.
 */
export async function registerConsoleRoutes(server: Server, deps: ConsoleRouteDeps): Promise<void> {
  const started = process.hrtime.bigint();
  const bundle = await buildConsoleBundle();
  const html = Buffer.from(
    renderConsolePage({
      bundle,
      tokenRequired: deps.tokenRequired,
      rulesVersion: deps.ruleSet.version,
      sections: deps.ruleSet.sections,
      contacts: deps.ruleSet.contacts,
    }),
  );
  const page: ConsoleAsset = { name: 'console', contentType: 'text/html; charset=utf-8', body: html, gzipped: gzipSync(html), etag: '' };
  const assets = new Map([bundle.script, bundle.style].map((asset) => [asset.name, asset]));
  deps.logger.info(
    {
      script: bundle.script.name,
      scriptBytes: bundle.script.body.length,
      styleBytes: bundle.style.body.length,
      ms: Number(process.hrtime.bigint() - started) / 1e6,
    },
    'agent console bundled',
  );

  server.get(
    '/console',
    handle(deps.logger, (request, response) => {
      send(request, response, page, { 'cache-control': 'no-cache', ...pageSecurityHeaders });
    }),
  );
  server.get(
    '/console/',
    handle(deps.logger, (_request, response) => {
      response.writeHead(301, { location: '/console', 'content-length': 0 });
      response.end();
    }),
  );
  server.get(
    '/console/:asset',
    handle(deps.logger, (request, response) => {
      const name = String((request.params as Record<string, unknown>).asset ?? '');
      const asset = assets.get(name);
      if (!asset) throw new NotFoundError(`No console file named "${name}"; reload /console to get the current ones.`);
      if (request.headers['if-none-match'] === asset.etag) {
        response.writeHead(304, { etag: asset.etag });
        response.end();
        return;
      }
      send(request, response, asset, { 'cache-control': 'public, max-age=31536000, immutable', etag: asset.etag, 'x-content-type-options': 'nosniff' });
    }),
  );
  server.get(
    '/api/v1/console/session',
    handle(deps.logger, (_request, response) => {
      // Reaching this handler means the global bearer check (if any) let the request through.
      sendJson(response, 200, { tokenRequired: deps.tokenRequired, rulesVersion: deps.ruleSet.version });
    }),
  );
}

function send(request: Request, response: Response, asset: ConsoleAsset, headers: Record<string, string>): void {
  const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  const body = gzip ? asset.gzipped : asset.body;
  response.writeHead(200, {
    'content-type': asset.contentType,
    'content-length': body.length,
    vary: 'accept-encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    ...headers,
  });
  response.end(body);
}
