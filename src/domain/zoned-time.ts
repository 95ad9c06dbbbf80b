import { IANAZone } from 'luxon';

/**
 * Local calendar days and instants in a dealership's IANA time zone, on plain epoch milliseconds.
 * Luxon asks Intl for a zone's offset on every zoned DateTime operation, which made a timeline cost
 * ~0.5 ms; here the offset is asked once per zone and UTC hour and remembered. US offsets change only
 * on whole UTC hours, so an hour's offset holds for the whole hour.
 */
const hourMs = 3_600_000;
const dayMs = 86_400_000;
const offsets = new Map<string, number>();
const zones = new Map<string, IANAZone>();

/** The zone's UTC offset in minutes at `ms`. */
export function offsetMinutes(zone: string, ms: number): number {
  const key = `${zone}|${Math.floor(ms / hourMs)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    let ianaZone = zones.get(zone);
    if (!ianaZone) {
      ianaZone = IANAZone.create(zone);
      zones.set(zone, ianaZone);
    }
    offset = ianaZone.offset(ms);
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(zone: string, ms: number): string {
  return new Date(ms + offsetMinutes(zone, ms) * 60_000).toISOString().slice(0, 10);
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** The instant local midnight starts `date` (midnight exists in every US zone: changes happen at 2:00). */
export function startOfLocalDay(zone: string, date: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`);
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
  const wall = new Date(Math.floor(ms / 1_000) * 1_000 + offset * 60_000).toISOString().slice(0, 19);
  if (offset === 0) return `${wall}Z`;
  const sign = offset < 0 ? '-' : '+';
  const absolute = Math.abs(offset);
  return `${wall}${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
}
