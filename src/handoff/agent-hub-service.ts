import type { ChannelAccount, ConversationReference } from 'botbuilder';
import { defaultPolicy } from '../commerce/policy';
import type { AgentAccount } from '../config';
import type { Logger } from '../log/logger';
import type { ConversationLog, TurnRecord } from '../storage/conversation-log';
import type { HandoffGateway, HandoffSession, QueuePlace, ShopperMessenger } from './agent-hub';
import { AgentTokens } from './agent-tokens';
import type { CustomerProfile, HandoffContext } from './handoff-context';
import { HandoffError, handoffErrors } from './handoff-errors';
import type { AgentPresence, CustomerRecord, HandoffStore, StoreOutcome } from './handoff-store';
import type { AgentPresenceStatus, HubEvent } from './hub-events';
import { OfflineAgentSweep } from './offline-agent-sweep';
import { UNMATCHABLE_HASH, verifyPassword } from './passwords';
import { defaultQuickReplies, type QuickReply } from './quick-replies';
import { withinServiceHours, type ServiceHoursPolicy } from './service-hours';
import { agentMessage, joinedNotice, ratingRequest, transferredNotice } from './shopper-notices';

/** A logged-in agent, as every agent operation receives it from the token. */
export interface AgentIdentity {
  username: string;
  displayName: string;
  maxConcurrentChats: number;
}

/** Counts attempts per key in a time window (the channels' RateLimiter has this shape). */
export interface LoginLimiter {
  hit(key: string): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
}

export interface AgentHubOptions {
  store: HandoffStore;
  /** KEFU_AGENTS. May be empty: the hub then just has nobody to log in. */
  accounts: readonly AgentAccount[];
  messenger: ShopperMessenger;
  logger: Logger;
  /** Service hours and time zone; the demo shop's by default. */
  policy?: ServiceHoursPolicy;
  /** Where agent messages join the bot's transcript, so a later escalation shows them too. */
  conversationLog?: ConversationLog;
  /** The shop's quick replies; a list stored with HandoffStore.setQuickReplies wins over these. */
  quickReplies?: readonly QuickReply[];
  clock?: () => Date;
  /** Lifetime of an agent token: a working day (8 h) by default. */
  tokenTtlSeconds?: number;
  /** A presence lapses this long after the last heartbeat (a crashed console goes offline by itself). */
  presenceTtlSeconds?: number;
  /**
   * How often this instance looks for agents whose presence lapsed and gives their chats back to the queue:
   * a third of presenceTtlSeconds by default (the heartbeat's pace), so a chat waits at most that long on an
   * agent who is gone. 0: no timer (call sweepOfflineAgents yourself).
   */
  presenceSweepSeconds?: number;
  /** Longest agent message, in characters (MAX_MESSAGE_LENGTH). */
  maxMessageLength?: number;
  /** Login attempts per username and per client address; unlimited when absent. */
  loginLimits?: { perUsername: LoginLimiter; perAddress: LoginLimiter };
  /** The estimate per place in the queue before any wait has been measured. */
  defaultWaitSeconds?: number;
}

export interface AgentProfile {
  username: string;
  displayName: string;
  maxConcurrentChats: number;
}

export interface LoginResult {
  token: string;
  /** ISO time the token stops working. */
  expiresAt: string;
  expiresIn: number;
  agent: AgentProfile;
}

/** The lifecycle fields of a session the console sees as they are stored. */
const SESSION_LIFECYCLE_FIELDS = [
  'assignedTo',
  'assignedAt',
  'transferredFrom',
  'requeuedFrom',
  'requeuedAt',
  'firstAgentReplyAt',
  'closedAt',
  'closedBy',
  'resolution',
  'ratingPending',
  'rating',
] as const satisfies readonly (keyof HandoffSession)[];

/** A session as the console shows it: everything but the raw context and the channel's reference. */
export type SessionView = Pick<HandoffSession, 'conversationId' | 'state' | 'queuedAt'> &
  Partial<Pick<HandoffSession, (typeof SESSION_LIFECYCLE_FIELDS)[number]>> & {
    channelId?: string;
    priority: number;
    reason: string;
    language: string;
    summary: string;
    customerId?: string;
    waitingSeconds: number;
  };

export interface QueueEntry extends SessionView {
  position: number;
}

export interface AgentSummary extends AgentProfile {
  status: AgentPresenceStatus;
  chats: number;
}

