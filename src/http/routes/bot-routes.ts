import type { Request, Server } from 'restify';
import { z } from 'zod';
import type { BotRuntime } from '../../../bots/bot-runtime.ts';
import { UnauthorizedError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { validationErrorFrom } from '../error-response.ts';
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
 * throws UnauthorizedError.
 */
export async function processBotActivity(runtime: BotRuntime, activity: InboundActivity, authorization?: string): Promise<BotTurnResult> {
  if (runtime.authEnabled && authorization === undefined) {
    // Refused here, without asking Azure's token endpoints.
    throw new UnauthorizedError('This bot needs a Bot Framework token (Authorization: Bearer ...).');
  }
  try {
    const invoke = await runtime.adapter.processValidated(activity, authorization ?? '', runtime.logic);
    return { status: invoke?.status ?? 200, body: invoke?.body };
  } catch (error) {
    if (isStatusCodeError(error) && (error.statusCode === 401 || error.statusCode === 403)) {
      throw new UnauthorizedError('The Bot Framework token is not valid for this bot.');
    }
    throw error;
  }
}

function isStatusCodeError(error: unknown): error is { statusCode: number } {
  return typeof error === 'object' && error !== null && typeof (error as { statusCode?: unknown }).statusCode === 'number';
}

export function registerBotRoutes(server: Server, deps: { runtime: BotRuntime; logger: Logger }): void {
  const { runtime, logger } = deps;
  server.post(
    '/api/messages',
    handle(logger, async (request, response) => {
      const parsed = inboundActivitySchema.safeParse(readJson(request));
      if (!parsed.success) throw validationErrorFrom(parsed.error);
      const result = await processBotActivity(runtime, parsed.data, bearerOf(request));
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
