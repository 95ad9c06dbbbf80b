import { reply, type Reply } from '../../src/channels/reply.ts';
import type { DecisionRequest } from '../../src/domain/decision-request.ts';
import type { Decision, TraceEntry } from '../../src/domain/decision.ts';
import { stateName } from '../../src/domain/us-states.ts';
import type { ContactDirectory } from '../../src/rules/contact-directory.ts';
import type { ProcessSection } from '../../src/rules/rule-set-schema.ts';

/**
 * A decision in words: the outcome first, then why (from the trace), then what to do (the rules'
 * steps) and who to call (the rules' contacts). Everything stated comes from the Decision; this
 * module only words it.
 */
const quoteNames: Record<Decision['quote']['type'], string> = {
  lesseeReturn: 'Lessee Return',
  dealerPurchaseForInventory: 'Dealer Purchase for Inventory',
  dealerPurchaseForLessee: 'Dealer Purchase for Lessee',
};

function days(count: number): string {
  return `${count} day${count === 1 ? '' : 's'}`;
}

function numberFact(entry: TraceEntry | undefined, name: string): number | undefined {
  const value = entry?.facts[name];
  return typeof value === 'number' ? value : undefined;
}

/** One short reason per rule that decided something; rules without an entry here add no "why". */
const whyByRule: Record<string, (entry: TraceEntry, decision: Decision, request: DecisionRequest) => string | undefined> = {
  'termination-early': (entry) => {
    const before = numberFact(entry, 'daysBeforeMaturity');
    return before === undefined ? 'it comes back before the maturity date' : `it comes back ${days(before)} before the maturity date`;
  },
  'termination-normal-maturity': () => 'it comes back on or after the maturity date',
  'remarketing-hold-for-dealer-purchase': (_entry, decision) =>
    `a dealer purchase holds remarketing ${decision.remarketing.holdHours} hours so it can be finalized`,
  'remarketing-starts-immediately': () => 'nobody is buying it, so Ally remarkets it right away',
  'notification-fax-lease-return': () => 'without AVRM access the signed form is faxed',
  'notification-fax-dealer-purchase': () => 'without AVRM access the signed form is faxed',
  'inspection-not-offered-in-state': (_entry, _decision, request) => `third-party inspections aren't offered in ${stateName(request.state)}`,
  'quote-dealer-purchase-for-lessee': () => 'a purchase for the lessee is not a return quote and needs proof of resale',
};

/**
 * `holdIfNotifiedNow`: for a dealer purchase, when the hold would end if Ally were notified now (the hold
 * counts from the notification), already worded in the dealer's zone ("Thu Mar 5 10:00 AM EST").
 */
export function decisionReply(
  decision: Decision,
  request: DecisionRequest,
  directory: ContactDirectory,
  sections: readonly ProcessSection[],
  holdIfNotifiedNow?: string,
): Reply {
  const termination = decision.termination === 'ET' ? 'Early termination (ET)' : 'Normal maturity (NM)';
  const remarketing = decision.remarketing.startsImmediately
    ? 'Ally starts remarketing right away'
    : `Ally holds remarketing for ${decision.remarketing.holdHours} hours`;
  const headline = `${termination}, ${quoteNames[decision.quote.type]}: ${remarketing}.`;

  const notify =
    decision.notification.method === 'AVRM'
      ? 'Notify Ally and get the quote in AVRM.'
      : `No AVRM: fax the signed Ally SmartLease Odometer Statement/Third Party Inspection form to ${decision.notification.faxNumber ?? 'Ally'}.`;

  // In the order of whyByRule (the termination first), whatever order the rules fired in.
  const reasons = Object.keys(whyByRule)
    .map((rule) => decision.trace.find((entry) => entry.rule === rule))
    .map((entry) => (entry ? whyByRule[entry.rule]?.(entry, decision, request) : undefined))
    .filter((reason): reason is string => reason !== undefined);
  const why = reasons.length > 0 ? `Why: ${reasons.join('; ')}.` : undefined;

  const facts: Reply['facts'] = [
    { label: 'Termination', value: decision.termination },
    {
      label: 'Quote',
      value: `${quoteNames[decision.quote.type]}${decision.quote.isReturnQuote ? '' : ' (not a return quote)'}${decision.quote.requiresProofOfResale ? ', needs proof of resale' : ''}`,
    },
    { label: 'Remarketing', value: decision.remarketing.startsImmediately ? 'starts immediately' : `held ${decision.remarketing.holdHours} hours` },
    ...(decision.remarketing.holdHours > 0 && holdIfNotifiedNow !== undefined
      ? [{ label: 'Hold ends', value: `${decision.remarketing.holdHours} hours after you notify Ally: ${holdIfNotifiedNow} if you notify now` }]
      : []),
    { label: 'Notify Ally', value: decision.notification.method === 'AVRM' ? 'AVRM' : `fax ${decision.notification.faxNumber ?? ''}`.trim() },
    { label: 'Inspection', value: decision.inspection.available ? 'third-party, offered' : `not offered in ${request.state}` },
  ];
  const letters = [
    decision.letters.etPreSaleLetter ? 'ET Pre-Sale Letter' : undefined,
    decision.letters.settlementAfterAuctionSale
      ? 'settlement letter after the auction sale'
      : decision.letters.settlementLetter
        ? 'settlement letter'
        : undefined,
  ].filter((letter): letter is string => letter !== undefined);
  if (letters.length > 0) facts.push({ label: 'Letters to lessee', value: letters.join('; ') });
  if (request.vin) facts.push({ label: 'VIN', value: request.vin });

  const titles = new Map(sections.map((section) => [section.id, section.title]));
  // The sections behind the outcome and its why; rules that only add steps, options or "nothing
  // special" (no letters, inspection offered) would bury them.
  const decisive = decision.trace.filter(
    (entry) => entry.rule in whyByRule || entry.rule.startsWith('quote-') || entry.rule.startsWith('letters-early-termination-return'),
  );
  const sources = [...new Set(decisive.map((entry) => entry.source))];
  return reply({
    text: why ? [headline, notify, why] : [headline, notify],
    tone: 'decision',
    facts,
    steps: decision.steps,
    contacts: decision.contacts.map((contact) => ({ name: contact.name, reach: directory.reach(contact.id) })),
    citations: sources.map((section) => ({ section, title: titles.get(section) ?? section })),
  });
}
