import type { Request, Server } from 'restify';
import { z } from 'zod';
import type { BotRuntime } from '../../../bots/bot-runtime.ts';
import { isLoopbackAddress, isLoopbackUrl } from '../../loopback.ts';
import { AuthMetadataUnavailableError, ForbiddenError, UnauthorizedError, ValidationError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { validationErrorFrom } from '../../validation-errors.ts';
import { readJson } from '../request-body.ts';
import { handle, sendJson, type Response } from '../server.ts';

/**
 * The Bot Framework activity fields the bot relies on, checked before botbuilder sees the body
 * (botbuilder answers an activity without `type` with a 500 and its internal message).
 */
const account = z.looseObject({ id: z.string().min(1).max(256) });
export const inboundActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url(),
  conversation: account,
  from: account,
  recipient: account.optional(),
  id: z.string().max(256).optional(),
  text: z.string().max(10_000).optional(),
  value: z.unknown().optional(),
});
export type InboundActivity = z.infer<typeof inboundActivitySchema>;

export interface BotTurnResult {
  status: number;
  /** Only for invoke activities and `deliveryMode: "expectReplies"` (the replies, in `activities`). */
  body: unknown;
}

/**
 * Runs one already-validated activity through the CloudAdapter, exactly as POST /api/messages does
 * (Bot Framework authentication when MicrosoftAppId is set, the turn, replies to the activity's
 * serviceUrl). Other inbound paths (a local Direct Line endpoint) can reuse it so every message takes
 * the same road. `authorization` is the whole header ("Bearer ..."). A missing or invalid token
 * throws UnauthorizedError (decided locally when the token's own header or claims rule it out, see
 * bots/bot-token-screen.ts); keys that cannot be loaded to check it, AuthMetadataUnavailableError (503).
 */
export async function processBotActivity(runtime: BotRuntime, activity: InboundActivity, authorization?: string): Promise<BotTurnResult> {
  if (runtime.authEnabled && authorization === undefined) {
    // Refused here, without asking Azure's token endpoints.
    throw new UnauthorizedError('This bot needs a Bot Framework token (Authorization: Bearer ...).');
  }
  const invoke = await runtime.adapter.processValidated(activity, authorization ?? '', runtime.logic);
  return { status: invoke?.status ?? 200, body: invoke?.body };
}

/**
 * Without Bot Framework authentication (no MicrosoftAppId) nobody proves who they are, so the endpoint
 * serves this machine only (the Emulator, `npm run chat`, the local Direct Line): a caller elsewhere on
 * the network (the server listens on 0.0.0.0 when API_TOKEN is set) gets 403 before its body is read.
 */
export function assertLocalCaller(remoteAddress: string | undefined): void {
  if (!isLoopbackAddress(remoteAddress)) {
    throw new ForbiddenError('Without Bot Framework authentication (MicrosoftAppId), /api/messages only takes activities from this machine.');
  }
}

/** ...and replies go to this machine only: the bot never posts to a host an unauthenticated caller chose (400). */
export function assertLocalServiceUrl(serviceUrl: string): void {
  if (!isLoopbackUrl(serviceUrl)) {
    throw new ValidationError(
      'serviceUrl must be an http(s) address on this machine (localhost, 127.0.0.1 or [::1]) while Bot Framework authentication is off.',
      'serviceUrl',
      'service_url_not_local',
    );
  }
}

export function registerBotRoutes(server: Server, deps: { runtime: BotRuntime; logger: Logger }): void {
  const { runtime, logger } = deps;
  server.post(
    '/api/messages',
    handle(logger, async (request, response) => {
      if (!runtime.authEnabled && !isLoopbackAddress(request.socket.remoteAddress)) {
        logger.warn({ remoteAddress: request.socket.remoteAddress }, 'bot: unauthenticated activity from another host refused');
        assertLocalCaller(request.socket.remoteAddress);
      }
      const parsed = inboundActivitySchema.safeParse(readJson(request));
      if (!parsed.success) throw validationErrorFrom(parsed.error);
      if (!runtime.authEnabled) assertLocalServiceUrl(parsed.data.serviceUrl);
      let result: BotTurnResult;
      try {
        result = await processBotActivity(runtime, parsed.data, bearerOf(request));
      } catch (error) {
        // Expected errors are not logged by the error mapper; an operator needs to see this one.
        if (error instanceof AuthMetadataUnavailableError) logger.warn({ err: error.cause }, 'bot: Bot Framework signing keys could not be loaded');
        throw error;
      }
      sendTurnResult(response, result);
    }),
  );
}

function bearerOf(request: Request): string | undefined {
  const header = request.headers.authorization;
  return typeof header === 'string' && /^Bearer\s+\S+/.test(header) ? header : undefined;
}

function sendTurnResult(response: Response, result: BotTurnResult): void {
  if (result.body === undefined) {
    response.writeHead(result.status);
    response.end();
    return;
  }
  sendJson(response, result.status, result.body);
}
