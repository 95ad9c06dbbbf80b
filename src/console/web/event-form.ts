import type { ReturnCase } from './api-types.ts';
import { h } from './dom.ts';
import { localInputValue, zoneAbbreviation } from './format.ts';
import { documentLabels, eventTypes, phoneCenterText, pickupPartyLabels } from './messages.ts';

export interface EventRequest {
  type: string;
  /** "YYYY-MM-DDTHH:mm" on the dealer's clock (no offset: the API reads it in the dealership's zone). */
  at?: string;
  note?: string;
  by?: string;
  document?: string;
}

/** What a save from the case view comes back with: the saved thing, or why not, as a sentence. */
export type EventRequestResult<T> = { ok: true; value: T } | { ok: false; message: string };

const eventLabels = new Map<string, string>(eventTypes);

/**
 * "Record an event", offering only what the case can take now (the API's nextEvents, from the state
 * machine): no "Dealer purchase completed" on a lessee return, nothing already recorded, and at a
 * pickup only the party who may take the vehicle. A case that takes nothing more says so. The time is
 * entered on the dealer's clock, like every date the console shows.
 */
export function eventForm(returnCase: ReturnCase, zone: string | undefined, onRecord: (request: EventRequest) => void): HTMLElement {
  const possible = returnCase.nextEvents ?? eventTypes.map(([value]) => value);
  const heading = h('h3', { id: 'event-heading' }, 'Record an event');
  if (possible.length === 0) {
    return h(
      'section',
      { class: 'event-form', 'data-testid': 'event-form', 'aria-labelledby': 'event-heading' },
      heading,
      h('p', { class: 'note', 'data-testid': 'no-more-events' }, phoneCenterText.noMoreEvents),
      h('p', { id: 'event-result', class: 'result', role: 'status', 'data-testid': 'event-result', tabindex: '-1' }),
    );
  }
  const type = h(
    'select',
    { id: 'event-type', name: 'type', 'data-testid': 'event-type' },
    possible.map((value) => h('option', { value }, eventLabels.get(value) ?? value)),
  );
  const at = h('input', { id: 'event-at', name: 'at', type: 'datetime-local', value: localInputValue(new Date(), zone), 'data-testid': 'event-at' });
  const parties = Object.entries(pickupPartyLabels).filter(([value]) => !returnCase.nextPickupParty || value === returnCase.nextPickupParty);
  const by = h(
    'select',
    { id: 'event-by', name: 'by', 'data-testid': 'event-by' },
    parties.map(([value, label]) => h('option', { value }, label)),
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
    { class: 'pickup-fields', hidden: type.value !== 'pickedUp' },
    h('label', { for: 'event-by' }, 'Picked up by'),
    by,
    h('label', { for: 'event-document' }, 'Document seen'),
    documentSelect,
  );
  type.addEventListener('change', () => {
    pickupFields.hidden = type.value !== 'pickedUp';
  });

  return h(
    'form',
    {
      class: 'event-form',
      'data-testid': 'event-form',
      'aria-labelledby': 'event-heading',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const request: EventRequest = { type: type.value };
        if (at.value) request.at = at.value;
        if (note.value.trim()) request.note = note.value.trim();
        if (type.value === 'pickedUp') {
          request.by = by.value;
          request.document = documentSelect.value;
        }
        onRecord(request);
      },
    },
    heading,
    h(
      'div',
      { class: 'row' },
      h('label', { for: 'event-type' }, 'Event'),
      type,
      h('label', { for: 'event-at' }, phoneCenterText.eventTime(zoneAbbreviation(zone))),
      at,
    ),
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
}