export interface QueueView {
  queue: QueueEntry[];
  /** The caller's own conversations. */
  mine: SessionView[];
  agents: AgentSummary[];
  serviceOpen: boolean;
}

export interface ConversationView {
  session: SessionView;
  context: HandoffContext;
  /** The bot's transcript up to the handoff, then every message since. */
  transcript: TurnRecord[];
  /** The customer's tags and notes as they are now (the context holds them as they were at escalation). */
  customer?: { id: string } & CustomerRecord;
  position?: number;
  /** Whether the caller is the agent serving it (and so may reply, transfer and close). */
  yours: boolean;
}

/** What the console's WebSocket receives. */
export type AgentFrame =
  | { type: 'hello'; agent: AgentProfile; status: AgentPresenceStatus }
  | ({ type: 'queue' } & QueueView)
  | { type: 'session'; event: Extract<HubEvent, { type: `session.${string}` }> }
  | { type: 'message'; conversationId: string; record: TurnRecord };

interface Watcher {
  agent: AgentIdentity;
  push(frame: AgentFrame): void;
}

const DEFAULT_TOKEN_TTL_SECONDS = 8 * 3600;
const DEFAULT_PRESENCE_TTL_SECONDS = 90;
const DEFAULT_WAIT_SECONDS = 120;
/** Bursts of changes (fifty accepts at once) become one queue push per console. */
const REFRESH_DELAY_MS = 40;

function customerIdOf(session: HandoffSession): string | undefined {
  return session.context.customer?.id ?? session.reference.user?.id;
}

/**
 * The human side of the handoff (DESIGN.md §5, §6): the bot queues conversations through the
 * HandoffGateway methods; agents log in, take them, answer, hand them on and close them. Every state
 * change goes through the HandoffStore (atomic, shared by all instances) and is published, so the consoles
 * connected to any instance hear of it; replies reach the shopper through the ShopperMessenger, whichever
 * instance the shopper is connected to.
 */
export class AgentHub implements HandoffGateway {
  private readonly accounts: Map<string, AgentAccount>;
  private readonly clock: () => Date;
  private readonly policy: ServiceHoursPolicy;
  private readonly tokenTtlSeconds: number;
  private readonly presenceTtlSeconds: number;
  private tokens: Promise<AgentTokens> | undefined;
  private readonly watchers = new Set<Watcher>();
  private unsubscribe: Promise<() => Promise<void>> | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly offlineSweep: OfflineAgentSweep;

  constructor(private readonly options: AgentHubOptions) {
    this.accounts = new Map(options.accounts.map((account) => [account.username, account]));
    this.clock = options.clock ?? (() => new Date());
    this.policy = options.policy ?? defaultPolicy;
    this.tokenTtlSeconds = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
    this.presenceTtlSeconds = options.presenceTtlSeconds ?? DEFAULT_PRESENCE_TTL_SECONDS;
    this.offlineSweep = new OfflineAgentSweep({
      store: options.store,
      usernames: () => this.accounts.keys(),
      messenger: options.messenger,
      logger: options.logger,
      clock: this.clock,
      publish: (event) => this.publish(event),
      agentsAvailable: (now) => this.agentsAvailable(now),
    });
    // Started here, stopped by shutdown() (which the server calls on close). Every instance sweeps, even one
    // no agent is connected to: when an instance dies, its agents' presences lapse and only the others are
    // left to notice.
    this.offlineSweep.start(1000 * (options.presenceSweepSeconds ?? this.presenceTtlSeconds / 3));
  }

  /** How often a connected console should renew its presence. */
  get heartbeatIntervalMs(): number {
    return (this.presenceTtlSeconds * 1000) / 3;
  }

  get hasAccounts(): boolean {
    return this.accounts.size > 0;
  }

  // ---- HandoffGateway: the bot's side ----

  async sessionOf(conversationId: string): Promise<HandoffSession | undefined> {
    const session = await this.options.store.session(conversationId);
    if (!session) return undefined;
    if (session.state === 'closed' && !session.ratingPending) return undefined;
    return session;
  }

  async agentsAvailable(now: Date): Promise<boolean> {
    if (!withinServiceHours(now, this.policy)) return false;
    const present = await this.options.store.presence(now);
    return present.some((presence) => presence.status === 'online' && this.accounts.has(presence.username));
  }

