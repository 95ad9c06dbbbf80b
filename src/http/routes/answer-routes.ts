import type { Server } from 'restify';
import { answerRequestSchema, type AnswerService } from '../../knowledge/answer-service.ts';
import type { Logger } from '../../logger.ts';
import { parseJsonBody } from '../request-body.ts';
import { handle, sendJson } from '../server.ts';

export function registerAnswerRoutes(server: Server, deps: { answers: AnswerService; logger: Logger }): void {
  server.post(
    '/api/v1/answers',
    handle(deps.logger, async (request, response) => {
      const body = parseJsonBody(request, answerRequestSchema);
      sendJson(response, 200, await deps.answers.answer(body));
    }),
  );
}
