import type { DateTime } from 'luxon';
import { closingEvent, holdUntil, type CaseEvent, type CaseEventType, type CaseProcessFacts } from './return-case.ts';
import { addDays, endOfLocalDay, formatLocal, localDate, startOfLocalDay } from './zoned-time.ts';

/**
 * The expected windows of the post-return process, from the seed: inspection 1 to 5 days after the
 * return, posting to and sale on SmartAuction 1 to 6 days after the inspection (listed up to 6 days),
 * pickup 1 to 7 days after the auction result, and a 72-hour hold for dealer purchases.
 *
 * Days are CALENDAR days in the dealership's time zone: the seed does not say business days,
 * SmartAuction lists vehicles on calendar days, and a calendar count never hides a late step behind
 * a weekend or a holiday calendar we would have to maintain. A window runs from the start of its first
 * day to the end of its last day, local time, so a daylight-saving change moves the UTC instant, not
 * the date a dealer sees.
 *
 * When an earlier step is not done yet, later windows are projected from its latest expected day, so a
 * step is never reported overdue only because the one before it is late.
 *
 * A dealer purchase holds remarketing for 72 hours after the notification so the purchase can be
 * finalized: the remarketing steps (inspection, SmartAuction, pickup) only apply if it is not, so their
 * windows start when the hold ends (inspection 1 to 5 days after the hold ends, and so on) and, while the
 * hold runs, they carry a note saying so. They can therefore never be late during the hold.
 *
 * A closed case (picked up, or the dealer purchase completed) has nothing left to do: a step that did
 * not happen is `notApplicable` with a note saying why, never `due` or `overdue`. Steps that did happen
 * stay `done`.
 */
export const timelineStepIds = ['returned', 'notified', 'remarketingHold', 'inspected', 'smartAuction', 'pickedUp'] as const;
export type TimelineStepId = (typeof timelineStepIds)[number];

export const stepStatuses = ['done', 'due', 'overdue', 'notApplicable'] as const;
export type StepStatus = (typeof stepStatuses)[number];

export interface TimelineStep {
  step: TimelineStepId;
  label: string;
  /** ISO date-time with the dealership's UTC offset. */
  expectedFrom: string;
  expectedBy: string;
  status: StepStatus;
  doneAt?: string;
  note?: string;
}

