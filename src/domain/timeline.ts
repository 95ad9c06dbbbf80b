import type { DateTime } from 'luxon';
import { closingEvent, holdUntil, type CaseEvent, type CaseEventType, type CaseProcessFacts } from './return-case.ts';
import { addDays, endOfLocalDay, formatLocal, localDate, startOfLocalDay } from './zoned-time.ts';

/**
 * The expected windows of the post-return process, from the seed: inspection 1 to 5 days after the
 * notification, posting to SmartAuction 1 to 6 days after the inspection, then up to 6 days listed on
 * SmartAuction until it sells (or not), pickup 1 to 7 days after the auction result, and a 72-hour hold
 * for dealer purchases.
 *
 * Days are CALENDAR days in the dealership's time zone: the seed does not say business days,
 * SmartAuction lists vehicles on calendar days, and a calendar count never hides a late step behind
 * a weekend or a holiday calendar we would have to maintain. A window runs from the start of its first
 * day to the end of its last day, local time, so a daylight-saving change moves the UTC instant, not
 * the date a dealer sees.
 *
 * Expectations are chained: each window counts from the ACTUAL date of the step before it. A step whose
 * previous step has not happened is `waiting`, never `overdue` (posting cannot be late before the
 * inspection); its window is still shown, projected from the latest day the previous step is expected.
 *
 * A dealer purchase holds remarketing for 72 hours after the notification so the purchase can be
 * finalized: the remarketing steps (inspection, SmartAuction, pickup) only apply if it is not, so they
 * wait for the end of the hold and, while the hold runs, they carry a note saying so.
 *
 * A closed case (picked up, or the dealer purchase completed) has nothing left to do: a step that did
 * not happen is `notApplicable` with a note saying why, never `due` or `overdue`. Steps that did happen
 * stay `done`.
 */
export const timelineStepIds = ['returned', 'notified', 'remarketingHold', 'inspected', 'postedToSmartAuction', 'smartAuction', 'pickedUp'] as const;
export type TimelineStepId = (typeof timelineStepIds)[number];

export const stepStatuses = ['done', 'due', 'overdue', 'waiting', 'notApplicable'] as const;
export type StepStatus = (typeof stepStatuses)[number];

export interface TimelineStep {
  step: TimelineStepId;
  label: string;
  /** ISO date-time with the dealership's UTC offset; for a `waiting` step, projected from the previous step's window. */
  expectedFrom: string;
  expectedBy: string;
  status: StepStatus;
  doneAt?: string;
  note?: string;
}

export const timelineWindows = {
  inspectionDays: { from: 1, to: 5 },
  postingDays: { from: 1, to: 6 },
  /** Listed for sale from the day it is posted, up to 6 days. */
  listingDays: { from: 0, to: 6 },
  pickupDays: { from: 1, to: 7 },
} as const;

/** The text of the timeline, in one place; `contacts` are the directory's "877-290-9544, option 1" strings. */
export interface TimelineText {
  labels: Record<TimelineStepId, string>;
  notes: {
    inspectionNotAvailable: (stateCode: string) => string;
    notPosted: string;
    posted: (day: string) => string;
    sold: string;
    notSold: string;
    hold: (hours: number) => string;
    /** On a remarketing step while the hold runs; `until` is the local ISO end of the hold (null before the notification starts it). */
    onlyIfNotPurchased: (hours: number, until: string | null, zone: string) => string;
    /** A step that cannot start before `previous` (a step id) has happened. */
    waitingFor: (previous: TimelineStepId) => string;
    /** The hold step of a case closed by the completed purchase. */
    purchaseCompleted: string;
    /** A step that did not happen on a case closed by the completed purchase. */
    notNeededPurchased: string;
    /** A step that did not happen on a case closed by the pickup; `day` is YYYY-MM-DD local. */
    notNeededPickedUp: (day: string) => string;
    notifyByFax: (fax: string) => string;
  };
}

export interface TimelineInput {
  returnDate: string;
  stateCode: string;
  zone: string;
  facts: CaseProcessFacts;
  /** AVRM or fax, with the fax number when it is fax. */
  notification: { method: 'AVRM' | 'fax'; faxNumber: string | null };
  events: readonly CaseEvent[];
  now: DateTime;
  text: TimelineText;
}

/**
 * Where a chained step counts from: the previous step's actual instant when it happened, otherwise the
 * instant it is projected from (the end of the previous step's window) and the step it waits for.
 */
