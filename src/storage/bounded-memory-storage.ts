import type { Storage, StoreItems } from 'botbuilder';

/**
 * botbuilder state in memory, like its MemoryStorage (items kept as JSON, so nobody shares an object
 * with the store; eTags refuse a stale write), but holding the most recently used `maxItems` only:
 * in-memory kefu on a busy shop forgets its oldest idle conversations instead of growing until the
 * process runs out of memory.
 */
export class BoundedMemoryStorage implements Storage {
  private readonly items = new Map<string, { json: string; eTag: string }>();
  private nextETag = 1;

  constructor(private readonly maxItems: number) {}

  async read(keys: string[]): Promise<StoreItems> {
    const found: StoreItems = {};
    for (const key of keys) {
      const item = this.items.get(key);
      if (!item) continue;
      this.touch(key, item);
      found[key] = JSON.parse(item.json);
    }
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    // All or nothing, as on Redis: check every eTag before storing any change.
    for (const [key, change] of Object.entries(changes)) {
      const known = this.items.get(key);
      const eTag = (change as { eTag?: string }).eTag;
      if (known && eTag && eTag !== '*' && eTag !== known.eTag) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
    }
    for (const [key, change] of Object.entries(changes)) {
      const eTag = String(this.nextETag++);
      this.touch(key, { json: JSON.stringify({ ...change, eTag }), eTag });
    }
    while (this.items.size > this.maxItems) {
      const oldest = this.items.keys().next().value;
      if (oldest === undefined) break;
      this.items.delete(oldest);
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }

  get size(): number {
    return this.items.size;
  }

  /** Map order is insertion order: re-inserting keeps the least recently used key first. */
  private touch(key: string, item: { json: string; eTag: string }): void {
    this.items.delete(key);
    this.items.set(key, item);
  }
}
