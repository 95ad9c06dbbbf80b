import { DateTime } from 'luxon';
import { z } from 'zod';

/** A calendar date written YYYY-MM-DD that exists (2026-02-30 does not). */
export type CalendarDate = string & { readonly __brand: 'CalendarDate' };

export function parseCalendarDate(input: string): CalendarDate | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input)) return undefined;
  const parsed = DateTime.fromISO(input, { zone: 'utc' });
  return parsed.isValid && parsed.toISODate() === input ? (input as CalendarDate) : undefined;
}

export const calendarDateSchema = z.string().transform((input, context): CalendarDate => {
  const trimmed = input.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) {
    context.addIssue({ code: 'custom', message: `"${input}" is not a date in the form YYYY-MM-DD.` });
    return z.NEVER;
  }
  const date = parseCalendarDate(trimmed);
  if (!date) {
    context.addIssue({ code: 'custom', message: `${trimmed} is not a real calendar date.` });
    return z.NEVER;
  }
  return date;
});

/** Whole days from `from` to `to` (positive when `to` is later), counted on the calendar, not in hours. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  const start = DateTime.fromISO(from, { zone: 'utc' });
  const end = DateTime.fromISO(to, { zone: 'utc' });
  return Math.round(end.diff(start, 'days').days);
}