export const timelineWindows = {
  inspectionDays: { from: 1, to: 5 },
  smartAuctionDays: { from: 1, to: 6 },
  listingDays: 6,
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

export function computeTimeline(input: TimelineInput): TimelineStep[] {
  const { zone, facts, text } = input;
  const now = input.now.toMillis();
  const at = (type: CaseEventType): number | undefined => {
    const event = input.events.find((candidate) => candidate.type === type);
    return event ? Date.parse(event.at) : undefined;
  };
  const steps: TimelineStep[] = [];
  const push = (step: TimelineStepId, from: number, by: number, doneAt: number | undefined, extra: { note?: string; notApplicable?: boolean } = {}): void => {
    let status: StepStatus;
    if (extra.notApplicable) status = 'notApplicable';
    else if (doneAt !== undefined) status = 'done';
    else status = now > by ? 'overdue' : 'due';
    steps.push({
      step,
      label: text.labels[step],
      expectedFrom: formatLocal(zone, from),
      expectedBy: formatLocal(zone, by),
      status,
      ...(doneAt !== undefined && !extra.notApplicable ? { doneAt: formatLocal(zone, doneAt) } : {}),
      ...(extra.note === undefined ? {} : { note: extra.note }),
    });
  };
  /** [start of base day + from days, end of base day + to days], local time. */
  const window = (baseDay: string, days: { from: number; to: number }): [number, number] => [
    startOfLocalDay(zone, addDays(baseDay, days.from)),
    endOfLocalDay(zone, addDays(baseDay, days.to)),
  ];
  const dayOf = (ms: number): string => localDate(zone, ms);

  const returnDay = input.returnDate;
  const returnStart = startOfLocalDay(zone, returnDay);
  push('returned', returnStart, endOfLocalDay(zone, returnDay), returnStart);

  const notified = at('notified');
  push(
    'notified',
    returnStart,
    endOfLocalDay(zone, returnDay),
    notified,
    input.notification.method === 'fax' && input.notification.faxNumber ? { note: text.notes.notifyByFax(input.notification.faxNumber) } : {},
  );

  const closing = closingEvent(input.events);
  const purchased = closing?.type === 'purchaseCompleted' ? Date.parse(closing.at) : undefined;

  // Dealer purchases: Ally holds remarketing from the notification; the rest of the process starts after it.
  let remarketingStartDay = returnDay;
  let remarketingStart = returnStart;
  let holdPending: { until: number | null } | undefined;
  if (facts.holdHours > 0) {
    const holdFrom = notified ?? returnStart;
    const holdEnd = notified === undefined ? holdFrom + facts.holdHours * 3_600_000 : Date.parse(holdUntil(facts, input.events) ?? '');
    const over = now >= holdEnd || at('postedToSmartAuction') !== undefined;
    // A purchase completed within the hold ends it early: that is what the hold was for.
    const holdDoneAt = purchased !== undefined ? Math.min(purchased, holdEnd) : over && notified !== undefined ? holdEnd : undefined;
    push('remarketingHold', holdFrom, holdEnd, holdDoneAt, { note: purchased !== undefined ? text.notes.purchaseCompleted : text.notes.hold(facts.holdHours) });
    // The hold is not a deadline: while it runs the step is "due", never "overdue".
    const last = steps[steps.length - 1];
    if (last && last.status === 'overdue') last.status = 'due';
    if (holdDoneAt === undefined && closing === undefined) holdPending = { until: notified === undefined ? null : holdEnd };
    remarketingStart = holdEnd;
    remarketingStartDay = dayOf(holdEnd);
  }
  const firstRemarketingStep = steps.length;

  const inspected = at('inspected');
  const [inspectionFrom, inspectionBy] = window(remarketingStartDay, timelineWindows.inspectionDays);
  if (facts.inspectionAvailable) push('inspected', inspectionFrom, inspectionBy, inspected);
  else push('inspected', inspectionFrom, inspectionBy, undefined, { notApplicable: true, note: text.notes.inspectionNotAvailable(input.stateCode) });

  const inspectionBase = facts.inspectionAvailable ? (inspected ?? inspectionBy) : (notified ?? remarketingStart);
  const posted = at('postedToSmartAuction');
  const sold = at('sold');
  const notSold = at('notSold');
  const pickedUp = at('pickedUp');
  const result = sold ?? notSold;
  const [auctionFrom, auctionWindowBy] = window(dayOf(inspectionBase), timelineWindows.smartAuctionDays);
  const auctionBy = posted === undefined ? auctionWindowBy : endOfLocalDay(zone, addDays(dayOf(posted), timelineWindows.listingDays));
  if (pickedUp !== undefined && posted === undefined) {
    push('smartAuction', auctionFrom, auctionBy, undefined, { notApplicable: true, note: text.notes.notPosted });
  } else {
    const note =
      sold !== undefined ? text.notes.sold : notSold !== undefined ? text.notes.notSold : posted !== undefined ? text.notes.posted(dayOf(posted)) : undefined;
    push('smartAuction', auctionFrom, auctionBy, result, note === undefined ? {} : { note });
  }

  const pickupBase = result ?? (pickedUp !== undefined && posted === undefined ? inspectionBase : auctionBy);
  const [pickupFrom, pickupBy] = window(dayOf(pickupBase), timelineWindows.pickupDays);
  push('pickedUp', pickupFrom, pickupBy, pickedUp);

  if (holdPending !== undefined) {
    const note = text.notes.onlyIfNotPurchased(facts.holdHours, holdPending.until === null ? null : formatLocal(zone, holdPending.until), zone);
    for (const step of steps.slice(firstRemarketingStep)) {
      if (step.status === 'due' || step.status === 'overdue') step.note = step.note === undefined ? note : `${note} ${step.note}`;
    }
  }
  if (closing !== undefined) {
    const note = closing.type === 'purchaseCompleted' ? text.notes.notNeededPurchased : text.notes.notNeededPickedUp(dayOf(Date.parse(closing.at)));
    for (const step of steps) {
      if (step.status !== 'due' && step.status !== 'overdue') continue;
      step.status = 'notApplicable';
      step.note = note;
    }
  }
  return steps;
}

/**
 * The earliest expected-by instant (UTC ISO) among steps still to happen, or null when nothing is left.
 * It does not depend on "now", so it can be stored with the case and compared in the database to list
 * overdue cases. The hold is excluded: it ends by itself.
 */
export function nextDeadline(steps: readonly TimelineStep[]): string | null {
  let earliest: number | undefined;
  for (const step of steps) {
    if (step.doneAt !== undefined || step.status === 'notApplicable' || step.step === 'remarketingHold') continue;
    const by = Date.parse(step.expectedBy);
    if (earliest === undefined || by < earliest) earliest = by;
  }
  return earliest === undefined ? null : new Date(earliest).toISOString().replace('.000Z', 'Z');
}

/** The first step still to happen (due or overdue), the one a status text talks about. */
export function nextStep(steps: readonly TimelineStep[]): TimelineStep | undefined {
  return steps.find((step) => step.status === 'due' || step.status === 'overdue');
}
