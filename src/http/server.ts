import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parse as parseQueryString, type ParsedUrlQuery } from 'node:querystring';
import restify, { type Request, type Response, type Server } from 'restify';
import { administrator, type Actor } from '../domain/actor.ts';
import { ConfigError, ForbiddenError, PayloadTooLargeError, UnauthorizedError, ValidationError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { readRequestBody } from './body-reader.ts';
import { toErrorResponse } from './error-response.ts';
import { isLoopbackHost } from '../loopback.ts';
import { setRequestActor } from './request-actor.ts';
import { maxBodyBytes } from './request-body.ts';
import { isPublicRoute } from './route-access.ts';

export type { Request, Response, Server };

// restify 11 has server.first() (hooks run before its handler chain); @types/restify does not list it yet.
declare module 'restify' {
  interface Server {
    first(...handlers: ((request: Request, response: Response) => boolean | undefined)[]): Server;
  }
}

export interface HttpServerOptions {
  logger: Logger;
  /**
   * When set, every route the router matches needs `Authorization: Bearer <token>`, except the routes
   * `isPublicRoute` lets through (src/http/route-access.ts). When unset, the server serves only requests
   * addressed to a loopback host (see `loopbackHostsOnly`).
   */
  apiToken: string | undefined;
  /**
   * The agent a bearer token belongs to, when it is a current (not revoked) agent's token (issue 15).
   * Injected by app.ts; the server never reads the database itself. Without it only API_TOKEN is known.
   */
  agentActorForToken?: (token: string) => Promise<Actor | undefined>;
  /** Decides on the matched route (method, registered path). Default: the table in route-access.ts. */
  isPublicRoute?: (method: string, routePath: string) => boolean;
  /**
   * Answer only requests whose Host (and absolute-form target) is a loopback name or address: a web page
   * on another site cannot reach this server through DNS rebinding. Default: true when apiToken is unset.
   */
  loopbackHostsOnly?: boolean;
}

const requestIds = new WeakMap<Request, string>();
const startTimes = new WeakMap<Request, bigint>();

export function requestIdOf(request: Request): string {
  return requestIds.get(request) ?? 'unknown';
}

/**
 * The restify server with what every route shares: body limits, request ids, auth, error shape, logs.
 *
 * Request ids, the announced-size check and the Host check run in restify's `first` hook: one plain
 * synchronous call before restify's handler chain (which costs a process.nextTick and a handler timer
 * per step). A request refused there (403, 413) is answered and logged there, before routing. The API
 * token is checked in the first `use` step, which restify runs only for a matched route: authorization
 * is decided on that route (deny by default, see route-access.ts), before the body is read. The query
 * string and the body are then read, for matched routes that were let through.
 */
export function createHttpServer(options: HttpServerOptions): Server {
  const { logger } = options;
  const server = restify.createServer({ name: 'lease-return-assistant', handleUncaughtExceptions: false, strictFormatters: false });
  // A client that sends its request and then shuts down its side (Connection: close and a half-close, as
  // raw HTTP/1.1 clients and some proxies do) still gets its answer: by default Node ends such a socket
  // at once, which loses every response that waits on I/O (a PostgreSQL query) rather than on a sync read.
  (server.server as { httpAllowHalfOpen?: boolean }).httpAllowHalfOpen = true;
  const logRequests = logger.isLevelEnabled('info');
  const refuse = (request: Request, response: Response, error: Error): false => {
    sendError(request, response, error, logger);
    if (logRequests) logRequest(request, response);
    return false;
  };
  const authorized = apiTokenCheck(options);
  const hostAllowed = (options.loopbackHostsOnly ?? options.apiToken === undefined) ? loopbackHostCheck : () => undefined;

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
    const refusal = hostAllowed(request);
    return refusal === undefined ? true : refuse(request, response, refusal);
  });
  const readBody = readRequestBody(maxBodyBytes, (request, response, failure) => sendError(request, response, failure, logger));
  server.use((request, response, next) => {
    // An agent's token is looked up in the database (a promise on PostgreSQL); the route is already chosen.
    void authorized(request).then((refusal) => {
      if (refusal !== undefined) {
        // The body is never read, so the connection cannot carry another request.
        if (request.headers['content-length'] !== undefined || request.headers['transfer-encoding'] !== undefined) response.setHeader('connection', 'close');
        sendError(request, response, refusal, logger);
        next(false);
        return;
      }
      request.query = queryOf(request.url);
      readBody(request, response, next);
    });
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
 * Who is calling, decided on the matched route before the body is read. `Authorization: Bearer
 * <API_TOKEN>` is the administrator; a current agent's token (`cli agents add`) is that agent. With
 * API_TOKEN set, every matched route not listed as public needs one of the two. Without API_TOKEN (this
 * machine only) a request without a token is the administrator, and an agent's token still names the
 * agent. A token that is neither (unknown, revoked) is refused in both modes. Public routes run with
 * no actor, or with the one a valid token names (their own guard decides; a Bot Framework or Direct
 * Line token there is not ours to refuse).
 *
 * Returns the error to answer with, or undefined when the request may go on (its actor set). Runs after
 * routing, so `request.getRoute()` is the route the router chose, however its URL was spelled.
 */
function apiTokenCheck(options: HttpServerOptions): (request: Request) => Promise<Error | undefined> {
  const expected = options.apiToken ? Buffer.from(options.apiToken) : undefined;
  const isPublic = options.isPublicRoute ?? isPublicRoute;
  const agentFor = options.agentActorForToken ?? (async () => undefined);
  // The agent lookup reads the database: a failure there (busy, full) is answered like any other (503).
  const actorFor = async (token: string): Promise<Actor | undefined> => {
    if (token === '') return undefined;
    if (expected) {
      const given = Buffer.from(token);
      if (given.length === expected.length && timingSafeEqual(given, expected)) return administrator;
    }
    return agentFor(token);
  };
  const check = async (request: Request): Promise<UnauthorizedError | undefined> => {
    const header = request.headers.authorization ?? '';
    const bearer = /^Bearer\s/i.test(header) ? header.slice(7).trim() : undefined;
    const route: unknown = request.getRoute();
    const routePath = typeof route === 'object' && route !== null ? (route as { path?: unknown }).path : undefined;
    // A route registered with a regular expression has no string path: never public.
    if (typeof routePath === 'string' && isPublic(request.method ?? 'GET', routePath)) {
      const actor = bearer === undefined ? undefined : await actorFor(bearer);
      if (actor) setRequestActor(request, actor);
      return undefined;
    }
    if (bearer === undefined && !expected) {
      // This machine only (loopback mode): whoever reaches the server is its administrator.
      setRequestActor(request, administrator);
      return undefined;
    }
    const actor = bearer === undefined ? undefined : await actorFor(bearer);
    if (actor) {
      setRequestActor(request, actor);
      return undefined;
    }
    if (!expected) return new UnauthorizedError('This token is not a current agent token (unknown or revoked); send none, or a valid one.');
    return new UnauthorizedError(header ? 'The API token is not valid.' : 'This API needs Authorization: Bearer <API_TOKEN> (or an agent token).');
  };
  return async (request) => {
    try {
      return await check(request);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  };
}

/**
 * Without API_TOKEN the server trusts whoever reaches it, which must then be this machine only: the
 * socket is bound to loopback (config.ts), and the Host header (and an absolute-form request target)
 * must name a loopback host, so a page on another site whose name resolves to 127.0.0.1 (DNS
 * rebinding) gets a 403 instead of the API. A request without Host (HTTP/1.0 tools) is not a browser's.
 */
function loopbackHostCheck(request: Request): ForbiddenError | ValidationError | undefined {
  const host = request.headers.host;
  if (host !== undefined && !isLoopbackHost(hostnameOf(host))) {
    return new ForbiddenError(
      `This server answers only requests addressed to this machine (localhost or 127.0.0.1), not "${host.slice(0, 100)}".`,
      'Host',
      'host_not_allowed',
    );
  }
  const url = request.url ?? '/';
  if (!url.startsWith('/')) {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return new ValidationError('The request target is not a valid path or URL.', 'url', 'bad_request_target');
    }
    if (!isLoopbackHost(target.hostname)) {
      return new ForbiddenError('This server answers only requests addressed to this machine (localhost or 127.0.0.1).', 'Host', 'host_not_allowed');
    }
  }
  return undefined;
}

/** "localhost:3978" → "localhost", "[::1]:3978" → "::1", "127.0.0.1" → "127.0.0.1". */
function hostnameOf(host: string): string {
  const trimmed = host.trim().toLowerCase();
  if (trimmed.startsWith('[')) return trimmed.slice(1, Math.max(1, trimmed.indexOf(']')));
  const colon = trimmed.indexOf(':');
  return colon === -1 ? trimmed : trimmed.slice(0, colon);
}

/** The path of a request URL as the router matches it (no query string). */
function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const query = raw.indexOf('?');
  return query === -1 ? raw : raw.slice(0, query);
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

type ServerResponse = import('node:http').ServerResponse;
type Socket = import('node:net').Socket;

/**
 * What closeGracefully needs to let keep-alive clients go at once: the responses still being written, the
 * connections that have not sent a byte yet (a browser's preconnect), and whether the server is closing.
 */
interface Drain {
  closing: boolean;
  inFlight: Set<ServerResponse>;
  unused: Set<Socket>;
}
const drains = new WeakMap<Server, Drain>();

/** Listens on `host:port`; a port in use or an address not on this machine is a ConfigError (one line). */
export async function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  if (!drains.has(server)) {
    const drain: Drain = { closing: false, inFlight: new Set(), unused: new Set() };
    drains.set(server, drain);
    server.server.prependListener('connection', (socket: Socket) => {
      drain.unused.add(socket);
      socket.once('close', () => drain.unused.delete(socket));
    });
    const track = (request: { socket: Socket }, response: ServerResponse): void => {
      drain.unused.delete(request.socket);
      if (drain.closing) {
        response.setHeader('connection', 'close');
        return;
      }
      drain.inFlight.add(response);
      response.once('close', () => drain.inFlight.delete(response));
    };
    // Prepended so they run before restify's handlers, which may answer synchronously. A request with
    // `Expect: 100-continue` comes as 'checkContinue' instead of 'request'.
    server.server.prependListener('request', track);
    server.server.prependListener('checkContinue', track);
  }
  try {
    await new Promise<void>((resolve, reject) => {
      // restify re-emits the http server's 'error' on itself, where an unheard one is thrown: listen there.
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    throw listenError(error, port, host);
  }
  return server.server.address() as AddressInfo;
}

function listenError(error: unknown, port: number, host: string): unknown {
  const code = error instanceof Error && 'code' in error ? String(error.code) : undefined;
  switch (code) {
    case 'EADDRINUSE':
      return new ConfigError(`PORT: ${port} on ${host} is already in use (is the server already running?); stop that process or choose another PORT`);
    case 'EACCES':
      return new ConfigError(`PORT: not allowed to listen on ${port} (ports below 1024 need privileges); choose another PORT`);
    case 'EADDRNOTAVAIL':
      return new ConfigError(`HOST: "${host}" is not an address of this machine`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ConfigError(`HOST: cannot resolve "${host}"`);
    default:
      return error;
  }
}

/**
 * Stops accepting connections and lets in-flight requests finish (up to `graceMs`), then closes the rest.
 * Keep-alive clients would otherwise hold the process for the keep-alive timeout: idle and unused
 * connections close at once, and every response still to be sent carries `Connection: close`.
 */
export async function closeGracefully(server: Server, graceMs = 10_000): Promise<void> {
  if (!server.server.listening) return;
  const closed = new Promise<void>((resolve) => server.server.close(() => resolve()));
  const drain = drains.get(server);
  if (drain) {
    drain.closing = true;
    for (const response of drain.inFlight) {
      if (!response.headersSent) response.setHeader('connection', 'close');
      // Headers already out (a stream): close the connection once it goes idle.
      else response.once('close', () => setImmediate(() => server.server.closeIdleConnections()));
    }
    // Not a byte received: no request to finish (a client that sends one now retries on a new connection).
    for (const socket of drain.unused) if (socket.bytesRead === 0) socket.destroy();
  }
  server.server.closeIdleConnections();
  const timer = setTimeout(() => server.server.closeAllConnections(), graceMs);
  timer.unref();
  await closed;
  clearTimeout(timer);
}
