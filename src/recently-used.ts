/**
 * A bounded memory of computed values: at most `capacity` entries, the least recently used dropped
 * first. For work that depends only on its key and repeats (a message's reading, a search term's
 * matches, a word's spelling, what was last written), so a process remembers without growing for ever.
 */
export class RecentlyUsed<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  /** The value remembered for `key`, or `compute(key)`, remembered. */
  remember(key: K, compute: (key: K) => V): V {
    if (this.entries.has(key)) {
      const known = this.entries.get(key) as V;
      this.set(key, known);
      return known;
    }
    const value = compute(key);
    this.set(key, value);
    return value;
  }

  /** What is remembered for `key`, without counting as a use. */
  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** Remembers `value` for `key` as the most recently used entry. */
  set(key: K, value: V): void {
    // Most recently used last: the oldest entry is the one dropped.
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
