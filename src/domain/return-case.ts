import { z } from 'zod';
import type { Actor } from './actor.ts';
import type { Decision } from './decision.ts';
import { pickupPartySchema, type Intent, type PickupParty } from './decision-request.ts';

/**
 * A return case: one returned vehicle from the day the lessee leaves it at the dealership until it is
 * picked up, or until the dealer's purchase of it is completed. What happened is a list of events; the
 * stage and what may happen next follow from them and from the order the Ally process sets:
 * notify → inspect → post to SmartAuction → sold or not → pickup (remarketing), and for a dealer
 * purchase notify → 72-hour hold → purchase completed, with remarketing only if the purchase is not
 * finalized within the hold.
 */
export const caseEventTypes = [
  'notified',
  'inspected',
  'etPreSaleLetterMailed',
  'postedToSmartAuction',
  'sold',
  'notSold',
  'settlementLetterMailed',
  'pickedUp',
  'purchaseCompleted',
] as const;
export const caseEventTypeSchema = z.enum(caseEventTypes, { error: () => `must be one of ${caseEventTypes.join(', ')}` });
export type CaseEventType = z.infer<typeof caseEventTypeSchema>;

/** The document the person at the lot saw when the vehicle left ("none" is recorded so a refusal can be explained). */
export const pickupDocuments = ['proofOfSale', 'billOfLading', 'none'] as const;
export const pickupDocumentSchema = z.enum(pickupDocuments, { error: () => `must be one of ${pickupDocuments.join(', ')}` });
export type PickupDocument = z.infer<typeof pickupDocumentSchema>;

export { pickupPartySchema };

/**
 * A recorded event; `at` is an ISO instant in UTC. `by` is the party at a pickup; `actor` is who
 * recorded the event and `recordedAt` when (the audit trail; absent on events stored before it).
 */
export interface CaseEvent {
  type: CaseEventType;
  at: string;
  note?: string;
  by?: PickupParty;
  document?: PickupDocument;
  actor?: Actor;
  recordedAt?: string;
}

/**
 * Where a case stands: the furthest milestone reached. Letters to the lessee do not move the vehicle.
 * `pickedUp` and `purchaseCompleted` close the case.
 */
export const caseStages = ['returned', 'notified', 'inspected', 'postedToSmartAuction', 'sold', 'notSold', 'pickedUp', 'purchaseCompleted'] as const;
export const caseStageSchema = z.enum(caseStages, { error: () => `must be one of ${caseStages.join(', ')}` });
export type CaseStage = z.infer<typeof caseStageSchema>;

const stageRank: Record<CaseStage, number> = {
  returned: 0,
  notified: 1,
  inspected: 2,
  postedToSmartAuction: 3,
  sold: 4,
  notSold: 4,
  pickedUp: 5,
  purchaseCompleted: 5,
};

export function stageOf(events: readonly CaseEvent[]): CaseStage {
  let stage: CaseStage = 'returned';
  for (const event of events) {
    if (!isStage(event.type)) continue;
    if (stageRank[event.type] >= stageRank[stage]) stage = event.type;
  }
  return stage;
}

/** Whether a case at `stage` has not reached `target` yet (sold and notSold rank alike, as do the two closings). */
export function isBeforeStage(stage: CaseStage, target: CaseStage): boolean {
  return stageRank[stage] < stageRank[target];
}

function isStage(type: CaseEventType): type is CaseEventType & CaseStage {
  return (caseStages as readonly string[]).includes(type);
}

/** The events that close a case: the vehicle left the lot, or the dealer bought it. */
export const closingEventTypes = ['pickedUp', 'purchaseCompleted'] as const;
export type ClosingEventType = (typeof closingEventTypes)[number];

/** The event that closed the case, if one did. */
export function closingEvent(events: readonly CaseEvent[]): (CaseEvent & { type: ClosingEventType }) | undefined {
  return events.find((event): event is CaseEvent & { type: ClosingEventType } => (closingEventTypes as readonly string[]).includes(event.type));
}

