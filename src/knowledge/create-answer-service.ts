import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { DecisionService } from '../rules/decision-service.ts';
import { AnswerService } from './answer-service.ts';
import { OpenAiInterpreter } from './llm-interpreter.ts';

/** The answer service as the configuration asks for it: extractive, or with the LLM when OPENAI_API_KEY is set. */
export function createAnswerService(deps: { config: Config; decisions: DecisionService; logger: Logger; clock?: Clock }): AnswerService {
  const llm = deps.config.openai ? new OpenAiInterpreter(deps.config.openai) : undefined;
  return new AnswerService({ decisions: deps.decisions, logger: deps.logger, llm, ...(deps.clock ? { clock: deps.clock } : {}) });
}
