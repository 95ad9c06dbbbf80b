import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/**
 * A real local HTTP server playing the Bot Framework channel service: the bot POSTs its replies to
 * `${serviceUrl}/v3/conversations/:id/activities[/:replyToId]` as it would to Teams or the Emulator,
 * and tests read them from here.
 */
export const sentActivitySchema = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  textFormat: z.string().optional(),
  summary: z.string().optional(),
  replyToId: z.string().optional(),
  conversation: z.looseObject({ id: z.string() }).optional(),
  attachments: z.array(z.looseObject({ contentType: z.string(), content: z.unknown() })).optional(),
});
export type SentActivity = z.infer<typeof sentActivitySchema>;

export interface ReceivedActivity {
  conversationId: string;
  replyToId: string | undefined;
  activity: SentActivity;
}

export class ConnectorSink {
  readonly received: ReceivedActivity[] = [];
  private readonly server: Server;
  private nextId = 1;
  private waiters: (() => void)[] = [];
  /** When set, the sink answers replies with this status (to test a failing channel). */
  failWith: number | undefined;

  private constructor() {
    this.server = createServer((request, response) => void this.handle(request, response));
    this.server.keepAliveTimeout = 30_000;
  }

  static async start(): Promise<ConnectorSink> {
    const sink = new ConnectorSink();
    await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
    return sink;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Replies received for one conversation, in arrival order. */
  activitiesFor(conversationId: string): SentActivity[] {
    return this.received.filter((item) => item.conversationId === conversationId).map((item) => item.activity);
  }

  /** Resolves once `predicate` holds for what has arrived, or rejects after `timeoutMs`. */
  async waitUntil(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for the bot to reply');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  clear(): void {
    this.received.length = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(request.url ?? '');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (request.method !== 'POST' || !match) {
      response.writeHead(404);
      response.end();
      return;
    }
    if (this.failWith !== undefined) {
      response.writeHead(this.failWith, { 'content-type': 'application/json' });
      response.end('{"error":{"code":"Failed"}}');
      return;
    }
    const parsed = sentActivitySchema.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    if (!parsed.success) {
      response.writeHead(400);
      response.end();
      return;
    }
    this.received.push({
      conversationId: decodeURIComponent(match[1] ?? ''),
      replyToId: match[2] === undefined ? undefined : decodeURIComponent(match[2]),
      activity: parsed.data,
    });
    const id = `reply-${this.nextId++}`;
    // restify patches ServerResponse.writeHead so it no longer returns the response: no chaining.
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ id }));
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** The words a dealer would see in a reply: its text, or its card's text blocks, facts and buttons. */
export function textOf(activity: SentActivity): string {
  const parts: string[] = [];
  if (activity.text) parts.push(activity.text);
  for (const attachment of activity.attachments ?? []) parts.push(...cardTexts(attachment.content));
  return parts.join('\n');
}

function cardTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(cardTexts);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const own: string[] = [];
  if (record.type === 'TextBlock' && typeof record.text === 'string') own.push(record.text);
  if (typeof record.title === 'string' && typeof record.value === 'string') own.push(`${record.title}: ${record.value}`);
  else if (record.type === 'Action.Submit' && typeof record.title === 'string') own.push(record.title);
  return [...own, ...['body', 'facts', 'actions', 'items', 'columns'].flatMap((key) => cardTexts(record[key]))];
}

export interface ConversationOptions {
  channelId: string;
  conversationId: string;
  userId?: string;
  headers?: Record<string, string>;
}

/**
 * One dealer talking to the bot over real HTTP: each `send` POSTs an activity to /api/messages and
 * returns the replies the bot sent back through the sink for that turn (the POST returns when the
 * turn, replies included, is done).
 */
export class BotConversation {
  private counter = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly sink: ConnectorSink,
    readonly options: ConversationOptions,
  ) {}

  activity(fields: Record<string, unknown>): Record<string, unknown> {
    this.counter += 1;
    return {
      type: 'message',
      id: `${this.options.conversationId}-in-${this.counter}`,
      channelId: this.options.channelId,
      serviceUrl: this.sink.url,
      conversation: { id: this.options.conversationId },
      from: { id: this.options.userId ?? 'dealer-1', name: 'Dealer' },
      recipient: { id: 'bot', name: 'Lease Return Assistant' },
      timestamp: new Date().toISOString(),
      ...fields,
    };
  }

  async post(body: Record<string, unknown>): Promise<{ status: number; replies: SentActivity[] }> {
    const before = this.sink.activitiesFor(this.options.conversationId).length;
    const response = await fetch(`${this.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.options.headers },
      body: JSON.stringify(body),
    });
    await response.arrayBuffer();
    return { status: response.status, replies: this.sink.activitiesFor(this.options.conversationId).slice(before) };
  }

  /** Sends text (or a card submit with `{ value }`) and returns the reply texts of that turn. */
  async send(input: string | { value: unknown }): Promise<string> {
    const { status, replies } = await this.post(this.activity(typeof input === 'string' ? { text: input } : { value: input.value }));
    if (status !== 200) throw new Error(`POST /api/messages answered ${status}`);
    return replies.map(textOf).join('\n---\n');
  }

  async join(): Promise<string> {
    const { replies } = await this.post(
      this.activity({ type: 'conversationUpdate', membersAdded: [{ id: 'bot' }, { id: this.options.userId ?? 'dealer-1' }] }),
    );
    return replies.map(textOf).join('\n---\n');
  }
}
