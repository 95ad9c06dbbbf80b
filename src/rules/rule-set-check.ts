import type { CalendarDate } from '../domain/calendar-date.ts';
import { intents, type DecisionRequest, type Pickup } from '../domain/decision-request.ts';
import type { UsStateCode } from '../domain/us-states.ts';
import { RuleSetError } from '../errors.ts';
import { ContradictionError, type DecisionService } from './decision-service.ts';

/**
 * Evaluates the rules over a representative set of situations at start-up. json-rules-engine reports a
 * wrong operator, a missing fact or two rules deciding the same thing only when it evaluates them, so
 * this turns those mistakes into a start-up failure that names the rule, and also catches a rule that
 * can never fire.
 */
export async function checkRuleSet(service: DecisionService): Promise<{ evaluations: number }> {
  const fired = new Set<string>();
  let evaluations = 0;
  const evaluate = async (request: DecisionRequest): Promise<void> => {
    evaluations += 1;
    try {
      const decision = await service.decideUncached(request);
      for (const entry of decision.trace) fired.add(entry.rule);
    } catch (error) {
      if (error instanceof ContradictionError) {
        fired.add(error.rule);
        return;
      }
      throw new RuleSetError(`rules failed on ${JSON.stringify(request)}: ${(error as Error).message}`);
    }
  };

  const window = service.ruleSet.parameters.normalMaturityWindowDays;
  const maturityDate = '2026-06-15' as CalendarDate;
  const returnDates = [-(window + 1), -window, 5].map((offset) => shift(maturityDate, offset));
  const states: UsStateCode[] = ['OH', 'AK', 'HI', 'SD'];
  const pickups: (Pickup | undefined)[] = [
    undefined,
    { by: 'buyingDealer', proofOfSale: true },
    { by: 'buyingDealer', billOfLading: true },
    { by: 'transporter', billOfLading: true },
    { by: 'transporter', proofOfSale: true },
  ];
  for (const state of states) {
    for (const intent of intents) {
      for (const hasAvrmAccess of [true, false]) {
        for (const returnDate of returnDates) {
          for (const pickup of pickups) {
            await evaluate({ state, intent, hasAvrmAccess, maturityDate, returnDate, ...(pickup ? { pickup } : {}) });
          }
        }
      }
    }
  }
  for (const intent of intents) {
    for (const lesseeWantsToPurchase of [undefined, true, false]) {
      for (const dealerWantsToPurchase of [undefined, true, false]) {
        await evaluate({
          state: 'OH',
          intent,
          hasAvrmAccess: true,
          maturityDate,
          returnDate: maturityDate,
          ...(lesseeWantsToPurchase === undefined ? {} : { lesseeWantsToPurchase }),
          ...(dealerWantsToPurchase === undefined ? {} : { dealerWantsToPurchase }),
        });
      }
    }
  }
  const neverFired = service.ruleSet.rules.filter((rule) => !fired.has(rule.name)).map((rule) => rule.name);
  if (neverFired.length > 0) {
    throw new RuleSetError(
      `rule${neverFired.length > 1 ? 's' : ''} ${neverFired.map((name) => `"${name}"`).join(', ')} never fired in the start-up check: the conditions can never be true`,
    );
  }
  return { evaluations };
}

function shift(date: CalendarDate, days: number): CalendarDate {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10) as CalendarDate;
}