  /** For an assigned conversation the place is 0: an agent is already serving it. */
  async enqueue(
    context: HandoffContext,
    reference: Partial<ConversationReference>,
    now: Date,
  ): Promise<QueuePlace> {
    const { created, session } = await this.options.store.enqueue({
      conversationId: context.conversationId,
      state: 'queued',
      context,
      reference,
      queuedAt: now.toISOString(),
    });
    if (created) {
      this.options.logger.info(
        { conversationId: context.conversationId, reason: context.reason, priority: context.priority },
        'conversation queued for an agent',
      );
      await this.publish({ type: 'queue.changed' });
    }
    if (session.state === 'assigned') return { position: 0, estimatedWaitSeconds: 0 };
    return (await this.place(context.conversationId)) ?? { position: 1, estimatedWaitSeconds: 0 };
  }

  async place(conversationId: string): Promise<QueuePlace | undefined> {
    const position = await this.options.store.position(conversationId);
    if (position === undefined) return undefined;
    return { position, estimatedWaitSeconds: await this.estimatedWait(position) };
  }

  /** True also when there was nothing to cancel: the conversation is with the bot either way. */
  async cancelWait(conversationId: string): Promise<boolean> {
    const outcome = await this.options.store.cancel(conversationId);
    if (outcome === 'cancelled') {
      this.options.logger.info({ conversationId }, 'shopper stopped waiting for an agent');
      await this.publish({ type: 'session.cancelled', conversationId });
      await this.publish({ type: 'queue.changed' });
    }
    return outcome !== 'assigned';
  }

  async shopperMessage(conversationId: string, record: TurnRecord): Promise<void> {
    const session = await this.options.store.session(conversationId);
    if (!session || session.state === 'closed') {
      this.options.logger.debug({ conversationId }, 'shopper message for no live handoff; dropped');
      return;
    }
    await this.options.store.appendMessage(conversationId, record);
    await this.publish({
      type: 'shopper.message',
      conversationId,
      ...(session.state === 'assigned' && session.assignedTo ? { assignedTo: session.assignedTo } : {}),
      record,
    });
  }

  async recordRating(conversationId: string, rating: number | undefined): Promise<void> {
    const session = await this.options.store.recordRating(conversationId, rating);
    if (!session) return;
    this.options.logger.info({ conversationId, rating, agent: session.closedBy }, 'handoff rated');
    await this.publish({
      type: 'session.rated',
      conversationId,
      ...(rating === undefined ? {} : { rating }),
    });
  }

  /** Tags and notes for the bot's HandoffContext (pass as `profile` to buildHandoffContext). */
  async customerProfile(customerId: string): Promise<CustomerProfile> {
    const record = await this.options.store.customer(customerId);
    return {
      tags: record.tags,
      notes: record.notes.map((note) => `${note.text} (${note.author}, ${note.at.slice(0, 10)})`),
    };
  }

  // ---- agents ----

  async login(username: string, password: string, address: string): Promise<LoginResult> {
    const limits = this.options.loginLimits;
    if (limits) {
      // Both counted on every attempt: one guesses many passwords of a name, the other many names.
      const [byName, byAddress] = await Promise.all([
        limits.perUsername.hit(`agent-login:user:${username}`),
        limits.perAddress.hit(`agent-login:ip:${address}`),
      ]);
      const refused = [byName, byAddress].filter((decision) => !decision.allowed);
      if (refused.length > 0) {
        this.options.logger.warn({ username }, 'agent login rate-limited');
        throw handoffErrors.loginRateLimited(Math.max(...refused.map((d) => d.retryAfterSeconds)));
      }
    }
    const account = this.accounts.get(username);
    // An unknown name costs the same scrypt as a known one, so timing does not tell which names exist.
    const matches = await verifyPassword(password, account?.passwordHash ?? UNMATCHABLE_HASH);
    if (!account || !matches) {
      this.options.logger.info({ username }, 'agent login refused');
      throw handoffErrors.badCredentials();
    }
    const issued = (await this.agentTokens()).issue(account.username);
    await this.setStatus(this.identityOf(account), 'online');
    this.options.logger.info({ agent: account.username }, 'agent logged in');
    return {
      token: issued.token,
      expiresAt: new Date(issued.expiresAt * 1000).toISOString(),
      expiresIn: issued.expiresIn,
      agent: this.profileOf(account),
    };
  }