/** What the process (through the stored decision) says about this case; the state machine reads only this. */
export interface CaseProcessFacts {
  /** False in AK, HI and SD: no third-party inspection; the Remarketing Center takes over. */
  inspectionAvailable: boolean;
  /** 72 for dealer purchases (Ally holds remarketing after the notification), 0 otherwise. */
  holdHours: number;
  /** An ET lease return gets the pre-sale letter after the inspection. */
  etPreSaleLetter: boolean;
  /** An ET settlement letter goes out only after the auction sale. */
  settlementAfterAuctionSale: boolean;
  /** Dealer Purchase for Lessee or for Inventory: the case may end with the purchase instead of remarketing. */
  dealerPurchase: boolean;
}

const dealerPurchaseIntents: readonly Intent[] = ['dealerPurchaseForLessee', 'dealerPurchaseForInventory'];

export function isDealerPurchase(intent: Intent): boolean {
  return dealerPurchaseIntents.includes(intent);
}

/** The facts the state machine and the timeline read, from the decision stored with the case. */
export function processFactsOf(decision: Decision): CaseProcessFacts {
  return {
    inspectionAvailable: decision.inspection.available,
    holdHours: decision.remarketing.holdHours,
    etPreSaleLetter: decision.letters.etPreSaleLetter,
    settlementAfterAuctionSale: decision.letters.settlementAfterAuctionSale,
    dealerPurchase: isDealerPurchase(decision.quote.type),
  };
}

/**
 * When the remarketing hold of a dealer purchase ends (UTC ISO): `holdHours` after the notification.
 * Null when there is no hold, or when Ally has not been notified yet (the hold has not started).
 */
export function holdUntil(facts: CaseProcessFacts, events: readonly CaseEvent[]): string | null {
  if (facts.holdHours <= 0) return null;
  const notified = events.find((event) => event.type === 'notified');
  if (!notified) return null;
  return new Date(Date.parse(notified.at) + facts.holdHours * 3_600_000).toISOString().replace('.000Z', 'Z');
}

/** Why an event cannot be recorded now; case-messages.ts words each one for people. */
export type TransitionProblem =
  | { kind: 'alreadyRecorded'; type: CaseEventType; at: string }
  | { kind: 'closed'; type: CaseEventType; closedBy: ClosingEventType; closedAt: string }
  | { kind: 'needsFirst'; type: CaseEventType; needs: CaseEventType }
  | { kind: 'inspectionNotAvailable' }
  | { kind: 'holdActive'; type: CaseEventType; until: string; hours: number }
  | { kind: 'notDealerPurchase' }
  | { kind: 'remarketingStarted'; postedAt: string }
  | { kind: 'onAuction' }
  | { kind: 'auctionResultRecorded'; type: CaseEventType; result: 'sold' | 'notSold' }
  | { kind: 'wrongParty'; expected: PickupParty; because: 'sold' | 'notSold' | 'notPosted' }
  | { kind: 'letterNotApplicable'; type: 'etPreSaleLetterMailed' }
  | { kind: 'beforePrerequisite'; type: CaseEventType; needs: CaseEventType; needsAt: string };

const letters: readonly CaseEventType[] = ['etPreSaleLetterMailed', 'settlementLetterMailed'];

/**
 * Checks that `next` may follow `events` under the process order. Only the order is checked here;
 * whether a pickup may be released against the document seen is the rules' call (decision service).
 */
