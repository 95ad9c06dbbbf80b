import type { NamedContact } from '../cases/case-messages.ts';
import type { CaseView } from '../cases/case-service.ts';
import { holdUntil, processFactsOf } from '../domain/return-case.ts';
import { holdWarningHours, type NoticeKind, type NoticeSettings, type PlannedNotice } from './notice.ts';
import { noticeMessages, stepContactIds } from './notice-messages.ts';
import { nextSendableInstant, type QuietHours } from './quiet-hours.ts';

export interface PlanInput {
  /** The case as the API shows it, its timeline computed at `now` (the timeline decides what is overdue). */
  view: Pick<CaseView, 'vin' | 'status' | 'events' | 'timeline' | 'decision' | 'timeZone'>;
  /** The dealer's time zone, for quiet hours. */
  dealerZone: string;
  now: number;
  settings: NoticeSettings;
  quietHours: QuietHours | null;
  /** A directory entry by id, named for people. */
  contact: (id: string) => NamedContact;
}

export interface Plan {
  /** Every notice the case calls for now; the outbox keeps only the first of each (case, step, kind). */
  notices: PlannedNotice[];
  /** When the case next needs a look (UTC ISO): the next step that could turn overdue, the hold's last hours; null for none. */
  nextCheckAt: string | null;
}

const hourMs = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * What a case calls for at `now`: a pure function of the case's timeline, so the scheduler, a restart
 * and a test with a fake clock all decide the same. A step is overdue when the timeline says so (a step
 * that cannot happen yet is `waiting`, never overdue); the hold warning comes in its last 12 hours; a
 * sale or a no-sale is told while the car is still at the dealership.
 */
export function planNotices(input: PlanInput): Plan {
  const { view, now } = input;
  if (view.status === 'closed') return { notices: [], nextCheckAt: null };
  const notices: PlannedNotice[] = [];
  const dueAt = iso(nextSendableInstant(now, input.dealerZone, input.quietHours));
  const add = (kind: NoticeKind, step: string, text: string): void => {
    notices.push({ kind, step, text, dueAt, ...(input.settings.kinds[kind] ? {} : { skippedReason: 'kindOff' as const }) });
  };
  const checks: number[] = [];

  for (const step of view.timeline) {
    if (step.step === 'remarketingHold') continue;
    if (step.status === 'overdue') {
      const contact = input.contact(stepContactIds[step.step] ?? 'remarketingCenter');
      add(
        'stepOverdue',
        step.step,
        noticeMessages.stepOverdue({ vin: view.vin, step: step.step, label: step.label, expectedBy: step.expectedBy, zone: view.timeZone, contact }),
      );
    } else if (step.status === 'due') {
      const by = Date.parse(step.expectedBy);
      // The timeline calls a step overdue once now is past its expected-by instant.
      if (by >= now) checks.push(by + 1000);
    }
  }

  const facts = processFactsOf(view.decision);
  const until = holdUntil(facts, view.events);
  const has = (type: string): boolean => view.events.some((event) => event.type === type);
  if (until !== null && !has('purchaseCompleted') && !has('postedToSmartAuction')) {
    const end = Date.parse(until);
    const warnFrom = end - holdWarningHours * hourMs;
    if (now >= warnFrom && now < end) {
      add(
        'holdEnding',
        'remarketingHold',
        noticeMessages.holdEnding({ vin: view.vin, holdHours: facts.holdHours, until, zone: view.timeZone, contact: input.contact('dealerBuyout') }),
      );
    } else if (now < warnFrom) {
      checks.push(warnFrom);
    }
    // When the hold ends, the remarketing steps' windows start: look again then.
    if (now < end) checks.push(end + 1000);
  }

  if (has('sold')) add('sold', 'smartAuction', noticeMessages.sold({ vin: view.vin, contact: input.contact('transportation') }));
  if (has('notSold')) add('notSold', 'smartAuction', noticeMessages.notSold({ vin: view.vin, contact: input.contact('transportation') }));

  return { notices, nextCheckAt: checks.length === 0 ? null : iso(Math.min(...checks)) };
}
