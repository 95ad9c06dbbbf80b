import { checkVin, normalizeVinInput } from '../../domain/vin.ts';
import { h } from './dom.ts';
import { formatMoment, stateLabel } from './format.ts';
import { phoneCenterText, stageLabels, text } from './messages.ts';
import type { CaseRow } from './phone-center-types.ts';

export type SearchPlan = { kind: 'refuse'; message: string } | { kind: 'search'; query: string };

/**
 * What the one search box does with what was typed. A VIN attempt (one word of letters and digits,
 * with a digit) is checked here first, in the server's words, so a mistyped VIN is explained without a
 * round trip. Anything else (a dealer name, a phone number, a suffix) goes to the server's search.
 */
export function planSearch(raw: string): SearchPlan {
  const typed = raw.trim();
  if (typed === '') return { kind: 'refuse', message: text.searchEmpty };
  const digits = typed.replace(/\D/g, '');
  const phoneLike = /^\+?[\d\s().-]+$/.test(typed) && digits.length >= 10;
  const vinAttempt = !phoneLike && /^[A-Za-z0-9-]+$/.test(typed) && /\d/.test(typed);
  if (vinAttempt) {
    const vin = normalizeVinInput(typed);
    if (vin.length >= 17) {
      const checked = checkVin(vin);
      if (!checked.valid) return { kind: 'refuse', message: checked.message };
    } else if (vin.length < 6) {
      return { kind: 'refuse', message: text.searchTooShort(vin.length) };
    } else if (/[^A-HJ-NPR-Z0-9]/.test(vin)) {
      return { kind: 'refuse', message: text.searchSuffixLetters };
    }
    return { kind: 'search', query: vin };
  }
  if (typed.length < 2) return { kind: 'refuse', message: phoneCenterText.searchTooShortName };
  return { kind: 'search', query: typed };
}

/** "due Tue, Apr 15, 2026, 11:59 PM EDT" / "overdue since …" / "closed", in the dealer's zone. */
export function rowDue(row: CaseRow, queueId?: string): string {
  if (row.status === 'closed') return phoneCenterText.closed;
  if (row.due === null) return '';
  const when = formatMoment(row.due, row.timeZone);
  if (queueId === 'holdsEnding') return phoneCenterText.holdEnds(when);
  return row.overdue ? phoneCenterText.overdueSince(when) : phoneCenterText.dueBy(when);
}

/** One case as a row: a button (focusable, Enter or a click opens the case). */
export function caseRowButton(row: CaseRow, onOpen: (vin: string) => void, options: { testId: string; queueId?: string }): HTMLElement {
  const due = rowDue(row, options.queueId);
  return h(
    'li',
    {},
    h(
      'button',
      {
        type: 'button',
        class: `case-row${row.overdue ? ' is-overdue' : ''}`,
        'data-testid': options.testId,
        'data-vin': row.vin,
        onclick: () => onOpen(row.vin),
      },
      h('span', { class: 'vin' }, row.vin),
      h('span', { class: 'row-dealer' }, `${row.dealer.name} · ${stateLabel(row.state)}`),
      h('span', { class: 'row-stage' }, stageLabels[row.stage] ?? row.stage, due ? ` · ${due}` : ''),
    ),
  );
}

/** Several matches: a list of rows; arrow keys move between them. */
export function renderResults(rows: readonly CaseRow[], onOpen: (vin: string) => void): HTMLElement[] {
  const list = h(
    'ol',
    { class: 'case-rows' },
    rows.map((row) => caseRowButton(row, onOpen, { testId: 'case-row' })),
  );
  list.addEventListener('keydown', (event) => moveBetweenRows(event, list));
  return [h('h2', { id: 'search-results-heading', class: 'visually-hidden' }, phoneCenterText.resultsHeading), list];
}

export function moveBetweenRows(event: KeyboardEvent, list: HTMLElement): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const buttons = Array.from(list.querySelectorAll<HTMLButtonElement>('button.case-row'));
  const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (index === -1) return;
  event.preventDefault();
  buttons[Math.min(buttons.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus();
}
