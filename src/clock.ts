import { DateTime } from 'luxon';

/** "Now" is injected everywhere so that domain code and tests never read the real clock directly. */
export interface Clock {
  now(): DateTime;
  /** "Now" in epoch milliseconds, when the clock can tell without building a DateTime (see nowMillis). */
  nowMillis?(): number;
}

export const systemClock: Clock = { now: () => DateTime.utc(), nowMillis: () => Date.now() };

/** "Now" in epoch milliseconds: a bot turn asks several times, and a luxon DateTime costs a few microseconds each. */
export function nowMillis(clock: Clock): number {
  return clock.nowMillis ? clock.nowMillis() : clock.now().toMillis();
}

/** A clock that stays where it is put; tests move it explicitly. */
export class FixedClock implements Clock {
  private current: DateTime;
  constructor(start: DateTime | string) {
    this.current = typeof start === 'string' ? DateTime.fromISO(start, { zone: 'utc' }) : start;
  }
  now(): DateTime {
    return this.current;
  }
  set(to: DateTime | string): void {
    this.current = typeof to === 'string' ? DateTime.fromISO(to, { zone: 'utc' }) : to;
  }
  advance(duration: { days?: number; hours?: number; minutes?: number }): void {
    this.current = this.current.plus(duration);
  }
}

/** "Now" as an ISO 8601 UTC timestamp (2026-12-02T07:08:16.674Z), as luxon's toUTC().toISO() writes it, at a tenth of the cost. */
export function isoNow(clock: Clock): string {
  return new Date(nowMillis(clock)).toISOString();
}