  /** The agent a bearer token belongs to; 401 when it is missing, forged, expired or its account is gone. */
  async authenticate(token: string | undefined): Promise<AgentIdentity> {
    if (!token) throw handoffErrors.missingToken();
    const check = (await this.agentTokens()).verify(token);
    if (!check.ok)
      throw check.problem === 'expired' ? handoffErrors.tokenExpired() : handoffErrors.tokenInvalid();
    const account = this.accounts.get(check.claims.sub);
    // A removed account's tokens die with it.
    if (!account) throw handoffErrors.tokenInvalid();
    return this.identityOf(account);
  }

  async logout(agent: AgentIdentity): Promise<void> {
    await this.setStatus(agent, 'offline');
  }

  async setStatus(agent: AgentIdentity, status: AgentPresenceStatus): Promise<void> {
    await this.options.store.setPresence(agent.username, status, this.presenceExpiry());
    await this.publish({ type: 'presence.changed', agent: agent.username, status });
    // Only offline gives the chats back. `away` (hub-events: logged in, not taking new chats) keeps a
    // presence: the agent is still there and still answering the chats they hold — it only stops new ones
    // (agentsAvailable wants `online`). Taking their chats away would cut conversations off mid-way.
    if (status !== 'offline') return;
    await this.offlineSweep.release(agent.username, 'went_offline').catch((error: unknown) =>
      // The status stands; the next sweep gives the chats back (the presence is gone, so it will).
      this.options.logger.warn(
        { err: error, agent: agent.username },
        'chats of an agent gone offline not re-queued yet',
      ),
    );
  }

  async status(agent: AgentIdentity): Promise<AgentPresenceStatus> {
    const present = await this.options.store.presence(this.clock());
    return present.find((presence) => presence.username === agent.username)?.status ?? 'offline';
  }

  /**
   * Gives the chats of every agent whose presence has lapsed back to the queue (the timer does this every
   * presenceSweepSeconds); the conversation ids re-queued. Safe to run on several instances at once.
   */
  sweepOfflineAgents(): Promise<string[]> {
    return this.offlineSweep.sweep();
  }

  /** Keeps a connected console's presence alive. False once it has lapsed (the console must set it again). */
  heartbeat(agent: AgentIdentity): Promise<boolean> {
    return this.options.store.refreshPresence(agent.username, this.clock(), this.presenceExpiry());
  }

  async queueView(agent: AgentIdentity): Promise<QueueView> {
    const shared = await this.sharedView();
    return { ...shared, mine: await this.mine(agent.username) };
  }

  async conversation(agent: AgentIdentity, conversationId: string): Promise<ConversationView> {
    const session = await this.options.store.session(conversationId);
    if (!session) throw handoffErrors.conversationNotFound();
    const customerId = customerIdOf(session);
    const [messages, position, customer] = await Promise.all([
      this.options.store.messages(conversationId),
      session.state === 'queued' ? this.options.store.position(conversationId) : undefined,
      customerId ? this.options.store.customer(customerId) : undefined,
    ]);
    return {
      session: this.viewOf(session),
      context: session.context,
      transcript: [...session.context.transcript, ...messages],
      ...(customerId && customer ? { customer: { id: customerId, ...customer } } : {}),
      ...(position === undefined ? {} : { position }),
      yours: session.state === 'assigned' && session.assignedTo === agent.username,
    };
  }

  async accept(agent: AgentIdentity, conversationId: string): Promise<SessionView> {
    const now = this.clock();
    // Without a presence (logged out in another tab, or a console whose heartbeats stopped) the next sweep
    // would hand the chat straight back to the queue: refuse, and say how to come back. With one, taking a
    // chat shows the agent is there, so it is renewed.
    if (!(await this.options.store.refreshPresence(agent.username, now, this.presenceExpiry()))) {
      throw handoffErrors.notOnline();
    }
    const outcome = await this.options.store.accept(conversationId, agent, now);
    if (!outcome.ok) {
      if (outcome.reason === 'not_found') throw handoffErrors.conversationNotFound();
      if (outcome.reason === 'at_capacity') throw handoffErrors.atCapacity(agent.maxConcurrentChats);
      throw handoffErrors.alreadyTaken();
    }
    const { session } = outcome;
    this.options.logger.info(
      { conversationId, agent: agent.username, waitedSeconds: this.waited(session, now) },
      'agent accepted a conversation',
    );
    await this.publish({ type: 'session.assigned', conversationId, agent: agent.username });
    await this.publish({ type: 'queue.changed' });
    await this.notifyShopper(session, joinedNotice(this.accountOf(agent), session.context.language));
    return this.viewOf(session);
  }

