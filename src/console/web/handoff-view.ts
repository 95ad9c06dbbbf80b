import './handoff.css';
import type { ApiClient } from './api-client.ts';
import { h, replaceChildren } from './dom.ts';
import { errorSentence } from './error-text.ts';
import { formatMoment, humanize } from './format.ts';

/**
 * Handoff to a person in the console (issue 15): the "Handoffs waiting" queue with its count, polled every
 * second so a new handoff shows within 2 s; opening one shows the transcript, the facts the bot collected,
 * the case if any, and the live conversation; the agent takes it, replies (Enter sends) and ends it.
 * Everything from the API goes in as text (dom.ts), never as HTML.
 */

interface HandoffSummary {
  id: string;
  channelId: string;
  status: 'waiting' | 'active' | 'ended';
  reason: 'asked' | 'misses' | 'noAnswer';
  createdAt: string;
  agentName: string | null;
  transcript: { from: string; text: string; at: string }[];
}

interface HandoffMessage {
  id: number;
  role: 'dealer' | 'agent' | 'bot';
  text: string;
  delivery: 'received' | 'sent' | 'failed';
  at: string;
  author: { kind: string; name?: string } | null;
}

interface HandoffDetail extends HandoffSummary {
  facts: Record<string, string | number | boolean>;
  caseVin: string | null;
  case: { vin: string; stage?: string; dealer?: { name?: string } } | null;
  messages: HandoffMessage[];
}

interface HandoffList {
  counts: { waiting: number; active: number; ended: number };
  items: HandoffSummary[];
}

const handoffText = {
  queueTitle: 'Handoffs waiting',
  queueEmpty: 'Nobody is waiting for a person.',
  active: 'In progress',
  reasons: { asked: 'asked for a person', misses: 'three misses in a row', noAnswer: 'the bot had no answer' } as Record<string, string>,
  channels: { msteams: 'Teams', webchat: 'Web chat', directline: 'Web chat (/chat)', 'sms-webhook': 'SMS', sms: 'SMS', emulator: 'Emulator' } as Record<
    string,
    string
  >,
  heading: 'Conversation handed over',
  transcript: 'Before the handoff',
  conversation: 'Conversation',
  facts: 'Facts the bot collected',
  noFacts: 'None yet.',
  caseHeading: 'Case',
  noCase: 'No case for this conversation.',
  openCase: 'Open the case',
  take: 'Take this conversation',
  end: 'End and hand back to the bot',
  close: 'Close',
  replyLabel: 'Reply to the dealer (Enter sends)',
  notDelivered: 'not delivered',
  ended: 'This conversation has ended; the bot answers the dealer again.',
  waiting: 'Waiting for an agent. Take it to reply.',
  speakers: { dealer: 'Dealer', bot: 'Bot', agent: 'Agent' } as Record<string, string>,
  loadFailed: 'The handoffs could not be loaded.',
};

/** The queue refreshes this often (the issue asks for a new handoff in the queue within 2 seconds). */
const queuePollMs = 1000;
/** An open conversation looks for the dealer's new messages this often. */
const messagePollMs = 1000;

export interface HandoffConsole {
  refresh(): Promise<void>;
}

