import type { RedisClient } from '../../storage/redis-client';
import { RATE_WINDOW_MS } from './rate-limiter';
import { RedisScript } from '../../storage/redis-script';

/**
 * Adds each key's hits and starts the expiry of a key it created, for many keys in one call. A key's
 * count after the batch comes back per key; the hits of the batch get the counts below it in turn.
 */
const ADD_HITS = new RedisScript(`
local ttl = ARGV[1]
local counts = {}
for i, key in ipairs(KEYS) do
  local added = tonumber(ARGV[i + 1])
  local count = redis.call('INCRBY', key, added)
  if count == added then redis.call('PEXPIRE', key, ttl) end
  counts[i] = count
end
return counts`);

/** A window key outlives its minute, so its count is there until the window is over on every instance. */
const WINDOW_KEY_TTL_MS = String(RATE_WINDOW_MS * 2);

/** Keys one script call counts at most (its KEYS and ARGV are one Redis request). */
const MAX_KEYS_PER_CALL = 500;

interface PendingKey {
  hits: Array<{ resolve: (count: number) => void; reject: (error: unknown) => void }>;
}

/**
 * Counts hits on Redis keys with every hit's exact count, as an INCR per hit would, but in one script
 * call for all the hits that arrive while the previous call is out: under load a shopper message and
 * the request around it cost a share of a call instead of two calls of their own (each call is a round
 * trip the request waits for, a promise chain and a reply to parse), and when kefu is idle a hit still
 * goes out on the next turn of the event loop. Shared by every limiter on one connection.
 */
export class RedisHitCounter {
  private pending = new Map<string, PendingKey>();
  private scheduled = false;
  private inFlight = false;

  constructor(private readonly redis: RedisClient) {}

  /** This hit's count in `key`, a rate window's key (it expires two windows after its first hit). */
  hit(key: string): Promise<number> {
    return new Promise((resolve, reject) => {
      let entry = this.pending.get(key);
      if (!entry) {
        entry = { hits: [] };
        this.pending.set(key, entry);
      }
      entry.hits.push({ resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    // setImmediate, not a microtask: the requests read in the same pass of the event loop join one call.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    if (batch.size === 0) return;
    this.pending = new Map();
    this.inFlight = true;
    const entries = [...batch];
    const calls: Array<Promise<void>> = [];
    for (let start = 0; start < entries.length; start += MAX_KEYS_PER_CALL) {
      calls.push(this.send(entries.slice(start, start + MAX_KEYS_PER_CALL)));
    }
    await Promise.all(calls);
    this.inFlight = false;
    if (this.pending.size > 0) this.schedule();
  }

  private async send(entries: Array<[string, PendingKey]>): Promise<void> {
    try {
      // The script returns one integer per key, in KEYS order.
      const counts = (await ADD_HITS.run(this.redis, {
        keys: entries.map(([key]) => key),
        arguments: [WINDOW_KEY_TTL_MS, ...entries.map(([, entry]) => String(entry.hits.length))],
      })) as unknown as number[];
      entries.forEach(([, entry], index) => {
        const total = Number(counts[index]);
        const first = total - entry.hits.length + 1;
        entry.hits.forEach((hit, order) => hit.resolve(first + order));
      });
    } catch (error) {
      for (const [, entry] of entries) for (const hit of entry.hits) hit.reject(error);
    }
  }
}

const counters = new WeakMap<RedisClient, RedisHitCounter>();

/** The counter of one connection, so all the limiters on it share its calls. */
export function hitCounterFor(redis: RedisClient): RedisHitCounter {
  let counter = counters.get(redis);
  if (!counter) {
    counter = new RedisHitCounter(redis);
    counters.set(redis, counter);
  }
  return counter;
}
