import type { Logger } from '../log/logger';
import type { TurnRecord } from '../storage/conversation-log';
import type { HandoffSession, ShopperMessenger } from './agent-hub';
import type { HandoffStore } from './handoff-store';
import type { HubEvent } from './hub-events';
import { requeuedNotice } from './shopper-notices';

export interface OfflineAgentSweepOptions {
  store: HandoffStore;
  /** The configured agents (KEFU_AGENTS); the store adds anyone else still holding chats. */
  usernames: () => Iterable<string>;
  messenger: ShopperMessenger;
  logger: Logger;
  clock: () => Date;
  /** Publishes a hub event; never throws (the hub logs a failed publish). */
  publish: (event: HubEvent) => Promise<void>;
  /** Whether another agent could take over now (someone online, within service hours). */
  agentsAvailable: (now: Date) => Promise<boolean>;
}

/** Why the agent is gone: they said so (logout, status offline), or their console stopped renewing. */
export type OfflineCause = 'went_offline' | 'lapsed';

/**
 * Gives the chats of agents who are gone back to the queue, so no shopper waits on nobody. An agent is gone
 * when they have no presence: they logged out or set themselves offline (the hub calls `release` at once),
 * or their console stopped renewing it for presenceTtlSeconds (a crash, a lost network, a closed laptop),
 * which has no event of its own — so every instance also sweeps now and then. `away` is a presence and does
 * not count: the agent is still there and still answers their chats, only not taking new ones.
 *
 * The store's `requeue` checks the presence and moves the session in one atomic step, so a heartbeat that
 * lands in time keeps the chat, and with several instances sweeping at once each conversation is re-queued,
 * and its shopper told, by exactly one of them.
 */
export class OfflineAgentSweep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<string[]> | undefined;
  private stopped = false;

  constructor(private readonly options: OfflineAgentSweepOptions) {}

  /** Sweeps every `intervalMs` (none when 0) until stop(); the timer alone does not keep the process up. */
  start(intervalMs: number): void {
    if (this.timer || this.stopped || intervalMs <= 0) return;
    this.timer = setInterval(() => {
      void this.sweep().catch((error: unknown) =>
        // A Redis outage, say: the next sweep tries again, and nothing was half done (each move is atomic).
        this.options.logger.warn({ err: error }, 'sweep for agents gone offline failed'),
      );
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a sweep under way, so the store is not closed beneath it. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One pass over every agent without a presence; the conversation ids re-queued. One pass at a time. */
  sweep(): Promise<string[]> {
    if (this.stopped) return Promise.resolve([]);
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Re-queues the agent's chats unless they have a presence at `now`; the conversation ids re-queued. */
  async release(username: string, cause: OfflineCause, now = this.options.clock()): Promise<string[]> {
    const { store } = this.options;
    const released: HandoffSession[] = [];
    for (const conversationId of await store.assignedTo(username)) {
      const outcome = await store.requeue(conversationId, username, now);
      if (outcome.ok) released.push(outcome.session);
      // They are back: they keep what they still hold.
      else if (outcome.reason === 'agent_present') break;
    }
    if (released.length === 0) return [];
    const ids = released.map((session) => session.conversationId);
    this.options.logger.info(
      { agent: username, cause, conversations: ids },
      'agent is offline: their conversations went back to the queue',
    );
    const othersOnline = await this.options.agentsAvailable(now).catch(() => true);
    // The shoppers hear it before the consoles see the chats in the queue, so "passed to another agent"
    // never arrives after the next agent's "has joined".
    await Promise.all(released.map((session) => this.tell(session, othersOnline, now)));
    // A lapse has no event of its own, and the consoles show who is online. Published by whoever re-queued
    // something: two instances splitting one agent's chats both say it, which only refreshes twice.
    if (cause === 'lapsed') {
      await this.options.publish({ type: 'presence.changed', agent: username, status: 'offline' });
    }
    await this.options.publish({ type: 'queue.changed' });
    return ids;
  }

  private async pass(): Promise<string[]> {
    const { store } = this.options;
    const now = this.options.clock();
    const [present, seated] = await Promise.all([store.presence(now), store.seatedAgents()]);
    const here = new Set(present.map((presence) => presence.username));
    const gone = new Set([...this.options.usernames(), ...seated].filter((name) => !here.has(name)));
    const released = await Promise.all([...gone].map((username) => this.release(username, 'lapsed', now)));
    return released.flat();
  }

  /**
   * Best effort, like every notice: the conversation is in the queue either way. What the shopper was told
   * joins the handoff's messages, so the next agent reads that the shopper was passed on.
   */
  private async tell(session: HandoffSession, othersOnline: boolean, now: Date): Promise<void> {
    const { language } = session.context;
    const notice = requeuedNotice(language, othersOnline);
    try {
      await this.options.messenger.send(session.reference, notice);
      const record: TurnRecord = { at: now.toISOString(), role: 'system', text: notice.text ?? '', language };
      await this.options.store.appendMessage(session.conversationId, record);
    } catch (error) {
      this.options.logger.warn(
        { err: error, conversationId: session.conversationId, channelId: session.reference.channelId },
        'could not tell the shopper their agent went offline',
      );
    }
  }
}
