import { type DateTime, IANAZone } from 'luxon';

/**
 * When people answer handed-over conversations (SUPPORT_HOURS). One entry per time zone, separated by
 * ";", each with one or more windows separated by ",":
 *
 *   America/New_York=Mon-Fri 08:00-20:00,Sat 09:00-13:00;America/Los_Angeles=Mon-Fri 08:00-17:00
 *
 * Support is open when any window of any zone holds the moment (two teams in two zones cover more of
 * the day). Days are Mon…Sun, alone or as a range (Fri-Mon wraps the weekend); times are 24-hour HH:MM
 * in that zone, the end after the start (24:00 for midnight).
 */
export interface SupportWindow {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: readonly number[];
  /** Minutes after midnight, start inclusive, end exclusive. */
  from: number;
  to: number;
  /** As written, for the dealer ("Mon-Fri 08:00-20:00"). */
  text: string;
}

export interface SupportZone {
  zone: string;
  windows: readonly SupportWindow[];
}

export type SupportHours = readonly SupportZone[];

export const defaultSupportHours = 'America/New_York=Mon-Fri 08:00-20:00';

const dayNames = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export class SupportHoursError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SupportHoursError';
  }
}

/** Parses SUPPORT_HOURS; throws SupportHoursError naming the part it cannot read. */
export function parseSupportHours(spec: string): SupportHours {
  const entries = spec
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new SupportHoursError('is empty; write e.g. "America/New_York=Mon-Fri 08:00-20:00"');
  return entries.map((entry) => {
    const separator = entry.indexOf('=');
    if (separator < 0) throw new SupportHoursError(`"${entry}" needs a time zone, "=" and hours, e.g. "America/New_York=Mon-Fri 08:00-20:00"`);
    const zone = entry.slice(0, separator).trim();
    if (!IANAZone.isValidZone(zone)) throw new SupportHoursError(`"${zone}" is not an IANA time zone (e.g. America/Chicago)`);
    const windows = entry
      .slice(separator + 1)
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map(parseWindow);
    if (windows.length === 0) throw new SupportHoursError(`"${entry}" has no hours`);
    return { zone, windows };
  });
}

function parseWindow(text: string): SupportWindow {
  const match = /^([a-z]{3})(?:\s*-\s*([a-z]{3}))?\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/i.exec(text);
  if (!match) throw new SupportHoursError(`"${text}" is not "Day[-Day] HH:MM-HH:MM" (e.g. "Mon-Fri 08:00-20:00")`);
  const [, firstDay = '', lastDay, fromHours = '', fromMinutes = '', toHours = '', toMinutes = ''] = match;
  const first = dayIndex(firstDay);
  const last = lastDay === undefined ? first : dayIndex(lastDay);
  const days: number[] = [];
  for (let day = first; ; day = (day % 7) + 1) {
    days.push(day);
    if (day === last) break;
  }
  const from = minutes(fromHours, fromMinutes, text);
  const to = minutes(toHours, toMinutes, text);
  if (to <= from) throw new SupportHoursError(`"${text}" ends before it starts`);
  return { days, from, to, text: text.replace(/\s+/g, ' ') };
}

function dayIndex(name: string): number {
  const index = dayNames.indexOf(name.toLowerCase() as (typeof dayNames)[number]);
  if (index < 0) throw new SupportHoursError(`"${name}" is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)`);
  return index + 1;
}

function minutes(hours: string, mins: string, text: string): number {
  const value = Number(hours) * 60 + Number(mins);
  if (Number(mins) > 59 || value > 24 * 60) throw new SupportHoursError(`"${text}" has a time that does not exist`);
  return value;
}

/** Whether someone answers at `now`. */
export function isWithinSupportHours(hours: SupportHours, now: DateTime): boolean {
  return hours.some(({ zone, windows }) => {
    const local = now.setZone(zone);
    const minute = local.hour * 60 + local.minute;
    return windows.some((window) => window.days.includes(local.weekday) && minute >= window.from && minute < window.to);
  });
}

/** The hours as a dealer reads them: "Mon-Fri 08:00-20:00 (America/New_York time)". */
export function describeSupportHours(hours: SupportHours): string {
  return hours.map(({ zone, windows }) => `${windows.map((window) => window.text).join(', ')} (${zone} time)`).join('; ');
}
