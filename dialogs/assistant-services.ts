import type { Clock } from '../src/clock.ts';
import type { OpenCaseCheck, OpenCaseResult } from '../src/cases/chat-case-service.ts';
import type { DecisionRequest, DecisionRequestInput } from '../src/domain/decision-request.ts';
import type { Vin } from '../src/domain/vin.ts';
import type { ChatIdentity, DealerScope } from '../src/identity/dealer-user.ts';
import type { CodeCheckResult, CodeRequestResult } from '../src/identity/link-code-service.ts';
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
  /** `phone` (SMS) or `dealerId` (a recognized chat user) scopes the lookup to one dealer's cases. */
  statusText(query: { vinOrSuffix: string; phone?: string; dealerId?: string }): Promise<string>;
}

/** One-time link codes (src/identity/link-code-service.ts has this shape). */
export interface LinkCodePort {
  readonly canText: boolean;
  requestCode(conversationKey: string, phoneInput: string): Promise<CodeRequestResult>;
  hasPendingCode(conversationKey: string): Promise<boolean>;
  checkCode(conversationKey: string, typed: string, identity: ChatIdentity, channel: string): Promise<CodeCheckResult>;
}

/** A recognized dealer's cases from the chat (src/cases/chat-case-service.ts has this shape). */
export interface DealerCasePort {
  openCaseOf(vin: Vin, dealerId: string): Promise<OpenCaseCheck>;
  openCase(request: DecisionRequest & { vin: Vin }, scope: DealerScope): Promise<OpenCaseResult>;
}

export interface AssistantServices {
  decisions: DecisionService;
  answers: AnswerPort;
  status: StatusPort;
  /** Linking a chat user to a dealer by a texted code (issue 15); absent: the chat cannot link. */
  links?: LinkCodePort | undefined;
  /** Opening a case from the walkthrough for a recognized dealer (issue 15); absent: never offered. */
  dealerCases?: DealerCasePort | undefined;
  clock: Clock;
  logger: Logger;
}
