import type { Server } from 'restify';
import type { CaseNotes, NoteView } from '../../cases/case-notes.ts';
import { noteInputSchema } from '../../cases/case-notes.ts';
import { caseEventInputSchema, caseListQuerySchema, openCaseInputSchema } from '../../cases/case-schemas.ts';
import type { CaseService, CaseView } from '../../cases/case-service.ts';
import type { Logger } from '../../logger.ts';
import { validationErrorFrom } from '../../validation-errors.ts';
import { actorOf } from '../request-actor.ts';
import { parseJsonBody } from '../request-body.ts';
import { handle, sendJson } from '../server.ts';

export function registerCaseRoutes(server: Server, deps: { cases: CaseService; notes: CaseNotes; logger: Logger }): void {
  // A case is always sent with its call notes (kept apart from its events).
  const withNotes = async (view: CaseView): Promise<CaseView & { notes: NoteView[] }> => ({ ...view, notes: await deps.notes.forCase(view.vin) });
  server.post(
    '/api/v1/cases',
    handle(deps.logger, async (request, response) => {
      const input = parseJsonBody(request, openCaseInputSchema);
      sendJson(response, 201, await withNotes(await deps.cases.openCase(input, actorOf(request))));
    }),
  );
  server.post(
    '/api/v1/cases/:vin/events',
    handle(deps.logger, async (request, response) => {
      const input = parseJsonBody(request, caseEventInputSchema);
      sendJson(response, 201, await withNotes(await deps.cases.recordEvent(String(request.params.vin), input, actorOf(request))));
    }),
  );
  server.post(
    '/api/v1/cases/:vin/notes',
    handle(deps.logger, async (request, response) => {
      const input = parseJsonBody(request, noteInputSchema);
      sendJson(response, 201, await deps.notes.add(String(request.params.vin), input, actorOf(request)));
    }),
  );
  server.get(
    '/api/v1/cases/:vin',
    handle(deps.logger, async (request, response) => {
      sendJson(response, 200, await withNotes(await deps.cases.getCase(String(request.params.vin))));
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
