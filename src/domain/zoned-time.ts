import { IANAZone } from 'luxon';
import { dateOfEpochDay, epochDayOf, twoDigits } from './calendar-date.ts';

/**
 * Local calendar days and instants in a dealership's IANA time zone, on plain epoch milliseconds.
 *
 * Every status text computes a timeline of about forty of these, so they are plain arithmetic: luxon asks
 * Intl for a zone's offset on every zoned operation (a timeline cost ~0.5 ms that way), and even Date's
 * string parsing and toISOString were most of a timeline's time. The offset is asked of luxon once per
 * zone and UTC hour and remembered (US offsets change only on whole UTC hours, so an hour's offset holds
 * for the whole hour); dates become day numbers and back with calendar-date.ts's day arithmetic.
 * test/domain/zoned-time.test.ts checks every function against luxon, hour by hour, across DST changes.
 */
const hourMs = 3_600_000;
const dayMs = 86_400_000;
const offsetsByZone = new Map<string, Map<number, number>>();
const zones = new Map<string, IANAZone>();

/** The zone's UTC offset in minutes at `ms`. */
export function offsetMinutes(zone: string, ms: number): number {
  let offsets = offsetsByZone.get(zone);
  if (offsets === undefined) {
    offsets = new Map();
    offsetsByZone.set(zone, offsets);
  }
  const hour = Math.floor(ms / hourMs);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    let ianaZone = zones.get(zone);
    if (ianaZone === undefined) {
      ianaZone = IANAZone.create(zone);
      zones.set(zone, ianaZone);
    }
    offset = ianaZone.offset(ms);
    // A bound on memory; about two years of hours per zone.
    if (offsets.size > 20_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

/** The local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(zone: string, ms: number): string {
  return dateOfEpochDay(Math.floor((ms + offsetMinutes(zone, ms) * 60_000) / dayMs));
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return dateOfEpochDay(epochDayOf(date) + days);
}

/** The instant local midnight starts `date` (midnight exists in every US zone: changes happen at 2:00). */
export function startOfLocalDay(zone: string, date: string): number {
  const wall = epochDayOf(date) * dayMs;
  let guess = wall - offsetMinutes(zone, wall) * 60_000;
  guess = wall - offsetMinutes(zone, guess) * 60_000;
  return guess;
}

/** The last whole second of `date`, local time (23:59:59, whatever the day's length). */
export function endOfLocalDay(zone: string, date: string): number {
  return startOfLocalDay(zone, addDays(date, 1)) - 1_000;
}

/** ISO 8601 with the zone's offset at that instant, without milliseconds: 2026-03-12T23:59:59-04:00. */
export function formatLocal(zone: string, ms: number): string {
  const offset = offsetMinutes(zone, ms);
  const wallSeconds = Math.floor(ms / 1_000) + offset * 60;
  const day = Math.floor(wallSeconds / 86_400);
  const secondOfDay = wallSeconds - day * 86_400;
  const hours = Math.floor(secondOfDay / 3_600);
  const minutes = Math.floor((secondOfDay - hours * 3_600) / 60);
  const seconds = secondOfDay - hours * 3_600 - minutes * 60;
  return `${dateOfEpochDay(day)}T${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(seconds)}${offsetText(offset)}`;
}

function offsetText(offset: number): string {
  if (offset === 0) return 'Z';
  const absolute = Math.abs(offset);
  return `${offset < 0 ? '-' : '+'}${twoDigits(Math.floor(absolute / 60))}:${twoDigits(absolute % 60)}`;
}

const weekdayNames = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed'] as const;
const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const zoneNameFormats = new Map<string, Intl.DateTimeFormat>();
const zoneNames = new Map<string, string>();

/**
 * The zone's short name at `ms` as US English writes it ("EST", "EDT", "HST"), asked of Intl once per
 * zone and offset: a new Intl.DateTimeFormat costs about 0.2 ms, which luxon's "ZZZZ" pays on every call.
 */
export function zoneAbbreviation(zone: string, ms: number): string {
  const offset = offsetMinutes(zone, ms);
  const key = `${zone}\u0000${offset}`;
  const known = zoneNames.get(key);
  if (known !== undefined) return known;
  let format = zoneNameFormats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' });
    zoneNameFormats.set(zone, format);
  }
  const name = format.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value ?? offsetText(offset);
  zoneNames.set(key, name);
  return name;
}

/** The local day of an instant, in texts' short form: "Sat Dec 5". */
export function formatLocalDay(zone: string, ms: number): string {
  const epochDay = Math.floor((ms + offsetMinutes(zone, ms) * 60_000) / dayMs);
  const date = dateOfEpochDay(epochDay);
  return `${weekdayNames[((epochDay % 7) + 7) % 7]} ${monthNames[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(8, 10))}`;
}

/** An instant as texts show it, in the dealership's zone: "Sat Dec 5 10:00 AM EST" (luxon's "ccc LLL d h:mm a ZZZZ"). */
export function formatLocalMoment(zone: string, ms: number): string {
  const wallMinutes = Math.floor(ms / 60_000) + offsetMinutes(zone, ms);
  const minuteOfDay = wallMinutes - Math.floor(wallMinutes / 1_440) * 1_440;
  const hours = Math.floor(minuteOfDay / 60);
  const clockHour = hours % 12 === 0 ? 12 : hours % 12;
  return `${formatLocalDay(zone, ms)} ${clockHour}:${twoDigits(minuteOfDay % 60)} ${hours < 12 ? 'AM' : 'PM'} ${zoneAbbreviation(zone, ms)}`;
}
