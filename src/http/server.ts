import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parse as parseQueryString, type ParsedUrlQuery } from 'node:querystring';
import restify, { type Request, type Response, type Server } from 'restify';
import { PayloadTooLargeError, UnauthorizedError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { readRequestBody } from './body-reader.ts';
import { toErrorResponse } from './error-response.ts';
import { maxBodyBytes } from './request-body.ts';

export type { Request, Response, Server };

// restify 11 has server.first() (hooks run before its handler chain); @types/restify does not list it yet.
declare module 'restify' {
  interface Server {
    first(...handlers: ((request: Request, response: Response) => boolean | undefined)[]): Server;
  }
}

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

/**
 * The restify server with what every route shares: body limits, request ids, auth, error shape, logs.
 *
 * Request ids, the announced-size check and the API token run in restify's `first` hook: one plain
 * synchronous call before restify's handler chain (which costs a process.nextTick and a handler timer
 * per step). A request refused there (401, 413) is answered and logged there, before routing, and its
 * body is never read. The query string and the body are then read in one `use` step, for matched routes.
 */
export function createHttpServer(options: HttpServerOptions): Server {
  const { logger } = options;
  const server = restify.createServer({ name: 'lease-return-assistant', handleUncaughtExceptions: false, strictFormatters: false });
  const logRequests = logger.isLevelEnabled('info');
  const refuse = (request: Request, response: Response, error: Error): false => {
    sendError(request, response, error, logger);
    if (logRequests) logRequest(request, response);
    return false;
  };
  const authorized = apiTokenCheck(options);

  server.first((request, response) => {
    const given = request.headers['x-request-id'];
    const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    requestIds.set(request, id);
    if (logRequests) startTimes.set(request, process.hrtime.bigint());
    response.setHeader('x-request-id', id);
    // Refuse a body announced as too large before reading any of it.
    const announced = Number(request.headers['content-length'] ?? 0);
    if (announced > maxBodyBytes) {
      response.setHeader('connection', 'close');
      return refuse(request, response, new PayloadTooLargeError('The request body is larger than the 1 MB limit.'));
    }
    const refusal = authorized(request);
    return refusal === undefined ? true : refuse(request, response, refusal);
  });
  const readBody = readRequestBody(maxBodyBytes, (request, response, failure) => sendError(request, response, failure, logger));
  server.use((request, response, next) => {
    request.query = queryOf(request.url);
    readBody(request, response, next);
  });

  // restify's own errors (404 for an unknown route, 405, ...) get our shape too.
  server.on('restifyError', (request: Request, response: Response, error: Error & { toJSON?: () => unknown }, callback: () => void) => {
    const mapped = toErrorResponse(error);
    if (mapped.unexpected) logger.error({ reqId: requestIdOf(request), err: error }, 'unhandled error in request');
    for (const [name, value] of Object.entries(mapped.headers ?? {})) response.setHeader(name, value);
    error.toJSON = () => mapped.body;
    return callback();
  });
  // One line per request at info level; below it, restify is not even asked to report finished requests.
  if (logRequests) server.on('after', (request: Request, response: Response) => logRequest(request, response));
  return server;

  function logRequest(request: Request, response: Response): void {
    const started = startTimes.get(request);
    const ms = started === undefined ? undefined : Number(process.hrtime.bigint() - started) / 1e6;
    logger.info({ reqId: requestIdOf(request), method: request.method, path: loggablePath(pathOf(request.url)), status: response.statusCode, ms }, 'request');
  }
}

/**
 * With API_TOKEN set: every /api/v1 path except the public ones needs `Authorization: Bearer <API_TOKEN>`.
 * Returns the error to answer with, or undefined when the request may go on.
 */
function apiTokenCheck(options: HttpServerOptions): (request: Request) => UnauthorizedError | undefined {
  if (!options.apiToken) return () => undefined;
  const expected = Buffer.from(options.apiToken);
  const publicPaths = new Set(options.publicApiPaths ?? []);
  return (request) => {
    const path = routedPathOf(request.url);
    if (path !== undefined && (!path.startsWith('/api/v1/') || publicPaths.has(path))) return undefined;
    const header = request.headers.authorization ?? '';
    const token = Buffer.from(header.startsWith('Bearer ') ? header.slice(7).trim() : '');
    if (token.length === expected.length && timingSafeEqual(token, expected)) return undefined;
    return new UnauthorizedError(header ? 'The API token is not valid.' : 'This API needs Authorization: Bearer <API_TOKEN>.');
  };
}

/** The path of a request URL as the router matches it (no query string). */
function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const query = raw.indexOf('?');
  return query === -1 ? raw : raw.slice(0, query);
}

/**
 * The path the router matches: find-my-way decodes percent-escapes, so "/%61pi/v1/cases" reaches the
 * cases route and must need the token like "/api/v1/cases". Undefined when it cannot be decoded (then
 * the token is required). Decoding "%2F" too only ever makes more paths look protected.
 */
function routedPathOf(url: string | undefined): string | undefined {
  try {
    return decodeURIComponent(pathOf(url));
  } catch {
    return undefined;
  }
}

/** The query string as an object; a repeated key becomes an array (as restify's queryParser did). */
function queryOf(url: string | undefined): ParsedUrlQuery {
  const raw = url ?? '';
  const start = raw.indexOf('?');
  return start === -1 ? {} : { ...parseQueryString(raw.slice(start + 1)) };
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
  if (response.headersSent) return;
  for (const [name, value] of Object.entries(mapped.headers ?? {})) response.setHeader(name, value);
  sendJson(response, mapped.status, mapped.body);
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
