import type { Request, Server } from 'restify';
import { ForbiddenError, ValidationError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { SmsService } from '../../sms/sms-service.ts';
import { isSignedByTwilio, twimlReply } from '../../sms/twilio-webhook.ts';
import { readForm } from '../request-body.ts';
import { handle, requestIdOf } from '../server.ts';

export interface SmsRouteDeps {
  sms: SmsService;
  logger: Logger;
  /** When set, every webhook must carry a valid X-Twilio-Signature computed over publicBaseUrl + path. */
  twilioAuthToken: string | undefined;
  publicBaseUrl: string | undefined;
}

/** The Twilio messaging webhook: form-encoded in, TwiML out. Public (no API token); the signature protects it. */
export function registerSmsRoutes(server: Server, deps: SmsRouteDeps): void {
  server.post(
    '/api/v1/sms',
    handle(deps.logger, async (request, response) => {
      if (!deps.twilioAuthToken) refuseBrowserPosts(request);
      const form = readForm(request);
      if (deps.twilioAuthToken) {
        // Twilio signs the public URL it called, which a proxy or tunnel may hide from us: rebuild it from PUBLIC_BASE_URL.
        const url = `${(deps.publicBaseUrl ?? '').replace(/\/+$/, '')}${request.url ?? request.getPath()}`;
        const header = request.headers['x-twilio-signature'];
        if (!isSignedByTwilio(deps.twilioAuthToken, url, form, typeof header === 'string' ? header : undefined)) {
          deps.logger.warn({ reqId: requestIdOf(request), signed: header !== undefined }, 'sms webhook refused: bad signature');
          throw new ForbiddenError('The X-Twilio-Signature header is missing or does not match this request.');
        }
      }
      const messageSid = form.get('MessageSid') ?? form.get('SmsSid');
      if (!messageSid) throw new ValidationError('MessageSid is required.', 'MessageSid', 'missing_field');
      const from = form.get('From');
      if (!from) throw new ValidationError('From is required.', 'From', 'missing_field');
      const reply = await deps.sms.answer({ messageSid, from, body: form.get('Body') ?? '' });
      const payload = twimlReply(reply);
      response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': Buffer.byteLength(payload) });
      response.end(payload);
    }),
  );
}

/**
 * Without signatures, anyone who can reach the webhook can text as whichever phone they name, so a web page must not be
 * able to make a visitor's browser do it (a cross-site form post needs no CORS permission). Twilio sends
 * neither `Origin` nor `Sec-Fetch-Site`; a browser sends at least one of them on a cross-site POST.
 */
function refuseBrowserPosts(request: Request): void {
  const fetchSite = request.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string' && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    throw new ForbiddenError('The SMS webhook does not take posts from web pages on other sites.', 'Sec-Fetch-Site', 'cross_site_refused');
  }
  const origin = request.headers.origin;
  if (typeof origin === 'string' && !isSameOrigin(origin, request.headers.host)) {
    throw new ForbiddenError('The SMS webhook does not take posts from web pages on other sites.', 'Origin', 'cross_site_refused');
  }
}

function isSameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    return new URL(origin).host.toLowerCase() === host.trim().toLowerCase();
  } catch {
    // "null" (sandboxed frames, file: pages) and anything unparsable.
    return false;
  }
}
