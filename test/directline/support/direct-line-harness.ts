import { DateTime } from 'luxon';
import { FixedClock, systemClock, type Clock } from '../../../src/clock.ts';
import { registerChatPageRoutes } from '../../../src/chat-page/chat-page-routes.ts';
import { createLocalDirectLine, type ConversationLimits, type LocalDirectLine, type LocalDirectLineOptions } from '../../../src/directline/index.ts';
import { closeGracefully, createHttpServer, listen } from '../../../src/http/server.ts';
import { createLogger } from '../../../src/logger.ts';
import { registerStandInBot, type StandInBot } from './stand-in-bot.ts';

export const testSecret = 'a-test-secret-that-is-long-enough-0123456789';

export interface DirectLineHarness {
  baseUrl: string;
  bot: StandInBot;
  directLine: LocalDirectLine;
  stop(): Promise<void>;
}

/** Our Direct Line and chat page on a real restify server on 127.0.0.1, with the stand-in bot on /api/messages. */
export async function startDirectLineHarness(
  options: { clock?: Clock; limits?: Partial<ConversationLimits>; apiToken?: string; onForget?: LocalDirectLineOptions['onForget'] } = {},
): Promise<DirectLineHarness> {
  const logger = createLogger(process.env.TEST_LOG_LEVEL === undefined ? 'silent' : 'debug');
  const server = createHttpServer({ logger, apiToken: options.apiToken });
  const bot = registerStandInBot(server);
  registerChatPageRoutes(server, { logger, apiTokenRequired: options.apiToken !== undefined });
  const directLine = createLocalDirectLine({
    server,
    logger,
    clock: options.clock ?? systemClock,
    tokenSecret: testSecret,
    apiToken: options.apiToken,
    bot: { id: 'stand-in-bot', name: 'Stand-in bot' },
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.onForget ? { onForget: options.onForget } : {}),
  });
  const address = await listen(server, 0, '127.0.0.1');
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    bot,
    directLine,
    async stop() {
      // A join delivered just before the stop would otherwise reply into a closed server.
      await directLine.service.settled();
      await directLine.close();
      await closeGracefully(server, 1000);
    },
  };
}

export function fakeClock(): FixedClock {
  return new FixedClock(DateTime.fromISO('2026-03-02T15:00:00Z', { zone: 'utc' }));
}

// --- a tiny Direct Line client, the calls DirectLineJS makes ---

export interface Grant {
  conversationId: string;
  token: string;
  expires_in: number;
}

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
}

export async function call<T = unknown>(url: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, { method: init.method ?? 'GET', headers, ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export interface ActivitySetBody {
  activities: Record<string, unknown>[];
  watermark: string;
}

export class DirectLineTestClient {
  constructor(private readonly baseUrl: string) {}

  url(path: string): string {
    return `${this.baseUrl}/v3/directline${path}`;
  }

  /** `token`: a Direct Line token (that conversation again) or, on a server with API_TOKEN, the API token. */
  async start(token?: string): Promise<HttpResult<Grant>> {
    return call<Grant>(this.url('/conversations'), { method: 'POST', ...(token === undefined ? {} : { token }), body: { user: {} } });
  }

  async post(grant: Grant, activity: Record<string, unknown>): Promise<HttpResult<{ id: string }>> {
    return call(this.url(`/conversations/${grant.conversationId}/activities`), { method: 'POST', token: grant.token, body: activity });
  }

  async get(grant: Grant, watermark = ''): Promise<HttpResult<ActivitySetBody>> {
    return call(this.url(`/conversations/${grant.conversationId}/activities?watermark=${watermark}`), { token: grant.token });
  }

  /** Polls (as DirectLineJS does) until the predicate holds over everything received so far. */
  async waitFor(grant: Grant, predicate: (activities: Record<string, unknown>[]) => boolean, timeoutMs = 5000): Promise<Record<string, unknown>[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { status, body } = await this.get(grant);
      if (status === 200 && predicate(body.activities)) return body.activities;
      if (Date.now() > deadline) throw new Error(`timed out; last status ${status}: ${JSON.stringify(body)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

export function textsOf(activities: Record<string, unknown>[]): string[] {
  return activities.filter((activity) => activity.type === 'message').map((activity) => String(activity.text ?? ''));
}
