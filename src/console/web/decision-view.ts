import type { Decision, ProcessSectionSummary } from './api-types.ts';
import { h, type Child } from './dom.ts';
import { daysBetween, formatMoment, humanize, phoneWithOption, stateNameOf } from './format.ts';
import { documentLabels, intentLabels, quoteLabels, terminationLabels, text } from './messages.ts';
import type { NumberToGive } from './numbers-to-give.ts';

export interface DecisionContext {
  state: string;
  maturityDate: string;
  returnDate: string;
  sections: ReadonlyMap<string, ProcessSectionSummary>;
  /** Prefixes data-testids so a what-if result and a case never share them. */
  testIdPrefix: string;
  /** A case's stage: once the auction result is in, only one release line applies. */
  stage?: string;
  /** A case's hold: its end counted from the notification (null before it), and when it is now, to say ends or ended. */
  hold?: { endsAt: string | null; zone: string | undefined; now: Date };
}

/** The numbers to read out, big, at the top of a case or a what-if result. */
export function numbersPanel(numbers: readonly NumberToGive[], testId: string): HTMLElement {
  return h(
    'section',
    { class: 'numbers', 'data-testid': testId, 'aria-label': text.giveTheDealer },
    h('h3', {}, text.giveTheDealer),
    h(
      'ul',
      {},
      numbers.map((entry) =>
        h(
          'li',
          {},
          h(
            'span',
            { class: 'number' },
            entry.kind === 'fax' ? `Fax ${entry.number}` : entry.number,
            entry.option === undefined ? null : h('span', { class: 'option' }, text.option(entry.option)),
          ),
          h('span', { class: 'who' }, entry.kind === 'fax' ? '' : entry.name, entry.kind === 'fax' ? '' : ' — ', entry.reason),
        ),
      ),
    ),
  );
}

/** The decision as facts an agent can read out: each row is one thing the rules decided. */
export function decisionFacts(decision: Decision, context: DecisionContext): HTMLElement {
  const id = (name: string): string => `${context.testIdPrefix}${name}`;
  const days = daysBetween(context.returnDate, context.maturityDate);
  const remarketingCenter = decision.contacts.find((contact) => contact.id === 'remarketingCenter');
  const row = (label: string, testId: string, ...value: Child[]): HTMLElement[] => [h('dt', {}, label), h('dd', { 'data-testid': id(testId) }, ...value)];

  return h(
    'dl',
    { class: 'facts' },
    row(
      'Termination',
      'termination',
      h('strong', {}, terminationLabels[decision.termination]),
      ` (${decision.termination})`,
      days === undefined ? null : `, ${text.daysBeforeMaturity(days)}`,
    ),
    row(
      'Quote',
      'quote',
      h('strong', {}, intentLabels[decision.quote.type]),
      ` — ${decision.quote.isReturnQuote ? text.returnQuote : text.notReturnQuote}. `,
      decision.quote.requiresProofOfResale ? h('strong', {}, text.proofOfResale) : text.noProofOfResale,
      '.',
    ),
    row(
      'Remarketing',
      'remarketing',
      decision.remarketing.holdHours > 0 ? h('strong', {}, text.hold(decision.remarketing.holdHours)) : text.startsNow,
      decision.remarketing.holdHours > 0 && context.hold ? holdEnd(context.hold) : null,
    ),
    row(
      'Notify Ally',
      'notification',
      decision.notification.method === 'fax' && decision.notification.faxNumber ? h('strong', {}, text.viaFax(decision.notification.faxNumber)) : text.viaAvrm,
    ),
    row(
      'Inspection',
      'inspection',
      decision.inspection.available
        ? text.inspectionAvailable
        : [
            h('strong', { class: 'warn' }, text.inspectionUnavailable(stateNameOf(context.state))),
            remarketingCenter
              ? ` — ${text.callForInspection} ${remarketingCenter.name} ${phoneWithOption(remarketingCenter.phone, remarketingCenter.option)}`
              : null,
          ],
    ),
    row(
      'Letters',
      'letters',
      `${decision.letters.etPreSaleLetter ? (decision.inspection.available ? text.etPreSaleLetter : text.etPreSaleLetterNoInspection) : text.noEtPreSaleLetter}; ${decision.letters.settlementAfterAuctionSale ? text.settlementAfterSale : decision.letters.settlementLetter ? text.settlementLetter : text.settlementNotTiedToSale}.`,
    ),
    row('Quotes that fit', 'eligible-quotes', decision.eligibleQuotes.map((quote) => quoteLabels[quote] ?? humanize(quote)).join(', ') || '—'),
    row('Release at pickup', 'release-rule', releaseRule(decision, context.stage)),
  );
}