type Base = { at: number; actual: true } | { at: number; actual: false; waitingFor: TimelineStepId };

export function computeTimeline(input: TimelineInput): TimelineStep[] {
  const { zone, facts, text } = input;
  const now = input.now.toMillis();
  const at = (type: CaseEventType): number | undefined => {
    const event = input.events.find((candidate) => candidate.type === type);
    return event ? Date.parse(event.at) : undefined;
  };
  const steps: TimelineStep[] = [];
  const push = (
    step: TimelineStepId,
    from: number,
    by: number,
    doneAt: number | undefined,
    extra: { note?: string; notApplicable?: boolean; waitingFor?: TimelineStepId | undefined; neverOverdue?: boolean } = {},
  ): TimelineStep => {
    let status: StepStatus;
    let note = extra.note;
    if (extra.notApplicable) status = 'notApplicable';
    else if (doneAt !== undefined) status = 'done';
    else if (extra.waitingFor !== undefined) {
      status = 'waiting';
      note = note === undefined ? text.notes.waitingFor(extra.waitingFor) : `${text.notes.waitingFor(extra.waitingFor)} ${note}`;
    } else status = now > by && !extra.neverOverdue ? 'overdue' : 'due';
    const entry: TimelineStep = {
      step,
      label: text.labels[step],
      expectedFrom: formatLocal(zone, from),
      expectedBy: formatLocal(zone, by),
      status,
      ...(doneAt !== undefined && !extra.notApplicable ? { doneAt: formatLocal(zone, doneAt) } : {}),
      ...(note === undefined ? {} : { note }),
    };
    steps.push(entry);
    return entry;
  };
  /** [start of base day + from days, end of base day + to days], local time. */
  const window = (base: Base, days: { from: number; to: number }): [number, number] => {
    const baseDay = localDate(zone, base.at);
    return [startOfLocalDay(zone, addDays(baseDay, days.from)), endOfLocalDay(zone, addDays(baseDay, days.to))];
  };
  const waiting = (base: Base): TimelineStepId | undefined => (base.actual ? undefined : base.waitingFor);
  const after = (step: TimelineStepId, actualAt: number | undefined, projectedAt: number): Base =>
    actualAt === undefined ? { at: projectedAt, actual: false, waitingFor: step } : { at: actualAt, actual: true };
  const dayOf = (ms: number): string => localDate(zone, ms);

  const returnDay = input.returnDate;
  const returnStart = startOfLocalDay(zone, returnDay);
  push('returned', returnStart, endOfLocalDay(zone, returnDay), returnStart);

  const notified = at('notified');
  const notifiedBy = endOfLocalDay(zone, returnDay);
  push(
    'notified',
    returnStart,
    notifiedBy,
    notified,
    input.notification.method === 'fax' && input.notification.faxNumber ? { note: text.notes.notifyByFax(input.notification.faxNumber) } : {},
  );

  const closing = closingEvent(input.events);
  const purchased = closing?.type === 'purchaseCompleted' ? Date.parse(closing.at) : undefined;
  const posted = at('postedToSmartAuction');

  // Dealer purchases: Ally holds remarketing from the notification; the rest of the process waits for its end.
  let remarketingBase: Base = after('notified', notified, notifiedBy);
  let holdPending: { until: number | null } | undefined;
  if (facts.holdHours > 0) {
    const holdFrom = notified ?? returnStart;
    const holdEnd = notified === undefined ? holdFrom + facts.holdHours * 3_600_000 : Date.parse(holdUntil(facts, input.events) ?? '');
    const over = notified !== undefined && (now >= holdEnd || posted !== undefined);
    // A purchase completed within the hold ends it early: that is what the hold was for.
    const holdDoneAt = purchased !== undefined ? Math.min(purchased, holdEnd) : over ? holdEnd : undefined;
    // The hold is not a deadline: while it runs the step is "due", never "overdue".
    push('remarketingHold', holdFrom, holdEnd, holdDoneAt, {
      note: purchased !== undefined ? text.notes.purchaseCompleted : text.notes.hold(facts.holdHours),
      waitingFor: notified === undefined ? 'notified' : undefined,
      neverOverdue: true,
    });
    if (holdDoneAt === undefined && closing === undefined) holdPending = { until: notified === undefined ? null : holdEnd };
    remarketingBase = over ? { at: holdEnd, actual: true } : { at: holdEnd, actual: false, waitingFor: 'remarketingHold' };
  }
  const firstRemarketingStep = steps.length;

  const inspected = at('inspected');
  let postingBase: Base;
  if (facts.inspectionAvailable) {
    const [from, by] = window(remarketingBase, timelineWindows.inspectionDays);
    push('inspected', from, by, inspected, { waitingFor: waiting(remarketingBase) });
    postingBase = after('inspected', inspected, by);
  } else {
    // AK, HI and SD: no third-party inspection; posting counts from the notification (or the hold's end).
    const [from, by] = window(remarketingBase, timelineWindows.inspectionDays);
    push('inspected', from, by, undefined, { notApplicable: true, note: text.notes.inspectionNotAvailable(input.stateCode) });
    postingBase = remarketingBase;
  }

  const sold = at('sold');
  const notSold = at('notSold');
  const pickedUp = at('pickedUp');
  const result = sold ?? notSold;
  const [postingFrom, postingBy] = window(postingBase, timelineWindows.postingDays);
  const saleBase = after('postedToSmartAuction', posted, postingBy);
  const [saleFrom, saleBy] = window(saleBase, timelineWindows.listingDays);
  const unposted = pickedUp !== undefined && posted === undefined;
  if (unposted) {
    push('postedToSmartAuction', postingFrom, postingBy, undefined, { notApplicable: true, note: text.notes.notPosted });
    push('smartAuction', saleFrom, saleBy, undefined, { notApplicable: true, note: text.notes.notPosted });
  } else {
    push('postedToSmartAuction', postingFrom, postingBy, posted, {
      waitingFor: waiting(postingBase),
      ...(posted === undefined ? {} : { note: text.notes.posted(dayOf(posted)) }),
    });
    const note = sold !== undefined ? text.notes.sold : notSold !== undefined ? text.notes.notSold : undefined;
    push('smartAuction', saleFrom, saleBy, result, { waitingFor: waiting(saleBase), ...(note === undefined ? {} : { note }) });
  }

  // An unposted vehicle went straight to the transporter; otherwise the pickup follows the auction result.
  const pickupBase: Base = unposted ? postingBase : after('smartAuction', result, saleBy);
  const [pickupFrom, pickupBy] = window(pickupBase, timelineWindows.pickupDays);
  push('pickedUp', pickupFrom, pickupBy, pickedUp, { waitingFor: waiting(pickupBase) });

  if (holdPending !== undefined) {
    const note = text.notes.onlyIfNotPurchased(facts.holdHours, holdPending.until === null ? null : formatLocal(zone, holdPending.until), zone);
    for (const step of steps.slice(firstRemarketingStep)) {
      if (isPending(step)) step.note = step.note === undefined ? note : `${note} ${step.note}`;
    }
  }
  if (closing !== undefined) {
    const note = closing.type === 'purchaseCompleted' ? text.notes.notNeededPurchased : text.notes.notNeededPickedUp(dayOf(Date.parse(closing.at)));
    for (const step of steps) {
      if (!isPending(step)) continue;
      step.status = 'notApplicable';
      step.note = note;
    }
  }
  return steps;
}

