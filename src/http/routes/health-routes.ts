import type { Server } from 'restify';
import type { Logger } from '../../logger.ts';
import type { StorageEngine } from '../../storage/storage-engine.ts';
import { toErrorResponse } from '../error-response.ts';
import { handle, sendJson } from '../server.ts';

export interface HealthRouteDeps {
  /** The storage engine in use: SQLite's write probe, or a PostgreSQL pool that can take a write. */
  readiness: Pick<StorageEngine, 'checkReady'>;
  logger: Logger;
}

/**
 * GET /healthz is liveness: the process answers (restart it if not). GET /readyz is readiness: the
 * database can take a write now (send no traffic while it cannot: a full disk, a database locked by
 * another program, a read-only or damaged file). Both are public and outside /api/v1 (route-access.ts).
 */
export function registerHealthRoutes(server: Server, deps: HealthRouteDeps): void {
  let lastCode: string | undefined;

  server.get('/healthz', (_request, response, next) => {
    sendJson(response, 200, { status: 'ok' });
    next();
  });

  server.get(
    '/readyz',
    handle(deps.logger, async (_request, response) => {
      const failure = await deps.readiness.checkReady();
      // Said once per change, not once per probe: orchestrators ask every few seconds.
      if (failure?.code !== lastCode) {
        if (failure) deps.logger.warn({ code: failure.code, err: failure.cause }, 'not ready: the database cannot take a write');
        else deps.logger.info('ready: the database takes writes again');
        lastCode = failure?.code;
      }
      if (!failure) {
        sendJson(response, 200, { status: 'ready' });
        return;
      }
      const mapped = toErrorResponse(failure);
      for (const [name, value] of Object.entries(mapped.headers ?? {})) response.setHeader(name, value);
      sendJson(response, mapped.status, { status: 'not_ready', error: mapped.body.error });
    }),
  );
}
