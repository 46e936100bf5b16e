import { LruMap } from '../storage/lru-map';
import { copyPlain } from './plain-copy';
import { CHINA_UTC_OFFSET_MINUTES, localDateStamp } from './calendar';
import { newTicketSchema, type NewTicket, type Ticket, type TicketStatus } from './types';

/**
 * Where tickets live. In memory here (the default, nothing to set up); a Redis store implements the same
 * interface for several server instances.
 */
export interface TicketStore {
  /** Stores a new ticket and returns it with its id and times. */
  create(ticket: NewTicket): Promise<Ticket>;
  get(id: string): Promise<Ticket | undefined>;
  /** The customer's tickets, newest first. */
  listByCustomer(customerId: string): Promise<Ticket[]>;
  /** The updated ticket, or undefined for an unknown id. */
  updateStatus(id: string, status: TicketStatus): Promise<Ticket | undefined>;
}

/**
 * `T20231122-0001`: the shop-local date and the day's sequence number. Short enough to read out on the phone,
 * and the date tells an agent at a glance how old a ticket is.
 */
export function formatTicketId(time: Date, sequence: number, utcOffsetMinutes: number): string {
  return `T${localDateStamp(time, utcOffsetMinutes)}-${String(sequence).padStart(4, '0')}`;
}

export interface MemoryTicketStoreOptions {
  /** Time source for ids and timestamps; injectable so tests get stable ids. */
  clock?: () => Date;
  /** Time zone whose date goes into ids; China by default. */
  utcOffsetMinutes?: number;
  /** Tickets kept (the ones used least recently go first); MEMORY_CONVERSATIONS in a server. */
  maxTickets?: number;
}

/** As many as the conversations memory mode keeps by default. */
const DEFAULT_MAX_TICKETS = 20_000;

function newestFirst(a: Ticket, b: Ticket): number {
  // Ids grow with time, so they break ties between tickets created in the same millisecond.
  return b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);
}

/**
 * Tickets in this process. Bounded like every in-memory store of kefu: a long-running in-memory server
 * keeps the `maxTickets` used most recently, not every ticket it ever made (Redis keeps them all). Each
 * customer's ticket ids are indexed, so listing one customer's tickets does not scan everyone's.
 */
export class MemoryTicketStore implements TicketStore {
  private readonly tickets: LruMap<string, Ticket>;
  private readonly idsByCustomer = new Map<string, Set<string>>();
  /** Last sequence number used per local date (one entry a day: no bound needed). */
  private readonly sequences = new Map<string, number>();
  private readonly clock: () => Date;
  private readonly utcOffsetMinutes: number;

  constructor(options: MemoryTicketStoreOptions = {}) {
    this.clock = options.clock ?? (() => new Date());
    this.utcOffsetMinutes = options.utcOffsetMinutes ?? CHINA_UTC_OFFSET_MINUTES;
    this.tickets = new LruMap(options.maxTickets ?? DEFAULT_MAX_TICKETS, (id, ticket) =>
      this.unindex(ticket.customerId, id),
    );
  }

  get size(): number {
    return this.tickets.size;
  }

  async create(input: NewTicket): Promise<Ticket> {
    const fields = newTicketSchema.parse(input);
    const now = this.clock();
    const day = localDateStamp(now, this.utcOffsetMinutes);
    const sequence = (this.sequences.get(day) ?? 0) + 1;
    this.sequences.set(day, sequence);
    const time = now.toISOString();
    const ticket: Ticket = {
      ...copyPlain(fields),
      id: formatTicketId(now, sequence, this.utcOffsetMinutes),
      createdAt: time,
      updatedAt: time,
    };
    this.tickets.set(ticket.id, ticket);
    let ids = this.idsByCustomer.get(ticket.customerId);
    if (!ids) {
      ids = new Set();
      this.idsByCustomer.set(ticket.customerId, ids);
    }
    ids.add(ticket.id);
    return copyPlain(ticket);
  }

  async get(id: string): Promise<Ticket | undefined> {
    const ticket = this.tickets.get(id.trim().toUpperCase());
    return ticket && copyPlain(ticket);
  }

  async listByCustomer(customerId: string): Promise<Ticket[]> {
    const tickets: Ticket[] = [];
    for (const id of this.idsByCustomer.get(customerId) ?? []) {
      const ticket = this.tickets.peek(id);
      if (ticket) tickets.push(copyPlain(ticket));
    }
    return tickets.sort(newestFirst);
  }

  async updateStatus(id: string, status: TicketStatus): Promise<Ticket | undefined> {
    const ticket = this.tickets.get(id.trim().toUpperCase());
    if (ticket === undefined) return undefined;
    ticket.status = status;
    ticket.updatedAt = this.clock().toISOString();
    return copyPlain(ticket);
  }

  private unindex(customerId: string, id: string): void {
    const ids = this.idsByCustomer.get(customerId);
    ids?.delete(id);
    if (ids?.size === 0) this.idsByCustomer.delete(customerId);
  }
}
