import { CHINA_UTC_OFFSET_MINUTES, localDateStamp } from '../commerce/calendar';
import { formatTicketId, type TicketStore } from '../commerce/ticket-store';
import { newTicketSchema, type NewTicket, type Ticket, type TicketStatus } from '../commerce/types';
import { Keyspace } from './keyspace';
import type { RedisClient } from './redis-client';
import { RedisScript } from './redis-script';

/**
 * Stores a new ticket only if its id is still free, together with its entry in the customer's index, so a
 * reader never finds one without the other. The id can only be taken already if the day's counter was lost
 * (a flushed or restored Redis); the caller then draws the next number instead of overwriting a ticket.
 */
const CREATE_IF_ABSENT = new RedisScript(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX') then
  redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
  return 1
end
return 0`);

/**
 * Replaces a ticket only if it is still exactly what the caller read: an update computed from a stale copy
 * would silently undo another instance's change. The JSON is compared and written as a string — decoding
 * it in Lua (cjson) would turn empty arrays into objects and round long numbers in `details`.
 */
const REPLACE_IF_UNCHANGED = new RedisScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
return 1`);

/** Enough for any real contention on one ticket; past it something is wrong, and saying so beats spinning. */
const MAX_UPDATE_ATTEMPTS = 20;

export interface RedisTicketStoreOptions {
  /** Key prefix, e.g. `kefu:`; the store adds `ticket:`, `ticket-seq:` and `ticket-customer:`. */
  prefix: string;
  /** Time source for ids and timestamps; injectable so tests get stable ids. */
  clock?: () => Date;
  /** Time zone whose date goes into ids; China by default. Every instance must use the same one. */
  utcOffsetMinutes?: number;
  /**
   * How long a day's counter outlives its last ticket. Once the day is over nobody increments it again; a
   * few days' grace covers instances whose clocks lag behind midnight.
   */
  sequenceTtlSeconds?: number;
}

/**
 * Tickets on Redis, shared by every server instance: each ticket as JSON under `<prefix>ticket:<id>`, the
 * ids of a customer's tickets in a sorted set `<prefix>ticket-customer:<customerId>` scored by creation time,
 * and the day's sequence number in `<prefix>ticket-seq:<YYYYMMDD>`, drawn with INCR so two instances never
 * hand out the same id. Tickets do not expire: they are the shop's record of what it promised.
 * `details` must be JSON: it is stored as such.
 */
export class RedisTicketStore implements TicketStore {
  private readonly keys: Keyspace;
  private readonly clock: () => Date;
  private readonly utcOffsetMinutes: number;
  private readonly sequenceTtlSeconds: number;

  constructor(
    private readonly redis: RedisClient,
    options: RedisTicketStoreOptions,
  ) {
    this.keys = new Keyspace(options.prefix);
    this.clock = options.clock ?? (() => new Date());
    this.utcOffsetMinutes = options.utcOffsetMinutes ?? CHINA_UTC_OFFSET_MINUTES;
    this.sequenceTtlSeconds = options.sequenceTtlSeconds ?? 3 * 24 * 3600;
  }

  async create(input: NewTicket): Promise<Ticket> {
    const fields = newTicketSchema.parse(input);
    const now = this.clock();
    const time = now.toISOString();
    const day = localDateStamp(now, this.utcOffsetMinutes);
    for (;;) {
      const sequence = await this.nextSequence(day);
      const ticket: Ticket = {
        ...fields,
        id: formatTicketId(now, sequence, this.utcOffsetMinutes),
        createdAt: time,
        updatedAt: time,
      };
      const json = JSON.stringify(ticket);
      const created = await CREATE_IF_ABSENT.run(this.redis, {
        keys: [this.ticketKey(ticket.id), this.customerKey(ticket.customerId)],
        arguments: [json, String(now.getTime()), ticket.id],
      });
      // Read back from the JSON so that the caller gets exactly what `get` will return later.
      if (created === 1) return JSON.parse(json) as Ticket;
    }
  }

  async get(id: string): Promise<Ticket | undefined> {
    const json = await this.redis.get(this.ticketKey(normalizedId(id)));
    return json === null ? undefined : (JSON.parse(json) as Ticket);
  }

  async listByCustomer(customerId: string): Promise<Ticket[]> {
    // By rank, highest score first; equal scores (the same millisecond) come in reverse id order, as in memory.
    const ids = await this.redis.zRange(this.customerKey(customerId), 0, -1, { REV: true });
    if (ids.length === 0) return [];
    const rows = await this.redis.mGet(ids.map((id) => this.ticketKey(id)));
    return rows.flatMap((json) => (json === null ? [] : [JSON.parse(json) as Ticket]));
  }

  async updateStatus(id: string, status: TicketStatus): Promise<Ticket | undefined> {
    const key = this.ticketKey(normalizedId(id));
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt += 1) {
      const before = await this.redis.get(key);
      if (before === null) return undefined;
      const ticket = JSON.parse(before) as Ticket;
      const now = this.clock().toISOString();
      // Instances' clocks differ a little: never let an update appear older than the one before it.
      const updated: Ticket = {
        ...ticket,
        status,
        updatedAt: now > ticket.updatedAt ? now : ticket.updatedAt,
      };
      const after = JSON.stringify(updated);
      const replaced = await REPLACE_IF_UNCHANGED.run(this.redis, {
        keys: [key],
        arguments: [before, after],
      });
      if (replaced === 1) return updated;
    }
    throw new Error(`ticket ${normalizedId(id)} kept changing; status not updated`);
  }

  /** The day's next number, shared by every instance; the counter is kept only while the day can matter. */
  private async nextSequence(day: string): Promise<number> {
    const key = this.keys.key('ticket-seq', day);
    const [sequence] = await this.redis.multi().incr(key).expire(key, this.sequenceTtlSeconds).exec();
    return Number(sequence);
  }

  private ticketKey(id: string): string {
    return this.keys.key('ticket', id);
  }

  private customerKey(customerId: string): string {
    return this.keys.key('ticket-customer', customerId);
  }
}

/** Ids are read out and typed by people: `t20231122-0001 ` is the same ticket. */
function normalizedId(id: string): string {
  return id.trim().toUpperCase();
}
