import { daysBetween } from '../src/domain/calendar-date.ts';
import type { DecisionRequest } from '../src/domain/decision-request.ts';

/**
 * The same decisions as rules/*.json, written as a plain function: the baseline that tells what the
 * rule engine costs. Not used by the product; the bench checks it agrees with the engine first.
 */
export function handWrittenDecision(request: DecisionRequest, normalMaturityWindowDays = 0) {
  const termination = daysBetween(request.returnDate, request.maturityDate) > normalMaturityWindowDays ? 'ET' : 'NM';
  const dealerPurchase = request.intent !== 'lesseeReturn';
  const inspectionAvailable = !['AK', 'HI', 'SD'].includes(request.state);
  const returned = request.intent === 'lesseeReturn';
  let pickup: { releaseAllowed: boolean; missingDocument: 'proofOfSale' | 'billOfLading' | null } | undefined;
  if (request.pickup?.by === 'buyingDealer') {
    pickup = request.pickup.proofOfSale ? { releaseAllowed: true, missingDocument: null } : { releaseAllowed: false, missingDocument: 'proofOfSale' };
  } else if (request.pickup?.by === 'transporter') {
    pickup = request.pickup.billOfLading ? { releaseAllowed: true, missingDocument: null } : { releaseAllowed: false, missingDocument: 'billOfLading' };
  }
  return {
    termination,
    quote: {
      type: request.intent,
      isReturnQuote: request.intent !== 'dealerPurchaseForLessee',
      requiresProofOfResale: request.intent === 'dealerPurchaseForLessee',
    },
    remarketing: { holdHours: dealerPurchase ? 72 : 0, startsImmediately: !dealerPurchase },
    notification: request.hasAvrmAccess ? { method: 'AVRM', faxNumber: null } : { method: 'fax', faxNumber: dealerPurchase ? '866-851-0577' : '877-290-9555' },
    inspection: { available: inspectionAvailable },
    letters: { etPreSaleLetter: termination === 'ET' && returned, settlementLetter: returned, settlementAfterAuctionSale: termination === 'ET' && returned },
    ...(pickup ? { pickup } : {}),
  };
}
