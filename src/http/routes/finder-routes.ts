import type { Server } from 'restify';
import { searchQuerySchema, type CaseFinder, type Queue } from '../../cases/case-finder.ts';
import type { Logger } from '../../logger.ts';
import { validationErrorFrom } from '../../validation-errors.ts';
import { handle, sendJson } from '../server.ts';

/**
 * One queue of the console's queue panel. The case queues come from the CaseFinder; another feature
 * adds its own queue (the handoffs waiting, issue 15) by passing one more source in app.ts:
 * `{ load: () => handoffs.queue() }` returning `{ id: 'handoffs', title, count, rows }`.
 */
export interface QueueSource {
  load(): Promise<Queue | Queue[]>;
}

/**
 * GET /api/v1/search?q=… — cases by full VIN or its last 6+ characters, dealer name, or dealer phone.
 * GET /api/v1/queues — `{ queues: [{ id, title, count, rows }] }`: overdue, due today, holds ending
 * within 24 hours, then any other source's queues, in the order the sources are given.
 * (Not under /api/v1/cases/: a path there would shadow a VIN suffix spelled like it.)
 */
export function registerFinderRoutes(server: Server, deps: { finder: CaseFinder; queueSources: readonly QueueSource[]; logger: Logger }): void {
  server.get(
    '/api/v1/search',
    handle(deps.logger, async (request, response) => {
      const query: unknown = request.query ?? {};
      const parsed = searchQuerySchema.safeParse(query);
      if (!parsed.success) throw validationErrorFrom(parsed.error, query);
      sendJson(response, 200, await deps.finder.search(parsed.data.q));
    }),
  );
  server.get(
    '/api/v1/queues',
    handle(deps.logger, async (_request, response) => {
      const queues: Queue[] = [];
      for (const source of [{ load: () => deps.finder.caseQueues() }, ...deps.queueSources]) queues.push(...[await source.load()].flat());
      sendJson(response, 200, { queues });
    }),
  );
}
