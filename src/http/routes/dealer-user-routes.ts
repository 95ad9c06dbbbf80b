import type { Request, Server } from 'restify';
import type { DealerUserService } from '../../identity/dealer-user-service.ts';
import { dealerUserInputSchema } from '../../identity/dealer-user.ts';
import type { Logger } from '../../logger.ts';
import { parseJsonBody } from '../request-body.ts';
import { handle, sendJson } from '../server.ts';

/**
 * A dealer's chat users (issue 15): link a Teams user (Azure AD object id) or a web chat user (the id
 * the embedding site signs) to a dealer, list them, unlink one. Protected by API_TOKEN like the rest of /api/v1.
 */
export function registerDealerUserRoutes(server: Server, deps: { users: DealerUserService; logger: Logger }): void {
  server.post(
    '/api/v1/dealers/:id/users',
    handle(deps.logger, async (request, response) => {
      const dealerId = param(request, 'id');
      const input = parseJsonBody(request, dealerUserInputSchema);
      const { user, created } = await deps.users.link(dealerId, input);
      sendJson(response, created ? 201 : 200, user);
    }),
  );
  server.get(
    '/api/v1/dealers/:id/users',
    handle(deps.logger, async (request, response) => {
      sendJson(response, 200, { items: await deps.users.list(param(request, 'id')) });
    }),
  );
  server.del(
    '/api/v1/dealers/:id/users/:userId',
    handle(deps.logger, async (request, response) => {
      await deps.users.remove(param(request, 'id'), param(request, 'userId'));
      response.writeHead(204);
      response.end();
    }),
  );
}

function param(request: Request, name: string): string {
  const params: unknown = request.params;
  const value = typeof params === 'object' && params !== null ? (params as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}
