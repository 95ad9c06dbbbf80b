import type { Decision, ProcessSectionSummary, ReturnCase, TimelineStep } from './api-types.ts';
import { decisionFacts, numbersPanel, stepsList, traceView, contactsList } from './decision-view.ts';
import { h } from './dom.ts';
import { formatDay, formatMoment, humanize, stateLabel, zoneOf } from './format.ts';
import { documentLabels, eventTypes, intentLabels, pickupPartyLabels, stageLabels, statusLabels, terminationLabels } from './messages.ts';
import { numbersToGive } from './numbers-to-give.ts';

export interface EventRequest {
  type: string;
  at: string;
  note?: string;
  by?: string;
  document?: string;
}

export interface CaseViewOptions {
  sections: ReadonlyMap<string, ProcessSectionSummary>;
  directory: Decision['contacts'];
  onRecordEvent: (request: EventRequest) => void;
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
    h('h2', { id: 'case-heading', tabindex: '-1' }, h('span', { class: 'vin', 'data-testid': 'case-vin' }, returnCase.vin)),
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
    returnCase.dealer?.phones?.length ? [h('dt', {}, 'Dealer phones'), h('dd', {}, returnCase.dealer.phones.join(', '))] : null,
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
    eventForm(options.onRecordEvent),
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
    { class: 'events' },
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
        ),
      ),
    ),
  );
}

/** A local "YYYY-MM-DDTHH:mm" for a datetime-local input, set to now. */
function nowForInput(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function eventForm(onRecord: (request: EventRequest) => void): HTMLElement {
  const type = h(
    'select',
    { id: 'event-type', name: 'type', 'data-testid': 'event-type' },
    eventTypes.map(([value, label]) => h('option', { value }, label)),
  );
  const at = h('input', { id: 'event-at', name: 'at', type: 'datetime-local', value: nowForInput(), 'data-testid': 'event-at' });
  const by = h(
    'select',
    { id: 'event-by', name: 'by', 'data-testid': 'event-by' },
    Object.entries(pickupPartyLabels).map(([value, label]) => h('option', { value }, label)),
  );
  const documentSelect = h(
    'select',
    { id: 'event-document', name: 'document', 'data-testid': 'event-document' },
    Object.entries(documentLabels)
      .reverse()
      .map(([value, label]) => h('option', { value }, label)),
  );
  const note = h('input', { id: 'event-note', name: 'note', type: 'text', maxlength: '500', autocomplete: 'off', 'data-testid': 'event-note' });
  const pickupFields = h(
    'div',
    { class: 'pickup-fields', hidden: true },
    h('label', { for: 'event-by' }, 'Picked up by'),
    by,
    h('label', { for: 'event-document' }, 'Document seen'),
    documentSelect,
  );
  const syncPickup = (): void => {
    pickupFields.hidden = type.value !== 'pickedUp';
  };
  type.addEventListener('change', syncPickup);

  const form = h(
    'form',
    {
      class: 'event-form',
      'data-testid': 'event-form',
      'aria-labelledby': 'event-heading',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const when = at.value ? new Date(at.value) : new Date();
        const request: EventRequest = { type: type.value, at: (Number.isNaN(when.getTime()) ? new Date() : when).toISOString() };
        if (note.value.trim()) request.note = note.value.trim();
        if (type.value === 'pickedUp') {
          request.by = by.value;
          request.document = documentSelect.value;
        }
        onRecord(request);
      },
    },
    h('h3', { id: 'event-heading' }, 'Record an event'),
    h('div', { class: 'row' }, h('label', { for: 'event-type' }, 'Event'), type, h('label', { for: 'event-at' }, 'When (your local time)'), at),
    pickupFields,
    h(
      'div',
      { class: 'row' },
      h('label', { for: 'event-note' }, 'Note (optional)'),
      note,
      h('button', { type: 'submit', 'data-testid': 'event-submit' }, 'Record event'),
    ),
    h('p', { id: 'event-result', class: 'result', role: 'status', 'data-testid': 'event-result', tabindex: '-1' }),
  );
  return form;
}
