import type { PickupParty } from './decision-request.ts';
import { caseEventTypes, checkTransition, type CaseEvent, type CaseEventType, type CaseProcessFacts } from './return-case.ts';

const pickupParties: readonly PickupParty[] = ['buyingDealer', 'transporter'];

/**
 * The events a case can take at `at`, in process order: each event type the state machine
 * (checkTransition) would accept now. A pickup is possible when one of the two parties may pick up;
 * that party is returned too, since the other would be refused. Whether the document seen lets the
 * vehicle go is the rules' call at recording time, not part of this list.
 */
export function possibleEvents(
  facts: CaseProcessFacts,
  events: readonly CaseEvent[],
  at: string,
): { nextEvents: CaseEventType[]; nextPickupParty: PickupParty | null } {
  const nextEvents: CaseEventType[] = [];
  let nextPickupParty: PickupParty | null = null;
  for (const type of caseEventTypes) {
    if (type === 'pickedUp') {
      const party = pickupParties.find((by) => checkTransition(facts, events, { type, at, by, document: 'none' }) === null);
      if (party === undefined) continue;
      nextPickupParty = party;
      nextEvents.push(type);
    } else if (checkTransition(facts, events, { type, at }) === null) {
      nextEvents.push(type);
    }
  }
  return { nextEvents, nextPickupParty };
}
