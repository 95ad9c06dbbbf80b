import type { DecisionRequest } from '../domain/decision-request.ts';
import type { Vin } from '../domain/vin.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { DealerScope } from '../identity/dealer-user.ts';
import { dealerUserActor } from '../identity/dealer-user-service.ts';
import type { CaseService } from './case-service.ts';
import type { StatusService } from './status-service.ts';

export type OpenCaseCheck =
  /** The dealer's own open case: its status text. */
  | { kind: 'open'; text: string }
  /** The VIN has an open case with another dealer: nothing about it is shown. */
  | { kind: 'openElsewhere' }
  | { kind: 'none' };

export type OpenCaseResult =
  | { kind: 'opened'; text: string; rulesVersion: string }
  | { kind: 'alreadyOpen'; text?: string }
  | { kind: 'refused'; message: string };

/**
 * What the chat does with a recognized dealer's cases (issue 15): whether a VIN already has an open
 * case, and opening one from the walkthrough's answers through the case service (which decides again
 * and stores the decision with its rules version), as the dealer user.
 */
export class ChatCaseService {
  constructor(private readonly deps: { cases: CaseService; status: StatusService; logger: Logger }) {}

  async openCaseOf(vin: Vin, dealerId: string): Promise<OpenCaseCheck> {
    const own = await this.deps.cases.lookup(vin, dealerId);
    if (own.found && own.view.status === 'open') return { kind: 'open', text: await this.deps.status.statusText({ vinOrSuffix: vin, dealerId }) };
    const elsewhere = await this.deps.cases.lookup(vin);
    return elsewhere.found && elsewhere.view.status === 'open' ? { kind: 'openElsewhere' } : { kind: 'none' };
  }

  async openCase(request: DecisionRequest & { vin: Vin }, scope: DealerScope): Promise<OpenCaseResult> {
    try {
      const view = await this.deps.cases.openCase(
        {
          vin: request.vin,
          dealerId: scope.dealerId,
          state: request.state,
          maturityDate: request.maturityDate,
          returnDate: request.returnDate,
          intent: request.intent,
          hasAvrmAccess: request.hasAvrmAccess,
        },
        dealerUserActor(scope),
      );
      return {
        kind: 'opened',
        text: await this.deps.status.statusText({ vinOrSuffix: view.vin, dealerId: scope.dealerId }),
        rulesVersion: view.decision.rulesVersion,
      };
    } catch (error) {
      if (error instanceof ConflictError && error.code === 'case_open') {
        const own = await this.openCaseOf(request.vin, scope.dealerId);
        return own.kind === 'open' ? { kind: 'alreadyOpen', text: own.text } : { kind: 'alreadyOpen' };
      }
      if (error instanceof ValidationError) return { kind: 'refused', message: error.message };
      throw error;
    }
  }
}