export function mountHandoffs(deps: { api: ApiClient; queueSlot: HTMLElement; view: HTMLElement; onOpenCase: (vin: string) => void }): HandoffConsole {
  const { api, queueSlot, view } = deps;
  /** The open handoff and the ids of the messages on screen (a reply the agent sent and a poll can cross). */
  let opened: { id: string; shown: Set<number>; detail: HandoffDetail } | undefined;
  let queueOpen = true;
  let loading: Promise<void> | undefined;
  let polling = false;
  let drawn = '';

  async function loadQueue(): Promise<void> {
    const result = await api.get<HandoffList>('/api/v1/handoffs?status=waiting,active');
    if (!result.ok) {
      if (result.status !== 401)
        replaceChildren(queueSlot, h('p', { class: 'error', role: 'alert' }, `${handoffText.loadFailed} ${errorSentence(result.error)}`));
      return;
    }
    const details = queueSlot.querySelector<HTMLDetailsElement>('details[data-queue="handoffs"]');
    if (details) queueOpen = details.open;
    const { counts, items } = result.data;
    // Redrawn only when something changed: a redraw every second would take the focus from an agent
    // tabbing through the rows.
    const signature = JSON.stringify([counts, items.map((item) => [item.id, item.status, item.agentName, item.transcript.length])]);
    if (signature === drawn && details) return;
    drawn = signature;
    const list = h(
      'ol',
      { class: 'case-rows' },
      items.map((item) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: `case-row handoff-row${item.status === 'active' ? ' is-active' : ''}`,
              'data-testid': 'handoff-row',
              'data-handoff-id': item.id,
              onclick: () => void open(item.id),
            },
            h('strong', {}, handoffText.channels[item.channelId] ?? item.channelId),
            h('span', {}, handoffText.reasons[item.reason] ?? item.reason),
            h('span', { class: 'muted' }, item.status === 'active' ? `${handoffText.active}: ${item.agentName ?? ''}` : formatMoment(item.createdAt)),
            h('span', { class: 'handoff-last' }, lastDealerLine(item)),
          ),
        ),
      ),
    );
    replaceChildren(
      queueSlot,
      h(
        'details',
        { class: `queue${counts.waiting > 0 ? ' has-items' : ''}`, 'data-testid': 'queue-handoffs', 'data-queue': 'handoffs', open: queueOpen },
        h(
          'summary',
          {},
          h('span', { class: 'queue-title' }, handoffText.queueTitle),
          ' ',
          h('span', { class: 'queue-count', 'data-testid': 'queue-handoffs-count' }, String(counts.waiting)),
        ),
        items.length === 0 ? h('p', { class: 'empty' }, handoffText.queueEmpty) : list,
      ),
    );
  }

  async function open(id: string): Promise<void> {
    const result = await api.get<HandoffDetail>(`/api/v1/handoffs/${encodeURIComponent(id)}`);
    if (!result.ok) {
      replaceChildren(view, h('p', { class: 'error', role: 'alert' }, errorSentence(result.error)));
      view.hidden = false;
      return;
    }
    opened = { id, shown: idsOf(result.data.messages), detail: result.data };
    render(result.data);
    view.hidden = false;
    view.focus();
  }

  function render(detail: HandoffDetail): void {
    const reply = h('textarea', {
      id: 'agent-reply',
      'data-testid': 'agent-reply',
      rows: 2,
      maxlength: 2000,
      disabled: detail.status !== 'active',
      'aria-label': handoffText.replyLabel,
      placeholder: handoffText.replyLabel,
    });
    const status = h('p', { class: 'handoff-status', 'data-testid': 'handoff-status', role: 'status' }, statusLine(detail));
    reply.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        void send(reply, status);
      }
    });
    replaceChildren(
      view,
      h(
        'header',
        { class: 'handoff-header' },
        h('h2', {}, `${handoffText.heading} · ${handoffText.channels[detail.channelId] ?? detail.channelId}`),
        h('span', { class: 'muted' }, `${handoffText.reasons[detail.reason] ?? detail.reason}, ${formatMoment(detail.createdAt)}`),
        h('button', { type: 'button', class: 'link-button', 'data-testid': 'handoff-close', onclick: close }, handoffText.close),
      ),
      status,
      h(
        'div',
        { class: 'handoff-columns' },
        h(
          'section',
          { class: 'handoff-conversation', 'aria-label': handoffText.conversation },
          h('h3', {}, handoffText.transcript),
          h(
            'ol',
            { class: 'handoff-lines', 'data-testid': 'handoff-transcript' },
            detail.transcript.map((entry) => line(entry.from, entry.text, entry.at)),
          ),
          h('h3', {}, handoffText.conversation),
          h(
            'ol',
            { class: 'handoff-lines', 'data-testid': 'handoff-messages', 'aria-live': 'polite' },
            detail.messages.map((message) => messageLine(message)),
          ),
          h(
            'div',
            { class: 'handoff-actions' },
            detail.status === 'waiting'
              ? h('button', { type: 'button', 'data-testid': 'handoff-take', onclick: () => void act('take') }, handoffText.take)
              : null,
            reply,
            detail.status !== 'ended'
              ? h('button', { type: 'button', class: 'secondary', 'data-testid': 'handoff-end', onclick: () => void act('end') }, handoffText.end)
              : null,
          ),
        ),
        h(
          'section',
          { class: 'handoff-side' },
          h('h3', {}, handoffText.facts),
          factList(detail.facts),
          h('h3', {}, handoffText.caseHeading),
          detail.case
            ? h(
                'p',
                { 'data-testid': 'handoff-case' },
                `${detail.case.vin}${detail.case.stage ? ` · ${humanize(detail.case.stage)}` : ''}${detail.case.dealer?.name ? ` · ${detail.case.dealer.name}` : ''} `,
                h('button', { type: 'button', class: 'link-button', onclick: () => deps.onOpenCase(detail.case?.vin ?? '') }, handoffText.openCase),
              )
            : h('p', { class: 'muted', 'data-testid': 'handoff-case' }, handoffText.noCase),
        ),
      ),
    );
    if (detail.status === 'active') reply.focus();
  }

  async function act(action: 'take' | 'end'): Promise<void> {
    if (!opened) return;
    const result = await api.post<HandoffDetail>(`/api/v1/handoffs/${encodeURIComponent(opened.id)}/${action}`, {});
    if (!result.ok) {
      view.querySelector('[data-testid="handoff-status"]')?.replaceChildren(errorSentence(result.error));
      return;
    }
    opened = { id: opened.id, shown: idsOf(result.data.messages), detail: result.data };
    render(result.data);
    void panel.refresh();
  }

  async function send(input: HTMLTextAreaElement, status: HTMLElement): Promise<void> {
    const text = input.value.trim();
    if (!opened || text === '') return;
    input.disabled = true;
    const result = await api.post<HandoffMessage>(`/api/v1/handoffs/${encodeURIComponent(opened.id)}/messages`, { text });
    input.disabled = false;
    if (!result.ok) {
      status.textContent = errorSentence(result.error);
      input.focus();
      return;
    }
    input.value = '';
    input.focus();
    appendMessages([result.data]);
  }

  function appendMessages(messages: readonly HandoffMessage[]): void {
    if (!opened) return;
    const list = view.querySelector('[data-testid="handoff-messages"]');
    for (const message of messages) {
      if (opened.shown.has(message.id)) continue;
      list?.appendChild(messageLine(message));
      opened.shown.add(message.id);
    }
  }

  /** The dealer's new messages, and a status change made elsewhere (another agent took or ended it). */
  async function pollOpened(): Promise<void> {
    if (!opened || opened.detail.status === 'ended') return;
    const current = opened;
    const result = await api.get<HandoffDetail>(`/api/v1/handoffs/${encodeURIComponent(current.id)}`);
    if (!result.ok || opened?.id !== current.id) return;
    if (result.data.status !== current.detail.status) {
      opened = { id: current.id, shown: idsOf(result.data.messages), detail: result.data };
      render(result.data);
      return;
    }
    appendMessages(result.data.messages);
  }

  function close(): void {
    opened = undefined;
    view.hidden = true;
    replaceChildren(view);
  }

  const panel: HandoffConsole = {
    refresh() {
      loading ??= loadQueue().finally(() => {
        loading = undefined;
      });
      return loading;
    },
  };
  window.setInterval(
    () => {
      // Not while the page is hidden, nor while it asks for the API token (every call would be refused).
      if (document.visibilityState !== 'visible' || polling || document.getElementById('token-panel')?.hidden === false) return;
      polling = true;
      void Promise.all([panel.refresh(), pollOpened()]).finally(() => {
        polling = false;
      });
    },
    Math.min(queuePollMs, messagePollMs),
  );
  return panel;
}

