import type { Server } from 'restify';
import twilio from 'twilio';
import { z } from 'zod';
import { ForbiddenError, ValidationError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { noticeSettingsUpdateSchema } from '../../notices/notice.ts';
import type { NoticeService } from '../../notices/notice-service.ts';
import { parseJsonBody, readForm } from '../request-body.ts';
import { handle, requestIdOf, sendJson } from '../server.ts';

/** The path Twilio posts delivery statuses to; the sender gives Twilio PUBLIC_BASE_URL + this. */
export const smsStatusCallbackPath = '/api/v1/sms/status';

const statusCallbackSchema = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, 'must be a Twilio message SID'),
  MessageStatus: z.string().regex(/^[a-z-]{1,20}$/, 'must be a Twilio message status'),
  ErrorCode: z
    .string()
    .regex(/^\d{1,6}$/)
    .optional(),
});

export function registerNoticeRoutes(
  server: Server,
  deps: { notices: NoticeService; logger: Logger; twilio: { authToken: string; publicBaseUrl: string } | undefined },
): void {
  server.get(
    '/api/v1/dealers/:id/notice-settings',
    handle(deps.logger, async (request, response) => {
      sendJson(response, 200, await deps.notices.settings(String(request.params.id)));
    }),
  );
  server.put(
    '/api/v1/dealers/:id/notice-settings',
    handle(deps.logger, async (request, response) => {
      const update = parseJsonBody(request, noticeSettingsUpdateSchema);
      sendJson(response, 200, await deps.notices.updateSettings(String(request.params.id), update));
    }),
  );
  server.get(
    '/api/v1/cases/:vin/notices',
    handle(deps.logger, async (request, response) => {
      sendJson(response, 200, await deps.notices.listForCase(String(request.params.vin)));
    }),
  );

  // Twilio's status callback: public (Twilio cannot send our bearer token), so only registered where
  // Twilio signs its requests (TWILIO_AUTH_TOKEN and PUBLIC_BASE_URL are set with TWILIO_ACCOUNT_SID).
  const signing = deps.twilio;
  if (!signing) return;
  server.post(
    smsStatusCallbackPath,
    handle(deps.logger, async (request, response) => {
      const form = readForm(request);
      const url = `${signing.publicBaseUrl}${request.url ?? request.getPath()}`;
      const header = request.headers['x-twilio-signature'];
      if (typeof header !== 'string' || !twilio.validateRequest(signing.authToken, header, url, Object.fromEntries(form))) {
        deps.logger.warn({ reqId: requestIdOf(request), signed: header !== undefined }, 'sms status callback refused: bad signature');
        throw new ForbiddenError('The X-Twilio-Signature header is missing or does not match this request.');
      }
      const parsed = statusCallbackSchema.safeParse(Object.fromEntries(form));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ValidationError(`${String(issue?.path[0] ?? 'MessageSid')} ${issue?.message ?? 'is not valid'}.`, String(issue?.path[0] ?? 'MessageSid'));
      }
      const known = await deps.notices.recordDeliveryStatus(parsed.data.MessageSid, parsed.data.MessageStatus, parsed.data.ErrorCode ?? null);
      deps.logger.info({ sid: parsed.data.MessageSid, status: parsed.data.MessageStatus, notice: known }, 'sms delivery status');
      // Twilio only needs a 2xx; an unknown SID (a link code, a handoff reply) is not an error to it.
      response.writeHead(204);
      response.end();
    }),
  );
}
