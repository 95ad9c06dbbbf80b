import type { PickupParty } from '../domain/decision-request.ts';
import type { CaseEventType, CaseStage, TransitionProblem } from '../domain/return-case.ts';
import type { TimelineStepId, TimelineText } from '../domain/timeline.ts';
import { formatLocalMoment, localDate } from '../domain/zoned-time.ts';

/** Every sentence the case and status features show people, in one place. */

export const eventNames: Record<CaseEventType, string> = {
  notified: 'the notification to Ally',
  inspected: 'the inspection',
  etPreSaleLetterMailed: 'the ET pre-sale letter',
  postedToSmartAuction: 'the SmartAuction posting',
  sold: 'the sale',
  notSold: 'the "not sold" result',
  settlementLetterMailed: 'the settlement letter',
  pickedUp: 'the pickup',
  purchaseCompleted: 'the completed dealer purchase',
};

const partyNames: Record<PickupParty, string> = { buyingDealer: 'the buying dealer', transporter: 'the transporter' };
const documentNames = { proofOfSale: 'proof of sale', billOfLading: 'the Bill of Lading' } as const;

/** A contact as texts name it: "Ally Dealer Buyout" and "877-290-9544, option 2", both from the directory. */
export interface NamedContact {
  name: string;
  reach: string;
}

/** The step a waiting step counts from, as its note names it. */
const waitingForNames: Record<TimelineStepId, string> = {
  returned: 'the return',
  notified: 'the notification to Ally',
  remarketingHold: 'the end of the dealer-purchase hold',
  inspected: 'the inspection',
  postedToSmartAuction: 'the SmartAuction posting',
  smartAuction: 'the SmartAuction result',
  pickedUp: 'the pickup',
};

export function timelineText(contacts: { remarketingCenter: string }): TimelineText {
  return {
    labels: {
      returned: 'Vehicle returned to the dealership',
      notified: 'Notify Ally of the return',
      remarketingHold: '72-hour hold for the dealer purchase',
      inspected: 'Third-party inspection',
      postedToSmartAuction: 'Posted to SmartAuction (if eligible)',
      smartAuction: 'Sold on SmartAuction, or not (listed up to 6 days)',
      pickedUp: 'Pickup from the dealership',
    },
    notes: {
      inspectionNotAvailable: (state) => `No third-party inspections in ${state}: call the Ally Remarketing Center, ${contacts.remarketingCenter}.`,
      notPosted: 'Not posted to SmartAuction (not eligible); a transporter picked the vehicle up.',
      posted: (day) => `Posted to SmartAuction on ${day}.`,
      sold: 'Sold on SmartAuction: the buying dealer picks it up with proof of sale.',
      notSold: 'Not sold on SmartAuction: a transporter picks it up with a Bill of Lading.',
      hold: (hours) => `Ally delays remarketing ${hours} hours after the notification so the purchase can be finalized.`,
      onlyIfNotPurchased: (hours, until, zone) =>
        until === null
          ? `Only if the dealer purchase is not finalized within the ${hours}-hour hold that starts when Ally is notified.`
          : `Only if the dealer purchase is not finalized by the end of the ${hours}-hour hold, ${formatMoment(until, zone)}.`,
      waitingFor: (previous) => `Counts from ${waitingForNames[previous]}, which has not happened yet.`,
      purchaseCompleted: 'The dealer purchase was completed: Ally does not remarket the vehicle.',
      notNeededPurchased: 'Not needed: the dealer bought the vehicle, so Ally does not remarket it.',
      notNeededPickedUp: (day) => `Not needed: the vehicle was picked up on ${day} and the case is closed.`,
      notifyByFax: (fax) => `No AVRM access: fax the signed Odometer Statement/Third Party Inspection form to ${fax}.`,
    },
  };
}

