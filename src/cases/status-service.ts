import type { Clock } from '../clock.ts';
import { parsePhoneNumber } from '../domain/phone-number.ts';
import { holdUntil, processFactsOf, type CaseEvent } from '../domain/return-case.ts';
import { toSmsText } from '../domain/sms-text.ts';
import { normalizeVinInput } from '../domain/vin.ts';
import { vinOrSuffixSchema } from '../domain/vin-schema.ts';
import type { ContactDirectory } from '../rules/contact-directory.ts';
import type { SmsRepository } from '../storage/repositories.ts';
import { formatDay, formatMoment, stagePhrase, statusMessages } from './case-messages.ts';
import type { CaseService, CaseView } from './case-service.ts';

/**
 * Status answers for a return case as one short plain text (GSM-7, at most 320 characters): the SMS
 * webhook, the bot's `sms` channel and the "check a return's status" dialog all call this one service.
 *
 * With `phone`, the answer is scoped to the dealer that phone is registered to (an unknown number and
 * another dealer's VIN get the same reply). Without `phone`, a full 17-character VIN is required.
 */
export interface StatusQuery {
  vinOrSuffix: string;
  phone?: string;
  /** A recognized chat user's dealer (issue 15): scoped exactly as a phone is. */
  dealerId?: string;
}

export interface StatusServiceDeps {
  cases: CaseService;
  sms: Pick<SmsRepository, 'isOptedOut'>;
  directory: ContactDirectory;
  clock: Clock;
}

/** A status or release text, and whether it is the opted-out notice (the SMS webhook then sends nothing). */
export interface StatusAnswer {
  text: string;
  optedOut: boolean;
}

type Found = { ok: true; view: CaseView } | { ok: false; text: string; optedOut?: true };

export class StatusService {
  constructor(private readonly deps: StatusServiceDeps) {}

  private remarketingReach(): string {
    return this.deps.directory.reach('remarketingCenter');
  }

  async statusText(query: StatusQuery): Promise<string> {
    return (await this.status(query)).text;
  }

  async releaseText(query: StatusQuery): Promise<string> {
    return (await this.releaseStatus(query)).text;
  }

  async status(query: StatusQuery): Promise<StatusAnswer> {
    const found = await this.find(query);
    if (!found.ok) return { text: toSmsText(found.text), optedOut: found.optedOut === true };
    return { text: toSmsText(this.describe(found.view)), optedOut: false };
  }

  async releaseStatus(query: StatusQuery): Promise<StatusAnswer> {
    const found = await this.find(query);
    if (!found.ok) return { text: toSmsText(found.text), optedOut: found.optedOut === true };
    return { text: toSmsText(await this.release(found.view)), optedOut: false };
  }

  private async find(query: StatusQuery): Promise<Found> {
    let dealerId: string | undefined = query.dealerId;
    if (query.phone !== undefined) {
      const phone = parsePhoneNumber(query.phone);
      // An unknown or malformed number learns nothing: the same reply as another dealer's VIN.
      if (!phone) return { ok: false, text: statusMessages.notFoundForPhone(this.remarketingReach()) };
      if (await this.deps.sms.isOptedOut(phone)) return { ok: false, text: statusMessages.optedOut, optedOut: true };
      const dealer = await this.deps.cases.dealerForPhone(phone);
      if (!dealer) return { ok: false, text: statusMessages.notFoundForPhone(this.remarketingReach()) };
      dealerId = dealer.id;
    }
    const parsed = vinOrSuffixSchema.safeParse(query.vinOrSuffix);
    if (!parsed.success) return { ok: false, text: statusMessages.invalidVin(parsed.error.issues[0]?.message ?? '') };
    if (!('vin' in parsed.data) && dealerId === undefined) return { ok: false, text: statusMessages.needFullVin };
    const lookup = await this.deps.cases.lookup(query.vinOrSuffix, dealerId);
    if (lookup.found) return { ok: true, view: lookup.view };
    if (lookup.reason === 'ambiguous') return { ok: false, text: statusMessages.ambiguous(normalizeVinInput(query.vinOrSuffix)) };
    return {
      ok: false,
      text:
        dealerId === undefined
          ? statusMessages.notFound(normalizeVinInput(query.vinOrSuffix))
          : query.phone === undefined
            ? statusMessages.notFoundForDealer(this.remarketingReach())
            : statusMessages.notFoundForPhone(this.remarketingReach()),
    };
  }

  private describe(view: CaseView): string {
    const zone = view.timeZone;
    const stageEvent = view.events.find((event) => event.type === view.stage);
    const parts = [statusMessages.status(view.vin, stagePhrase(view.stage, stageEvent?.at ?? `${view.returnDate}T12:00:00Z`, zone))];
    const next = view.nextStep;
    const inspection = view.timeline.find((step) => step.step === 'inspected');
    if (inspection?.status === 'notApplicable' && (view.stage === 'returned' || view.stage === 'notified')) {
      parts.push(statusMessages.noInspection(view.state));
    }
    const hold = this.holdLine(view);
    if (next) {
      parts.push(
        next.step === 'remarketingHold'
          ? statusMessages.holdEnds(view.decision.remarketing.holdHours, formatMoment(next.expectedBy, zone))
          : statusMessages.next(statusMessages.stepNames[next.step], formatDay(next.expectedBy, zone), next.status === 'overdue'),
      );
    }
    if (hold !== null && next?.step !== 'remarketingHold') parts.push(hold);
    const contactId = this.contactFor(view);
    parts.push(statusMessages.call(this.deps.directory.require(contactId).name, this.deps.directory.reach(contactId)));
    return parts.join(' ');
  }

