import type { Decision } from './api-types.ts';
import { stateNameOf } from './format.ts';
import { text } from './messages.ts';

export interface NumberToGive {
  kind: 'phone' | 'fax';
  /** "877-290-9544" */
  number: string;
  option?: number;
  /** Who answers: "Ally Dealer Buyout". */
  name: string;
  /** Why this number, in a few words. */
  reason: string;
}

export interface CaseProgress {
  /** Event types already recorded on the case, if there is one. */
  eventTypes: readonly string[];
}

type Contact = Decision['contacts'][number];

/**
 * The one or two numbers an agent reads out first. The decision lists every relevant contact; this picks
 * by where the return stands: the party that owns the current step first, then the number that unblocks
 * the dealer (no inspections in the state, no AVRM). Numbers come from the decision, or from the
 * contact directory (rules/contacts.json) for a step the decision did not need when the case was opened
 * (the transport line once the car has sold).
 */
export function numbersToGive(decision: Decision, state: string, progress: CaseProgress, directory: readonly Contact[]): NumberToGive[] {
  const contact = (id: string): Contact | undefined => decision.contacts.find((entry) => entry.id === id) ?? directory.find((entry) => entry.id === id);
  const done = new Set(progress.eventTypes);
  const awaitingPickup = (done.has('sold') || done.has('notSold')) && !done.has('pickedUp');
  const dealerPurchase = decision.remarketing.holdHours > 0 || decision.quote.type !== 'lesseeReturn';
  const picks: NumberToGive[] = [];
  const addContact = (id: string, reason: string): void => {
    const entry = contact(id);
    if (!entry || picks.some((pick) => pick.number === entry.phone && pick.option === entry.option)) return;
    picks.push({ kind: 'phone', number: entry.phone, ...(entry.option === undefined ? {} : { option: entry.option }), name: entry.name, reason });
  };

  if (awaitingPickup || decision.pickup) addContact('transportation', text.numberReasons.transportation);
  else if (dealerPurchase) addContact('dealerBuyout', text.numberReasons.dealerBuyout);
  else if (decision.inspection.available) addContact('remarketingCenter', text.numberReasons.remarketingCenter);

  if (!decision.inspection.available) {
    addContact('remarketingCenter', text.numberReasons.remarketingCenterState(stateNameOf(state)));
  }
  if (picks.length < 2 && decision.notification.method === 'fax' && decision.notification.faxNumber && !done.has('notified')) {
    picks.push({ kind: 'fax', number: decision.notification.faxNumber, name: 'Fax', reason: text.numberReasons.fax });
  }
  if (picks.length < 2 && decision.notification.method === 'fax') addContact('dealerServiceCenter', text.numberReasons.dealerServiceCenter);
  if (picks.length === 0) {
    const first = decision.contacts[0];
    if (first) addContact(first.id, first.name);
  }
  return picks.slice(0, 2);
}
