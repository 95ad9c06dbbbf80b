import type { Server } from 'restify';
import { sendJson } from '../server.ts';

export function registerHealthRoutes(server: Server): void {
  server.get('/healthz', (_request, response, next) => {
    sendJson(response, 200, { status: 'ok' });
    next();
  });
}