  /**
   * Where a dealer purchase's hold stands when the next step does not already say it: not started (no
   * notification yet), or ended at a time counted from the notification (remarketing applies since).
   */
  private holdLine(view: CaseView): string | null {
    const hours = view.decision.remarketing.holdHours;
    if (hours <= 0 || view.status === 'closed' || has(view.events, 'postedToSmartAuction')) return null;
    if (view.holdEndsAt === null) return statusMessages.holdStartsWhenNotified(hours);
    if (this.deps.clock.now().toMillis() >= Date.parse(view.holdEndsAt)) return statusMessages.holdEnded(hours, formatMoment(view.holdEndsAt, view.timeZone));
    return null;
  }

  /** The one number to call for where the case stands. */
  private contactFor(view: CaseView): string {
    const next = view.nextStep?.step;
    if (view.stage === 'purchaseCompleted') return 'dealerBuyout';
    if (view.status === 'closed') return 'remarketingCenter';
    if (next === 'pickedUp') return 'transportation';
    if (next === 'notified' && !view.hasAvrmAccess) return 'dealerServiceCenter';
    if (view.decision.remarketing.holdHours > 0 && !has(view.events, 'postedToSmartAuction')) return 'dealerBuyout';
    return 'remarketingCenter';
  }

  private async release(view: CaseView): Promise<string> {
    const names = statusMessages.documentNames;
    const transport = this.deps.directory.reach('transportation');
    // Ask the rules which document each party must show (nothing shown yet).
    const buyer = await this.deps.cases.releaseDecision(view, 'buyingDealer', 'none');
    const transporter = await this.deps.cases.releaseDecision(view, 'transporter', 'none');
    const buyerDocument = buyer.missing ? names[buyer.missing] : names.proofOfSale;
    const transporterDocument = transporter.missing ? names[transporter.missing] : names.billOfLading;
    const inspectionAvailable = view.decision.inspection.available;
    const dealerPurchase = this.dealerPurchaseRelease(view);
    if (dealerPurchase !== null) return dealerPurchase;
    switch (view.stage) {
      case 'pickedUp': {
        const pickup = view.events.find((event) => event.type === 'pickedUp');
        return statusMessages.releaseDone(
          view.vin,
          formatDay(pickup?.at ?? view.closedAt ?? '', view.timeZone),
          statusMessages.partyNames[pickup?.by ?? 'transporter'],
        );
      }
      case 'sold':
        return statusMessages.releaseTo(view.vin, statusMessages.partyNames.buyingDealer, buyerDocument, transport);
      case 'notSold':
        return statusMessages.releaseTo(view.vin, statusMessages.partyNames.transporter, transporterDocument, transport);
      case 'postedToSmartAuction':
        return statusMessages.releaseOnAuction(view.vin, buyerDocument, transporterDocument);
      case 'inspected':
        return statusMessages.releaseBeforePosting(view.vin, transporterDocument, buyerDocument);
      case 'notified':
        if (!inspectionAvailable) return statusMessages.releaseBeforePosting(view.vin, transporterDocument, buyerDocument);
        return statusMessages.releaseNotYet(view.vin, statusMessages.notInspectedYet);
      case 'returned':
        return statusMessages.releaseNotYet(view.vin, inspectionAvailable ? statusMessages.notInspectedYet : statusMessages.notNotifiedYet);
      case 'purchaseCompleted':
        return statusMessages.releaseBought(view.vin, formatDay(view.closedAt ?? '', view.timeZone));
    }
  }

  /**
   * A dealer purchase stays with the dealer: bought, or until the hold ends (the purchase is being
   * finalized). Null once the hold ended without the purchase: remarketing applies and the usual answer follows.
   */
  private dealerPurchaseRelease(view: CaseView): string | null {
    const facts = processFactsOf(view.decision);
    if (!facts.dealerPurchase) return null;
    if (view.stage === 'purchaseCompleted') {
      const completed = view.events.find((event) => event.type === 'purchaseCompleted');
      return statusMessages.releaseBought(view.vin, formatDay(completed?.at ?? view.closedAt ?? '', view.timeZone));
    }
    if (view.status === 'closed' || has(view.events, 'postedToSmartAuction')) return null;
    const buyout = { name: this.deps.directory.require('dealerBuyout').name, reach: this.deps.directory.reach('dealerBuyout') };
    const until = holdUntil(facts, view.events);
    if (until === null) return statusMessages.releaseDealerPurchaseNotNotified(view.vin, facts.holdHours, buyout);
    if (this.deps.clock.now().toMillis() < Date.parse(until)) {
      return statusMessages.releaseDuringHold(view.vin, facts.holdHours, formatMoment(until, view.timeZone), buyout);
    }
    return null;
  }
}

function has(events: readonly CaseEvent[], type: CaseEvent['type']): boolean {
  return events.some((event) => event.type === type);
}
