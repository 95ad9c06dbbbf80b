import assert from 'node:assert/strict';
import { parsePhoneSpelling } from '../../src/domain/phone-spelling.ts';

describe('parsePhoneSpelling()', () => {
  const cases: [string, string | undefined][] = [
    ['+16145550100', '+16145550100'],
    ['+1 (614) 555-0100', '+16145550100'],
    ['(614) 555-0100', '+16145550100'],
    ['614-555-0100', '+16145550100'],
    ['614.555.0100', '+16145550100'],
    ['6145550100', '+16145550100'],
    ['1-614-555-0100', '+16145550100'],
    ['1 614 555 0100', '+16145550100'],
    ['+44 20 7946 0958', '+442079460958'],
    ['555-0100', undefined],
    ['(014) 555-0100', undefined],
    ['61455501001', undefined],
    ['Demo Motors', undefined],
    ['042788', undefined],
  ];
  for (const [input, expected] of cases) {
    it(`${input} → ${expected ?? 'not a phone'}`, () => assert.equal(parsePhoneSpelling(input), expected));
  }
});