export function checkTransition(facts: CaseProcessFacts, events: readonly CaseEvent[], next: CaseEvent): TransitionProblem | null {
  const find = (type: CaseEventType): CaseEvent | undefined => events.find((event) => event.type === type);
  const previous = find(next.type);
  if (previous) return { kind: 'alreadyRecorded', type: next.type, at: previous.at };
  const closing = closingEvent(events);
  // Letters go to the lessee and may still be mailed after the vehicle has left the lot (or was bought).
  if (closing && !letters.includes(next.type)) return { kind: 'closed', type: next.type, closedBy: closing.type, closedAt: closing.at };

  // Where there is no third-party inspection, the notification is what lets remarketing go on.
  const readyForRemarketing: CaseEventType = facts.inspectionAvailable ? 'inspected' : 'notified';
  // What each milestone itself waits for, so a refusal names the earliest thing still missing.
  const before: Partial<Record<CaseEventType, CaseEventType>> = {
    inspected: 'notified',
    postedToSmartAuction: readyForRemarketing,
    sold: 'postedToSmartAuction',
  };
  const requires = (needs: CaseEventType): TransitionProblem | null => {
    const prerequisite = find(needs);
    if (!prerequisite) {
      let earliest = needs;
      for (let earlier = before[earliest]; earlier !== undefined && earlier !== earliest && !find(earlier); earlier = before[earliest]) earliest = earlier;
      return { kind: 'needsFirst', type: next.type, needs: earliest };
    }
    if (Date.parse(next.at) < Date.parse(prerequisite.at)) return { kind: 'beforePrerequisite', type: next.type, needs, needsAt: prerequisite.at };
    return null;
  };
  // A dealer purchase: Ally holds remarketing (inspection, posting, pickup) so the purchase can be finalized.
  const hold = (): TransitionProblem | null => {
    const until = holdUntil(facts, events);
    if (until !== null && Date.parse(next.at) < Date.parse(until)) return { kind: 'holdActive', type: next.type, until, hours: facts.holdHours };
    return null;
  };

  switch (next.type) {
    case 'notified':
      return null;
    case 'inspected':
      if (!facts.inspectionAvailable) return { kind: 'inspectionNotAvailable' };
      return requires('notified') ?? hold();
    case 'etPreSaleLetterMailed':
      if (!facts.etPreSaleLetter) return { kind: 'letterNotApplicable', type: next.type };
      return requires(readyForRemarketing);
    case 'postedToSmartAuction':
      return requires('notified') ?? hold() ?? requires(readyForRemarketing);
    case 'sold':
    case 'notSold': {
      const result = find('sold') ?? find('notSold');
      if (result) return { kind: 'auctionResultRecorded', type: next.type, result: result.type === 'sold' ? 'sold' : 'notSold' };
      return requires('postedToSmartAuction');
    }
    case 'settlementLetterMailed':
      return requires(facts.settlementAfterAuctionSale ? 'sold' : 'notified');
    case 'pickedUp': {
      const problem = requires('notified') ?? hold() ?? requires(readyForRemarketing);
      if (problem) return problem;
      const posted = find('postedToSmartAuction');
      const sold = find('sold');
      const notSold = find('notSold');
      if (posted && !sold && !notSold) return { kind: 'onAuction' };
      const resultAt = sold ?? notSold;
      if (resultAt && Date.parse(next.at) < Date.parse(resultAt.at)) {
        return { kind: 'beforePrerequisite', type: next.type, needs: resultAt.type, needsAt: resultAt.at };
      }
      // A sold vehicle leaves with its buying dealer; an unsold or ineligible one with Ally's transporter.
      const expected: PickupParty = sold ? 'buyingDealer' : 'transporter';
      if (next.by !== expected) return { kind: 'wrongParty', expected, because: sold ? 'sold' : notSold ? 'notSold' : 'notPosted' };
      return null;
    }
    case 'purchaseCompleted': {
      if (!facts.dealerPurchase) return { kind: 'notDealerPurchase' };
      const problem = requires('notified');
      if (problem) return problem;
      // Once the vehicle is on SmartAuction the purchase was not finalized in time: it is being remarketed.
      const posted = find('postedToSmartAuction');
      if (posted) return { kind: 'remarketingStarted', postedAt: posted.at };
      return null;
    }
  }
}
