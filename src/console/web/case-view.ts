import type { Decision, ProcessSectionSummary, ReturnCase, TimelineStep } from './api-types.ts';
import { decisionFacts, numbersPanel, stepsList, traceView, contactsList } from './decision-view.ts';
import { h } from './dom.ts';
import { formatDay, formatMoment, humanize, stateLabel, zoneOf } from './format.ts';
import { documentLabels, eventTypes, intentLabels, pickupPartyLabels, stageLabels, statusLabels, terminationLabels } from './messages.ts';
import { numbersToGive } from './numbers-to-give.ts';
import { copyButton } from './copy-buttons.ts';
import { eventForm, type EventRequest } from './event-form.ts';
import { phoneCenterText } from './messages.ts';

export type { EventRequest } from './event-form.ts';

export interface CaseViewOptions {
  sections: ReadonlyMap<string, ProcessSectionSummary>;
  directory: Decision['contacts'];
  onRecordEvent: (request: EventRequest) => void;
  /** The call notes section (notes-view.ts), shown beside the event form. */
  notes?: HTMLElement;
}

const eventLabels = new Map<string, string>(eventTypes);

/** Everything about one case, most urgent first: who to call, what was decided, where it stands, why. */
export function renderCase(returnCase: ReturnCase, options: CaseViewOptions): HTMLElement[] {
  const { decision } = returnCase;
  const zone = returnCase.timeZone ?? zoneOf(returnCase.state);
  const dealerName = returnCase.dealer?.name ?? returnCase.dealerId;
  const numbers = numbersToGive(decision, returnCase.state, { eventTypes: returnCase.events.map((event) => event.type) }, options.directory);

  const header = h(
    'header',
    { class: 'case-header' },
    h(
      'h2',
      { id: 'case-heading', tabindex: '-1' },
      h('span', { class: 'vin', 'data-testid': 'case-vin' }, returnCase.vin),
      ' ',
      copyButton(returnCase.vin, 'the VIN', 'copy-vin'),
    ),
    h(
      'p',
      { class: 'case-summary' },
      h('span', { 'data-testid': 'case-dealer' }, h('strong', {}, dealerName), returnCase.dealer ? ` (${returnCase.dealer.id})` : ''),
      ' · ',
      h('span', { 'data-testid': 'case-state' }, stateLabel(returnCase.state)),
      ' · ',
      h('span', { class: 'badge' }, terminationLabels[decision.termination]),
      ' ',
      h('span', { class: 'badge' }, intentLabels[returnCase.intent] ?? humanize(returnCase.intent)),
      ' ',
      h('span', { class: 'badge stage', 'data-testid': 'case-stage' }, `Stage: ${stageLabels[returnCase.stage] ?? humanize(returnCase.stage)}`),
      returnCase.status === 'closed' ? [' ', h('span', { class: 'badge' }, 'Closed')] : null,
    ),
    returnCase.nextStep
      ? h(
          'p',
          { class: `next-step status-${returnCase.nextStep.status}`, 'data-testid': 'next-step' },
          h('strong', {}, returnCase.nextStep.status === 'overdue' ? 'Overdue: ' : 'Next: '),
          returnCase.nextStep.label,
          returnCase.nextStep.expectedBy ? ` — by ${windowEnd(returnCase.nextStep.expectedBy, zone)}` : '',
        )
      : null,
  );

  const dates = h(
    'dl',
    { class: 'facts dates' },
    h('dt', {}, 'Maturity date'),
    h('dd', { 'data-testid': 'maturity-date' }, formatDay(returnCase.maturityDate)),
    h('dt', {}, 'Returned'),
    h('dd', { 'data-testid': 'return-date' }, formatDay(returnCase.returnDate)),
    h('dt', {}, 'AVRM access'),
    h('dd', {}, returnCase.hasAvrmAccess ? 'Yes' : 'No'),
    returnCase.dealer?.phones?.length ? [h('dt', {}, 'Dealer phones'), h('dd', { 'data-testid': 'dealer-phones' }, returnCase.dealer.phones.join(', '))] : null,
    returnCase.openedBy && returnCase.openedAt
      ? [
          h('dt', {}, 'Opened'),
          h('dd', { 'data-testid': 'opened-by' }, phoneCenterText.openedBy(returnCase.openedBy.label, formatMoment(returnCase.openedAt, zone))),
        ]
      : null,
  );

  return [
    header,
    numbersPanel(numbers, 'numbers-to-give'),
    h(
      'div',
      { class: 'case-grid' },
      h(
        'section',
        { 'aria-label': 'Decision' },
        h('h3', {}, 'Decision'),
        decisionFacts(decision, {
          state: returnCase.state,
          maturityDate: returnCase.maturityDate,
          returnDate: returnCase.returnDate,
          sections: options.sections,
          testIdPrefix: '',
          stage: returnCase.stage,
          ...(returnCase.holdEndsAt === undefined ? {} : { hold: { endsAt: returnCase.holdEndsAt, zone, now: new Date() } }),
        }),
        dates,
      ),
      h(
        'section',
        { 'aria-labelledby': 'timeline-heading' },
        h('h3', { id: 'timeline-heading' }, 'Timeline'),
        timelineTable(returnCase.timeline, zone),
        eventsList(returnCase, zone),
      ),
    ),
    traceView(decision, options.sections, 'trace'),
    eventForm(returnCase, zone, options.onRecordEvent),
    ...(options.notes ? [options.notes] : []),
    stepsList(decision, 'steps', returnCase.nextSteps ?? decision.steps),
    h('section', { 'aria-label': 'All contacts' }, h('h3', {}, 'All contacts for this return'), contactsList(decision)),
  ];
}

