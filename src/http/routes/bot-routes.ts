import type { Request, Server } from 'restify';
import { z } from 'zod';
import type { BotRuntime } from '../../../bots/bot-runtime.ts';
import { UnauthorizedError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { toErrorResponse, validationErrorFrom } from '../error-response.ts';
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
 * (authentication, turn logic, replies to the activity's serviceUrl). Other inbound paths (the local
 * Direct Line endpoint) reuse this so every message takes the same road.
 */
export async function processBotActivity(runtime: BotRuntime, activity: InboundActivity, authorization?: string): Promise<BotTurnResult> {
  const captured = new CapturedResponse();
  const request = {
    method: 'POST',
    headers: authorization === undefined ? {} : { authorization },
    body: activity as Record<string, unknown>,
  };
  await runtime.adapter.process(request, captured, runtime.logic);
  return captured.result();
}

export function registerBotRoutes(server: Server, deps: { runtime: BotRuntime; logger: Logger }): void {
  const { runtime, logger } = deps;
  server.post(
    '/api/messages',
    handle(logger, async (request, response) => {
      const parsed = inboundActivitySchema.safeParse(readJson(request));
      if (!parsed.success) throw validationErrorFrom(parsed.error);
      const authorization = bearerOf(request);
      // No token at all is refused here, without asking Azure's token endpoints.
      if (runtime.authEnabled && authorization === undefined) {
        throw new UnauthorizedError('This bot needs a Bot Framework token (Authorization: Bearer ...).');
      }
      const result = await processBotActivity(runtime, parsed.data, authorization);
      sendTurnResult(response, result, logger, parsed.data.conversation.id);
    }),
  );
}

function bearerOf(request: Request): string | undefined {
  const header = request.headers.authorization;
  return typeof header === 'string' && /^Bearer\s+\S+/.test(header) ? header : undefined;
}

function sendTurnResult(response: Response, result: BotTurnResult, logger: Logger, conversationId: string): void {
  if (result.status >= 400) {
    // botbuilder puts its internal message in the body; the client gets our error shape instead.
    const mapped = result.status === 401
      ? toErrorResponse(new UnauthorizedError('The Bot Framework token is missing or not valid.'))
      : toErrorResponse(new Error(`bot adapter answered ${result.status}`));
    if (mapped.unexpected) logger.error({ conversationId, status: result.status, detail: result.body }, 'bot adapter refused the activity');
    sendJson(response, result.status === 401 ? 401 : mapped.status, mapped.body);
    return;
  }
  if (result.body === undefined) {
    response.writeHead(result.status);
    response.end();
    return;
  }
  sendJson(response, result.status, result.body);
}

/** The slice of an HTTP response botbuilder writes to, kept in memory so the route decides what to send. */
class CapturedResponse {
  readonly socket = null;
  private statusCode = 200;
  private body: unknown = undefined;

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  header(): this {
    return this;
  }

  send(body: unknown): this {
    this.body = body;
    return this;
  }

  end(): this {
    return this;
  }

  result(): BotTurnResult {
    return { status: this.statusCode, body: this.body };
  }
}