export function transitionMessage(
  problem: TransitionProblem,
  zone: string,
  stateCode: string,
  contacts: { remarketingCenter: string; dealerBuyout: NamedContact },
): string {
  const when = (iso: string): string => formatDay(iso, zone);
  const remarketingCenter = contacts.remarketingCenter;
  const buyout = `${contacts.dealerBuyout.name}, ${contacts.dealerBuyout.reach}`;
  switch (problem.kind) {
    case 'alreadyRecorded':
      return `${capitalize(eventNames[problem.type])} was already recorded (${when(problem.at)}).`;
    case 'closed':
      return problem.closedBy === 'purchaseCompleted'
        ? `The dealer purchase was completed on ${when(problem.closedAt)}; the case is closed, so ${eventNames[problem.type]} cannot be recorded.`
        : `The vehicle was picked up on ${when(problem.closedAt)}; the case is closed, so ${eventNames[problem.type]} cannot be recorded.`;
    case 'needsFirst':
      return `Record ${eventNames[problem.needs]} first: ${eventNames[problem.type]} cannot come before it.`;
    case 'inspectionNotAvailable':
      return `Third-party inspections are not offered in ${stateCode}; there is no inspection to record. Call the Ally Remarketing Center, ${remarketingCenter}.`;
    case 'holdActive':
      return `The ${problem.hours}-hour dealer-purchase hold runs until ${formatMoment(problem.until, zone)}: ${eventNames[problem.type]} cannot be recorded before then. Finalize the purchase with ${buyout}, then record purchaseCompleted.`;
    case 'notDealerPurchase':
      return 'purchaseCompleted is only for a Dealer Purchase for Lessee or a Dealer Purchase for Inventory; this case is a lessee return.';
    case 'remarketingStarted':
      return `The vehicle has been on SmartAuction since ${when(problem.postedAt)}: the purchase was not finalized within the hold and Ally is remarketing it. Call ${buyout}.`;
    case 'onAuction':
      return 'The vehicle is on SmartAuction: record whether it sold (sold or notSold) before the pickup.';
    case 'auctionResultRecorded':
      return `The SmartAuction result was already recorded as ${problem.result === 'sold' ? 'sold' : 'not sold'}.`;
    case 'wrongParty': {
      const reason =
        problem.because === 'sold'
          ? 'it sold on SmartAuction'
          : problem.because === 'notSold'
            ? 'it did not sell on SmartAuction'
            : 'it was not posted to SmartAuction';
      return `Only ${partyNames[problem.expected]} picks this vehicle up: ${reason}.`;
    }
    case 'letterNotApplicable':
      return 'The ET pre-sale letter goes out only when a returned vehicle ends its lease early (ET); the decision for this case says it does not apply.';
    case 'beforePrerequisite':
      return `${capitalize(eventNames[problem.type])} cannot be dated before ${eventNames[problem.needs]} (${when(problem.needsAt)}).`;
  }
}

export function releaseRefusedMessage(by: PickupParty, missing: 'proofOfSale' | 'billOfLading' | null): string {
  const document = missing ? documentNames[missing] : 'the required document';
  return `Do not release the vehicle: ${partyNames[by]} must provide ${document} first.`;
}

export const validationMessages = {
  returnDateInFuture: (today: string) => `returnDate cannot be after today (${today} at the dealership): open the case once the vehicle is back.`,
  atInFuture: 'at is in the future.',
  atBeforeReturn: (returnDate: string) => `at is before the return date (${returnDate}).`,
  atNotDateTime: (input: string) => `"${input}" is not an ISO 8601 date and time, for example 2026-03-04T10:30:00-05:00.`,
  pickupNeedsParty: 'by is required for a pickup: buyingDealer or transporter.',
  pickupNeedsDocument: 'document is required for a pickup: proofOfSale, billOfLading or none.',
  onlyForPickup: (field: string) => `${field} is only given for a pickedUp event.`,
  fullVinForWrites: 'Give the full 17-character VIN to change a case.',
  unknownDealer: (id: string) => `No dealer with id "${id}"; register it first with POST /api/v1/dealers.`,
  ambiguousSuffix: (suffix: string, vins: readonly string[]) =>
    `Several cases have a VIN ending in ${suffix} (${vins.join(', ')}${vins.length >= 5 ? ', ...' : ''}); give more characters.`,
  caseNotFound: (vin: string) => `No return case for VIN ${vin}.`,
  dealerNotFound: (id: string) => `No dealer with id "${id}".`,
  badCursor: 'cursor is not one this API returned.',
};

/** What a status text says about where the vehicle stands. */
export function stagePhrase(stage: CaseStage, at: string | undefined, zone: string): string {
  const day = at ? formatDay(at, zone) : '';
  switch (stage) {
    case 'returned':
      return `returned ${day}, Ally not yet notified`;
    case 'notified':
      return `Ally notified ${day}`;
    case 'inspected':
      return `inspected ${day}`;
    case 'postedToSmartAuction':
      return `on SmartAuction since ${day}`;
    case 'sold':
      return `sold on SmartAuction ${day}`;
    case 'notSold':
      return `not sold on SmartAuction (${day})`;
    case 'pickedUp':
      return `picked up ${day}, case closed`;
    case 'purchaseCompleted':
      return `bought by the dealer ${day}, case closed`;
  }
}

