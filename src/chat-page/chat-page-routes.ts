import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { transformSync } from 'esbuild';
import type { Request, Response, Server } from 'restify';
import { handle } from '../http/server.ts';
import type { Logger } from '../logger.ts';
import { renderChatPage } from './chat-page-html.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const gzipAsync = promisify(gzip);

/**
 * Web Chat is served from this server, never a CDN: the page works offline. Its style engine injects
 * <style> elements (hence 'unsafe-inline' for styles only); scripts come from our own origin only.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

interface Asset {
  body: Buffer;
  gzipped: Buffer | undefined;
  contentType: string;
  etag: string;
}

/** Where the botframework-webchat package lives (its `exports` hide dist/, so find the folder itself). */
export function webChatPackageDir(): string {
  const entry = createRequire(import.meta.url).resolve('botframework-webchat');
  let dir = path.dirname(entry);
  while (path.basename(dir) !== 'botframework-webchat' && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export interface ChatPageDeps {
  logger: Logger;
  /** API_TOKEN is set: the page asks for it before starting a conversation (the Direct Line requires it). */
  apiTokenRequired?: boolean;
}

/** GET /chat and its assets: the page, its script and styles (content-hashed), and Web Chat's bundle (versioned). */
export function registerChatPageRoutes(server: Server, deps: ChatPageDeps): void {
  const packageDir = webChatPackageDir();
  const version = readPackageVersion(path.join(packageDir, 'package.json'));
  const pageScript = textAsset(
    transformSync(readFileSync(path.join(here, 'browser', 'chat-client.ts'), 'utf8'), { loader: 'ts', format: 'iife', target: 'es2020' }).code,
    'text/javascript; charset=utf-8',
  );
  const pageStyles = textAsset(readFileSync(path.join(here, 'chat-page.css'), 'utf8'), 'text/css; charset=utf-8');
  const urls = {
    webChatScript: `/chat/assets/webchat-${version}.js`,
    pageScript: `/chat/assets/chat-page-${pageScript.etag.slice(1, 13)}.js`,
    pageStyles: `/chat/assets/chat-page-${pageStyles.etag.slice(1, 13)}.css`,
  };
  const page = textAsset(renderChatPage(urls, { apiTokenRequired: deps.apiTokenRequired ?? false }), 'text/html; charset=utf-8');

  // 3.9 MB: read and compressed on first request only, then kept (a test app that never opens /chat pays nothing).
  let webChatBundle: Promise<Asset> | undefined;
  const loadWebChat = (): Promise<Asset> => {
    webChatBundle ??= readFile(path.join(packageDir, 'dist', 'webchat.js')).then(async (body) => ({
      body,
      gzipped: await gzipAsync(body),
      contentType: 'text/javascript; charset=utf-8',
      etag: `"webchat-${version}"`,
    }));
    webChatBundle.catch(() => {
      webChatBundle = undefined;
    });
    return webChatBundle;
  };

  const immutable = 'public, max-age=31536000, immutable';
  server.get(
    '/chat',
    handle(deps.logger, (request, response) => {
      response.setHeader('content-security-policy', contentSecurityPolicy);
      response.setHeader('referrer-policy', 'no-referrer');
      // Revalidate: a new deployment changes the asset URLs inside the page.
      send(request, response, page, 'no-cache');
    }),
  );
  server.get(
    urls.webChatScript,
    handle(deps.logger, async (request, response) => {
      send(request, response, await loadWebChat(), immutable);
    }),
  );
  server.get(
    urls.pageScript,
    handle(deps.logger, (request, response) => send(request, response, pageScript, immutable)),
  );
  server.get(
    urls.pageStyles,
    handle(deps.logger, (request, response) => send(request, response, pageStyles, immutable)),
  );
}

function textAsset(text: string, contentType: string): Asset {
  const body = Buffer.from(text, 'utf8');
  return { body, gzipped: undefined, contentType, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"` };
}

function send(request: Request, response: Response, asset: Asset, cacheControl: string): void {
  const headers: Record<string, string | number> = {
    'content-type': asset.contentType,
    'cache-control': cacheControl,
    etag: asset.etag,
    'x-content-type-options': 'nosniff',
  };
  if (asset.gzipped) headers.vary = 'accept-encoding';
  if (request.headers['if-none-match'] === asset.etag) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  const useGzip = asset.gzipped !== undefined && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  const body = useGzip && asset.gzipped ? asset.gzipped : asset.body;
  if (useGzip) headers['content-encoding'] = 'gzip';
  headers['content-length'] = body.length;
  response.writeHead(200, headers);
  response.end(body);
}

function readPackageVersion(file: string): string {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const version = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).version : undefined;
  return typeof version === 'string' && /^[\w.-]+$/.test(version) ? version : 'current';
}
