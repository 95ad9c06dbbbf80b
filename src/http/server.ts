import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import restify, { type Request, type Response, type Server } from 'restify';
import { PayloadTooLargeError, UnauthorizedError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { readRequestBody } from './body-reader.ts';
import { toErrorResponse } from './error-response.ts';
import { maxBodyBytes } from './request-body.ts';

export type { Request, Response, Server };

export interface HttpServerOptions {
  logger: Logger;
  /** When set, every /api/v1 route (except the ones listed in `publicApiPaths`) needs `Authorization: Bearer <token>`. */
  apiToken: string | undefined;
  publicApiPaths?: readonly string[];
}

const requestIds = new WeakMap<Request, string>();
const startTimes = new WeakMap<Request, bigint>();

export function requestIdOf(request: Request): string {
  return requestIds.get(request) ?? 'unknown';
}

/** The restify server with what every route shares: body limits, request ids, auth, error shape, logs. */
export function createHttpServer(options: HttpServerOptions): Server {
  const { logger } = options;
  const server = restify.createServer({ name: 'lease-return-assistant', handleUncaughtExceptions: false, strictFormatters: false });

  server.pre((request, response, next) => {
    const given = request.headers['x-request-id'];
    const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    requestIds.set(request, id);
    startTimes.set(request, process.hrtime.bigint());
    response.setHeader('x-request-id', id);
    // Refuse a body announced as too large before reading any of it.
    const announced = Number(request.headers['content-length'] ?? 0);
    if (announced > maxBodyBytes) {
      response.setHeader('connection', 'close');
      sendError(request, response, new PayloadTooLargeError('The request body is larger than the 1 MB limit.'), logger);
      return next(false);
    }
    next();
  });
  server.use(readRequestBody(maxBodyBytes, (request, response, failure) => sendError(request, response, failure, logger)));
  server.use(restify.plugins.queryParser({ mapParams: false }));
  if (options.apiToken) {
    const expected = Buffer.from(options.apiToken);
    const publicPaths = new Set(options.publicApiPaths ?? []);
    server.use((request, response, next) => {
      const path = request.getPath();
      if (!path.startsWith('/api/v1/') || publicPaths.has(path)) return next();
      const header = request.headers.authorization ?? '';
      const token = Buffer.from(header.startsWith('Bearer ') ? header.slice(7).trim() : '');
      if (token.length === expected.length && timingSafeEqual(token, expected)) return next();
      sendError(request, response, new UnauthorizedError(header ? 'The API token is not valid.' : 'This API needs Authorization: Bearer <API_TOKEN>.'), logger);
      return next(false);
    });
  }

  // restify's own errors (404 for an unknown route, 405, ...) get our shape too.
  server.on('restifyError', (request: Request, _response: Response, error: Error & { toJSON?: () => unknown }, callback: () => void) => {
    const mapped = toErrorResponse(error);
    if (mapped.unexpected) logger.error({ reqId: requestIdOf(request), err: error }, 'unhandled error in request');
    error.toJSON = () => mapped.body;
    return callback();
  });
  server.on('after', (request: Request, response: Response) => {
    if (!logger.isLevelEnabled('info')) return;
    const started = startTimes.get(request);
    const ms = started === undefined ? undefined : Number(process.hrtime.bigint() - started) / 1e6;
    logger.info({ reqId: requestIdOf(request), method: request.method, path: loggablePath(request.getPath()), status: response.statusCode, ms }, 'request');
  });
  return server;
}

/** The local Direct Line's reply address carries a per-conversation key; it never goes into a log line. */
function loggablePath(path: string): string {
  return path.replace(/^\/directline\/connector\/[^/]+/, '/directline/connector/[key]');
}

export function sendJson(response: Response, status: number, body: unknown): void {
  sendJsonText(response, status, JSON.stringify(body));
}

/** Sends JSON already serialized (for bodies a route memoizes); the body is sent as one Buffer. */
export function sendJsonText(response: Response, status: number, json: string | Buffer): void {
  const payload = typeof json === 'string' ? Buffer.from(json) : json;
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': payload.length });
  response.end(payload);
}

export function sendError(request: Request, response: Response, error: unknown, logger: Logger): void {
  const mapped = toErrorResponse(error);
  if (mapped.unexpected) logger.error({ reqId: requestIdOf(request), err: error }, 'request failed');
  if (!response.headersSent) sendJson(response, mapped.status, mapped.body);
}

export type RouteHandler = (request: Request, response: Response) => Promise<void> | void;

/** Wraps a route so any error it throws becomes our error response (and is logged if unexpected). */
export function handle(logger: Logger, handler: RouteHandler): (request: Request, response: Response) => Promise<void> {
  return async (request, response) => {
    try {
      await handler(request, response);
    } catch (error) {
      sendError(request, response, error, logger);
    }
  };
}

export async function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  return server.server.address() as AddressInfo;
}

/** Stops accepting connections, lets in-flight requests finish (up to `graceMs`), then closes the rest. */
export async function closeGracefully(server: Server, graceMs = 10_000): Promise<void> {
  if (!server.server.listening) return;
  const closed = new Promise<void>((resolve) => server.server.close(() => resolve()));
  server.server.closeIdleConnections();
  const timer = setTimeout(() => server.server.closeAllConnections(), graceMs);
  timer.unref();
  await closed;
  clearTimeout(timer);
}
