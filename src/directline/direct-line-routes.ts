import type { Request, Response, Server } from 'restify';
import { validationErrorFrom } from '../validation-errors.ts';
import { readJson } from '../http/request-body.ts';
import { handle, sendJson } from '../http/server.ts';
import type { Logger } from '../logger.ts';
import { watermarkSchema } from './activity-schemas.ts';
import { isSameHost } from './connector-keys.ts';
import { callerKeyOf } from './caller-key.ts';
import { ConnectorForbiddenError, TooManyConversationsError } from './direct-line-errors.ts';
import { connectorPathPrefix, type DirectLineService } from './direct-line-service.ts';

export const directLinePathPrefix = '/v3/directline';

/** The client side: the subset of Direct Line 3.0 that Web Chat (DirectLineJS) uses in polling mode. */
export function registerDirectLineRoutes(server: Server, deps: { service: DirectLineService; logger: Logger }): void {
  const { service, logger } = deps;
  const route = (handler: (request: Request, response: Response) => Promise<void> | void) =>
    handle(logger, (request, response) => {
      // Tokens and conversation content: never cached by a browser or a proxy.
      response.setHeader('cache-control', 'no-store');
      return handler(request, response);
    });

  server.post(
    `${directLinePathPrefix}/conversations`,
    route(async (request, response) => {
      try {
        const { created, grant } = await service.start(request.headers.authorization, () => optionalJson(request), callerKeyOf(request.socket.remoteAddress));
        sendJson(response, created ? 201 : 200, grant);
      } catch (error) {
        if (error instanceof TooManyConversationsError) {
          logger.warn({ caller: callerKeyOf(request.socket.remoteAddress) }, 'direct line: conversation start refused, caller over its limits');
        }
        throw error;
      }
    }),
  );
  server.get(
    `${directLinePathPrefix}/conversations/:conversationId`,
    route(async (request, response) => {
      sendJson(response, 200, await service.reconnect(request.headers.authorization, param(request, 'conversationId')));
    }),
  );
  server.get(
    `${directLinePathPrefix}/conversations/:conversationId/activities`,
    route(async (request, response) => {
      const given = queryValue(request, 'watermark');
      const watermark = watermarkSchema.safeParse(given);
      if (!watermark.success) throw validationErrorFrom(watermark.error, given, 'watermark');
      sendJson(response, 200, await service.activities(request.headers.authorization, param(request, 'conversationId'), watermark.data));
    }),
  );
  server.post(
    `${directLinePathPrefix}/conversations/:conversationId/activities`,
    route(async (request, response) => {
      sendJson(response, 200, await service.post(request.headers.authorization, param(request, 'conversationId'), () => readJson(request)));
    }),
  );
  server.post(
    `${directLinePathPrefix}/tokens/refresh`,
    route(async (request, response) => {
      sendJson(response, 200, await service.refresh(request.headers.authorization));
    }),
  );
}

/**
 * The bot side: the Bot Connector calls botbuilder makes on the `serviceUrl` we gave it. Only from
 * this machine, and only with the conversation's key in the path (see connector-keys.ts).
 */
export function registerConnectorRoutes(server: Server, deps: { service: DirectLineService; logger: Logger }): void {
  const { service, logger } = deps;
  const base = `${connectorPathPrefix}/:key/v3/conversations/:conversationId`;
  const route = (handler: (request: Request, response: Response) => Promise<void> | void) =>
    handle(logger, (request, response) => {
      if (!isSameHost(request.socket.remoteAddress, request.socket.localAddress)) {
        logger.warn({ remoteAddress: request.socket.remoteAddress }, 'direct line: connector call from another host refused');
        throw new ConnectorForbiddenError('The connector only takes calls from the bot on this machine.');
      }
      return handler(request, response);
    });

  server.post(
    `${base}/activities`,
    route(async (request, response) => {
      sendJson(response, 200, await service.fromBot(param(request, 'key'), param(request, 'conversationId'), () => readJson(request)));
    }),
  );
  server.post(
    `${base}/activities/:activityId`,
    route(async (request, response) => {
      sendJson(
        response,
        200,
        await service.fromBot(param(request, 'key'), param(request, 'conversationId'), () => readJson(request), param(request, 'activityId')),
      );
    }),
  );
  server.put(
    `${base}/activities/:activityId`,
    route(async (request, response) => {
      sendJson(
        response,
        200,
        await service.updateFromBot(param(request, 'key'), param(request, 'conversationId'), param(request, 'activityId'), () => readJson(request)),
      );
    }),
  );
  server.del(
    `${base}/activities/:activityId`,
    route(async (request, response) => {
      await service.deleteFromBot(param(request, 'key'), param(request, 'conversationId'), param(request, 'activityId'));
      sendJson(response, 200, {});
    }),
  );
  server.get(
    `${base}/members`,
    route(async (request, response) => {
      sendJson(response, 200, await service.members(param(request, 'key'), param(request, 'conversationId')));
    }),
  );
}

function param(request: Request, name: string): string {
  const params: unknown = request.params;
  const value = typeof params === 'object' && params !== null ? (params as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

function queryValue(request: Request, name: string): unknown {
  const query: unknown = request.query;
  if (typeof query !== 'object' || query === null) return undefined;
  const value = (query as Record<string, unknown>)[name];
  return Array.isArray(value) ? value[0] : value;
}

/** DirectLineJS starts a conversation with a JSON body, other clients with none: both are fine. */
function optionalJson(request: Request): unknown {
  const body: unknown = request.body;
  const empty = body === undefined || body === null || (Buffer.isBuffer(body) ? body.length === 0 : typeof body === 'string' && body.trim() === '');
  return empty ? undefined : readJson(request);
}
