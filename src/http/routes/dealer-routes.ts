import type { Server } from 'restify';
import { dealerInputSchema } from '../../cases/case-schemas.ts';
import type { CaseService } from '../../cases/case-service.ts';
import type { Logger } from '../../logger.ts';
import { parseJsonBody } from '../request-body.ts';
import { handle, sendJson } from '../server.ts';

export function registerDealerRoutes(server: Server, deps: { cases: CaseService; logger: Logger }): void {
  server.post(
    '/api/v1/dealers',
    handle(deps.logger, async (request, response) => {
      const input = parseJsonBody(request, dealerInputSchema);
      sendJson(response, 201, await deps.cases.registerDealer(input));
    }),
  );
  server.get(
    '/api/v1/dealers/:id',
    handle(deps.logger, async (request, response) => {
      sendJson(response, 200, await deps.cases.getDealer(String(request.params.id)));
    }),
  );
}