  async sendMessage(agent: AgentIdentity, conversationId: string, text: string): Promise<TurnRecord> {
    const trimmed = text.trim();
    if (trimmed === '') throw handoffErrors.emptyText();
    const max = this.options.maxMessageLength;
    if (max !== undefined && [...trimmed].length > max) throw handoffErrors.textTooLong(max);
    const session = await this.options.store.session(conversationId);
    this.mustServe(session, agent);
    const { language } = session.context;
    try {
      await this.options.messenger.send(
        session.reference,
        agentMessage(this.accountOf(agent), trimmed, language),
      );
    } catch (error) {
      this.options.logger.warn(
        { err: error, conversationId, channelId: session.reference.channelId },
        'agent message not delivered',
      );
      throw handoffErrors.deliveryFailed();
    }
    const now = this.clock();
    const record: TurnRecord = {
      at: now.toISOString(),
      role: 'agent',
      text: trimmed,
      language,
      name: agent.displayName,
    };
    await this.options.store.appendMessage(conversationId, record);
    await this.options.store.markFirstReply(conversationId, now);
    await this.options.conversationLog?.append(conversationId, record);
    await this.publish({ type: 'agent.message', conversationId, agent: agent.username, record });
    return record;
  }

  async transfer(agent: AgentIdentity, conversationId: string, to: string): Promise<SessionView> {
    const target = this.accounts.get(to);
    if (!target) throw handoffErrors.agentNotFound();
    if (target.username === agent.username) throw handoffErrors.sameAgent();
    const now = this.clock();
    // The shopper would wait for nobody: only someone online can take a conversation over.
    const present = await this.options.store.presence(now);
    if (!present.some((presence) => presence.username === to && presence.status === 'online')) {
      const session = await this.options.store.session(conversationId);
      this.mustServe(session, agent);
      throw handoffErrors.targetUnavailable();
    }
    const outcome = await this.options.store.transfer(conversationId, agent.username, target, now);
    const session = this.mustSucceed(outcome, () => handoffErrors.targetAtCapacity());
    this.options.logger.info({ conversationId, from: agent.username, to }, 'conversation transferred');
    await this.publish({ type: 'session.transferred', conversationId, from: agent.username, to });
    await this.notifyShopper(session, transferredNotice(this.accountOf(target), session.context.language));
    return this.viewOf(session);
  }

  async close(
    agent: AgentIdentity,
    conversationId: string,
    resolution: string,
  ): Promise<{ session: SessionView; ratingRequested: boolean }> {
    const now = this.clock();
    const outcome = await this.options.store.close(conversationId, agent.username, resolution, now);
    const session = this.mustSucceed(outcome, () => handoffErrors.notAssigned());
    this.options.logger.info({ conversationId, agent: agent.username }, 'conversation closed by agent');
    await this.publish({ type: 'session.closed', conversationId, agent: agent.username });
    const request = ratingRequest(this.accountOf(agent), session.context.language);
    const ratingRequested = await this.notifyShopper(session, request);
    if (ratingRequested) {
      await this.options.store.appendMessage(conversationId, {
        at: now.toISOString(),
        role: 'system',
        text: request.text ?? '',
        language: session.context.language,
      });
    }
    return { session: this.viewOf(session), ratingRequested };
  }

  async customer(customerId: string): Promise<{ id: string } & CustomerRecord> {
    return { id: customerId, ...(await this.options.store.customer(customerId)) };
  }

  async addTag(customerId: string, tag: string): Promise<{ id: string } & CustomerRecord> {
    return { id: customerId, ...(await this.options.store.addTag(customerId, tag)) };
  }

  async removeTag(customerId: string, tag: string): Promise<{ id: string } & CustomerRecord> {
    return { id: customerId, ...(await this.options.store.removeTag(customerId, tag)) };
  }

  async addNote(
    agent: AgentIdentity,
    customerId: string,
    text: string,
  ): Promise<{ id: string } & CustomerRecord> {
    const note = { text, author: agent.username, at: this.clock().toISOString() };
    return { id: customerId, ...(await this.options.store.addNote(customerId, note)) };
  }

