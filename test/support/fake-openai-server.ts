import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/**
 * A real HTTP server on 127.0.0.1 speaking the part of the OpenAI chat-completions protocol the
 * answer service uses. Each behaviour is one way a real endpoint can let us down.
 */
export type FakeBehaviour =
  | { kind: 'correct' }
  | { kind: 'reply'; answer: string; citedSections: string[] }
  | { kind: 'wrongPhone' }
  | { kind: 'uncitedSection' }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'status'; status: 429 | 500 }
  | { kind: 'garbage' };

const chatRequestSchema = z.object({
  model: z.string(),
  messages: z.array(z.object({ role: z.string(), content: z.string() })),
  response_format: z
    .object({ type: z.literal('json_schema') })
    .passthrough()
    .optional(),
});
export type ChatRequest = z.infer<typeof chatRequestSchema>;

const dataSchema = z.object({
  sections: z.array(z.object({ id: z.string(), title: z.string(), text: z.string() })),
  draftAnswer: z.string(),
  /** Present when the rules decided: the service sends it verbatim, the model only explains. */
  ruleStatement: z.string().optional(),
});

export class FakeOpenAiServer {
  behaviour: FakeBehaviour = { kind: 'correct' };
  readonly requests: ChatRequest[] = [];
  private readonly server: Server = createServer((request, response) => {
    void this.handle(request, response);
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

  /** The DATA message of a request: the sections the model was shown and the extractive draft. */
  static dataOf(request: ChatRequest): z.infer<typeof dataSchema> {
    const content = request.messages.find((message) => message.content.startsWith('DATA (JSON):'))?.content ?? '';
    return dataSchema.parse(JSON.parse(content.slice('DATA (JSON):'.length)) as unknown);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
      this.send(response, 404, { error: { message: 'not found', type: 'invalid_request_error' } });
      return;
    }
    const parsed = chatRequestSchema.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
    this.requests.push(parsed);
    const data = FakeOpenAiServer.dataOf(parsed);
    const shown = data.sections.map((section) => section.id);
    const behaviour = this.behaviour;
    switch (behaviour.kind) {
      case 'correct':
        // A well-behaved model: rephrases the draft, or, after a rule's statement, only explains.
        return this.complete(response, parsed.model, {
          answer: data.ruleStatement === undefined ? `In short: ${data.draftAnswer}` : "That is how Ally's lease-return process handles it.",
          citedSections: shown,
        });
      case 'reply':
        return this.complete(response, parsed.model, { answer: behaviour.answer, citedSections: behaviour.citedSections });
      case 'wrongPhone':
        return this.complete(response, parsed.model, { answer: 'Call the Ally Dealer Service Center at 888-919-2599.', citedSections: shown });
      case 'uncitedSection': {
        // A real section id, but one the model was not shown.
        const notShown = ['smartauction', 'state-exceptions', 'customer-letters', 'vehicle-return'].find((id) => !shown.includes(id)) ?? 'smartauction';
        return this.complete(response, parsed.model, { answer: data.draftAnswer, citedSections: [...shown.slice(0, 1), notShown] });
      }
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
        if (!response.destroyed) this.complete(response, parsed.model, { answer: data.draftAnswer, citedSections: shown });
        return;
      case 'status':
        return this.send(response, behaviour.status, {
          error: {
            message: behaviour.status === 429 ? 'Rate limit reached' : 'The server had an error',
            type: behaviour.status === 429 ? 'rate_limit_exceeded' : 'server_error',
          },
        });
      case 'garbage':
        return this.send(response, 200, {
          id: 'x',
          object: 'chat.completion',
          created: 0,
          model: parsed.model,
          choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: 'not json at all', refusal: null } }],
        });
    }
  }

  private complete(response: ServerResponse, model: string, reply: { answer: string; citedSections: string[] }): void {
    this.send(response, 200, {
      id: `chatcmpl-${this.requests.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: JSON.stringify(reply), refusal: null } }],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    });
  }

  private send(response: ServerResponse, status: number, body: unknown): void {
    const payload = JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
    response.end(payload);
  }
}
