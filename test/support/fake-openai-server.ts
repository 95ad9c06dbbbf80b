import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { ModelInterpretation } from '../../src/knowledge/llm-interpreter.ts';

/**
 * A real HTTP server on 127.0.0.1 speaking the part of the OpenAI chat-completions protocol the
 * answer service uses (structured output: the model returns an interpretation, never text). Each
 * behaviour is one way a real endpoint can answer or let us down.
 */
export type FakeBehaviour =
  /** A model that reads nothing: a valid interpretation with no facts, no topics, no passage. */
  | { kind: 'correct' }
  | { kind: 'interpretation'; interpretation: ModelInterpretation }
  /** A model that writes prose instead of the interpretation (the old protocol): not a valid reply. */
  | { kind: 'reply'; answer: string; citedSections: string[] }
  | { kind: 'slow'; delayMs: number }
  /** `retryAfter` (seconds) is sent as Retry-After; after `times` such replies the server answers correctly. */
  | { kind: 'status'; status: 429 | 500; retryAfter?: number; times?: number }
  | { kind: 'garbage' }
  | { kind: 'noChoices' };

const chatRequestSchema = z.object({
  model: z.string(),
  messages: z.array(z.object({ role: z.string(), content: z.string() })),
  response_format: z
    .object({ type: z.literal('json_schema') })
    .passthrough()
    .optional(),
});
export type ChatRequest = z.infer<typeof chatRequestSchema>;

const contextSchema = z.object({
  today: z.string(),
  channel: z.string(),
  pendingField: z.string().nullable(),
  knownFacts: z.record(z.string(), z.unknown()),
  passages: z.array(z.object({ id: z.string(), text: z.string() })),
});
export type ShownContext = z.infer<typeof contextSchema>;

export const emptyInterpretation = (): ModelInterpretation => ({
  want: 'question',
  topics: [],
  facts: {
    state: null,
    maturityDate: null,
    returnDate: null,
    intent: null,
    dealerWantsToPurchase: null,
    lesseeWantsToPurchase: null,
    hasAvrmAccess: null,
    vin: null,
    vinSuffix: null,
    pickupBy: null,
    proofOfSale: null,
    billOfLading: null,
    sold: null,
  },
  passageIds: [],
});

/** The base every fake model server builds on: a real HTTP server, the request log, the reply envelopes. */
export abstract class OpenAiProtocolServer {
  readonly requests: ChatRequest[] = [];
  private readonly server: Server = createServer((request, response) => {
    void this.receive(request, response);
  });

  /** What to give the openai client as baseURL. */
  get url(): string {
    const address = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}/v1`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The CONTEXT message of a request: the prompt, the known facts, the channel and the passages shown. */
  static contextOf(request: ChatRequest): ShownContext {
    const content = request.messages.find((message) => message.content.startsWith('CONTEXT (JSON):'))?.content ?? '';
    return contextSchema.parse(JSON.parse(content.slice('CONTEXT (JSON):'.length)) as unknown);
  }

  /** The dealer's message, out of its <message> delimiters. */
  static messageOf(request: ChatRequest): string {
    const content = request.messages.at(-1)?.content ?? '';
    return content.replace(/^<message>\n/, '').replace(/\n<\/message>$/, '');
  }

  protected abstract handle(request: ChatRequest, response: ServerResponse): Promise<void> | void;

  private async receive(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
      this.send(response, 404, { error: { message: 'not found', type: 'invalid_request_error' } });
      return;
    }
    const parsed = chatRequestSchema.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
    this.requests.push(parsed);
    await this.handle(parsed, response);
  }

  protected complete(response: ServerResponse, model: string, content: string): void {
    this.send(response, 200, {
      id: `chatcmpl-${this.requests.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content, refusal: null } }],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    });
  }

  protected send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (response.destroyed) return;
    const payload = JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)), ...headers });
    response.end(payload);
  }
}

/** A scripted endpoint: `behaviour` says how the next requests are answered. */
export class FakeOpenAiServer extends OpenAiProtocolServer {
  behaviour: FakeBehaviour = { kind: 'correct' };
  /** Failures sent so far under the current 'status' behaviour. */
  private failures = 0;

  reset(behaviour: FakeBehaviour = { kind: 'correct' }): void {
    this.behaviour = behaviour;
    this.failures = 0;
    this.requests.length = 0;
  }

  protected async handle(request: ChatRequest, response: ServerResponse): Promise<void> {
    const behaviour = this.behaviour;
    switch (behaviour.kind) {
      case 'correct':
        return this.complete(response, request.model, JSON.stringify(emptyInterpretation()));
      case 'interpretation':
        return this.complete(response, request.model, JSON.stringify(behaviour.interpretation));
      case 'reply':
        return this.complete(response, request.model, JSON.stringify({ answer: behaviour.answer, citedSections: behaviour.citedSections }));
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
        return this.complete(response, request.model, JSON.stringify(emptyInterpretation()));
      case 'status':
        if (behaviour.times !== undefined && this.failures >= behaviour.times) {
          return this.complete(response, request.model, JSON.stringify(emptyInterpretation()));
        }
        this.failures += 1;
        return this.send(
          response,
          behaviour.status,
          {
            error: {
              message: behaviour.status === 429 ? 'Rate limit reached for sk-upstream-secret' : 'The server had an error: upstream-body-detail',
              type: behaviour.status === 429 ? 'rate_limit_exceeded' : 'server_error',
            },
          },
          behaviour.retryAfter === undefined ? {} : { 'retry-after': String(behaviour.retryAfter) },
        );
      case 'garbage':
        return this.complete(response, request.model, 'not json at all');
      case 'noChoices':
        return this.send(response, 200, { id: 'x', object: 'chat.completion', created: 0, model: request.model, choices: [] });
    }
  }
}
