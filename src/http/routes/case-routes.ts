import type { Server } from 'restify';
import { caseEventInputSchema, caseListQuerySchema, openCaseInputSchema } from '../../cases/case-schemas.ts';
import type { CaseService } from '../../cases/case-service.ts';
import type { Logger } from '../../logger.ts';
import { validationErrorFrom } from '../../validation-errors.ts';
import { parseJsonBody } from '../request-body.ts';
import { handle, sendJson } from '../server.ts';

export function registerCaseRoutes(server: Server, deps: { cases: CaseService; logger: Logger }): void {
  server.post(
    '/api/v1/cases',
    handle(deps.logger, async (request, response) => {
      const input = parseJsonBody(request, openCaseInputSchema);
      sendJson(response, 201, await deps.cases.openCase(input));
    }),
  );
  server.post(
    '/api/v1/cases/:vin/events',
    handle(deps.logger, async (request, response) => {
      const input = parseJsonBody(request, caseEventInputSchema);
      sendJson(response, 201, await deps.cases.recordEvent(String(request.params.vin), input));
    }),
  );
  server.get(
    '/api/v1/cases/:vin',
    handle(deps.logger, async (request, response) => {
      sendJson(response, 200, await deps.cases.getCase(String(request.params.vin)));
    }),
  );
  server.get(
    '/api/v1/cases',
    handle(deps.logger, async (request, response) => {
      const query: unknown = request.query ?? {};
      const parsed = caseListQuerySchema.safeParse(query);
      if (!parsed.success) throw validationErrorFrom(parsed.error);
      sendJson(response, 200, await deps.cases.listCases(parsed.data));
    }),
  );
}