function isPending(step: TimelineStep): boolean {
  return step.status === 'due' || step.status === 'overdue' || step.status === 'waiting';
}

/**
 * The earliest expected-by instant (UTC ISO) among steps that can happen now (due or overdue), or null
 * when nothing is left. Waiting steps are left out: they cannot be late before the step they follow.
 * The statuses change with "now" only from due to overdue, so the value can be stored with the case and
 * compared in the database to list overdue cases. The hold is excluded: it ends by itself.
 */
export function nextDeadline(steps: readonly TimelineStep[]): string | null {
  let earliest: number | undefined;
  // A running hold ends by itself at a known instant, so the step that waits only for it has a fixed deadline.
  let afterRunningHold = false;
  for (const step of steps) {
    if (step.step === 'remarketingHold') {
      afterRunningHold = step.status === 'due';
      continue;
    }
    if (step.status === 'done' || step.status === 'notApplicable') continue;
    const counts = step.status === 'due' || step.status === 'overdue' || afterRunningHold;
    afterRunningHold = false;
    if (!counts) continue;
    const by = Date.parse(step.expectedBy);
    if (earliest === undefined || by < earliest) earliest = by;
  }
  return earliest === undefined ? null : new Date(earliest).toISOString().replace('.000Z', 'Z');
}

/** The first step still to happen (due or overdue), the one a status text talks about. */
export function nextStep(steps: readonly TimelineStep[]): TimelineStep | undefined {
  return steps.find((step) => step.status === 'due' || step.status === 'overdue');
}
