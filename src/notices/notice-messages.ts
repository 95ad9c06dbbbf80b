import { formatLocalDay, formatLocalMoment } from '../domain/zoned-time.ts';
import { gsm7Length, maxSmsCharacters, toGsm7 } from '../domain/sms-text.ts';
import type { NamedContact } from '../cases/case-messages.ts';

/** Every sentence of a proactive notice, in one place. Contacts and hours come from the rules' directory and decision. */

/** How a notice names a step of the timeline (the timeline's own label is used for a step not listed). */
const stepNames: Readonly<Record<string, string>> = {
  notified: 'Notifying Ally of the return',
  inspected: 'The third-party inspection',
  postedToSmartAuction: 'Posting to SmartAuction',
  smartAuction: 'The SmartAuction result',
  pickedUp: 'The pickup',
};

/** Which directory entry a dealer should call about a late step. */
export const stepContactIds: Readonly<Record<string, string>> = {
  notified: 'dealerServiceCenter',
  inspected: 'remarketingCenter',
  postedToSmartAuction: 'remarketingCenter',
  smartAuction: 'remarketingCenter',
  pickedUp: 'transportation',
};

const vinRef = (vin: string): string => `VIN ending ${vin.slice(-6)}`;
const day = (iso: string, zone: string): string => formatLocalDay(zone, Date.parse(iso));
const moment = (iso: string, zone: string): string => formatLocalMoment(zone, Date.parse(iso));
const call = (contact: NamedContact): string => `Questions: ${contact.name}, ${contact.reach}.`;

export const noticeMessages = {
  stepOverdue: (input: { vin: string; step: string; label: string; expectedBy: string; zone: string; contact: NamedContact }): string =>
    `Ally lease return, ${vinRef(input.vin)}: ${stepNames[input.step] ?? input.label} was expected by ${day(input.expectedBy, input.zone)} and is overdue. ${call(input.contact)}`,
  holdEnding: (input: { vin: string; holdHours: number; until: string; zone: string; contact: NamedContact }): string =>
    `Ally lease return, ${vinRef(input.vin)}: the ${input.holdHours}-hour dealer-purchase hold ends ${moment(input.until, input.zone)}. Finalize the purchase before then, or Ally remarkets the car. ${input.contact.name}, ${input.contact.reach}.`,
  sold: (input: { vin: string; contact: NamedContact }): string =>
    `Ally lease return, ${vinRef(input.vin)} sold on SmartAuction. Release it only to the buying dealer, against proof of sale. ${call(input.contact)}`,
  notSold: (input: { vin: string; contact: NamedContact }): string =>
    `Ally lease return, ${vinRef(input.vin)} did not sell on SmartAuction. A transporter will come; release it only against the Bill of Lading. ${call(input.contact)}`,
  /** Every text ends with how to stop them (carrier rules for notices nobody asked for). */
  smsOptOutLine: 'Reply STOP to stop texts.',
} as const;

/**
 * The SMS body of a notice: GSM-7, the opt-out line last, at most two segments. A text that would be
 * longer loses its last sentence before the opt-out line (the contact), never the facts or the line.
 */
export function smsBodyOf(text: string): string {
  const optOut = noticeMessages.smsOptOutLine;
  let main = toGsm7(text);
  while (gsm7Length(`${main} ${optOut}`) > maxSmsCharacters) {
    const cut = main.lastIndexOf('. ', main.length - 2);
    if (cut <= 0) {
      main = main.slice(0, maxSmsCharacters - optOut.length - 2);
      break;
    }
    main = main.slice(0, cut + 1);
  }
  return `${main} ${optOut}`;
}
