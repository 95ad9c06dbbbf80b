import { expect } from 'chai';
import { checkVin } from '../../src/domain/vin.ts';
import { vinOrSuffixSchema } from '../../src/domain/vin-schema.ts';

describe('checkVin()', () => {
  for (const vin of ['1M8GDM9AXKP042788', '1HGCM82633A004352', 'JH4KA7561PC008269', '1hgcm82633a004352', '1HG-CM826-33A004352']) {
    it(`accepts ${vin}`, () => {
      const result = checkVin(vin);
      expect(result.valid).to.equal(true);
      if (result.valid) expect(result.vin).to.match(/^[A-HJ-NPR-Z0-9]{17}$/);
    });
  }
  const invalid = [
    { vin: '1M8GDM9AXKP04278', problem: 'length', message: /17 characters; this one has 16/ },
    { vin: '1M8GDM9AXKP0427880', problem: 'length', message: /this one has 18/ },
    { vin: '1M8GDM9AXKP04278I', problem: 'characters', message: /"I" at position 17/ },
    { vin: 'OM8GDM9AXKP042788', problem: 'characters', message: /"O" at position 1/ },
    { vin: '1M8GDM9AXKP04278*', problem: 'characters', message: /only letters and digits/ },
    { vin: '1M8GDM9A1KP042788', problem: 'checkDigit', message: /is "1" but the other characters call for "X"/ },
    { vin: '1M8GDM9AXKP042789', problem: 'checkDigit', message: /check digit/ },
  ] as const;
  for (const { vin, problem, message } of invalid) {
    it(`refuses ${vin} (${problem})`, () => {
      const result = checkVin(vin);
      expect(result.valid).to.equal(false);
      if (!result.valid) {
        expect(result.problem).to.equal(problem);
        expect(result.message).to.match(message);
      }
    });
  }
});

describe('vinOrSuffixSchema', () => {
  it('takes a full VIN', () => expect(vinOrSuffixSchema.parse('1m8gdm9axkp042788')).to.deep.equal({ vin: '1M8GDM9AXKP042788' }));
  it('takes the last 6 characters', () => expect(vinOrSuffixSchema.parse(' 042788 ')).to.deep.equal({ suffix: '042788' }));
  it('refuses 5 characters', () => expect(vinOrSuffixSchema.safeParse('42788').success).to.equal(false));
  it('refuses a full VIN with a bad check digit', () => expect(vinOrSuffixSchema.safeParse('1M8GDM9A1KP042788').success).to.equal(false));
});
