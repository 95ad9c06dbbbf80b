import { expect } from 'chai';
import { DateTime } from 'luxon';
import { addDays, endOfLocalDay, formatLocal, formatLocalDay, formatLocalMoment, localDate, startOfLocalDay } from '../../src/domain/zoned-time.ts';
import { stateTimeZone, usStateCodes } from '../../src/domain/us-states.ts';

/** Every zone a dealership can be in, plus UTC and a half-hour zone to test the offset text. */
const zones = [...new Set([...usStateCodes.map(stateTimeZone), 'UTC', 'Asia/Kolkata'])];
const hourMs = 3_600_000;

describe('zoned time (src/domain/zoned-time) agrees with luxon', () => {
  it('formats instants as luxon does in every dealership zone: each hour around the 2026 DST changes, every 7 hours of 2026–2027', () => {
    const start = Date.UTC(2026, 0, 1);
    const instants: number[] = [];
    // Hour by hour (plus odd seconds) through the March and November changes, and a coarser sweep of two years.
    for (const [from, to] of [
      [Date.UTC(2026, 2, 7), Date.UTC(2026, 2, 10)],
      [Date.UTC(2026, 9, 31), Date.UTC(2026, 10, 3)],
    ] as const) {
      for (let ms = from; ms < to; ms += hourMs) instants.push(ms, ms + 59_999, ms - 1_000);
    }
    for (let ms = start; ms < start + 2 * 365 * 24 * hourMs; ms += 7 * hourMs + 61_001) instants.push(ms);
    for (const zone of zones) {
      for (const ms of instants) {
        const expected = DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true, includeOffset: true });
        const expectedText = expected?.replace(/\+00:00$/, 'Z').replace(/\.\d{3}/, '');
        expect(formatLocal(zone, ms), `${zone} ${ms}`).to.equal(expectedText);
        expect(localDate(zone, ms), `${zone} ${ms}`).to.equal(DateTime.fromMillis(ms, { zone }).toISODate());
      }
    }
  });

  it('writes texts\' days and times as luxon does ("Sat Dec 5", "Sat Dec 5 10:00 AM EST"), with the zone\'s name changing at DST', () => {
    const instants: number[] = [];
    for (const from of [Date.UTC(2026, 2, 8), Date.UTC(2026, 10, 1)]) {
      for (let ms = from - 12 * hourMs; ms < from + 36 * hourMs; ms += hourMs) instants.push(ms, ms + 59_999, ms - 1_000);
    }
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 53 * hourMs + 61_001) instants.push(ms);
    for (const zone of zones) {
      for (const ms of instants) {
        const local = DateTime.fromMillis(ms, { zone });
        expect(formatLocalDay(zone, ms), `${zone} ${ms}`).to.equal(local.toFormat('ccc LLL d'));
        expect(formatLocalMoment(zone, ms), `${zone} ${ms}`).to.equal(local.toFormat('ccc LLL d h:mm a ZZZZ'));
      }
    }
  });

  it('starts and ends each local day where luxon does, including the 23- and 25-hour days', () => {
    for (const zone of zones) {
      for (let date = '2026-01-01'; date < '2027-01-01'; date = addDays(date, 1)) {
        const day = DateTime.fromISO(date, { zone });
        expect(startOfLocalDay(zone, date), `${zone} ${date}`).to.equal(day.startOf('day').toMillis());
        expect(endOfLocalDay(zone, date), `${zone} ${date}`).to.equal(day.endOf('day').startOf('second').toMillis());
      }
    }
    const newYork = 'America/New_York';
    expect((endOfLocalDay(newYork, '2026-03-08') + 1_000 - startOfLocalDay(newYork, '2026-03-08')) / hourMs).to.equal(23);
    expect((endOfLocalDay(newYork, '2026-11-01') + 1_000 - startOfLocalDay(newYork, '2026-11-01')) / hourMs).to.equal(25);
  });

  it('adds calendar days across months, leap days and years', () => {
    expect(addDays('2028-02-28', 1)).to.equal('2028-02-29');
    expect(addDays('2026-02-28', 1)).to.equal('2026-03-01');
    expect(addDays('2026-12-31', 1)).to.equal('2027-01-01');
    expect(addDays('2026-03-01', -1)).to.equal('2026-02-28');
    expect(addDays('2000-02-28', 1)).to.equal('2000-02-29');
    expect(addDays('1900-02-28', 1)).to.equal('1900-03-01');
    for (let offset = -800; offset <= 800; offset += 7) {
      expect(addDays('2026-11-26', offset), String(offset)).to.equal(DateTime.fromISO('2026-11-26', { zone: 'UTC' }).plus({ days: offset }).toISODate());
    }
  });
});