function idsOf(messages: readonly HandoffMessage[]): Set<number> {
  return new Set(messages.map((message) => message.id));
}

function lastDealerLine(item: HandoffSummary): string {
  const last = [...item.transcript].reverse().find((entry) => entry.from === 'dealer');
  return last ? `“${last.text.slice(0, 80)}”` : '';
}

function statusLine(detail: HandoffDetail): string {
  if (detail.status === 'ended') return handoffText.ended;
  if (detail.status === 'waiting') return handoffText.waiting;
  return `${handoffText.active}: ${detail.agentName ?? ''}`;
}

function line(from: string, text: string, at: string, extra?: string): HTMLElement {
  return h(
    'li',
    { class: `handoff-line from-${from}`, 'data-from': from },
    h('span', { class: 'who' }, handoffText.speakers[from] ?? from),
    h('span', { class: 'when muted' }, formatMoment(at)),
    h('p', { class: 'what' }, text),
    extra ? h('span', { class: 'error' }, extra) : null,
  );
}

function messageLine(message: HandoffMessage): HTMLElement {
  const element = line(message.role, message.text, message.at, message.delivery === 'failed' ? handoffText.notDelivered : undefined);
  element.dataset.testid = 'handoff-message';
  if (message.author?.name) element.querySelector('.who')?.append(` (${message.author.name})`);
  return element;
}

function factList(facts: HandoffDetail['facts']): HTMLElement {
  const entries = Object.entries(facts);
  if (entries.length === 0) return h('p', { class: 'muted' }, handoffText.noFacts);
  return h(
    'dl',
    { class: 'handoff-facts', 'data-testid': 'handoff-facts' },
    entries.map(([name, value]) => [h('dt', {}, humanize(name)), h('dd', {}, String(value))]),
  );
}
