import { isUsStateCode, stateName, stateTimeZone } from '../../domain/us-states.ts';

const calendarDate = /^\d{4}-\d{2}-\d{2}$/;
const dayFormat = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

/** "HI" → "Hawaii (HI)"; anything unknown is shown as given. */
export function stateLabel(code: string): string {
  const upper = code.toUpperCase();
  return isUsStateCode(upper) ? `${stateName(upper)} (${upper})` : code;
}

export function stateNameOf(code: string): string {
  const upper = code.toUpperCase();
  return isUsStateCode(upper) ? stateName(upper) : code;
}

/** The dealer's time zone, so "due by" means the dealer's day, not the agent's. */
export function zoneOf(stateCode: string): string | undefined {
  const upper = stateCode.toUpperCase();
  return isUsStateCode(upper) ? stateTimeZone(upper) : undefined;
}

/** A calendar date (2026-05-12) or an instant, as the day it falls on in `zone`: "Tue, May 12, 2026". */
export function formatDay(value: string | null | undefined, zone?: string): string {
  if (!value) return '—';
  if (calendarDate.test(value)) {
    const [year, month, day] = value.split('-').map(Number);
    return dayFormat.format(new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1)));
  }
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  return new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', ...(zone ? { timeZone: zone } : {}) }).format(
    instant,
  );
}

/**
 * An instant with its time, in the dealer's zone, in the console's one date format: the day as
 * formatDay writes it, then the time and zone ("Tue, May 12, 2026, 3:05 PM HST"). Midnight exactly is
 * a day without a time (the return is recorded as a day). `_short` is kept for callers; every date
 * reads the same way.
 */
export function formatMoment(value: string | null | undefined, zone?: string, _short = false): string {
  if (!value) return '—';
  if (calendarDate.test(value)) return formatDay(value);
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  const timeZone = zone ? { timeZone: zone } : {};
  const clock = new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', ...timeZone }).format(instant);
  if (clock === '00:00:00') return formatDay(value, zone);
  const time = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZoneName: 'short', ...timeZone }).format(instant);
  return `${formatDay(value, zone)}, ${time}`;
}

/** The dealer's zone as people read it ("EDT", "HST"), at `at` (now by default). */
export function zoneAbbreviation(zone: string | undefined, at: Date = new Date()): string {
  if (!zone) return '';
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' }).formatToParts(at).find((entry) => entry.type === 'timeZoneName');
  return part?.value ?? zone;
}

/** "YYYY-MM-DDTHH:mm" on the dealer's clock, for a datetime-local input whose value the server reads in that zone. */
export function localInputValue(at: Date, zone: string | undefined): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(zone ? { timeZone: zone } : {}),
  }).formatToParts(at);
  const part = (type: string): string => parts.find((entry) => entry.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

/** Whole calendar days from `from` to `to`, both YYYY-MM-DD; undefined if either is not a date. */
export function daysBetween(from: string, to: string): number | undefined {
  if (!calendarDate.test(from) || !calendarDate.test(to)) return undefined;
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** "postedToSmartAuction" → "Posted to smart auction": a readable fallback for codes the console has no label for. */
export function humanize(code: string): string {
  const words = code
    .replace(/[-_]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function phoneWithOption(phone: string, option: number | undefined): string {
  return option === undefined ? phone : `${phone}, option ${option}`;
}
