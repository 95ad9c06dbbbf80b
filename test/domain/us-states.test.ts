import { expect } from 'chai';
import { findUsState, stateTimeZone, usStateCodes } from '../../src/domain/us-states.ts';
import { usStateCodeSchema } from '../../src/domain/us-state-schema.ts';

describe('US states', () => {
  it('knows the 50 states and DC, each with a time zone', () => {
    expect(usStateCodes).to.have.length(51);
    for (const code of usStateCodes) expect(stateTimeZone(code)).to.match(/^(America|Pacific)\//);
  });
  it('accepts postal codes in any case', () => {
    expect(usStateCodeSchema.parse('hi')).to.equal('HI');
    expect(usStateCodeSchema.parse(' Sd ')).to.equal('SD');
  });
  it('refuses territories and unknown codes', () => {
    for (const code of ['PR', 'GU', 'XX', '', 'Ohio']) expect(usStateCodeSchema.safeParse(code).success, code).to.equal(false);
  });
  it('finds a state by name or code', () => {
    expect(findUsState('Hawaii')).to.equal('HI');
    expect(findUsState('south  dakota')).to.equal('SD');
    expect(findUsState('ak')).to.equal('AK');
    expect(findUsState('Atlantis')).to.equal(undefined);
  });
});
