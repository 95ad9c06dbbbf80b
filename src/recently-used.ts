/**
 * A bounded memory of computed values: at most `capacity` entries, the least recently used dropped
 * first. For work that depends only on its key and repeats (a message's reading, a search term's
 * matches, a word's spelling), so a process remembers what it computes without growing for ever.
 */
export class RecentlyUsed<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  /** The value remembered for `key`, or `compute(key)`, remembered. */
  remember(key: K, compute: (key: K) => V): V {
    if (this.entries.has(key)) {
      const known = this.entries.get(key) as V;
      // Most recently used last: the oldest entry is the one dropped.
      this.entries.delete(key);
      this.entries.set(key, known);
      return known;
    }
    const value = compute(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
