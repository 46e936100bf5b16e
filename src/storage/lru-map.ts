/**
 * A Map that holds at most `capacity` entries and forgets the one used least recently first: what every
 * in-memory store of kefu needs so that a long-running process does not grow without bound.
 * Map order is insertion order, so re-inserting an entry on use keeps the least recently used one first.
 */
export class LruMap<K, V> {
  private readonly entries = new Map<K, V>();

  /** `onEvict` hears of each entry forgotten for room (not of deletes), so an index kept beside the map can follow. */
  constructor(
    readonly capacity: number,
    private readonly onEvict?: (key: K, value: V) => void,
  ) {}

  /** The value, now counted as used. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /** The value, without counting it as used (a read that should not keep it alive). */
  peek(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) {
      const [oldest, evicted] = this.entries.entries().next().value as [K, V];
      this.entries.delete(oldest);
      this.onEvict?.(oldest, evicted);
    }
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
