import { formatTicketId, MemoryTicketStore } from '../../../src/commerce/ticket-store';
import type { NewTicket } from '../../../src/commerce/types';

const message = (customerId: string, text: string): NewTicket => ({
  kind: 'message',
  customerId,
  details: { text },
  summary: { zh: `留言：${text}`, en: `Message: ${text}` },
});

describe('formatTicketId', () => {
  it('uses the shop-local date and a 4-digit sequence', () => {
    // 16:30 UTC on the 21st is already the 22nd in Beijing.
    expect(formatTicketId(new Date('2023-11-21T16:30:00Z'), 1, 480)).toBe('T20231122-0001');
    expect(formatTicketId(new Date('2023-11-21T16:30:00Z'), 12, 0)).toBe('T20231121-0012');
    expect(formatTicketId(new Date('2023-11-21T16:30:00Z'), 12345, 480)).toBe('T20231122-12345');
  });
});

describe('MemoryTicketStore', () => {
  it('numbers tickets per local day and stamps them open', async () => {
    let now = new Date('2023-11-22T01:00:00Z');
    const store = new MemoryTicketStore({ clock: () => now });
    const first = await store.create(message('c1', 'a'));
    const second = await store.create(message('c2', 'b'));
    now = new Date('2023-11-22T16:00:00Z'); // 00:00 on the 23rd in Beijing
    const nextDay = await store.create(message('c1', 'c'));
    expect([first.id, second.id, nextDay.id]).toEqual(['T20231122-0001', 'T20231122-0002', 'T20231123-0001']);
    expect(first).toEqual({
      id: 'T20231122-0001',
      kind: 'message',
      customerId: 'c1',
      status: 'open',
      createdAt: '2023-11-22T01:00:00.000Z',
      updatedAt: '2023-11-22T01:00:00.000Z',
      details: { text: 'a' },
      summary: { zh: '留言：a', en: 'Message: a' },
    });
  });

  it("lists only the customer's tickets, newest first", async () => {
    let minute = 0;
    const store = new MemoryTicketStore({ clock: () => new Date(Date.UTC(2023, 10, 22, 2, minute++)) });
    await store.create(message('c1', 'first'));
    await store.create(message('c2', 'other'));
    await store.create(message('c1', 'second'));
    expect((await store.listByCustomer('c1')).map((ticket) => ticket.details.text)).toEqual([
      'second',
      'first',
    ]);
    expect((await store.listByCustomer('c2')).map((ticket) => ticket.id)).toEqual(['T20231122-0002']);
    expect(await store.listByCustomer('c3')).toEqual([]);
  });

  it('updates the status and the time of a ticket', async () => {
    let now = new Date('2023-11-22T02:00:00Z');
    const store = new MemoryTicketStore({ clock: () => now });
    const ticket = await store.create(message('c1', 'a'));
    now = new Date('2023-11-22T03:00:00Z');
    const updated = await store.updateStatus(ticket.id, 'in_progress');
    expect(updated).toMatchObject({ status: 'in_progress', updatedAt: '2023-11-22T03:00:00.000Z' });
    expect((await store.get(ticket.id))?.status).toBe('in_progress');
    expect((await store.get(ticket.id))?.createdAt).toBe('2023-11-22T02:00:00.000Z');
    expect(await store.updateStatus('T19990101-0001', 'resolved')).toBeUndefined();
  });

  it('keeps its own copies', async () => {
    const store = new MemoryTicketStore({ clock: () => new Date('2023-11-22T02:00:00Z') });
    const input = message('c1', 'a');
    const ticket = await store.create(input);
    input.details.text = 'changed';
    ticket.status = 'rejected';
    expect(await store.get(ticket.id)).toMatchObject({ status: 'open', details: { text: 'a' } });
  });

  it('rejects a malformed ticket', async () => {
    const store = new MemoryTicketStore();
    await expect(store.create({ ...message('', 'a') })).rejects.toThrow(/customerId/);
  });

  it('keeps the tickets used most recently only, and lists what it kept', async () => {
    let minute = 0;
    const clock = () => new Date(Date.UTC(2023, 10, 22, 1, minute++));
    const store = new MemoryTicketStore({ clock, maxTickets: 3 });
    const a1 = await store.create(message('a', '1'));
    const b1 = await store.create(message('b', '1'));
    const a2 = await store.create(message('a', '2'));
    await store.get(a1.id); // used again: b1 is now the one idle the longest
    const a3 = await store.create(message('a', '3'));
    const a4 = await store.create(message('a', '4')); // and now a2 goes

    expect(store.size).toBe(3);
    expect(await store.get(b1.id)).toBeUndefined();
    expect(await store.get(a2.id)).toBeUndefined();
    expect(await store.listByCustomer('b')).toEqual([]);
    expect((await store.listByCustomer('a')).map((t) => t.id)).toEqual([a4.id, a3.id, a1.id]);
    // Ids keep counting: a forgotten ticket's id is never handed out again.
    expect(a4.id).toBe('T20231122-0005');
  });
});
