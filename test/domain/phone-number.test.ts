import assert from 'node:assert/strict';
import { parsePhoneNumber } from '../../src/domain/phone-number.ts';

describe('parsePhoneNumber()', () => {
  const cases: [string, string | undefined][] = [
    ['+16145550100', '+16145550100'],
    ['+1 (614) 555-0100', '+16145550100'],
    ['+1.614.555.0100', '+16145550100'],
    ['+447911123456', '+447911123456'],
    ['6145550100', undefined],
    ['+1614555010', undefined],
    ['+10145550100', undefined],
    ['+16141550100', undefined],
    ['+0123456789', undefined],
    ['+1614555010a', undefined],
    ['', undefined],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${expected ?? 'rejected'}`, () => {
      assert.equal(parsePhoneNumber(input), expected);
    });
  }
});