export const statusMessages = {
  stepNames: {
    returned: 'vehicle returned',
    notified: 'notify Ally',
    remarketingHold: '72-hour hold',
    inspected: 'third-party inspection',
    postedToSmartAuction: 'SmartAuction posting',
    smartAuction: 'SmartAuction sale',
    pickedUp: 'pickup',
  } satisfies Record<TimelineStepId, string>,
  status: (vin: string, stage: string) => `VIN ${vin}: ${stage}.`,
  next: (label: string, by: string, overdue: boolean) => (overdue ? `Next: ${label}, was due by ${by} (late).` : `Next: ${label}, expected by ${by}.`),
  holdEnds: (hours: number, until: string) => `Next: finalize the dealer purchase before the ${hours}-hour hold ends ${until}, or Ally starts remarketing.`,
  holdStartsWhenNotified: (hours: number) => `The ${hours}-hour hold starts when Ally is notified.`,
  holdEnded: (hours: number, at: string) => `The ${hours}-hour hold ended ${at}: Ally remarkets it.`,
  noInspection: (state: string) => `No third-party inspection in ${state}.`,
  call: (name: string, reach: string) => `Questions: ${name} ${reach}.`,
  notFoundForPhone: (reach: string) => `No case found for this number. Check the VIN, or call the Ally Remarketing Center at ${reach}.`,
  notFound: (vin: string) => `No return case found for VIN ${vin}.`,
  notFoundForDealer: (reach: string) => `No case of your dealership has that VIN. Check the VIN, or call the Ally Remarketing Center at ${reach}.`,
  invalidVin: (reason: string) => `That VIN is not valid: ${reason}`,
  needFullVin: 'Please give the full 17-character VIN (the last characters alone are accepted only by text message from a registered dealer phone).',
  ambiguous: (suffix: string) => `Several of your cases have a VIN ending in ${suffix}. Send more characters of the VIN.`,
  optedOut: 'This number has opted out. Reply START to get case information again.',
  releaseTo: (vin: string, party: string, document: string, reach: string) =>
    `VIN ${vin}: release it only to ${party} with ${document}. No document, no release. Transport questions: ${reach}.`,
  releaseNotYet: (vin: string, reason: string) => `VIN ${vin}: do not release it yet, ${reason}.`,
  releaseBeforePosting: (vin: string, transporterDocument: string, buyerDocument: string) =>
    `VIN ${vin}: not on SmartAuction yet. Release it only to Ally's transporter with ${transporterDocument}, or after a sale to the buying dealer with ${buyerDocument}.`,
  releaseOnAuction: (vin: string, buyerDocument: string, transporterDocument: string) =>
    `VIN ${vin}: do not release it yet, it is on SmartAuction. If it sells: only to the buying dealer with ${buyerDocument}. If not: only to the transporter with ${transporterDocument}.`,
  releaseDone: (vin: string, day: string, party: string) => `VIN ${vin} was picked up ${day} by ${party}; the case is closed.`,
  releaseBought: (vin: string, day: string) =>
    `VIN ${vin}: bought by the dealer ${day}, so it stays with the dealer. Do not release it to a transporter; the case is closed.`,
  releaseDuringHold: (vin: string, hours: number, until: string, buyout: NamedContact) =>
    `VIN ${vin}: a dealer purchase, it stays with the dealer. Do not release it to a transporter. The ${hours}-hour hold runs until ${until}: finalize the purchase with ${buyout.name} ${buyout.reach}.`,
  releaseDealerPurchaseNotNotified: (vin: string, hours: number, buyout: NamedContact) =>
    `VIN ${vin}: a dealer purchase, it stays with the dealer. Do not release it to a transporter. Notify Ally to start the ${hours}-hour hold; purchase questions: ${buyout.name} ${buyout.reach}.`,
  notInspectedYet: 'it has not been inspected',
  notNotifiedYet: 'Ally has not been notified',
  partyNames,
  documentNames,
};

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "Tue Mar 3" in the dealership's zone (English, like every text here; no Intl call per message). */
export function formatDay(iso: string, zone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const local = new Date(Date.parse(`${localDate(zone, ms)}T00:00:00Z`));
  return `${weekdays[local.getUTCDay()] ?? ''} ${months[local.getUTCMonth()] ?? ''} ${local.getUTCDate()}`;
}

export function formatMoment(iso: string, zone: string): string {
  return formatLocalMoment(zone, Date.parse(iso));
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
