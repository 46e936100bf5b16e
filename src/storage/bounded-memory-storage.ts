import type { Storage, StoreItems } from 'botbuilder';
import { flatJson } from './flat-json';
import { LruMap } from './lru-map';

/**
 * botbuilder state in memory, like its MemoryStorage (items kept as JSON, so nobody shares an object
 * with the store; eTags refuse a stale write), but holding the most recently used `maxItems` only:
 * in-memory kefu on a busy shop forgets its oldest idle conversations instead of growing until the
 * process runs out of memory.
 */
export class BoundedMemoryStorage implements Storage {
  private readonly items: LruMap<string, { json: string; eTag: string }>;
  private nextETag = 1;

  constructor(maxItems: number) {
    this.items = new LruMap(maxItems);
  }

  async read(keys: string[]): Promise<StoreItems> {
    const found: StoreItems = {};
    for (const key of keys) {
      const item = this.items.get(key);
      if (item) found[key] = JSON.parse(item.json);
    }
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    // All or nothing, as on Redis: check every eTag before storing any change. (for…in rather than
    // Object.entries: a turn writes through here, and the entry arrays were garbage on every one.)
    for (const key in changes) {
      const known = this.items.peek(key);
      const eTag = (changes[key] as { eTag?: string }).eTag;
      if (known && eTag && eTag !== '*' && eTag !== known.eTag) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
    }
    for (const key in changes) {
      const eTag = String(this.nextETag++);
      this.items.set(key, { json: flatJson({ ...changes[key], eTag }), eTag });
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }

  get size(): number {
    return this.items.size;
  }
}
