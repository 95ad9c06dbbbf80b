import type { ServerResponse } from 'node:http';
import type { ModelFacts, ModelInterpretation } from '../../src/knowledge/llm-interpreter.ts';
import { interpretMessage, type Topic, type Want } from '../../src/understanding/index.ts';
import { emptyInterpretation, OpenAiProtocolServer, type ChatRequest } from './fake-openai-server.ts';

/** One message and how an honest model reads it (the facts with the message's own words). */
export interface HonestReading {
  readonly message: string;
  readonly want?: Want;
  readonly topics?: readonly Topic[];
  readonly facts: Partial<ModelFacts>;
  readonly passageIds?: readonly string[];
}

/**
 * A model that tells the truth, on a real HTTP server: for each scripted message it returns the
 * reading a careful model would (facts the deterministic reader misses, each with its words). Any
 * other message it reads as the deterministic reader does (an honest model agrees where the reader is
 * right), or, with `agreeWithReader` off, as a question stating nothing.
 */
export class HonestOpenAiServer extends OpenAiProtocolServer {
  private readonly readings: Map<string, HonestReading>;

  constructor(
    readings: readonly HonestReading[],
    private readonly agreeWithReader = true,
  ) {
    super();
    this.readings = new Map(readings.map((reading) => [reading.message, reading]));
  }

  protected handle(request: ChatRequest, response: ServerResponse): void {
    const message = OpenAiProtocolServer.messageOf(request);
    const reading = this.readings.get(message);
    const interpretation: ModelInterpretation = emptyInterpretation();
    if (!reading && this.agreeWithReader) {
      const { today, channel } = OpenAiProtocolServer.contextOf(request);
      const read = interpretMessage(message, { today, channel: channel === 'sms' || channel === 'chat' || channel === 'console' ? channel : 'api' });
      interpretation.want = read.want;
      interpretation.topics = [...read.topics];
      for (const [field, fact] of Object.entries(read.facts)) if (field in interpretation.facts) Object.assign(interpretation.facts, { [field]: fact });
    }
    if (reading) {
      interpretation.want = reading.want ?? 'question';
      interpretation.topics = [...(reading.topics ?? [])];
      Object.assign(interpretation.facts, reading.facts);
      interpretation.passageIds = [...(reading.passageIds ?? [])];
    }
    this.complete(response, request.model, JSON.stringify(interpretation));
  }
}
