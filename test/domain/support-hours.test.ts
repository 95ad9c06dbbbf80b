import { expect } from 'chai';
import { DateTime } from 'luxon';
import { loadConfig } from '../../src/config.ts';
import { defaultSupportHours, describeSupportHours, isWithinSupportHours, parseSupportHours } from '../../src/domain/support-hours.ts';

describe('SUPPORT_HOURS', () => {
  const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

  describe('isWithinSupportHours()', () => {
    const cases = [
      { hours: defaultSupportHours, at: '2026-11-20T13:00:00Z', open: true, why: 'Friday 08:00 in New York (EST): the first minute' },
      { hours: defaultSupportHours, at: '2026-11-20T12:59:00Z', open: false, why: 'Friday 07:59 in New York' },
      { hours: defaultSupportHours, at: '2026-11-21T00:59:00Z', open: true, why: 'Friday 19:59 in New York (Saturday in UTC)' },
      { hours: defaultSupportHours, at: '2026-11-21T01:00:00Z', open: false, why: 'Friday 20:00 in New York: closed' },
      { hours: defaultSupportHours, at: '2026-11-21T15:00:00Z', open: false, why: 'Saturday' },
      { hours: defaultSupportHours, at: '2026-07-10T12:30:00Z', open: true, why: 'Friday 08:30 in New York in summer (EDT)' },
      {
        hours: 'America/New_York=Mon-Fri 08:00-20:00;America/Los_Angeles=Mon-Fri 08:00-17:00,Sat 09:00-13:00',
        at: '2026-11-21T18:00:00Z',
        open: true,
        why: 'Saturday 10:00 in Los Angeles: the west coast team',
      },
      { hours: 'America/Chicago=Fri-Mon 10:00-14:00', at: '2026-11-22T17:00:00Z', open: true, why: 'a range across the weekend (Sunday 11:00 in Chicago)' },
      { hours: 'America/Chicago=Fri-Mon 10:00-14:00', at: '2026-11-24T17:00:00Z', open: false, why: 'Tuesday, outside the wrapped range' },
      { hours: 'Europe/Berlin=Mon-Sun 00:00-24:00', at: '2026-11-22T23:59:00Z', open: true, why: 'around the clock' },
    ];
    for (const testCase of cases) {
      it(`${testCase.open ? 'open' : 'closed'}: ${testCase.why}`, () => {
        expect(isWithinSupportHours(parseSupportHours(testCase.hours), at(testCase.at))).to.equal(testCase.open);
      });
    }
  });

  it('describes the hours as the dealer reads them', () => {
    expect(describeSupportHours(parseSupportHours(defaultSupportHours))).to.equal('Mon-Fri 08:00-20:00 (America/New_York time)');
  });

  describe('in the configuration', () => {
    it('defaults to Mon-Fri 08:00-20:00 Eastern', () => {
      expect(loadConfig({}).supportHours).to.deep.equal(parseSupportHours('America/New_York=Mon-Fri 08:00-20:00'));
    });
    const refused = [
      { value: 'Mon-Fri 08:00-20:00', problem: /needs a time zone/ },
      { value: 'Mars/Olympus=Mon-Fri 08:00-20:00', problem: /not an IANA time zone/ },
      { value: 'America/New_York=Mon-Fri 8-20', problem: /Day\[-Day\] HH:MM-HH:MM/ },
      { value: 'America/New_York=Mon-Fry 08:00-20:00', problem: /"Fry" is not a day/ },
      { value: 'America/New_York=Mon-Fri 20:00-08:00', problem: /ends before it starts/ },
      { value: 'America/New_York=Mon 08:00-25:00', problem: /does not exist/ },
    ];
    for (const { value, problem } of refused) {
      it(`refuses "${value}" at start-up, naming SUPPORT_HOURS`, () => {
        expect(() => loadConfig({ SUPPORT_HOURS: value })).to.throw(/^SUPPORT_HOURS: /);
        expect(() => loadConfig({ SUPPORT_HOURS: value })).to.throw(problem);
      });
    }
  });
});
