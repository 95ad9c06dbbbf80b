import { expect } from 'chai';
import { nextSendableInstant } from '../../src/notices/quiet-hours.ts';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

describe('nextSendableInstant()', () => {
  const night = { start: '21:00', end: '08:00' };
  const cases: { name: string; when: string; zone: string; quiet: { start: string; end: string } | null; expected: string }[] = [
    { name: 'the afternoon is not quiet', when: '2026-03-04T19:00:00Z', zone: 'America/New_York', quiet: night, expected: '2026-03-04T19:00:00.000Z' },
    {
      name: '22:30 in Ohio waits for 08:00 the next morning',
      when: '2026-03-05T03:30:00Z',
      zone: 'America/New_York',
      quiet: night,
      expected: '2026-03-05T13:00:00.000Z',
    },
    {
      name: '02:00 waits for 08:00 the same morning',
      when: '2026-03-05T07:00:00Z',
      zone: 'America/New_York',
      quiet: night,
      expected: '2026-03-05T13:00:00.000Z',
    },
    { name: '21:00 sharp is quiet', when: '2026-03-05T02:00:00Z', zone: 'America/New_York', quiet: night, expected: '2026-03-05T13:00:00.000Z' },
    { name: '08:00 sharp is not', when: '2026-03-05T13:00:00Z', zone: 'America/New_York', quiet: night, expected: '2026-03-05T13:00:00.000Z' },
    {
      name: 'the same instant is 19:30 in California: not quiet',
      when: '2026-03-05T03:30:00Z',
      zone: 'America/Los_Angeles',
      quiet: night,
      expected: '2026-03-05T03:30:00.000Z',
    },
    // The night clocks go forward (Mar 8, 2026): 08:00 EDT is 12:00 UTC, not 13:00.
    { name: 'across the change to daylight time', when: '2026-03-08T03:00:00Z', zone: 'America/New_York', quiet: night, expected: '2026-03-08T12:00:00.000Z' },
    {
      name: 'a window within one day',
      when: '2026-03-04T17:30:00Z',
      zone: 'America/New_York',
      quiet: { start: '12:00', end: '13:00' },
      expected: '2026-03-04T18:00:00.000Z',
    },
    { name: 'off', when: '2026-03-05T03:30:00Z', zone: 'America/New_York', quiet: null, expected: '2026-03-05T03:30:00.000Z' },
  ];
  for (const { name, when, zone, quiet, expected } of cases) {
    it(name, () => {
      expect(iso(nextSendableInstant(at(when), zone, quiet))).to.equal(expected);
    });
  }
});