function timelineTable(timeline: readonly TimelineStep[], zone: string | undefined): HTMLElement {
  return h(
    'table',
    { class: 'timeline', 'data-testid': 'timeline' },
    h('caption', { class: 'visually-hidden' }, 'Timeline of the return, with expected dates in the dealer’s time zone'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Step'), h('th', { scope: 'col' }, 'Expected'), h('th', { scope: 'col' }, 'Status'))),
    h(
      'tbody',
      {},
      timeline.map((step) =>
        h(
          'tr',
          { class: `status-${step.status}`, 'data-testid': `timeline-${step.step}`, 'data-status': step.status },
          h('th', { scope: 'row' }, step.label, step.note ? h('span', { class: 'note' }, step.note) : null),
          h('td', {}, expectedWindow(step, zone)),
          h(
            'td',
            {},
            h('span', { class: `status status-${step.status}` }, statusLabels[step.status] ?? humanize(step.status)),
            step.doneAt ? h('span', { class: 'done-at' }, formatMoment(step.doneAt, zone, true)) : null,
          ),
        ),
      ),
    ),
  );
}

function expectedWindow(step: TimelineStep, zone: string | undefined): string {
  if (step.status === 'notApplicable') return '—';
  if (step.expectedFrom && step.expectedBy) {
    const from = formatDay(step.expectedFrom, zone);
    const by = windowEnd(step.expectedBy, zone);
    return from === formatDay(step.expectedBy, zone) ? by : `${from} – ${by}`;
  }
  if (step.expectedBy) return `by ${windowEnd(step.expectedBy, zone)}`;
  if (step.expectedFrom) return `from ${formatDay(step.expectedFrom, zone)}`;
  return '—';
}

/** A window's end as a day, or with its time when it is not the end of a day (the 72-hour hold ends mid-day). */
function windowEnd(value: string, zone: string | undefined): string {
  return endsADay(value, zone) ? formatDay(value, zone) : formatMoment(value, zone);
}

function endsADay(value: string, zone: string | undefined): boolean {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return true;
  const parts = new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(zone ? { timeZone: zone } : {}) }).formatToParts(
    instant,
  );
  const part = (type: string): string => parts.find((entry) => entry.type === type)?.value ?? '';
  return part('hour') === '23' && part('minute') === '59';
}

function eventsList(returnCase: ReturnCase, zone: string | undefined): HTMLElement | null {
  if (returnCase.events.length === 0) return null;
  return h(
    'details',
    { class: 'events', open: true },
    h('summary', {}, `Recorded events (${returnCase.events.length})`),
    h(
      'ol',
      { 'data-testid': 'events' },
      returnCase.events.map((event) =>
        h(
          'li',
          {},
          h('strong', {}, eventLabels.get(event.type) ?? humanize(event.type)),
          ` — ${formatMoment(event.at, zone)}`,
          event.by ? ` · ${pickupPartyLabels[event.by] ?? humanize(event.by)}` : '',
          event.document ? ` · ${documentLabels[event.document] ?? humanize(event.document)}` : '',
          event.note ? ` · ${event.note}` : '',
          h(
            'span',
            { class: 'recorded-by', 'data-testid': 'event-recorded-by' },
            ` · ${event.recordedBy ? phoneCenterText.recordedBy(event.recordedBy.label, formatMoment(event.recordedAt ?? event.at, zone)) : phoneCenterText.notRecordedWho}`,
          ),
        ),
      ),
    ),
  );
}