function releaseRule(decision: Decision, stage: string | undefined): Child[] {
  if (decision.pickup) {
    const missing = decision.pickup.missingDocument;
    return [
      decision.pickup.releaseAllowed
        ? h('strong', { class: 'ok' }, text.releaseAllowed)
        : h('strong', { class: 'warn' }, text.releaseRefused(missing ? (documentLabels[missing] ?? humanize(missing)) : 'required document')),
    ];
  }
  // Sold: the buying dealer comes with proof of sale. Not sold: Ally's transporter with the Bill of Lading.
  const applies = stage === 'sold' ? 0 : stage === 'notSold' ? 1 : undefined;
  return text.releaseGeneral.map((line, index) =>
    applies === undefined
      ? h('span', { class: 'rule-line' }, line)
      : applies === index
        ? h('strong', { class: 'rule-line', 'data-applies': 'true' }, line)
        : h('span', { class: 'rule-line muted' }, line),
  );
}

/** "; hold ends Thu Mar 5 10:00 AM EST", in the dealer's zone (data-testid hold-ends). */
function holdEnd(hold: NonNullable<DecisionContext['hold']>): HTMLElement[] {
  if (hold.endsAt === null) return [h('span', { 'data-testid': 'hold-ends' }, `; ${text.holdStartsWhenNotified}`)];
  const ended = hold.now.getTime() >= Date.parse(hold.endsAt);
  return [h('span', { 'data-testid': 'hold-ends' }, '; ', h('strong', {}, text.holdEnds(formatMoment(hold.endsAt, hold.zone), ended)))];
}

/** The decision's steps, or the ones a case still has ahead (`steps`). */
export function stepsList(decision: Decision, testId: string, steps: readonly string[] = decision.steps): HTMLElement {
  return h(
    'section',
    { 'aria-label': 'Next steps for the dealer' },
    h('h3', {}, 'Next steps for the dealer'),
    h(
      'ol',
      { class: 'steps', 'data-testid': testId },
      steps.map((step) => h('li', {}, step)),
    ),
  );
}

export function contactsList(decision: Decision): HTMLElement {
  return h(
    'ul',
    { class: 'contacts', 'aria-label': 'Contacts for this return' },
    decision.contacts.map((contact) => h('li', {}, h('strong', {}, contact.name), ': ', phoneWithOption(contact.phone, contact.option))),
  );
}

/** "Why": every rule that fired, the facts it read and the process section it rests on, folded by default. */
export function traceView(decision: Decision, sections: ReadonlyMap<string, ProcessSectionSummary>, testId: string): HTMLElement {
  const sectionIds = new Set(decision.trace.map((entry) => entry.source));
  return h(
    'details',
    { class: 'trace', 'data-testid': testId },
    h('summary', {}, `Why: ${decision.trace.length} rules from ${sectionIds.size} process sections (rules version ${decision.rulesVersion})`),
    h(
      'ol',
      {},
      decision.trace.map((entry) => {
        const section = sections.get(entry.source);
        const facts = Object.entries(entry.facts);
        return h(
          'li',
          { 'data-testid': 'trace-entry' },
          h(
            'details',
            {},
            h(
              'summary',
              {},
              h('span', { class: 'rule' }, entry.title ?? humanize(entry.rule)),
              ' — ',
              h('span', { class: 'source' }, section?.title ?? entry.source),
            ),
            h('p', { class: 'rule-id' }, 'Rule ', h('code', {}, entry.rule), ', process section ', h('code', {}, entry.source)),
            facts.length === 0
              ? null
              : h(
                  'p',
                  { class: 'trace-facts' },
                  'Facts used: ',
                  facts.map(([name, value], index) => [index > 0 ? ', ' : '', h('code', {}, `${name} = ${String(value)}`)]),
                ),
            section ? h('blockquote', {}, section.text) : null,
          ),
        );
      }),
    ),
  );
}
