import { randomId } from '../random-id';
import type { Storage, StoreItems } from 'botbuilder';
import { Keyspace } from './keyspace';
import type { RedisClient } from './redis-client';
import { RedisScript } from './redis-script';

/**
 * Writes `data` only when the stored eTag equals the expected one (or when no check is asked for),
 * atomically, so two server instances handling the same conversation cannot overwrite each other's turn.
 */
const WRITE_IF_ETAG = new RedisScript(`
local expected = ARGV[1]
if expected ~= '' and expected ~= '*' then
  local current = redis.call('HGET', KEYS[1], 'e')
  if current and current ~= expected then return 0 end
end
redis.call('HSET', KEYS[1], 'e', ARGV[2], 'd', ARGV[3])
if tonumber(ARGV[4]) > 0 then redis.call('EXPIRE', KEYS[1], ARGV[4]) end
return 1`);

export interface RedisStorageOptions {
  /** Key prefix, e.g. `kefu:`; the storage adds `state:`. */
  prefix: string;
  /** Items untouched this long expire (conversation state of shoppers who never come back). 0 = never. */
  ttlSeconds?: number;
}

/** botbuilder `Storage` on Redis with the same eTag rules as botbuilder's MemoryStorage. */
export class RedisStorage implements Storage {
  private readonly keys: Keyspace;
  private readonly ttlSeconds: number;

  constructor(
    private readonly redis: RedisClient,
    options: RedisStorageOptions,
  ) {
    this.keys = new Keyspace(`${options.prefix}state:`);
    this.ttlSeconds = options.ttlSeconds ?? 0;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    if (keys.length === 0) return {};
    const rows = await Promise.all(keys.map((key) => this.redis.hmGet(this.keys.key(key), ['e', 'd'])));
    const items: StoreItems = {};
    rows.forEach(([eTag, data], index) => {
      if (data) items[keys[index]] = { ...(JSON.parse(data) as object), eTag };
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    await Promise.all(
      Object.entries(changes).map(async ([key, item]) => {
        const { eTag: expected, ...data } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
        const written = await WRITE_IF_ETAG.run(this.redis, {
          keys: [this.keys.key(key)],
          arguments: [expected ?? '', randomId(8, 'hex'), JSON.stringify(data), String(this.ttlSeconds)],
        });
        if (written !== 1) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.redis.del(keys.map((key) => this.keys.key(key)));
  }
}
