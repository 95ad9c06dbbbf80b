import type { DecisionRequestInput } from '../../src/domain/decision-request.ts';
import { decisionRequestSchema, type DecisionRequest } from '../../src/domain/decision-request.ts';
import { DecisionService } from '../../src/rules/decision-service.ts';
import { loadRuleSet } from '../../src/rules/rule-set.ts';

/** A valid decision request (an Ohio lessee return at maturity, with AVRM); override what a case needs. */
export function requestInput(overrides: Partial<DecisionRequestInput> = {}): DecisionRequestInput {
  return { state: 'OH', maturityDate: '2026-06-15', returnDate: '2026-06-15', intent: 'lesseeReturn', hasAvrmAccess: true, ...overrides };
}

export function request(overrides: Partial<DecisionRequestInput> = {}): DecisionRequest {
  return decisionRequestSchema.parse(requestInput(overrides));
}

export function projectDecisionService(options: { cacheSize?: number } = {}): DecisionService {
  return new DecisionService(loadRuleSet('rules'), options);
}
