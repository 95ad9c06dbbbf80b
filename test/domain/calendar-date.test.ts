import { expect } from 'chai';
import { calendarDateSchema, daysBetween, parseCalendarDate } from '../../src/domain/calendar-date.ts';

describe('calendar dates', () => {
  it('accepts real dates, leap days included', () => {
    for (const date of ['2026-01-31', '2028-02-29', '2026-12-31']) expect(parseCalendarDate(date)).to.equal(date);
  });
  it('refuses dates that do not exist', () => {
    for (const date of ['2026-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10']) expect(parseCalendarDate(date), date).to.equal(undefined);
  });
  it('refuses other formats with a message saying the expected one', () => {
    const result = calendarDateSchema.safeParse('11/26/2026');
    expect(result.success).to.equal(false);
    expect(result.error?.issues[0]?.message).to.contain('YYYY-MM-DD');
  });
  it('counts calendar days across a daylight-saving change', () => {
    const from = parseCalendarDate('2026-03-07');
    const to = parseCalendarDate('2026-03-09');
    if (!from || !to) throw new Error('fixture');
    expect(daysBetween(from, to)).to.equal(2);
    expect(daysBetween(to, from)).to.equal(-2);
  });
});
