import type { Clock } from '../src/clock.ts';
import type { DecisionRequestInput } from '../src/domain/decision-request.ts';
import type { Decision } from '../src/domain/decision.ts';
import type { Logger } from '../src/logger.ts';
import type { DecisionService } from '../src/rules/decision-service.ts';

/**
 * The ports the dialogs talk to. The composition root (src/app.ts) passes the real services; tests
 * and the fallbacks in this folder implement the same shapes.
 */

/** Grounded answers (src/knowledge/answer-service.ts has this shape). */
export interface AnswerPort {
  answer(request: { question: string; facts?: KnownFacts }): Promise<AnswerResult>;
}

/** Whatever the dealer has told us so far, in the decision request's own terms. */
export type KnownFacts = { [Key in keyof DecisionRequestInput]?: DecisionRequestInput[Key] | undefined };

export interface AnswerResult {
  answer: string;
  /** `section` is a process section id (rules/process-sections.json). */
  citations: { section: string; text: string }[];
  outOfScope: boolean;
  decision?: Decision | undefined;
  /** `extractive`: our own process text; anything else (a model's words) is shown as quoted text. */
  mode?: 'extractive' | 'llm';
}

/** Return status (src/cases/status-service.ts has this shape); plain text of at most 320 characters. */
export interface StatusPort {
  statusText(query: { vinOrSuffix: string; phone?: string }): Promise<string>;
}

export interface AssistantServices {
  decisions: DecisionService;
  answers: AnswerPort;
  status: StatusPort;
  clock: Clock;
  logger: Logger;
}
