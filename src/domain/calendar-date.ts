import { z } from 'zod';

/** A calendar date written YYYY-MM-DD that exists (2026-02-30 does not). */
export type CalendarDate = string & { readonly __brand: 'CalendarDate' };

export function parseCalendarDate(input: string): CalendarDate | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input)) return undefined;
  const year = Number(input.slice(0, 4));
  const month = Number(input.slice(5, 7));
  const day = Number(input.slice(8, 10));
  if (year < 1900 || month < 1 || month > 12 || day < 1) return undefined;
  return day <= daysInMonth(year, month) ? (input as CalendarDate) : undefined;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
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

/**
 * Whole days from `from` to `to` (positive when `to` is later), counted on the calendar, not in hours,
 * so a daylight-saving change never makes a day short. Plain day-number arithmetic on the validated
 * YYYY-MM-DD text: this runs for every decision, and parsing two luxon DateTimes cost more than the rest.
 */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return epochDayOf(to) - epochDayOf(from);
}

/** Days since 1970-01-01 of a YYYY-MM-DD date, proleptic Gregorian (Howard Hinnant's days_from_civil). */
export function epochDayOf(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const shiftedYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(shiftedYear / 400);
  const yearOfEra = shiftedYear - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The YYYY-MM-DD date of a count of days since 1970-01-01, for years 1000 to 9999 (civil_from_days). */
export function dateOfEpochDay(epochDay: number): string {
  const shifted = epochDay + 719468;
  const era = Math.floor(shifted / 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${twoDigits(month)}-${twoDigits(day)}`;
}

export function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : `${value}`;
}