  async quickReplies(): Promise<QuickReply[]> {
    return (
      (await this.options.store.quickReplies()) ?? [...(this.options.quickReplies ?? defaultQuickReplies)]
    );
  }

  /**
   * Pushes the agent what concerns them — the queue whenever it changes, their conversations' messages,
   * session changes — from whichever instance they happened on. Returns the function that stops it.
   */
  async watch(agent: AgentIdentity, push: (frame: AgentFrame) => void): Promise<() => void> {
    await this.ensureSubscribed();
    const watcher: Watcher = { agent, push };
    this.watchers.add(watcher);
    push({ type: 'hello', agent: this.profileOf(agent), status: await this.status(agent) });
    push({ type: 'queue', ...(await this.queueView(agent)) });
    return () => {
      this.watchers.delete(watcher);
    };
  }

  /** Stops pushing to consoles and leaves the store's events (the store itself belongs to the caller). */
  async shutdown(): Promise<void> {
    this.closed = true;
    await this.offlineSweep.stop();
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.watchers.clear();
    const unsubscribe = await this.unsubscribe?.catch(() => undefined);
    await unsubscribe?.();
  }

  // ---- internals ----

  private agentTokens(): Promise<AgentTokens> {
    this.tokens ??= this.options.store
      .signingKey()
      .then(
        (key) => new AgentTokens(key, this.tokenTtlSeconds, () => Math.floor(this.clock().getTime() / 1000)),
      );
    this.tokens.catch(() => (this.tokens = undefined));
    return this.tokens;
  }

  private presenceExpiry(): Date {
    return new Date(this.clock().getTime() + this.presenceTtlSeconds * 1000);
  }

  private async estimatedWait(position: number): Promise<number> {
    const waits = await this.options.store.recentWaits();
    const perPlace =
      waits.length > 0
        ? waits.reduce((sum, seconds) => sum + seconds, 0) / waits.length
        : (this.options.defaultWaitSeconds ?? DEFAULT_WAIT_SECONDS);
    return Math.round(perPlace * position);
  }

  private async sharedView(): Promise<Omit<QueueView, 'mine'>> {
    const now = this.clock();
    const [queued, present] = await Promise.all([
      this.options.store.queue(),
      this.options.store.presence(now),
    ]);
    const presence = new Map<string, AgentPresence>(present.map((entry) => [entry.username, entry]));
    const agents = await Promise.all(
      [...this.accounts.values()].map(async (account) => ({
        ...this.profileOf(account),
        status: presence.get(account.username)?.status ?? ('offline' as const),
        chats: (await this.options.store.assignedTo(account.username)).length,
      })),
    );
    return {
      queue: queued.map((session, index) => ({ ...this.viewOf(session, now), position: index + 1 })),
      agents,
      serviceOpen: withinServiceHours(now, this.policy),
    };
  }

  private async mine(username: string): Promise<SessionView[]> {
    const ids = await this.options.store.assignedTo(username);
    const sessions = await Promise.all(ids.map((id) => this.options.store.session(id)));
    const now = this.clock();
    return sessions
      .filter((session): session is HandoffSession => session?.state === 'assigned')
      .filter((session) => session.assignedTo === username)
      .sort((a, b) => (a.assignedAt ?? '').localeCompare(b.assignedAt ?? ''))
      .map((session) => this.viewOf(session, now));
  }

  private viewOf(session: HandoffSession, now = this.clock()): SessionView {
    const { context } = session;
    const view: SessionView = {
      conversationId: session.conversationId,
      state: session.state,
      priority: context.priority,
      reason: context.reason,
      language: context.language,
      summary: context.summary,
      queuedAt: session.queuedAt,
      waitingSeconds: this.waited(session, now),
    };
    const channelId = session.reference.channelId;
    if (channelId !== undefined) view.channelId = channelId;
    const customerId = customerIdOf(session);
    if (customerId !== undefined) view.customerId = customerId;
    // Absent fields stay absent, so the console's JSON has no nulls for what has not happened yet.
    for (const field of SESSION_LIFECYCLE_FIELDS) {
      if (session[field] !== undefined) Object.assign(view, { [field]: session[field] });
    }
    return view;
  }

  /** Seconds from queued to taken (or to now, while it still waits). */
  private waited(session: HandoffSession, now: Date): number {
    const end =
      session.state === 'queued' ? now.getTime() : Date.parse(session.assignedAt ?? session.queuedAt);
    return Math.max(0, Math.round((end - Date.parse(session.queuedAt)) / 1000));
  }

