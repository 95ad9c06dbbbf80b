import type { Server } from 'restify';
import { decisionRequestSchema } from '../../domain/decision-request.ts';
import type { Decision } from '../../domain/decision.ts';
import type { Logger } from '../../logger.ts';
import type { DecisionService } from '../../rules/decision-service.ts';
import { parseJsonBody } from '../request-body.ts';
import { handle, sendJsonText } from '../server.ts';

export function registerDecisionRoutes(server: Server, deps: { decisions: DecisionService; logger: Logger }): void {
  // The service hands back the same Decision object for the same facts, so its ~3 KB of JSON is
  // serialized once per decision rather than once per request.
  const serialized = new WeakMap<Decision, Buffer>();
  server.post(
    '/api/v1/decisions',
    handle(deps.logger, async (request, response) => {
      const facts = parseJsonBody(request, decisionRequestSchema);
      const decision = await deps.decisions.decide(facts);
      let body = serialized.get(decision);
      if (!body) {
        body = Buffer.from(JSON.stringify(decision));
        serialized.set(decision, body);
      }
      sendJsonText(response, 200, body);
    }),
  );
}
