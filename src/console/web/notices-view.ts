import type { ApiClient } from './api-client.ts';
import { h, replaceChildren } from './dom.ts';
import { errorSentence } from './error-text.ts';
import { formatMoment } from './format.ts';

/**
 * Proactive notices on the open case (issue 16): what was sent to the dealer, when, on which channel,
 * its delivery status and Twilio SID; and the dealer's notice settings (kinds on or off, the channel).
 * Reads GET /api/v1/cases/:vin/notices and GET/PUT /api/v1/dealers/:id/notice-settings.
 */

const kinds = ['stepOverdue', 'holdEnding', 'sold', 'notSold'] as const;
type Kind = (typeof kinds)[number];
const channels = ['lastUsed', 'sms', 'chat'] as const;
type Channel = (typeof channels)[number];

interface NoticeItem {
  kind: Kind;
  step: string;
  status: string;
  text: string;
  dueAt: string;
  channel: 'sms' | 'chat' | null;
  recipient: string | null;
  sentAt: string | null;
  deliveryStatus: string | null;
  twilioSid: string | null;
  error: string | null;
  skippedReason: string | null;
}

interface NoticeSettings {
  dealerId: string;
  kinds: Record<Kind, boolean>;
  channel: Channel;
}

export const noticeText = {
  heading: 'Notices to the dealer',
  loading: 'Loading notices…',
  none: 'No notice sent yet.',
  kinds: {
    stepOverdue: 'Step overdue',
    holdEnding: 'Hold ends in 12 hours',
    sold: 'Sold: release to the buying dealer',
    notSold: 'Not sold: release against the Bill of Lading',
  } satisfies Record<Kind, string>,
  channels: { lastUsed: 'The channel the dealer used last', sms: 'Text (SMS) first', chat: 'Teams or web chat first' } satisfies Record<Channel, string>,
  columns: ['Notice', 'Status', 'Channel', 'Sent', 'Delivery', 'Twilio SID'],
  status: (item: NoticeItem, zone: string | undefined): string => {
    if (item.status === 'pending') return `waiting until ${formatMoment(item.dueAt, zone)}`;
    if (item.status === 'skipped') return `not sent (${skipReasons[item.skippedReason ?? ''] ?? item.skippedReason ?? 'skipped'})`;
    if (item.status === 'failed') return `failed${item.error ? `: ${item.error}` : ''}`;
    return item.status;
  },
  settingsHeading: 'Notice settings for this dealer',
  channelLabel: 'Send on',
  save: 'Save notice settings',
  saved: 'Notice settings saved.',
  refused: 'Not saved',
} as const;

const skipReasons: Readonly<Record<string, string>> = {
  kindOff: 'turned off for this dealer',
  optedOut: 'the phone opted out (STOP)',
  noChannel: 'no phone or chat to reach the dealer',
  stale: 'no longer true when it was due',
};

export function noticesSection(options: { vin: string; dealerId: string; zone: string | undefined; api: ApiClient }): HTMLElement {
  const { api, zone } = options;
  const list = h('div', { class: 'notices', 'data-testid': 'notices', 'aria-live': 'polite' }, h('p', { class: 'pending' }, noticeText.loading));
  const settingsSlot = h('div', { 'data-testid': 'notice-settings' });
  void api.get<{ items: NoticeItem[] }>(`/api/v1/cases/${encodeURIComponent(options.vin)}/notices`).then((result) => {
    if (!result.ok) {
      replaceChildren(list, h('p', { class: 'error', role: 'alert' }, errorSentence(result.error, zone)));
      return;
    }
    replaceChildren(list, noticesTable(result.data.items, zone));
  });
  void api.get<NoticeSettings>(`/api/v1/dealers/${encodeURIComponent(options.dealerId)}/notice-settings`).then((result) => {
    if (!result.ok) {
      replaceChildren(settingsSlot, h('p', { class: 'error', role: 'alert' }, errorSentence(result.error, zone)));
      return;
    }
    replaceChildren(settingsSlot, settingsForm(result.data, options));
  });
  return h(
    'section',
    { class: 'panel case-notices', 'data-testid': 'case-notices', 'aria-labelledby': 'notices-heading' },
    h('h3', { id: 'notices-heading' }, noticeText.heading),
    list,
    settingsSlot,
  );
}

function noticesTable(items: readonly NoticeItem[], zone: string | undefined): HTMLElement {
  if (items.length === 0) return h('p', { class: 'empty', 'data-testid': 'notices-empty' }, noticeText.none);
  return h(
    'table',
    { class: 'notices-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        noticeText.columns.map((column) => h('th', { scope: 'col' }, column)),
      ),
    ),
    h(
      'tbody',
      {},
      items.map((item) =>
        h(
          'tr',
          { 'data-testid': 'notice-row', 'data-kind': item.kind, 'data-status': item.status, title: item.text },
          h('td', {}, noticeText.kinds[item.kind] ?? item.kind, item.kind === 'stepOverdue' ? ` (${item.step})` : ''),
          h('td', { 'data-testid': 'notice-status' }, noticeText.status(item, zone)),
          h('td', { 'data-testid': 'notice-channel' }, item.channel === null ? '—' : `${item.channel === 'sms' ? 'SMS' : 'chat'} ${item.recipient ?? ''}`),
          h('td', {}, formatMoment(item.sentAt, zone)),
          h('td', { 'data-testid': 'notice-delivery' }, item.deliveryStatus ?? '—'),
          h('td', { 'data-testid': 'notice-sid', class: 'mono' }, item.twilioSid ?? '—'),
        ),
      ),
    ),
  );
}

function settingsForm(settings: NoticeSettings, options: { dealerId: string; zone: string | undefined; api: ApiClient }): HTMLElement {
  const boxes = kinds.map((kind) => ({
    kind,
    input: h('input', { type: 'checkbox', id: `notice-kind-${kind}`, name: kind, 'data-testid': `notice-kind-${kind}`, checked: settings.kinds[kind] }),
  }));
  const select = h(
    'select',
    { id: 'notice-channel', name: 'channel', 'data-testid': 'notice-channel-preference' },
    channels.map((channel) => h('option', { value: channel, selected: settings.channel === channel }, noticeText.channels[channel])),
  );
  const result = h('p', { class: 'result', role: 'status', 'data-testid': 'notice-settings-result' });
  const submit = h('button', { type: 'submit', 'data-testid': 'notice-settings-save' }, noticeText.save);
  return h(
    'form',
    {
      class: 'notice-settings',
      'data-testid': 'notice-settings-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        submit.disabled = true;
        const update = {
          kinds: Object.fromEntries(boxes.map(({ kind, input }) => [kind, input.checked])),
          channel: select.value,
        };
        void options.api.put<NoticeSettings>(`/api/v1/dealers/${encodeURIComponent(options.dealerId)}/notice-settings`, update).then((saved) => {
          submit.disabled = false;
          result.textContent = saved.ok ? noticeText.saved : `${noticeText.refused}: ${errorSentence(saved.error, options.zone)}`;
          result.className = `result ${saved.ok ? 'ok' : 'error'}`;
          result.setAttribute('role', saved.ok ? 'status' : 'alert');
          result.setAttribute('data-kind', saved.ok ? 'ok' : 'error');
        });
      },
    },
    h(
      'fieldset',
      {},
      h('legend', {}, noticeText.settingsHeading),
      boxes.map(({ kind, input }) => h('label', { for: `notice-kind-${kind}`, class: 'check' }, input, ` ${noticeText.kinds[kind]}`)),
      h('label', { for: 'notice-channel' }, `${noticeText.channelLabel} `, select),
    ),
    submit,
    result,
  );
}
