import { MemoryTicketStore, type TicketStore } from '../../src/commerce/ticket-store';
import type { NewTicket } from '../../src/commerce/types';
import { createLogger } from '../../src/log/logger';
import { closeRedis, connectRedis, type RedisClient } from '../../src/storage/redis-client';
import { RedisTicketStore } from '../../src/storage/redis-ticket-store';
import { createStores } from '../../src/storage/stores';
import { describeRedis, useRedis } from '../helpers/redis';

/** A clock the test moves by hand, so ids and times are known in advance. */
function manualClock(start: string) {
  let now = new Date(start);
  return {
    clock: () => new Date(now.getTime()),
    set(time: string) {
      now = new Date(time);
    },
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

function newTicket(overrides: Partial<NewTicket> = {}): NewTicket {
  return {
    kind: 'return',
    customerId: 'demo-alice',
    orderId: '202311150001',
    details: {
      sku: 'TSHIRT-WHITE-M',
      quantity: 1,
      refundAmount: 99.5,
      photos: [],
      nested: { big: 1234567.89 },
    },
    summary: { zh: '订单 202311150001 退货', en: 'Return for order 202311150001' },
    ...overrides,
  };
}

type MakeStore = (clock: () => Date) => TicketStore;

/** The same behaviour is asked of both implementations; each test gets an empty store. */
function ticketStoreContract(name: string, make: MakeStore) {
  describe(name, () => {
    // 00:30 on 22 November in China, still the 21st in UTC: the id carries the shop-local date.
    const start = '2023-11-21T16:30:00.000Z';

    it('numbers tickets per shop-local day and stamps both times', async () => {
      const time = manualClock(start);
      const store = make(time.clock);
      const first = await store.create(newTicket());
      time.advance(1000);
      const second = await store.create(newTicket({ kind: 'exchange', status: 'in_progress' }));
      expect(first).toEqual({
        ...newTicket(),
        status: 'open',
        id: 'T20231122-0001',
        createdAt: start,
        updatedAt: start,
      });
      expect(second).toMatchObject({
        id: 'T20231122-0002',
        status: 'in_progress',
        createdAt: '2023-11-21T16:30:01.000Z',
      });
      // Midnight in China starts the count again.
      time.set('2023-11-22T16:00:00.000Z');
      expect((await store.create(newTicket())).id).toBe('T20231123-0001');
    });

    it('rejects a ticket the schema refuses', async () => {
      const store = make(manualClock(start).clock);
      await expect(store.create(newTicket({ customerId: '' }))).rejects.toThrow();
      await expect(store.create({ ...newTicket(), kind: 'bogus' } as unknown as NewTicket)).rejects.toThrow();
    });

    it('gets a ticket by id as people type it, and nothing for an unknown id', async () => {
      const store = make(manualClock(start).clock);
      const created = await store.create(newTicket());
      expect(await store.get(created.id)).toEqual(created);
      expect(await store.get(' t20231122-0001 ')).toEqual(created);
      expect(await store.get('T20231122-0099')).toBeUndefined();
    });

    it("lists only the customer's tickets, newest first", async () => {
      const time = manualClock(start);
      const store = make(time.clock);
      const older = await store.create(newTicket());
      await store.create(newTicket({ customerId: 'demo-bob', orderId: '202310010007' }));
      time.advance(60_000);
      const newer = await store.create(newTicket({ kind: 'invoice' }));
      // Same millisecond: the later id is the newer ticket.
      const newest = await store.create(newTicket({ kind: 'message', orderId: undefined }));
      const listed = await store.listByCustomer('demo-alice');
      expect(listed.map((ticket) => ticket.id)).toEqual([newest.id, newer.id, older.id]);
      expect(listed[0]).toEqual(newest);
      expect(await store.listByCustomer('nobody')).toEqual([]);
    });

    it('updates the status and the update time, keeping the creation time', async () => {
      const time = manualClock(start);
      const store = make(time.clock);
      const created = await store.create(newTicket());
      time.advance(3_600_000);
      const updated = await store.updateStatus(created.id.toLowerCase(), 'in_progress');
      expect(updated).toEqual({ ...created, status: 'in_progress', updatedAt: '2023-11-21T17:30:00.000Z' });
      expect(await store.get(created.id)).toEqual(updated);
      expect((await store.listByCustomer('demo-alice'))[0]).toEqual(updated);
      time.advance(60_000);
      expect(await store.updateStatus(created.id, 'resolved')).toMatchObject({
        status: 'resolved',
        updatedAt: '2023-11-21T17:31:00.000Z',
        createdAt: start,
      });
      expect(await store.updateStatus('T20231122-0099', 'resolved')).toBeUndefined();
    });

    it('hands out copies: changing one does not change the stored ticket', async () => {
      const store = make(manualClock(start).clock);
      const created = await store.create(newTicket());
      created.status = 'rejected';
      (created.details as { quantity: number }).quantity = 9;
      const fetched = await store.get(created.id);
      expect(fetched).toMatchObject({ status: 'open', details: { quantity: 1 } });
      if (fetched) fetched.summary.zh = '改了';
      expect((await store.listByCustomer('demo-alice'))[0].summary.zh).toBe('订单 202311150001 退货');
    });

    it('gives concurrent creations distinct, consecutive ids', async () => {
      const store = make(manualClock(start).clock);
      const tickets = await Promise.all(Array.from({ length: 20 }, () => store.create(newTicket())));
      const ids = tickets.map((ticket) => ticket.id).sort();
      expect(ids).toEqual(
        Array.from({ length: 20 }, (_, i) => `T20231122-${String(i + 1).padStart(4, '0')}`),
      );
      expect(await store.listByCustomer('demo-alice')).toHaveLength(20);
    });
  });
}

ticketStoreContract('MemoryTicketStore', (clock) => new MemoryTicketStore({ clock }));

describe('createStores without Redis', () => {
  it('gives a memory ticket store', () => {
    expect(createStores(undefined, 'kefu:').ticketStore).toBeInstanceOf(MemoryTicketStore);
  });
});

describeRedis('RedisTicketStore', () => {
  const redis = useRedis('tickets');
  let client: RedisClient;
  let other: RedisClient;
  let stores = 0;
  /** A prefix of its own per store, under the file's prefix (which useRedis cleans up). */
  const freshPrefix = () => `${redis.prefix}${(stores += 1)}:`;

  beforeAll(async () => {
    const logger = createLogger({ level: 'silent', pretty: false });
    client = await connectRedis(redis.url, logger);
    // A second connection plays a second server instance.
    other = await connectRedis(redis.url, logger);
  });
  afterAll(async () => {
    await closeRedis(client);
    await closeRedis(other);
  });

  ticketStoreContract('contract', (clock) => new RedisTicketStore(client, { prefix: freshPrefix(), clock }));

  it('keeps tickets as JSON under the prefix, with an expiring day counter and a customer index', async () => {
    const prefix = freshPrefix();
    const store = new RedisTicketStore(client, { prefix, clock: () => new Date('2023-11-22T02:00:00Z') });
    const ticket = await store.create(newTicket());
    expect(JSON.parse((await redis.client.get(`${prefix}ticket:${ticket.id}`)) ?? 'null')).toEqual(ticket);
    expect(await redis.client.get(`${prefix}ticket-seq:20231122`)).toBe('1');
    const ttl = await redis.client.ttl(`${prefix}ticket-seq:20231122`);
    expect(ttl).toBeGreaterThan(24 * 3600);
    expect(ttl).toBeLessThanOrEqual(3 * 24 * 3600);
    expect(await redis.client.ttl(`${prefix}ticket:${ticket.id}`)).toBe(-1); // tickets never expire
    expect(await redis.client.zRange(`${prefix}ticket-customer:demo-alice`, 0, -1)).toEqual([ticket.id]);
  });

  it('gives distinct ids to tickets created at once on two instances, and each sees them all', async () => {
    const prefix = freshPrefix();
    const clock = () => new Date('2023-11-22T02:00:00Z');
    const first = new RedisTicketStore(client, { prefix, clock });
    const second = new RedisTicketStore(other, { prefix, clock });
    const created = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? first : second).create(newTicket())),
    );
    const ids = new Set(created.map((ticket) => ticket.id));
    expect(ids.size).toBe(30);
    expect([...ids].sort()).toEqual(
      Array.from({ length: 30 }, (_, i) => `T20231122-${String(i + 1).padStart(4, '0')}`),
    );
    expect((await first.listByCustomer('demo-alice')).map((ticket) => ticket.id).sort()).toEqual(
      (await second.listByCustomer('demo-alice')).map((ticket) => ticket.id).sort(),
    );
    expect(await second.get(created[0].id)).toEqual(created[0]);
  });

  it('survives a restart: a new instance reads the tickets and continues the count', async () => {
    const prefix = freshPrefix();
    const clock = () => new Date('2023-11-22T02:00:00Z');
    const before = await new RedisTicketStore(client, { prefix, clock }).create(newTicket());
    const after = new RedisTicketStore(client, { prefix, clock });
    expect(await after.get(before.id)).toEqual(before);
    expect((await after.create(newTicket())).id).toBe('T20231122-0002');
  });

  it('never overwrites a ticket when the day counter was lost', async () => {
    const prefix = freshPrefix();
    const store = new RedisTicketStore(client, { prefix, clock: () => new Date('2023-11-22T02:00:00Z') });
    const kept = await store.create(newTicket());
    await redis.client.del(`${prefix}ticket-seq:20231122`);
    const next = await store.create(newTicket({ kind: 'invoice' }));
    expect(next.id).toBe('T20231122-0002');
    expect(await store.get(kept.id)).toEqual(kept);
  });

  it('lets concurrent status updates from two instances all succeed on an intact ticket', async () => {
    const prefix = freshPrefix();
    const time = manualClock('2023-11-22T02:00:00Z');
    const first = new RedisTicketStore(client, { prefix, clock: time.clock });
    const second = new RedisTicketStore(other, { prefix, clock: time.clock });
    const ticket = await first.create(newTicket());
    time.advance(1000);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? first : second).updateStatus(ticket.id, i % 2 === 0 ? 'in_progress' : 'resolved'),
      ),
    );
    expect(results.every((result) => result?.updatedAt === '2023-11-22T02:00:01.000Z')).toBe(true);
    const stored = await first.get(ticket.id);
    // Whichever won last, the rest of the ticket is intact (the JSON was never merged or re-encoded).
    expect(stored).toEqual({ ...ticket, status: stored?.status, updatedAt: '2023-11-22T02:00:01.000Z' });
    expect(['in_progress', 'resolved']).toContain(stored?.status);
  });

  it('redoes an update when another writer changed the ticket between its read and its write', async () => {
    const prefix = freshPrefix();
    let interfere = false;
    const clock = () => {
      if (interfere) {
        interfere = false;
        // Sent on the store's own connection after its read and before its write: a deterministic race.
        void client.set(
          `${prefix}ticket:T20231122-0001`,
          JSON.stringify({ ...ticket, details: { agent: 'x' } }),
        );
      }
      return new Date('2023-11-22T02:00:00Z');
    };
    const store = new RedisTicketStore(client, { prefix, clock });
    const ticket = await store.create(newTicket());
    interfere = true;
    const updated = await store.updateStatus(ticket.id, 'resolved');
    expect(updated).toMatchObject({ status: 'resolved', details: { agent: 'x' } });
    expect(await store.get(ticket.id)).toEqual(updated);
  });

  it('never moves updatedAt backwards when an instance clock lags', async () => {
    const prefix = freshPrefix();
    const ahead = new RedisTicketStore(client, { prefix, clock: () => new Date('2023-11-22T02:00:05Z') });
    const behind = new RedisTicketStore(other, { prefix, clock: () => new Date('2023-11-22T02:00:00Z') });
    const ticket = await ahead.create(newTicket());
    expect(await behind.updateStatus(ticket.id, 'in_progress')).toMatchObject({
      status: 'in_progress',
      updatedAt: '2023-11-22T02:00:05.000Z',
    });
  });

  it('is what createStores gives with Redis', () => {
    expect(createStores(client, freshPrefix()).ticketStore).toBeInstanceOf(RedisTicketStore);
  });
});
