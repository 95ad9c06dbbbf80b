import { DateTime } from 'luxon';

/** Hours of the dealer's local day in which no notice goes out ("21:00"–"08:00" wraps past midnight). */
export interface QuietHours {
  start: string;
  end: string;
}

const minutesOf = (hhmm: string): number => {
  const [hours = 0, minutes = 0] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
};

/**
 * The first instant at or after `at` (ms) outside the quiet hours, on the dealer's clock in `zone`: `at`
 * itself when it is not quiet, else the end of the quiet hours (the next morning for 21:00-08:00). The
 * end is a local wall time, so a daylight-saving change moves the UTC instant, not the hour the dealer sees.
 */
export function nextSendableInstant(at: number, zone: string, quiet: QuietHours | null): number {
  if (quiet === null) return at;
  const local = DateTime.fromMillis(at, { zone });
  const now = local.hour * 60 + local.minute;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const endOn = (day: DateTime): number => day.set({ hour: Math.floor(end / 60), minute: end % 60, second: 0, millisecond: 0 }).toMillis();
  if (start < end) return now >= start && now < end ? endOn(local) : at;
  if (now >= start) return endOn(local.plus({ days: 1 }));
  if (now < end) return endOn(local);
  return at;
}
