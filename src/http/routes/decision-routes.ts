import type { Server } from 'restify';
import { decisionRequestSchema } from '../../domain/decision-request.ts';
import type { Logger } from '../../logger.ts';
import type { DecisionService } from '../../rules/decision-service.ts';
import { parseJsonBody } from '../request-body.ts';
import { handle, sendJson } from '../server.ts';

export function registerDecisionRoutes(server: Server, deps: { decisions: DecisionService; logger: Logger }): void {
  server.post(
    '/api/v1/decisions',
    handle(deps.logger, async (request, response) => {
      const facts = parseJsonBody(request, decisionRequestSchema);
      sendJson(response, 200, await deps.decisions.decide(facts));
    }),
  );
}
