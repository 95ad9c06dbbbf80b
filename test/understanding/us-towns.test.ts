import { expect } from 'chai';
import { interpretMessage } from '../../src/understanding/index.ts';
import { isTownInState, longestTownName, mainStateOfTown } from '../../src/understanding/us-towns.ts';

/** The towns a dealership's state is known by, from the GeoNames gazetteer (us-towns.json), not from a hand-made list. */
describe('US towns', () => {
  it("knows the one state a town's name means on its own, and none when several places share it", () => {
    expect(mainStateOfTown('Kenosha')?.code).to.equal('WI');
    expect(mainStateOfTown('columbus')?.code, 'Columbus, Ohio is four times the next').to.equal('OH');
    expect(mainStateOfTown('St. George')?.code).to.equal('UT');
    expect(mainStateOfTown('Ft Collins')?.code).to.equal('CO');
    expect(mainStateOfTown('springfield'), 'Missouri, Illinois and Massachusetts all have one').to.equal(undefined);
    expect(mainStateOfTown('wilmington')).to.equal(undefined);
    expect(mainStateOfTown('no such town')).to.equal(undefined);
  });

  it('knows every state a town of that name is in', () => {
    expect(isTownInState('milford', 'DE')).to.equal(true);
    expect(isTownInState('milford', 'CT')).to.equal(true);
    expect(isTownInState('milford', 'HI')).to.equal(false);
    expect(longestTownName()).to.be.at.least(3);
  });

  describe("reading the dealership's state from its town", () => {
    const state = (text: string, pendingField?: 'state') =>
      interpretMessage(text, { today: '2026-12-01', channel: 'chat', ...(pendingField ? { pendingField } : {}) }).facts.state?.value;

    it('reads a town no list names where a place is said', () => {
      expect(state('a nissan store in yuma, when does the inspector come')).to.equal('AZ');
      expect(state("we're just outside of bemidji")).to.equal('MN');
      expect(state('our Evansville store has one coming back friday')).to.equal('IN');
      expect(state('bemidji', 'state')).to.equal('MN');
    });

    it('tells a town shared by several states by the code after it', () => {
      expect(state('rtn 1FTFW1E50MFA12345 laurel ms mat 1/5')).to.equal('MS');
      expect(state('caller from a store in milford de, turned in yesterday')).to.equal('DE');
    });

    it('reads an English word as a town only when it is typed as a name, or said as where the store is', () => {
      expect(state('it came in independence day weekend')).to.equal(undefined);
      expect(state('It came in Independence, how long is the hold')).to.equal('MO');
      expect(state("we're a store in mobile")).to.equal('AL');
      expect(state('my used car manager in tupelo wants to know')).to.equal('MS');
    });

    it('reads no town in a car make, in a store named after a small place, or where a visitor came from', () => {
      expect(state('our ram store in the valley')).to.equal(undefined);
      expect(state('our Northgate store has a return')).to.equal(undefined);
      expect(state('buyer came down from a store in Flagstaff for the car')).to.equal(undefined);
    });
  });
});
