export { AnswerService, neutralDefaults, type AnswerServiceOptions } from './answer-service.ts';
export {
  answerRequestSchema,
  answerSchema,
  citationSchema,
  knownFactsSchema,
  maxQuestionLength,
  type Answer,
  type AnswerMode,
  type AnswerRequest,
  type AnswerRequestInput,
  type Citation,
} from './answer-schema.ts';
export { checkGrounding } from './answer-checker.ts';
export { createAnswerService } from './create-answer-service.ts';
export { LlmUnavailableError, OpenAiInterpreter, modelInterpretationSchema, type LlmInterpreter, type ModelInterpretation } from './llm-interpreter.ts';
