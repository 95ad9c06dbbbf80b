import type { Request, Server } from 'restify';
import { NotFoundError } from '../../errors.ts';
import { agentReplyInputSchema, handoffIdSchema, handoffListQuerySchema, handoffMessagesQuerySchema } from '../../handoffs/handoff-schemas.ts';
import type { HandoffService } from '../../handoffs/handoff-service.ts';
import type { Logger } from '../../logger.ts';
import { validationErrorFrom } from '../../validation-errors.ts';
import { actorOf } from '../request-actor.ts';
import { parseJsonBody } from '../request-body.ts';
import { handle, sendJson } from '../server.ts';

/**
 * Handoff to a person, for the console (issue 15): the queue with its counts, one handoff with its
 * transcript, facts, case and messages, and an agent taking it, replying and ending it. Every route is
 * protected (deny by default); what an agent writes records who they are (actorOf).
 */
export function registerHandoffRoutes(server: Server, deps: { handoffs: HandoffService; logger: Logger }): void {
  const { handoffs, logger } = deps;
  server.get(
    '/api/v1/handoffs',
    handle(logger, async (request, response) => {
      const parsed = handoffListQuerySchema.safeParse(request.query ?? {});
      if (!parsed.success) throw validationErrorFrom(parsed.error);
      response.setHeader('cache-control', 'no-store');
      sendJson(response, 200, await handoffs.list(parsed.data.status, parsed.data.limit));
    }),
  );
  server.get(
    '/api/v1/handoffs/:id',
    handle(logger, async (request, response) => {
      response.setHeader('cache-control', 'no-store');
      sendJson(response, 200, await handoffs.get(idOf(request)));
    }),
  );
  server.get(
    '/api/v1/handoffs/:id/messages',
    handle(logger, async (request, response) => {
      const parsed = handoffMessagesQuerySchema.safeParse(request.query ?? {});
      if (!parsed.success) throw validationErrorFrom(parsed.error);
      response.setHeader('cache-control', 'no-store');
      sendJson(response, 200, { items: await handoffs.messages(idOf(request), parsed.data.after) });
    }),
  );
  server.post(
    '/api/v1/handoffs/:id/take',
    handle(logger, async (request, response) => {
      sendJson(response, 200, await handoffs.take(idOf(request), actorOf(request)));
    }),
  );
  server.post(
    '/api/v1/handoffs/:id/messages',
    handle(logger, async (request, response) => {
      const id = idOf(request);
      const input = parseJsonBody(request, agentReplyInputSchema);
      sendJson(response, 201, await handoffs.reply(id, actorOf(request), input.text));
    }),
  );
  server.post(
    '/api/v1/handoffs/:id/end',
    handle(logger, async (request, response) => {
      sendJson(response, 200, await handoffs.end(idOf(request), actorOf(request)));
    }),
  );
}

/** A handoff id is a UUID; anything else cannot name one (404, like an unknown id). */
function idOf(request: Request): string {
  const params: unknown = request.params;
  const raw = typeof params === 'object' && params !== null ? (params as Record<string, unknown>).id : undefined;
  const parsed = handoffIdSchema.safeParse(raw);
  if (!parsed.success) throw new NotFoundError(`No handoff with id "${String(raw).slice(0, 64)}".`, 'id');
  return parsed.data;
}