  private mustServe(
    session: HandoffSession | undefined,
    agent: AgentIdentity,
  ): asserts session is HandoffSession {
    if (!session) throw handoffErrors.conversationNotFound();
    if (session.state !== 'assigned') throw handoffErrors.notAssigned();
    if (session.assignedTo !== agent.username) throw handoffErrors.notYours();
  }

  private mustSucceed(outcome: StoreOutcome, atCapacity: () => HandoffError): HandoffSession {
    if (outcome.ok) return outcome.session;
    switch (outcome.reason) {
      case 'not_found':
        throw handoffErrors.conversationNotFound();
      case 'not_yours':
        throw handoffErrors.notYours();
      case 'same_agent':
        throw handoffErrors.sameAgent();
      case 'at_capacity':
        throw atCapacity();
      default:
        throw handoffErrors.notAssigned();
    }
  }

  /** Best effort: the state change stands even if the shopper's channel is down; the agent sees it in the log. */
  private async notifyShopper(session: HandoffSession, activity: Parameters<ShopperMessenger['send']>[1]) {
    try {
      await this.options.messenger.send(session.reference, activity);
      return true;
    } catch (error) {
      this.options.logger.warn(
        { err: error, conversationId: session.conversationId, channelId: session.reference.channelId },
        'could not tell the shopper',
      );
      return false;
    }
  }

  private identityOf(account: AgentAccount): AgentIdentity {
    return {
      username: account.username,
      displayName: account.displayName,
      maxConcurrentChats: account.maxConcurrentChats,
    };
  }

  private profileOf(account: AgentIdentity): AgentProfile {
    return {
      username: account.username,
      displayName: account.displayName,
      maxConcurrentChats: account.maxConcurrentChats,
    };
  }

  /** The agent as the shopper's channel shows them: their display name, on the bot's side of the chat. */
  private accountOf(agent: AgentIdentity): ChannelAccount & { name: string } {
    return { id: `agent:${agent.username}`, name: agent.displayName, role: 'bot' };
  }

  private async publish(event: HubEvent): Promise<void> {
    try {
      await this.options.store.publish(event);
    } catch (error) {
      // The change itself is stored; consoles catch up on their next refresh.
      this.options.logger.warn({ err: error, event: event.type }, 'handoff event not published');
    }
  }

  private ensureSubscribed(): Promise<() => Promise<void>> {
    this.unsubscribe ??= this.options.store.subscribe((event) => this.onEvent(event));
    this.unsubscribe.catch(() => (this.unsubscribe = undefined));
    return this.unsubscribe;
  }

  private onEvent(event: HubEvent): void {
    if (this.closed) return;
    switch (event.type) {
      case 'shopper.message':
        // A waiting conversation may be looked at by anyone; an assigned one concerns its agent.
        this.pushTo((agent) => event.assignedTo === undefined || agent.username === event.assignedTo, {
          type: 'message',
          conversationId: event.conversationId,
          record: event.record,
        });
        return;
      case 'agent.message':
        this.pushTo((agent) => agent.username === event.agent, {
          type: 'message',
          conversationId: event.conversationId,
          record: event.record,
        });
        return;
      case 'queue.changed':
      case 'presence.changed':
        this.scheduleRefresh();
        return;
      default:
        this.pushTo(() => true, { type: 'session', event });
        this.scheduleRefresh();
    }
  }

  private pushTo(wanted: (agent: AgentIdentity) => boolean, frame: AgentFrame): void {
    for (const watcher of this.watchers) {
      if (!wanted(watcher.agent)) continue;
      try {
        watcher.push(frame);
      } catch (error) {
        this.options.logger.debug({ err: error }, 'agent console push failed');
      }
    }
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer || this.watchers.size === 0 || this.closed) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.refresh().catch((error: unknown) =>
        this.options.logger.warn({ err: error }, 'agent queue refresh failed'),
      );
    }, REFRESH_DELAY_MS);
  }

  private async refresh(): Promise<void> {
    if (this.watchers.size === 0) return;
    const shared = await this.sharedView();
    for (const watcher of [...this.watchers]) {
      const mine = await this.mine(watcher.agent.username);
      if (this.watchers.has(watcher)) watcher.push({ type: 'queue', ...shared, mine });
    }
  }
}
