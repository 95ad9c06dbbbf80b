import { expect } from 'chai';
import { RecentlyUsed } from '../src/recently-used.ts';

describe('RecentlyUsed', () => {
  it('computes a key once, remembers undefined too, and drops the least recently used past its capacity', () => {
    const computed: string[] = [];
    const memory = new RecentlyUsed<string, string | undefined>(2);
    const upper = (key: string): string | undefined => {
      computed.push(key);
      return key === 'none' ? undefined : key.toUpperCase();
    };
    expect(memory.remember('a', upper)).to.equal('A');
    expect(memory.remember('none', upper)).to.equal(undefined);
    expect(memory.remember('a', upper)).to.equal('A');
    expect(memory.remember('none', upper)).to.equal(undefined);
    expect(computed).to.deep.equal(['a', 'none']);
    // 'a' was used before 'none', so it is the one a third key pushes out.
    expect(memory.remember('b', upper)).to.equal('B');
    expect(memory.size).to.equal(2);
    memory.remember('none', upper);
    memory.remember('a', upper);
    expect(computed).to.deep.equal(['a', 'none', 'b', 'a']);
  });

  it('reads without counting as a use, and a set counts as the latest use', () => {
    const memory = new RecentlyUsed<string, number>(2);
    memory.set('a', 1);
    memory.set('b', 2);
    expect(memory.get('a')).to.equal(1);
    // Reading 'a' did not make it recent: 'a' is still the oldest, so 'c' pushes it out.
    memory.set('c', 3);
    expect([memory.get('a'), memory.get('b'), memory.get('c')]).to.deep.equal([undefined, 2, 3]);
    memory.set('b', 20);
    memory.set('d', 4);
    expect([memory.get('b'), memory.get('c'), memory.get('d')]).to.deep.equal([20, undefined, 4]);
  });
});
