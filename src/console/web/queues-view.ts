import type { ApiClient } from './api-client.ts';
import { h, replaceChildren } from './dom.ts';
import { errorSentence } from './error-text.ts';
import { phoneCenterText } from './messages.ts';
import type { CaseRow, Queue } from './phone-center-types.ts';
import { caseRowButton, moveBetweenRows } from './search-view.ts';

/**
 * The case queues of GET /api/v1/queues, each a folded list with its count in view: overdue, due
 * today, dealer-purchase holds ending within 24 hours. A queue of another kind (the handoffs waiting)
 * is not drawn here: its own view fills #handoff-queue-slot in index.html.
 */
const caseQueueTestIds: Record<string, string> = {
  overdue: 'queue-overdue',
  dueToday: 'queue-due-today',
  holdsEnding: 'queue-holds-ending',
};

/** Often enough for a shift's work list; the panel also refreshes after every event recorded. */
const refreshMs = 30_000;

export interface QueuesPanel {
  refresh(): Promise<void>;
}

export function createQueuesPanel(container: HTMLElement, deps: { api: ApiClient; onOpen: (vin: string) => void }): QueuesPanel {
  const open = new Set<string>();
  let loading: Promise<void> | undefined;

  async function load(): Promise<void> {
    const result = await deps.api.get<{ queues: Queue[] }>('/api/v1/queues');
    if (!result.ok) {
      if (result.status !== 401)
        replaceChildren(container, h('p', { class: 'error', role: 'alert' }, `${phoneCenterText.queuesFailed} ${errorSentence(result.error)}`));
      return;
    }
    // Keep what the agent unfolded open across refreshes.
    for (const details of Array.from(container.querySelectorAll<HTMLDetailsElement>('details[data-queue]'))) {
      if (details.open) open.add(details.dataset.queue ?? '');
      else open.delete(details.dataset.queue ?? '');
    }
    replaceChildren(
      container,
      result.data.queues.filter((queue) => caseQueueTestIds[queue.id] !== undefined).map((queue) => renderQueue(queue)),
    );
  }

  function renderQueue(queue: Queue): HTMLElement {
    const testId = caseQueueTestIds[queue.id] ?? `queue-${queue.id}`;
    const rows = queue.rows.filter((row): row is CaseRow => row.kind === 'case');
    const list = h(
      'ol',
      { class: 'case-rows' },
      rows.map((row) => caseRowButton(row, deps.onOpen, { testId: 'queue-row', queueId: queue.id })),
    );
    list.addEventListener('keydown', (event) => moveBetweenRows(event, list));
    return h(
      'details',
      { class: `queue${queue.count > 0 ? ' has-items' : ''}`, 'data-testid': testId, 'data-queue': queue.id, open: open.has(queue.id) },
      h(
        'summary',
        {},
        h('span', { class: 'queue-title' }, queue.title),
        ' ',
        h('span', { class: 'queue-count', 'data-testid': `${testId}-count` }, String(queue.count)),
      ),
      rows.length === 0 ? h('p', { class: 'empty' }, phoneCenterText.queueEmpty) : list,
      queue.count > rows.length ? h('p', { class: 'note' }, phoneCenterText.queueMore(rows.length, queue.count)) : null,
    );
  }

  const panel: QueuesPanel = {
    refresh() {
      loading ??= load().finally(() => {
        loading = undefined;
      });
      return loading;
    },
  };
  window.setInterval(() => {
    if (document.visibilityState === 'visible') void panel.refresh();
  }, refreshMs);
  return panel;
}
